/**
 * The order the arrow keys walk the graph in. With a node open, its neighbours, strongest link first, so the person
 * can step from a concept to what it connects to and open that one in turn (Enter); with none, the concepts by
 * weight and then the documents (by weight alone, every document came before any concept).
 */
import { compareStrings } from '../../../core/compare-strings';
import type { GraphView } from '../../../core/graph/knowledge-graph';

export function keyboardOrder(view: GraphView, open: string | null): string[] {
  if (open !== null && view.nodes.some((node) => node.id === open)) {
    const strongest = new Map<string, number>();
    for (const edge of view.edges) {
      const other: string | null = edge.source === open ? edge.target : edge.target === open ? edge.source : null;
      if (other !== null && other !== open) strongest.set(other, Math.max(strongest.get(other) ?? -Infinity, edge.weight));
    }
    if (strongest.size > 0) return [open, ...[...strongest].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0])).map(([id]) => id)];
  }
  const rank = (kind: string) => (kind === 'concept' ? 0 : 1);
  return [...view.nodes].sort((a, b) => rank(a.kind) - rank(b.kind) || b.weight - a.weight || compareStrings(a.id, b.id)).map((node) => node.id);
}
