import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode, GraphView } from '../../../core/graph/knowledge-graph';
import { keyboardOrder } from './keyboard-order';

const node = (id: string, kind: GraphNode['kind'], weight: number): GraphNode => ({ id, kind, label: id, weight, documents: [], tags: [], keys: [] });
const edge = (source: string, target: string, weight: number): GraphEdge => ({ id: `${source}|${target}`, kind: 'co-occurs', source, target, weight, inferred: false, directed: false, documents: [] });

const view: GraphView = {
  nodes: [node('doc', 'document', 9), node('cell', 'concept', 3), node('atp', 'concept', 2), node('ribosome', 'concept', 1)],
  edges: [edge('cell', 'atp', 0.4), edge('ribosome', 'cell', 0.8), edge('doc', 'cell', 0.1), edge('atp', 'ribosome', 0.5)],
};

describe('the graph’s arrow keys', () => {
  it('walk the concepts by weight and then the documents, with no node open', () => {
    expect(keyboardOrder(view, null)).toEqual(['cell', 'atp', 'ribosome', 'doc']);
  });

  it('walk from the open node to its neighbours, strongest link first', () => {
    expect(keyboardOrder(view, 'cell')).toEqual(['cell', 'ribosome', 'atp', 'doc']);
    expect(keyboardOrder(view, 'atp')).toEqual(['atp', 'ribosome', 'cell']);
    // A node no longer shown, or one with no links, falls back to the whole graph.
    expect(keyboardOrder(view, 'gone')).toEqual(keyboardOrder(view, null));
    expect(keyboardOrder({ nodes: view.nodes, edges: [] }, 'cell')).toEqual(keyboardOrder(view, null));
  });
});
