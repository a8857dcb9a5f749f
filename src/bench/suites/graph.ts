import { dot } from '../../core/attention/vector-math';
import { addDocument, buildGraph, removeDocument } from '../../core/graph/build-graph';
import type { DocumentContribution, KnowledgeGraph } from '../../core/graph/knowledge-graph';
import { BENCHMARK_LIBRARY, syntheticLibrary } from '../../core/graph/synthetic-library';
import { median, ratioAgainst, timeRuns, type Benchmark } from '../harness';

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The floor: every concept key's similarity to every other, each row in one dense loop (the first vector given for
 * a key, as the build takes it): the comparisons alone that finding each concept's nearest neighbours by brute force
 * takes, before any graph is made. A ratio near 1: merging, linking and the rest of the build cost little beside them
 * (the build compares what it needs, from rows it caches, so it may come in under this).
 */
function allPairsSimilarities(library: readonly DocumentContribution[]): () => number {
  const vectors = new Map<string, readonly number[]>();
  for (const document of library) for (const concept of document.concepts) if (concept.vector && !vectors.has(concept.key)) vectors.set(concept.key, concept.vector);
  const count = vectors.size;
  const D = Math.max(0, ...[...vectors.values()].map((vector) => vector.length));
  const packed = new Float64Array(count * D);
  [...vectors.values()].forEach((vector, i) => packed.set(vector, i * D));
  return () => {
    const row = new Float64Array(count);
    let checksum = 0;
    for (let a = 0; a < count; a++) {
      const vector = packed.subarray(a * D, (a + 1) * D);
      for (let b = 0; b < count; b++) row[b] = dot(vector, packed, b * D, D);
      checksum += row[(a + 1) % count]!;
    }
    return checksum;
  };
}

/**
 * The knowledge graph's build from a seeded synthetic library (250 notes × 20 concepts, some shared, vectors
 * scattered around 40 topics; about 5,000 nodes and 20,000 edges): the whole build, and adding or removing one note. Adding is timed on a graph
 * this session built (its indexes warm) and on one read back from storage (structured clone: indexes rebuilt).
 */
export const graphBuildBenchmark: Benchmark = {
  name: 'graph.build',
  async run({ runs }) {
    const library = syntheticLibrary(BENCHMARK_LIBRARY);
    const whole = await timeRuns(() => buildGraph(library), runs);
    const floor = await timeRuns(allPairsSimilarities(library), runs);

    const last = library.at(-1)!;
    let graph: KnowledgeGraph = buildGraph(library.slice(0, -1));
    const adds: number[] = [];
    const removes: number[] = [];
    let full = graph;
    for (let i = 0; i <= runs; i++) {
      let start = performance.now();
      full = addDocument(graph, last);
      const added = performance.now() - start;
      start = performance.now();
      graph = removeDocument(full, last.documentId);
      const removed = performance.now() - start;
      // The first round warms the JIT, as timeRuns does.
      if (i === 0) continue;
      adds.push(added);
      removes.push(removed);
    }
    const colds: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const stored = structuredClone(graph);
      const start = performance.now();
      addDocument(stored, last);
      if (i > 0) colds.push(performance.now() - start);
    }

    const nodes = Object.keys(full.nodes).length;
    const edges = Object.values(full.edges);
    return {
      name: 'graph.build',
      description:
        `Knowledge graph of ${library.length} synthetic notes (${nodes} nodes, ${edges.length} edges): the whole build, and adding or removing one note. ` +
        'Covers the build only; layout and first frame in Chromium (target ≤ 3 s) are measured separately.',
      ...whole,
      against: ratioAgainst(whole, 'every concept’s similarity to every other (the all-pairs products, no graph)', floor),
      figures: {
        nodes,
        edges: edges.length,
        inferredEdges: edges.filter((e) => e.inferred).length,
        addOneDocumentMs: round(median(adds)),
        addOneDocumentColdMs: round(median(colds)),
        removeOneDocumentMs: round(median(removes)),
      },
    };
  },
};
