/**
 * Search with autocomplete over concept labels and document titles (and file names), and the forms concepts are
 * merged by (plurals as singulars). Matching ignores case, accents and punctuation. Ranked by how the query matches — the whole label, its start, the start of
 * every query word somewhere in the label, anywhere inside it — then by weight, then shorter labels first.
 */
import { type GraphNodeKind, type GraphView, type KnowledgeGraph, asView } from './knowledge-graph';
import { compareStrings } from '../compare-strings';
import { foldAccents } from '../text/fold-accents';
import { conceptKey } from '../extraction/concept-key';

export type SearchMatch = 'exact' | 'prefix' | 'word' | 'substring';

export interface SearchHit {
  id: string;
  kind: GraphNodeKind;
  label: string;
  weight: number;
  match: SearchMatch;
}

const TIERS: readonly SearchMatch[] = ['exact', 'prefix', 'word', 'substring'];

/** Lowercase, accents removed, anything but letters and digits turned into single spaces. */
export function searchForm(text: string): string {
  return foldAccents(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function matchOf(text: string, query: string, queryWords: readonly string[]): SearchMatch | null {
  if (text === query) return 'exact';
  if (text.startsWith(query)) return 'prefix';
  const words = text.split(' ');
  if (queryWords.every((q) => words.some((w) => w.startsWith(q)))) return 'word';
  if (text.includes(query)) return 'substring';
  return null;
}

function fileName(sourceName: string): string {
  return sourceName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '');
}

export function searchGraph(source: KnowledgeGraph | GraphView, query: string, limit = 10): SearchHit[] {
  const q = searchForm(query);
  if (q === '') return [];
  // The query as concepts are merged too (plurals to singulars: "enzymes" finds "enzyme", "mitochondrion" finds
  // the concept labelled "Mitochondria"), beside the query as typed.
  const forms = [...new Set([q, searchForm(conceptKey(query))].filter(Boolean))].map((form) => ({ form, words: form.split(' ') }));
  const hits: Array<SearchHit & { tier: number }> = [];
  for (const node of asView(source).nodes) {
    if (node.kind !== 'concept' && node.kind !== 'document') continue;
    const texts = [node.label, ...(node.kind === 'document' && node.sourceName ? [fileName(node.sourceName)] : []), ...(node.kind === 'concept' ? node.keys : [])];
    let tier = TIERS.length;
    for (const text of texts) {
      for (const { form, words } of forms) {
        const match = matchOf(searchForm(text), form, words);
        if (match) tier = Math.min(tier, TIERS.indexOf(match));
      }
    }
    if (tier < TIERS.length) hits.push({ id: node.id, kind: node.kind, label: node.label, weight: node.weight, match: TIERS[tier]!, tier });
  }
  hits.sort(
    (a, b) =>
      a.tier - b.tier ||
      b.weight - a.weight ||
      a.label.length - b.label.length ||
      compareStrings(a.label, b.label) ||
      compareStrings(a.id, b.id),
  );
  return hits.slice(0, limit).map(({ tier: _tier, ...hit }) => hit);
}
