/**
 * How documents are named in lists of the graph (the document filter, search hits): by title, and where two
 * or more share a title, by title and the file each came from — "Rome" twice says nothing about which is which.
 */
import type { GraphNode } from './knowledge-graph';

/** Each document node's display name, by node id; other kinds are left out. */
export function documentLabels(nodes: readonly Pick<GraphNode, 'id' | 'kind' | 'label' | 'sourceName'>[]): Map<string, string> {
  const documents = nodes.filter((node) => node.kind === 'document');
  const sharing = new Map<string, number>();
  for (const node of documents) sharing.set(node.label, (sharing.get(node.label) ?? 0) + 1);
  return new Map(documents.map((node) => [node.id, sharing.get(node.label)! > 1 && node.sourceName ? `${node.label} — ${node.sourceName}` : node.label]));
}
