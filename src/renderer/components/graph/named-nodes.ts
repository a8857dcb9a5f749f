/** Which nodes the graph names at its fitted zoom (pure: the Cytoscape adapter draws what this decides). */
import type { GraphNode } from '../../../core/graph/knowledge-graph';
import { documentPlaces } from '../../../core/graph/level-of-detail';

/** How many nodes stay named at the fitted zoom: documents and the heaviest concepts. */
export const NAMED_WHEN_FITTED = 30;

/**
 * The share of those names documents may take while there are concepts for the rest. With every document named
 * first, an overview of 25 notes named 25 files ("tech 225") and 5 concepts: what the notes are about went unsaid
 * until the person zoomed in.
 */
const DOCUMENT_SHARE = 1 / 2;

const heaviestFirst = (a: GraphNode, b: GraphNode) => b.weight - a.weight || a.id.localeCompare(b.id);

/**
 * The ids of the nodes named at the fitted zoom, `count` at most: the heaviest documents, up to DOCUMENT_SHARE of
 * the names while concepts can take the others, then concepts by weight (ties by id, so the choice is stable). On a
 * dense graph every label drawn there piles onto its neighbours'.
 */
export function namedWhenFitted(nodes: readonly GraphNode[], count = NAMED_WHEN_FITTED): Set<string> {
  const documents = nodes.filter((n) => n.kind === 'document').sort(heaviestFirst);
  const concepts = nodes.filter((n) => n.kind === 'concept').sort(heaviestFirst);
  const places = Math.max(0, count);
  const forDocuments = documentPlaces(places, documents.length, concepts.length, DOCUMENT_SHARE);
  return new Set([...documents.slice(0, forDocuments), ...concepts.slice(0, places - forDocuments)].map((n) => n.id));
}
