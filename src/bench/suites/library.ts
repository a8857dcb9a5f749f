/**
 * Storing imports into a growing library, through the renderer's LibraryRepository over fake-indexeddb (Node has
 * no IndexedDB; Chromium's is faster, the growth is the point): the 250 synthetic notes of the graph benchmark,
 * each with 24 sentences and 20 concepts with vectors, stored one by one. Each store should cost about the same
 * whatever the library holds; then the Graph screen's catch-up puts all of them into the graph at once.
 */
import 'fake-indexeddb/auto';
import { buildGraph } from '../../core/graph/build-graph';
import { BENCHMARK_LIBRARY, syntheticLibrary, syntheticSources } from '../../core/graph/synthetic-library';
import type { ContributionSource } from '../../core/graph/contribution';
import { sentenceHash } from '../../core/text/sentence-hash';
import type { ParsedDocument } from '../../shared/document';
import { FocalDb } from '../../renderer/db/focal-db';
import { readGraphRow } from '../../renderer/db/graph-row';
import { LibraryRepository } from '../../renderer/db/library-repository';
import { median, timeRuns, type Benchmark } from '../harness';

/** How many stores at each end of the library are compared. */
const EACH_END = 25;

/** A synthetic note as the parse worker would hand it over: its text, sentences, and the model's reading. */
function parsedFrom(source: ContributionSource, index: number): ParsedDocument {
  const { document } = source;
  const vectors = source.vectors as Readonly<Record<string, number[]>>;
  let offset = 0;
  const sentences = source.sentences.map((sentence) => {
    const text = `Sentence ${sentence.ordinal} of ${document.title} says something about ${document.concepts[sentence.ordinal % document.concepts.length]!.phrase}.`;
    const start = offset;
    offset += text.length + 1;
    return { text, section: [document.title], page: null, start, end: start + text.length, hash: sentenceHash(text) };
  });
  return {
    title: document.title,
    format: 'markdown',
    language: 'en',
    sourceName: document.sourceName,
    byteSize: offset,
    contentHash: `synthetic-${index}`,
    pageCount: null,
    text: sentences.map((s) => s.text).join(' '),
    sections: [],
    sentences,
    links: [...document.links],
    tags: [...document.tags],
    warnings: [],
    analysis: {
      provider: 'cpu',
      knownTokenShare: 1,
      reducedQuality: false,
      sentences: source.sentences.map((s) => ({ salience: s.salience ?? 0, selected: s.selected })),
      concepts: document.concepts.map((concept) => ({ ...concept, vector: vectors[concept.phrase] })),
    },
  };
}

export const libraryImportBenchmark: Benchmark = {
  name: 'library.store',
  async run({ runs }) {
    const notes = syntheticSources(BENCHMARK_LIBRARY).map(parsedFrom);
    const db = new FocalDb(`bench-library-${Date.now()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1_700_000_000_000);
    const stores: number[] = [];
    for (const note of notes) {
      const start = performance.now();
      await library.store(note);
      stores.push(performance.now() - start);
    }
    const start = performance.now();
    const row = await readGraphRow(db);
    const catchUpMs = performance.now() - start;
    const inMemory = await timeRuns(() => buildGraph(syntheticLibrary(BENCHMARK_LIBRARY)), Math.min(runs, 3));
    await db.delete();

    const first = median(stores.slice(0, EACH_END));
    const last = median(stores.slice(-EACH_END));
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      name: 'library.store',
      description:
        `Storing ${notes.length} synthetic notes one by one (fake-indexeddb in Node): median of the last ${EACH_END} stores, against the first ${EACH_END} ` +
        '(a ratio near 1: a store costs the same in a full library). Then the Graph screen putting them all into the graph at its next opening.',
      medianMs: round(last),
      runs: EACH_END,
      against: { name: `the first ${EACH_END} stores, into a library of under ${EACH_END} notes`, medianMs: round(first), ratio: Math.round((last / first) * 100) / 100 },
      figures: {
        notes: notes.length,
        graphNodes: Object.keys(row?.graph.nodes ?? {}).length,
        graphCatchUpMs: Math.round(catchUpMs),
        graphBuildInMemoryMs: Math.round(inMemory.medianMs),
      },
      target: 'ratio ≤ 2',
    };
  },
};
