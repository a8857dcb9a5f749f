import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { type GraphNode, type GraphView, documentNodeId, graphView } from './knowledge-graph';
import { filterView, neighbourhood, topNodes, withoutInferredLinks } from './level-of-detail';
import { conceptMemory, withMemory } from './memory-state';

const graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
const id = (phrase: string) => graph.keys[conceptKey(phrase)]!.node;
const ids = (view: GraphView) => view.nodes.map((n) => n.id).sort();
const DOC_A = documentNodeId('doc-a');
const DOC_B = documentNodeId('doc-b');

function expectInduced(view: GraphView) {
  const present = new Set(view.nodes.map((n) => n.id));
  expect(view.edges.every((e) => present.has(e.source) && present.has(e.target))).toBe(true);
}

describe('level of detail', () => {
  it('keeps exactly the n heaviest nodes and only the edges between them', () => {
    const view = topNodes(graph, 4);
    // Documents weigh their whole concept mass, then chlorophyll (0.8 + 0.4) and photosynthesis (1.2).
    expect(ids(view)).toEqual([DOC_A, DOC_B, id('chlorophyll'), id('photosynthesis')].sort());
    expectInduced(view);
    const full = graphView(graph);
    expect(view.edges).toEqual(full.edges.filter((e) => ids(view).includes(e.source) && ids(view).includes(e.target)));
    expect(topNodes(graph, 0)).toEqual({ nodes: [], edges: [] });
    expect(topNodes(graph, 100).nodes).toHaveLength(10);
  });

  it('leaves most places to concepts when documents alone would fill them', () => {
    const node = (nodeId: string, kind: 'concept' | 'document', weight: number): GraphNode => ({ id: nodeId, kind, label: nodeId, weight, documents: [], tags: [], keys: [] });
    const documents = Array.from({ length: 20 }, (_, i) => node(`d${i}`, 'document', 100 + i));
    const concepts = Array.from({ length: 20 }, (_, i) => node(`c${i}`, 'concept', 1 + i));
    const shown = topNodes({ nodes: [...documents, ...concepts], edges: [] }, 12).nodes;
    expect(shown.filter((n) => n.kind === 'document').map((n) => n.id).sort()).toEqual(['d16', 'd17', 'd18', 'd19']);
    expect(shown.filter((n) => n.kind === 'concept')).toHaveLength(8);
    // Too few concepts: documents fill the places left.
    expect(topNodes({ nodes: [...documents, ...concepts.slice(0, 2)], edges: [] }, 12).nodes.filter((n) => n.kind === 'document')).toHaveLength(10);
  });

  it('breaks ties in weight by id', () => {
    const node = (nodeId: string, weight: number): GraphNode => ({ id: nodeId, kind: 'concept', label: nodeId, weight, documents: [], tags: [], keys: [] });
    expect(ids(topNodes({ nodes: [node('b', 1), node('a', 1), node('c', 2)], edges: [] }, 2))).toEqual(['a', 'c']);
  });

  it('finds the neighbourhood of a node one or two hops out, in either direction', () => {
    expect(ids(neighbourhood(graph, id('carbon fixation'), 1))).toEqual([DOC_A, id('Calvin cycle'), id('carbon fixation')].sort());
    const two = neighbourhood(graph, id('carbon fixation'), 2);
    expect(ids(two)).toEqual([DOC_A, DOC_B, id('Calvin cycle'), id('carbon fixation'), id('chlorophyll'), id('light reactions'), id('photosynthesis')].sort());
    expectInduced(two);
    expect(neighbourhood(graph, 'concept:nothing', 2)).toEqual({ nodes: [], edges: [] });
  });

  it('filters by document: the nodes it supports', () => {
    const view = filterView(graph, { documents: ['doc-b'] });
    expect(ids(view)).toEqual([DOC_B, id('cell membrane'), id('cellular respiration'), id('chlorophyll'), id('light reactions'), id('mitochondria')].sort());
    expectInduced(view);
  });

  it('filters by tag without regard to case or #, a concept carrying its documents’ tags', () => {
    expect(ids(filterView(graph, { tags: ['#Plants'] }))).toEqual(
      [DOC_A, id('Calvin cycle'), id('carbon fixation'), id('chlorophyll'), id('light reactions'), id('photosynthesis')].sort(),
    );
    expect(filterView(graph, { tags: ['BIOLOGY'] }).nodes).toHaveLength(10);
    expect(filterView(graph, { tags: ['chemistry'] }).nodes).toEqual([]);
  });

  it('filters by memory state, keeping the documents of the concepts kept', () => {
    const cards = [
      { sentenceId: 'a1', concept: 'Calvin cycle', recall: 0.5 },
      { sentenceId: 'b0', concept: 'mitochondria', recall: 0.95 },
    ];
    const view = withMemory(graphView(graph), conceptMemory(graph, cards, (c) => c.recall));
    expect(ids(filterView(view, { memory: ['weak'] }))).toEqual([DOC_A, DOC_B, id('Calvin cycle'), id('light reactions')].sort());
    expect(ids(filterView(view, { memory: ['strong'] }))).toEqual([DOC_B, id('cellular respiration'), id('mitochondria')].sort());
    expect(ids(filterView(view, { memory: ['none'], documents: ['doc-a'] }))).toEqual([DOC_A, id('carbon fixation'), id('chlorophyll'), id('photosynthesis')].sort());
    // Without memory applied every concept is 'none'.
    expect(filterView(graph, { memory: ['weak', 'ok', 'strong'] }).nodes).toEqual([]);
  });

  it('filters by kind, and combines criteria', () => {
    const documents = filterView(graph, { kinds: ['document'] });
    expect(ids(documents)).toEqual([DOC_A, DOC_B]);
    expect(documents.edges.map((e) => e.kind)).toEqual(['links-to', 'links-to']);
    expect(ids(filterView(graph, { kinds: ['concept'], documents: ['doc-a'], tags: ['cells'] }))).toEqual([id('chlorophyll'), id('light reactions')].sort());
  });

  it('drops the inferred links and nothing else when the person turns them off', () => {
    const node = (nodeId: string): GraphNode => ({ id: nodeId, kind: 'concept', label: nodeId, weight: 1, documents: [], tags: [], keys: [] });
    const edge = (source: string, target: string, inferred: boolean) =>
      ({ id: `${source}-${target}`, kind: inferred ? ('similar' as const) : ('co-occurs' as const), source, target, weight: 1, inferred, directed: false, documents: [] });
    const view: GraphView = { nodes: [node('a'), node('b'), node('c')], edges: [edge('a', 'b', false), edge('b', 'c', true)] };
    const shown = withoutInferredLinks(view);
    expect(shown.nodes).toEqual(view.nodes);
    expect(shown.edges.map((e) => e.id)).toEqual(['a-b']);
    expect(withoutInferredLinks(graph).edges).toEqual(graphView(graph).edges.filter((e) => !e.inferred));
  });
});
