import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { conceptKeySentences, expandConcept } from './concept-sentences';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { graphView } from './knowledge-graph';

const graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
const id = (phrase: string) => graph.keys[conceptKey(phrase)]!.node;

const rows = [
  { id: 'b2', documentId: 'doc-b', ordinal: 2, text: 'Light-dependent reactions need chlorophyll.', salience: 0 },
  { id: 'a1', documentId: 'doc-a', ordinal: 1, text: 'The light reactions feed the Calvin cycle.', salience: 2 },
];

describe('the key sentences under a concept', () => {
  it('lists the key sentences of every merged form, across documents, each once', () => {
    expect(conceptKeySentences(graph, id('light reactions'))).toEqual([
      { documentId: 'doc-a', sentenceId: 'a1' },
      { documentId: 'doc-b', sentenceId: 'b2' },
    ]);
    // a2 mentions the Calvin cycle but is not a key sentence.
    expect(conceptKeySentences(graph, id('Calvin cycle')).map((r) => r.sentenceId)).toEqual(['a1', 'a3']);
    expect(conceptKeySentences(graph, 'document:doc-a')).toEqual([]);
  });

  it('adds them to a view on demand, linked from the concept, with their cards and memory', () => {
    const base = graphView(graph);
    const cards = [
      { sentenceId: 'a1', concept: 'Calvin cycle', recall: 0.4 },
      { sentenceId: 'a1', concept: 'light reactions', recall: 0.8 },
    ];
    const view = expandConcept(base, id('light reactions'), rows, cards, (c) => c.recall);
    const added = view.nodes.slice(base.nodes.length);
    expect(added.map((n) => [n.id, n.kind, n.cards])).toEqual([
      ['sentence:a1', 'sentence', 2],
      ['sentence:b2', 'sentence', 0],
    ]);
    expect(added[0]!.memory).toBeCloseTo(0.6, 12);
    expect(added[1]!.memory).toBeNull();
    expect(added[0]!.weight).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    const edges = view.edges.slice(base.edges.length);
    expect(edges.map((e) => [e.kind, e.source, e.target, e.directed])).toEqual([
      ['key-sentence', id('light reactions'), 'sentence:a1', true],
      ['key-sentence', id('light reactions'), 'sentence:b2', true],
    ]);
  });

  it('does not add a sentence or an edge twice, and leaves memory out without a recall function', () => {
    const once = expandConcept(graphView(graph), id('light reactions'), rows);
    expect(once.nodes.at(-1)).not.toHaveProperty('memory');
    const twice = expandConcept(once, id('light reactions'), rows);
    expect(twice.nodes).toHaveLength(once.nodes.length);
    expect(twice.edges).toHaveLength(once.edges.length);
    const other = expandConcept(once, id('Calvin cycle'), rows.slice(1));
    expect(other.nodes).toHaveLength(once.nodes.length);
    expect(other.edges).toHaveLength(once.edges.length + 1);
  });

  it('leaves a view without the concept as it is', () => {
    const view = { nodes: [], edges: [] };
    expect(expandConcept(view, id('light reactions'), rows)).toBe(view);
  });
});
