/** Which nodes the graph names at its fitted zoom (pure: the Cytoscape adapter draws what this decides). */
import type { GraphNode } from '../../../core/graph/knowledge-graph';

/** How many nodes stay named at the fitted zoom: the documents and the heaviest concepts. */
export const NAMED_WHEN_FITTED = 30;

/**
 * The ids of the nodes named at the fitted zoom: every document, then concepts by weight (ties by id, so the
 * choice is stable) up to `count` nodes. On a dense graph every label drawn there piles onto its neighbours'.
 */
export function namedWhenFitted(nodes: readonly GraphNode[], count = NAMED_WHEN_FITTED): Set<string> {
  const documents = nodes.filter((n) => n.kind === 'document');
  const concepts = nodes.filter((n) => n.kind === 'concept').sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
  return new Set([...documents, ...concepts.slice(0, Math.max(0, count - documents.length))].map((n) => n.id));
}
