import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { searchForm, searchGraph } from './graph-search';
import type { GraphNode, GraphView } from './knowledge-graph';

const graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);

const node = (id: string, label: string, weight: number, kind: GraphNode['kind'] = 'concept'): GraphNode => ({ id, kind, label, weight, documents: [], tags: [], keys: [] });
const labels = (view: GraphView | typeof graph, query: string) => searchGraph(view, query).map((hit) => hit.label);

describe('searching the graph', () => {
  it('completes a prefix of a concept label or a document title', () => {
    expect(searchGraph(graph, 'photo')).toEqual([
      { id: 'document:doc-a', kind: 'document', label: 'Photosynthesis', weight: expect.any(Number), match: 'prefix' },
      { id: graph.keys[conceptKey('photosynthesis')]!.node, kind: 'concept', label: 'photosynthesis', weight: 1.2, match: 'prefix' },
    ]);
  });

  it('ranks the whole label, then its start, then the start of each query word, then anywhere inside', () => {
    const view = {
      nodes: [node('1', 'cell membrane', 9), node('2', 'membrane', 1), node('3', 'membrane potential', 5), node('4', 'transmembrane protein', 20)],
      edges: [],
    };
    expect(searchGraph(view, 'membrane').map((h) => [h.label, h.match])).toEqual([
      ['membrane', 'exact'],
      ['membrane potential', 'prefix'],
      ['cell membrane', 'word'],
      ['transmembrane protein', 'substring'],
    ]);
  });

  it('matches every query word at the start of some label word, in any order', () => {
    expect(labels(graph, 'cyc calv')).toEqual(['Calvin cycle']);
    expect(labels(graph, 'cell resp')).toEqual(['cellular respiration']);
  });

  it('prefers the heavier, then the shorter label, within a kind of match', () => {
    const view = { nodes: [node('1', 'cell cycle', 1), node('2', 'cell wall', 3), node('3', 'cell', 0.1, 'document'), node('4', 'cells', 3)], edges: [] };
    expect(labels(view, 'cell')).toEqual(['cell', 'cells', 'cell wall', 'cell cycle']);
  });

  it('ignores case, accents and punctuation', () => {
    const view = { nodes: [node('1', 'Schrödinger equation', 1), node('2', "Newton's laws", 1)], edges: [] };
    expect(labels(view, 'schrodinger')).toEqual(['Schrödinger equation']);
    expect(labels(view, 'NEWTON S')).toEqual(["Newton's laws"]);
    expect(searchForm('  Énergie—libre ')).toBe('energie libre');
  });

  it('finds a concept by the forms it was merged by, and by a plural or singular of its label', () => {
    const view: GraphView = {
      nodes: [
        { ...node('concept:mitochondrion', 'Mitochondria', 3), keys: ['mitochondrion'] },
        { ...node('concept:enzyme', 'enzyme', 2), keys: ['enzyme'] },
      ],
      edges: [],
    };
    expect(labels(view, 'mitochondrion')).toEqual(['Mitochondria']);
    expect(searchGraph(view, 'enzymes')[0]).toMatchObject({ label: 'enzyme', match: 'exact' });
  });

  it('finds a document by its file name', () => {
    expect(searchGraph(graph, 'cell-biology')[0]).toMatchObject({ id: 'document:doc-b', match: 'exact' });
  });

  it('returns nothing for an empty query, and at most the limit', () => {
    expect(searchGraph(graph, '  ')).toEqual([]);
    expect(searchGraph(graph, 'c', 2)).toHaveLength(2);
  });
});
