/**
 * Published unsupervised keyphrase figures the protocol compares against (shared/eval/README.md). They are
 * measured on the official test splits, which are not the dev files here: read a dev figure beside them
 * as a guide, not as a like-for-like result.
 */
import type { KeyphraseDatasetKind } from './datasets';

export interface PublishedFigure {
  dataset: KeyphraseDatasetKind;
  split: 'test';
  system: string;
  /** Macro F1 in percent. */
  f1At5: number;
  /** Null where the source gives only F1@5. */
  f1At10: number | null;
  source: string;
}

export const publishedConceptFigures: readonly PublishedFigure[] = [
  { dataset: 'inspec', split: 'test', system: 'TextRank', f1At5: 26.91, f1At10: 33.95, source: 'pke benchmarks (Boudin, github.com/boudinfl/pke)' },
  { dataset: 'inspec', split: 'test', system: 'TfIdf', f1At5: 28.37, f1At10: 35.0, source: 'pke benchmarks (Boudin, github.com/boudinfl/pke)' },
  { dataset: 'inspec', split: 'test', system: 'SIFRank', f1At5: 29.11, f1At10: null, source: 'Sun et al., SIFRank, IEEE Access 2020' },
  { dataset: 'inspec', split: 'test', system: 'PromptRank', f1At5: 31.73, f1At10: 37.88, source: 'Kong et al., PromptRank, ACL 2023' },
  { dataset: 'semeval2010', split: 'test', system: 'PositionRank', f1At5: 12.72, f1At10: 16.64, source: 'Florescu & Caragea, PositionRank, ACL 2017 (figure as given in the protocol)' },
  { dataset: 'semeval2010', split: 'test', system: 'PromptRank', f1At5: 17.24, f1At10: 20.66, source: 'Kong et al., PromptRank, ACL 2023' },
];

export function publishedFiguresFor(dataset: KeyphraseDatasetKind): PublishedFigure[] {
  return publishedConceptFigures.filter((figure) => figure.dataset === dataset);
}
