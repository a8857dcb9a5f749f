import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { documentContribution, type ContributionSource } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { conceptNodeId, directedEdgeId, documentNodeId, GRAPH_VERSION, type DocumentContribution } from './knowledge-graph';
import { upgradeGraph, type StoredGraph } from './upgrade-graph';

/** A note whose one concept older Focals keyed as another note's: "experiment" and "experience" stem alike. */
function note(id: string, phrase: string, vector: number[]): ContributionSource {
  return {
    document: { id, title: id, sourceName: `${id}.md`, links: [], tags: [], concepts: [{ phrase, score: 1, sentences: [0] }, { phrase: 'lab notes', score: 0.5, sentences: [0] }] },
    sentences: [{ id: `${id}-s0`, ordinal: 0, selected: true, salience: 1 }],
    // Vectors far from every concept of the fixture notes (cosine 0.5 at most), so nothing merges by meaning.
    vectors: { [phrase]: vector, 'lab notes': [0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0] },
  };
}

const porterKey = (phrase: string) => (phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => stemmer(w)).join(' ');

/** The contribution as a Focal before 2026-11-30 stored it: keyed by Porter stems. */
function asStoredBefore(contribution: DocumentContribution): DocumentContribution {
  const key = new Map(contribution.concepts.map((c) => [c.key, porterKey(c.phrase)]));
  return {
    ...contribution,
    concepts: contribution.concepts.map((c) => ({ ...c, key: key.get(c.key)! })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    pairs: contribution.pairs.map((p) => {
      const [a, b] = [key.get(p.a)!, key.get(p.b)!].sort();
      return { ...p, a: a!, b: b! };
    }),
  };
}

describe('upgrading a graph stored by an older Focal', () => {
  const sources = [NOTE_A, NOTE_B, note('lab', 'experiment', [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]), note('diary', 'experience', [0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5])];
  const current = buildGraph(sources.map(documentContribution));
  const old = { ...buildGraph(sources.map(documentContribution).map(asStoredBefore)), version: 1 } as StoredGraph;

  it('keys its concepts again, so words that only shared a Porter stem are two concepts, and the graph is the one built today', () => {
    expect(Object.keys(old.keys)).toContain('experi');
    const { graph, upgraded } = upgradeGraph(old);
    expect(upgraded).toBe(true);
    expect(graph).toEqual(current);
    expect(graph.version).toBe(GRAPH_VERSION);
    expect(graph.keys[conceptKey('experiment')]!.node).not.toBe(graph.keys[conceptKey('experience')]!.node);
  });

  it('moves layout positions to the nodes’ new ids, and leaves documents’ where they were', () => {
    const positions = { [conceptNodeId('experi')]: { x: 1, y: 2 }, [conceptNodeId(porterKey('cell membrane'))]: { x: 3, y: 4 }, 'document:lab': { x: 5, y: 6 } };
    const moved = upgradeGraph(old, positions).positions;
    expect(moved[conceptNodeId('cell membrane')]).toEqual({ x: 3, y: 4 });
    expect(moved['document:lab']).toEqual({ x: 5, y: 6 });
    expect([moved[conceptNodeId('experiment')], moved[conceptNodeId('experience')]]).toContainEqual({ x: 1, y: 2 });
  });

  it('leaves a current graph as it is', () => {
    const positions = { 'document:lab': { x: 5, y: 6 } };
    const result = upgradeGraph(current, positions);
    expect(result).toEqual({ graph: current, positions, upgraded: false });
    expect(result.graph).toBe(current);
  });
});

describe('upgrading a graph stored by the Focal that keyed plurals by their endings only (version 2)', () => {
  // "viruses" was keyed "viruse": another concept than a note's "virus".
  const sources = [note('flu', 'virus', [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]), note('hiv', 'viruses', [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0])];
  const endingsOnly = (phrase: string) => (phrase === 'viruses' ? 'viruse' : conceptKey(phrase));
  const stored = {
    ...buildGraph(
      sources.map(documentContribution).map((c) => {
        const key = new Map(c.concepts.map((concept) => [concept.key, endingsOnly(concept.phrase)]));
        return {
          ...c,
          concepts: c.concepts.map((concept) => ({ ...concept, key: key.get(concept.key)! })).sort((a, b) => (a.key < b.key ? -1 : 1)),
          pairs: c.pairs.map((p) => ({ ...p, a: key.get(p.a)!, b: key.get(p.b)! })),
        };
      }),
    ),
    version: 2,
  } as StoredGraph;

  it('joins the plural to its singular, and moves the plural’s layout position', () => {
    expect(Object.keys(stored.keys)).toContain('viruse');
    const { graph, positions, upgraded } = upgradeGraph(stored, { [conceptNodeId('viruse')]: { x: 7, y: 8 } });
    expect(upgraded).toBe(true);
    expect(graph.version).toBe(GRAPH_VERSION);
    expect(graph).toEqual(buildGraph(sources.map(documentContribution)));
    expect(graph.nodes[graph.keys['virus']!.node]!.documents).toEqual(['flu', 'hiv']);
    expect(Object.values(positions)).toEqual([{ x: 7, y: 8 }]);
  });
});

/** A note of its own, with its wikilinks: what the link tests below build graphs from. */
const linkingNote = (id: string, title: string, sourceName: string, links: string[] = []) =>
  documentContribution({ document: { id, title, sourceName, links, tags: [], concepts: [] }, sentences: [], vectors: {} });

/**
 * Stores the graph of `contributions` as an older Focal did, with the link from `from` to `to` it made and this one
 * does not, upgrades it, and checks it is the graph built today, whose only link from `from` goes to `kept`.
 */
function expectLinkDroppedOnUpgrade(contributions: DocumentContribution[], version: 3 | 4, from: string, to: string, kept: string): void {
  const current = buildGraph(contributions);
  const [source, target] = [documentNodeId(from), documentNodeId(to)];
  const id = directedEdgeId('links-to', source, target);
  const edge = { id, kind: 'links-to', source, target, weight: 1, inferred: false, directed: true, documents: [from, to].sort() };
  const stored = { ...current, version, edges: { ...current.edges, [id]: edge } } as StoredGraph;
  const { graph, upgraded } = upgradeGraph(stored);
  expect(upgraded).toBe(true);
  expect(graph).toEqual(current);
  expect(Object.keys(graph.edges).filter((edgeId) => edgeId.startsWith('links-to:'))).toEqual([directedEdgeId('links-to', source, documentNodeId(kept))]);
}

describe('upgrading a graph stored by the Focal that linked notes by title too (version 3)', () => {
  it('drops the links that went to a note only by its heading', () => {
    const contributions = [linkingNote('photo', 'Photosynthesis', 'Biology/Photosynthesis.md'), linkingNote('lecture', 'Photosynthesis', 'Daily/Lecture 4.md'), linkingNote('review', 'Review', 'Review.md', ['Photosynthesis'])];
    expectLinkDroppedOnUpgrade(contributions, 3, 'review', 'lecture', 'photo');
  });
});

describe('upgrading a graph stored by the Focal that linked an ambiguous name to every note of it (version 4)', () => {
  it('keeps only the link to the note in the linking note’s folder', () => {
    const contributions = [linkingNote('plants', 'Plant index', 'vault/Biology/Plants/Index.md'), linkingNote('history', 'History index', 'vault/History/Index.md'), linkingNote('photo', 'Photosynthesis', 'vault/Biology/Plants/Photosynthesis.md', ['Index'])];
    expectLinkDroppedOnUpgrade(contributions, 4, 'photo', 'history', 'plants');
  });
});
