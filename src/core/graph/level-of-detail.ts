/**
 * Parts of the graph small enough to draw: the heaviest nodes, the neighbourhood of one node, and filters by
 * document, tag and memory state. Every function returns an induced view: the chosen nodes and exactly the
 * edges between them, so no edge ever points at a node that is not drawn.
 */
import { type GraphNode, type GraphNodeKind, type GraphView, type KnowledgeGraph, asView, inducedView } from './knowledge-graph';
import { type MemoryBand, memoryBand } from './memory-state';
import { compareStrings } from '../compare-strings';

const heaviestFirst = (a: GraphNode, b: GraphNode) => b.weight - a.weight || compareStrings(a.id, b.id);

/**
 * The share of the overview's places documents may take when concepts would fill the rest. A document weighs its
 * whole concept mass, so by weight alone a library of 150 notes drew 150 document squares and not one concept or
 * link; a third anchors the overview and leaves the rest to what the notes are about.
 */
const DOCUMENT_SHARE = 1 / 3;

/**
 * How many of `places` go to documents when they may take `share` of them while other nodes can take the rest, and
 * any places the others leave.
 */
export function documentPlaces(places: number, documents: number, others: number, share: number): number {
  return Math.min(documents, Math.max(Math.ceil(places * share), places - others));
}

/**
 * The `n` heaviest nodes (ties by id) and the edges among them, documents taking at most DOCUMENT_SHARE of the
 * places while there are concepts for the others. Exactly n, not n plus the ends of their edges: the cap is what
 * bounds layout time, and an edge whose other end is cut is dropped with it.
 */
export function topNodes(source: KnowledgeGraph | GraphView, n: number): GraphView {
  const view = asView(source);
  const places = Math.max(0, n);
  const sorted = [...view.nodes].sort(heaviestFirst);
  const documents = sorted.filter((node) => node.kind === 'document');
  const others = sorted.filter((node) => node.kind !== 'document');
  const forDocuments = documentPlaces(places, documents.length, others.length, DOCUMENT_SHARE);
  const kept = new Set([...documents.slice(0, forDocuments), ...others.slice(0, places - forDocuments)].map((node) => node.id));
  return inducedView(view, (node) => kept.has(node.id));
}

/** The node and everything within `hops` edges of it (either direction), with the edges among them; empty when the node is absent. */
export function neighbourhood(source: KnowledgeGraph | GraphView, nodeId: string, hops: 1 | 2): GraphView {
  const view = asView(source);
  if (!view.nodes.some((node) => node.id === nodeId)) return { nodes: [], edges: [] };
  const adjacent = new Map<string, string[]>();
  for (const edge of view.edges) {
    adjacent.set(edge.source, [...(adjacent.get(edge.source) ?? []), edge.target]);
    adjacent.set(edge.target, [...(adjacent.get(edge.target) ?? []), edge.source]);
  }
  const reached = new Set([nodeId]);
  let frontier = [nodeId];
  for (let hop = 0; hop < hops; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (reached.has(other)) continue;
        reached.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return inducedView(view, (node) => reached.has(node.id));
}

export interface GraphFilter {
  documents?: readonly string[];
  tags?: readonly string[];
  memory?: readonly MemoryBand[];
  kinds?: readonly GraphNodeKind[];
}

const normalizeTag = (tag: string) => tag.replace(/^#/, '').toLowerCase();

/**
 * Nodes that pass every given criterion: supported by one of `documents`, carrying one of `tags` (a concept
 * carries its documents' tags; compared without case or '#'), in one of the `memory` bands (see
 * memory-state.ts; apply `withMemory` first, else every concept is 'none'), of one of `kinds`. Documents have
 * no memory of their own: under a memory filter a document stays when one of its kept concepts does.
 */
export function filterView(source: KnowledgeGraph | GraphView, filter: GraphFilter): GraphView {
  const view = asView(source);
  const documents = filter.documents ? new Set(filter.documents) : null;
  const tags = filter.tags ? new Set(filter.tags.map(normalizeTag)) : null;
  const bands = filter.memory ? new Set(filter.memory) : null;
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const passes = (node: GraphNode) =>
    (!documents || node.documents.some((d) => documents.has(d))) &&
    (!tags || node.tags.some((t) => tags.has(normalizeTag(t)))) &&
    (!kinds || kinds.has(node.kind));
  const filtered = inducedView(view, (node) => passes(node) && (!bands || node.kind === 'document' || bands.has(memoryBand(node.memory))));
  if (!bands) return filtered;
  const kindOf = new Map(filtered.nodes.map((node) => [node.id, node.kind]));
  const anchoring = new Set<string>();
  for (const edge of filtered.edges) {
    if (kindOf.get(edge.target) !== 'document') anchoring.add(edge.source);
    if (kindOf.get(edge.source) !== 'document') anchoring.add(edge.target);
  }
  return inducedView(filtered, (node) => node.kind !== 'document' || anchoring.has(node.id));
}

/**
 * The view without its inferred links (`similar` edges: concepts of different documents close in meaning), every
 * node kept. The person's switch for a graph whose guesses crowd out what their notes say.
 */
export function withoutInferredLinks(source: KnowledgeGraph | GraphView): GraphView {
  const view = asView(source);
  return { nodes: view.nodes, edges: view.edges.filter((edge) => !edge.inferred) };
}
