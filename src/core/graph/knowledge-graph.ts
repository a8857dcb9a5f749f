/**
 * The knowledge graph's data: plain records and arrays only (no classes, no typed arrays), so the renderer can
 * keep it in Dexie beside its layout positions and send it through structured clone or JSON unchanged.
 *
 * A `KnowledgeGraph` is the stored, incrementally maintained whole: what each document contributed (the
 * support), and the nodes and edges derived from it. A `GraphView` is what is drawn or exported: plain
 * node and edge lists, the whole graph or any part of it (see level-of-detail.ts).
 */
import { compareStrings } from '../compare-strings';

/*
 * Thresholds, calibrated on Focal's word table (models/glove-100k.bin, 100-d) with a phrase's vector the sum of
 * its tokens' vectors. Cosines between random pairs of two-word phrases from the vocabulary: 99th percentile
 * 0.45, 99.9th 0.56, 99.99th 0.65.
 */

/**
 * Concepts at least this close are one idea and merge into one node. Strict on purpose: distinct sibling
 * concepts score higher than genuine rephrasings ("first world war" / "second world war" 0.991, "Newton's
 * first law" / "… second law" 0.985, "north America" / "south America" 0.972, against "learning rate" /
 * "rate of learning" 0.932, "speed of light" / "light speed" 0.934), so no lower threshold merges rephrasings
 * without merging different ideas. What merges is the same words in another order (1.000); rephrasings are
 * linked by inferred edges instead (0.83–0.94, well above INFERRED_MIN_COSINE) when they sit in different notes.
 */
export const MERGE_MIN_COSINE = 0.995;
/**
 * Concepts of different documents at least this close get an inferred `similar` edge. Above the 99.9th
 * percentile of random phrase pairs, so chance links are rare, while related ideas pass: "machine learning" /
 * "deep learning" 0.70, "enzyme" / "protein" 0.64, "supply and demand" / "market price" 0.78
 * ("photosynthesis" / "chlorophyll", 0.56, just misses).
 */
export const INFERRED_MIN_COSINE = 0.6;
/**
 * Each concept lists at most this many inferred neighbours, and an edge exists when each end lists the other, so
 * no concept has more than 3 inferred edges (with "either end", one generic concept had 22).
 */
export const INFERRED_PER_CONCEPT = 3;

export interface GraphThresholds {
  mergeMinCosine: number;
  inferredMinCosine: number;
  inferredPerConcept: number;
}

export const DEFAULT_THRESHOLDS: GraphThresholds = Object.freeze({
  mergeMinCosine: MERGE_MIN_COSINE,
  inferredMinCosine: INFERRED_MIN_COSINE,
  inferredPerConcept: INFERRED_PER_CONCEPT,
});

export type GraphNodeKind = 'concept' | 'document' | 'sentence';

/**
 * - `co-occurs`: two concepts share key sentences (undirected; weight = Σ sigmoid(salience) of those sentences).
 * - `similar`: two concepts that never share a document but whose embeddings are close (undirected, inferred).
 * - `mentions`: document → concept (weight = the concept's score in that document).
 * - `links-to`: document → document, a Markdown [[wikilink]].
 * - `key-sentence`: concept → one of its key sentences, added on demand (concept-sentences.ts).
 */
export type GraphEdgeKind = 'co-occurs' | 'similar' | 'mentions' | 'links-to' | 'key-sentence';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Attention weight, drawn as size: a concept's summed score, a document's concept mass, a sentence's sigmoid(salience). */
  weight: number;
  /** The documents that support the node, sorted. */
  documents: string[];
  /** The tags of those documents, sorted, one spelling per tag (compared without case). */
  tags: string[];
  /** Concepts: the concept keys (conceptKey) merged into the node, sorted. Empty for other kinds. */
  keys: string[];
  /** Documents: the file's name as imported. */
  sourceName?: string;
  /** Sentences: how many cards were made from the sentence. */
  cards?: number;
  /** Mean recall probability of the node's cards at the time it was computed; null when it has none (memory-state.ts). */
  memory?: number | null;
}

export interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  source: string;
  target: string;
  weight: number;
  /** True for links the person did not write: the `similar` edges. */
  inferred: boolean;
  directed: boolean;
  /** The documents that support the edge, sorted. */
  documents: string[];
}

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One concept of one document, as the graph keeps it. */
export interface ContributedConcept {
  /** conceptKey(phrase): the concept's identity across documents. */
  key: string;
  phrase: string;
  score: number;
  /** Every sentence that mentions it (ids, document order). */
  sentenceIds: string[];
  /** The key sentences among them. */
  keySentenceIds: string[];
  /** The phrase's embedding, unit length; null when none was given. */
  vector: number[] | null;
}

/** Two concepts of one document that share key sentences; `a < b`. */
export interface ConceptPair {
  a: string;
  b: string;
  /** Σ sigmoid(salience) over the key sentences both mention. */
  weight: number;
}

/** Everything one document adds to the graph (made by contribution.ts). */
export interface DocumentContribution {
  documentId: string;
  title: string;
  sourceName: string;
  tags: string[];
  /** [[wikilink]] targets as written. */
  links: string[];
  /** Front-matter aliases: names its links are found by besides its file name (absent when none). */
  aliases?: string[];
  /** Sorted by key, one entry per key. */
  concepts: ContributedConcept[];
  /** Sorted by (a, b). */
  pairs: ConceptPair[];
}

/** A concept key across the library: which documents name it, how, and the node it belongs to. */
export interface ConceptKeyState {
  key: string;
  /** The documents that name it, sorted. */
  documents: string[];
  /** Per document: the phrase it used and the concept's score there. */
  support: Record<string, { phrase: string; score: number }>;
  /** The phrase most of those documents use. */
  label: string;
  /** The document whose vector the key uses: the first by id that gave one for the label, else for any phrase; null when none did. */
  vectorFrom: string | null;
  /** Id of the concept node it is merged into. */
  node: string;
}

export interface Neighbour {
  id: string;
  similarity: number;
}

/**
 * 5: a wikilink that names several notes opens the one in the linking note's folder when one is there; 4 linked
 * every note of that name. 4: wikilinks resolved as Obsidian does, by file name or front-matter alias, a title
 * only when neither matches; 3 also linked every note whose title matched. 3 keyed concepts by conceptKey with its list of
 * irregular plurals ("viruses", "nuclei"; since 2026-11-30); 2 keyed them by plural endings only, 1 by Porter
 * stems (see upgrade-graph.ts).
 */
export const GRAPH_VERSION = 6;

export interface KnowledgeGraph {
  version: typeof GRAPH_VERSION;
  thresholds: GraphThresholds;
  /** The support: each document's contribution, by document id. */
  contributions: Record<string, DocumentContribution>;
  keys: Record<string, ConceptKeyState>;
  nodes: Record<string, GraphNode>;
  edges: Record<string, GraphEdge>;
  /** Per concept node: its closest concepts from other documents (at most inferredPerConcept, best first). */
  nearest: Record<string, Neighbour[]>;
}

export function emptyGraph(thresholds: Partial<GraphThresholds> = {}): KnowledgeGraph {
  return { version: GRAPH_VERSION, thresholds: { ...DEFAULT_THRESHOLDS, ...thresholds }, contributions: {}, keys: {}, nodes: {}, edges: {}, nearest: {} };
}

export const conceptNodeId = (key: string): string => `concept:${key}`;
export const documentNodeId = (documentId: string): string => `document:${documentId}`;
export const sentenceNodeId = (sentenceId: string): string => `sentence:${sentenceId}`;

/** Id of an undirected edge: the same whichever end comes first. */
export function undirectedEdgeId(kind: GraphEdgeKind, a: string, b: string): string {
  return a < b ? `${kind}:${a}|${b}` : `${kind}:${b}|${a}`;
}

export function directedEdgeId(kind: GraphEdgeKind, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

export function isKnowledgeGraph(source: KnowledgeGraph | GraphView): source is KnowledgeGraph {
  return !Array.isArray((source as GraphView).nodes);
}

const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);

/** The whole graph as lists, in id order. */
export function graphView(graph: KnowledgeGraph): GraphView {
  return { nodes: Object.values(graph.nodes).sort(byId), edges: Object.values(graph.edges).sort(byId) };
}

/** A view of either: the graph's lists, or the view itself. */
export function asView(source: KnowledgeGraph | GraphView): GraphView {
  return isKnowledgeGraph(source) ? graphView(source) : source;
}

/** The part of a view whose nodes pass `keep`, with the edges between kept nodes. */
export function inducedView(view: GraphView, keep: (node: GraphNode) => boolean): GraphView {
  const nodes = view.nodes.filter(keep);
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: view.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}
