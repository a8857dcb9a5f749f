/**
 * For tests: a note as the parse worker hands it to the library — its sentences in one section, every one a
 * key sentence, and a concept for each of the first sentences — without running the parser or the model.
 */
import type { ParsedDocument } from '../../shared/document';
import { sentenceHash } from '../../core/text/sentence-hash';

export function parsedNote(sentences: readonly string[], options: { sourceName?: string; contentHash?: string; title?: string; concepts?: readonly string[] } = {}): ParsedDocument {
  const title = options.title ?? 'Cells';
  let offset = 0;
  const parsed = sentences.map((text) => {
    const start = offset;
    offset += text.length + 1;
    return { text, section: [title], page: null, start, end: start + text.length, hash: sentenceHash(text) };
  });
  return {
    title,
    format: 'markdown',
    language: 'en',
    sourceName: options.sourceName ?? 'cells.md',
    byteSize: offset,
    contentHash: options.contentHash ?? 'v1',
    pageCount: null,
    text: sentences.join(' '),
    sections: [],
    sentences: parsed,
    links: [],
    tags: [],
    warnings: [],
    analysis: {
      provider: 'cpu',
      knownTokenShare: 1,
      reducedQuality: false,
      // The first sentence the most salient; each word weighs a little in "why this sentence".
      sentences: sentences.map((text, i) => ({ salience: 2 - i, selected: true, why: text.toLowerCase().split(/\W+/).filter(Boolean).map((token) => ({ token, weight: 0.1 })) })),
      concepts: (options.concepts ?? ['mitochondria', 'ribosomes']).slice(0, sentences.length).map((phrase, i) => ({ phrase, score: 1 - 0.2 * i, sentences: [i] })),
    },
  };
}
