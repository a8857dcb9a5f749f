import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphNodeKind } from '../../../core/graph/knowledge-graph';
import { namedWhenFitted } from './named-nodes';

const node = (id: string, kind: GraphNodeKind, weight: number): GraphNode => ({ id, kind, label: id, weight, documents: [], tags: [], keys: [] });

describe('namedWhenFitted', () => {
  it('names the documents and then the heaviest concepts, never sentences, up to the count', () => {
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

  it('leaves half the names to concepts when documents alone would take them, the heaviest documents named', () => {
    const documents = Array.from({ length: 25 }, (_, i) => node(`d${String(i).padStart(2, '0')}`, 'document', 100 + i));
    const concepts = Array.from({ length: 40 }, (_, i) => node(`c${String(i).padStart(2, '0')}`, 'concept', i));
    const named = [...namedWhenFitted([...documents, ...concepts], 30)];
    expect(named.filter((id) => id.startsWith('d')).sort()).toEqual(['d10', 'd11', 'd12', 'd13', 'd14', 'd15', 'd16', 'd17', 'd18', 'd19', 'd20', 'd21', 'd22', 'd23', 'd24']);
    expect(named.filter((id) => id.startsWith('c'))).toHaveLength(15);
    // Too few concepts for half: documents take the names left.
    expect([...namedWhenFitted([...documents, ...concepts.slice(0, 3)], 30)].filter((id) => id.startsWith('d'))).toHaveLength(25);
  });
});
