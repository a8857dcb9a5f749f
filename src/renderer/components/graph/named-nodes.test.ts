import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphNodeKind } from '../../../core/graph/knowledge-graph';
import { namedWhenFitted } from './named-nodes';

const node = (id: string, kind: GraphNodeKind, weight: number): GraphNode => ({ id, kind, label: id, weight, documents: [], tags: [], keys: [] });

describe('namedWhenFitted', () => {
  it('names every document and then the heaviest concepts, never sentences, up to the count', () => {
    const nodes = [
      node('d1', 'document', 0.1),
      node('d2', 'document', 0.2),
      ...Array.from({ length: 10 }, (_, i) => node(`c${i}`, 'concept', i)),
      node('s1', 'sentence', 99),
    ];
    expect([...namedWhenFitted(nodes, 5)].sort()).toEqual(['c7', 'c8', 'c9', 'd1', 'd2']);
  });

  it('names everything on a small graph, and breaks ties between equal weights by id', () => {
    const nodes = [node('b', 'concept', 1), node('a', 'concept', 1), node('c', 'concept', 1)];
    expect([...namedWhenFitted(nodes, 30)].sort()).toEqual(['a', 'b', 'c']);
    expect([...namedWhenFitted(nodes, 2)].sort()).toEqual(['a', 'b']);
  });
});
