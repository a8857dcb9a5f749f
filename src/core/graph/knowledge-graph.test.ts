import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  type GraphNode,
  asView,
  directedEdgeId,
  emptyGraph,
  graphView,
  inducedView,
  isKnowledgeGraph,
  undirectedEdgeId,
} from './knowledge-graph';

const node = (id: string): GraphNode => ({ id, kind: 'concept', label: id, weight: 1, documents: [], tags: [], keys: [] });

describe('the knowledge graph data', () => {
  it('starts empty with the documented thresholds, any of which can be changed', () => {
    expect(emptyGraph().thresholds).toEqual({ mergeMinCosine: 0.995, inferredMinCosine: 0.6, inferredPerConcept: 3 });
    expect(emptyGraph({ inferredPerConcept: 5 }).thresholds).toEqual({ ...DEFAULT_THRESHOLDS, inferredPerConcept: 5 });
  });

  it('names an undirected edge the same whichever end comes first, a directed one by its direction', () => {
    expect(undirectedEdgeId('similar', 'b', 'a')).toBe(undirectedEdgeId('similar', 'a', 'b'));
    expect(directedEdgeId('links-to', 'a', 'b')).not.toBe(directedEdgeId('links-to', 'b', 'a'));
  });

  it('lists a graph as a view in id order, and takes a view as it is', () => {
    const graph = { ...emptyGraph(), nodes: { b: node('b'), a: node('a') } };
    expect(graphView(graph).nodes.map((n) => n.id)).toEqual(['a', 'b']);
    const view = { nodes: [node('x')], edges: [] };
    expect(asView(view)).toBe(view);
    expect(isKnowledgeGraph(graph)).toBe(true);
    expect(isKnowledgeGraph(view)).toBe(false);
  });

  it('keeps only the edges between kept nodes in an induced view', () => {
    const edge = (source: string, target: string) => ({ id: `${source}-${target}`, kind: 'co-occurs' as const, source, target, weight: 1, inferred: false, directed: false, documents: [] });
    const view = { nodes: [node('a'), node('b'), node('c')], edges: [edge('a', 'b'), edge('b', 'c')] };
    expect(inducedView(view, (n) => n.id !== 'c').edges.map((e) => e.id)).toEqual(['a-b']);
  });
});
