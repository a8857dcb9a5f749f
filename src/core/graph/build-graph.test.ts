import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random';
import { conceptKey } from '../extraction/concept-key';
import { addDocument, buildGraph, graphEditor, removeDocument } from './build-graph';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { type DocumentContribution, type KnowledgeGraph, conceptNodeId, documentNodeId, emptyGraph } from './knowledge-graph';
import { syntheticLibrary } from './synthetic-library';

const A = documentContribution(NOTE_A);
const B = documentContribution(NOTE_B);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function nodeOf(graph: KnowledgeGraph, phrase: string) {
  return graph.nodes[graph.keys[conceptKey(phrase)]!.node]!;
}

function edgesOf(graph: KnowledgeGraph, kind: string) {
  return Object.values(graph.edges).filter((e) => e.kind === kind);
}

describe('building the knowledge graph', () => {
  const both = buildGraph([A, B]);

  it('makes one node for a concept two notes share, supported by both and weighted by both scores', () => {
    const chlorophyll = nodeOf(both, 'chlorophyll');
    expect(chlorophyll).toMatchObject({ id: conceptNodeId(conceptKey('chlorophyll')), kind: 'concept', label: 'chlorophyll', documents: ['doc-a', 'doc-b'] });
    expect(chlorophyll.weight).toBeCloseTo(0.8 + 0.4, 12);
    expect(chlorophyll.tags).toEqual(['biology', 'cells', 'plants']);
  });

  it('merges different phrases whose embeddings are near-identical, labelled by the heavier', () => {
    const light = nodeOf(both, 'light reactions');
    expect(nodeOf(both, 'light-dependent reactions')).toBe(light);
    expect(light.keys).toEqual([conceptKey('light-dependent reactions'), conceptKey('light reactions')].sort());
    expect(light.label).toBe('light reactions');
    expect(light.documents).toEqual(['doc-a', 'doc-b']);
    expect(light.weight).toBeCloseTo(0.6 + 0.5, 12);
  });

  it('keeps sibling concepts apart even when their vectors are very close, linking them as inferred instead', () => {
    const note = (id: string, phrase: string, vector: number[]) =>
      documentContribution({
        document: { id, title: id, sourceName: `${id}.md`, links: [], tags: [], concepts: [{ phrase, score: 1, sentences: [] }] },
        sentences: [],
        vectors: { [phrase]: vector },
      });
    // Summed word vectors put "first world war" and "second world war" at 0.991.
    const graph = buildGraph([note('ww1', 'first world war', [1, 0]), note('ww2', 'second world war', [0.991, Math.sqrt(1 - 0.991 ** 2)])]);
    expect(nodeOf(graph, 'first world war')).not.toBe(nodeOf(graph, 'second world war'));
    expect(edgesOf(graph, 'similar')).toHaveLength(1);
  });

  it('keeps concepts apart below the merge threshold', () => {
    expect(nodeOf(both, 'carbon fixation')).not.toBe(nodeOf(both, 'photosynthesis'));
    expect(Object.values(both.nodes).filter((n) => n.kind === 'concept')).toHaveLength(8);
  });

  it('links concepts that share key sentences, weighted by the salience of those sentences', () => {
    const edge = Object.values(both.edges).find(
      (e) => e.kind === 'co-occurs' && [e.source, e.target].sort().join() === [nodeOf(both, 'photosynthesis').id, nodeOf(both, 'chlorophyll').id].sort().join(),
    )!;
    expect(edge).toMatchObject({ inferred: false, directed: false, documents: ['doc-a'] });
    expect(edge.weight).toBeCloseTo(sigmoid(2), 12);
    // Chlorophyll and the merged light-reactions node share sentence b2 (salience 0).
    const shared = Object.values(both.edges).find((e) => e.id.includes(nodeOf(both, 'chlorophyll').id) && e.id.includes(nodeOf(both, 'light reactions').id))!;
    expect(shared.weight).toBeCloseTo(sigmoid(0), 12);
  });

  it('infers exactly one link: between close concepts of different notes, none within a note', () => {
    const similar = edgesOf(both, 'similar');
    expect(similar).toHaveLength(1);
    expect(similar[0]).toMatchObject({ inferred: true, directed: false, documents: ['doc-a', 'doc-b'] });
    expect([similar[0]!.source, similar[0]!.target].sort()).toEqual([nodeOf(both, 'cellular respiration').id, nodeOf(both, 'photosynthesis').id].sort());
    expect(similar[0]!.weight).toBeCloseTo(0.8, 3);
    expect(Object.values(both.edges).filter((e) => e.inferred)).toEqual(similar);
  });

  it('keeps at most the configured number of inferred links per concept, the closest first', () => {
    // One note per concept; spoke i has cosine `cos` to the hub and is orthogonal to the other spokes.
    const note = (id: string, vector: number[]) =>
      documentContribution({
        document: { id, title: id, sourceName: `${id}.md`, links: [], tags: [], concepts: [{ phrase: id, score: 1, sentences: [] }] },
        sentences: [],
        vectors: { [id]: vector },
      });
    const spoke = (i: number, cos: number) => note(`spoke ${i}`, [cos, ...[0, 1, 2].map((j) => (j === i ? Math.sqrt(1 - cos * cos) : 0))]);
    const graph = buildGraph([note('hub', [1, 0, 0, 0]), spoke(0, 0.9), spoke(1, 0.8), spoke(2, 0.7)], { inferredPerConcept: 1 });
    expect(graph.nearest[conceptNodeId('hub')]).toEqual([{ id: conceptNodeId(conceptKey('spoke 0')), similarity: expect.closeTo(0.9, 3) }]);
    // Each spoke lists the hub (its only close concept), but a link needs both ends to list each other: one edge,
    // to the spoke the hub lists, not a hub of three.
    expect(edgesOf(graph, 'similar').map((edge) => [edge.source, edge.target].sort())).toEqual([[conceptNodeId('hub'), conceptNodeId(conceptKey('spoke 0'))].sort()]);
  });

  it("weights a document→concept edge by the concept's score there, and a document by its concept mass", () => {
    const mentions = both.edges[`mentions:${documentNodeId('doc-b')}->${nodeOf(both, 'chlorophyll').id}`]!;
    expect(mentions).toMatchObject({ source: documentNodeId('doc-b'), directed: true, documents: ['doc-b'] });
    expect(mentions.weight).toBeCloseTo(0.4, 12);
    expect(both.nodes[documentNodeId('doc-a')]).toMatchObject({ kind: 'document', label: 'Photosynthesis', sourceName: 'biology/photosynthesis.md', tags: ['biology', 'plants'] });
    expect(both.nodes[documentNodeId('doc-a')]!.weight).toBeCloseTo(1.2 + 0.8 + 0.7 + 0.6 + 0.5, 12);
    expect(edgesOf(both, 'mentions')).toHaveLength(10);
  });

  it('links notes by wikilink in whichever order they arrive', () => {
    for (const graph of [buildGraph([A, B]), buildGraph([B, A])]) {
      expect(edgesOf(graph, 'links-to').map((e) => `${e.source} ${e.target}`).sort()).toEqual([
        `${documentNodeId('doc-a')} ${documentNodeId('doc-b')}`,
        `${documentNodeId('doc-b')} ${documentNodeId('doc-a')}`,
      ]);
    }
    expect(edgesOf(buildGraph([A]), 'links-to')).toEqual([]);
  });
});

describe('wikilinks in the graph', () => {
  const note = (id: string, title: string, sourceName: string, links: string[] = [], aliases?: string[]) =>
    documentContribution({ document: { id, title, sourceName, links, tags: [], ...(aliases ? { aliases } : {}), concepts: [] }, sentences: [], vectors: {} });
  const links = (graph: KnowledgeGraph) =>
    edgesOf(graph, 'links-to')
      .map((e) => `${e.source.slice('document:'.length)}->${e.target.slice('document:'.length)}`)
      .sort();
  const mitochondria = note('mito', 'Mitochondria', 'bio/Mitochondria.md', [], ['Powerhouse', 'Mito']);
  const respiration = note('resp', 'Respiration', 'bio/Respiration.md', ['Mito', 'Powerhouse|the powerhouse']);
  const photosynthesis = note('photo', 'Photosynthesis', 'Biology/Photosynthesis.md');
  const lecture = note('lecture', 'Photosynthesis', 'Daily/Lecture 4.md');
  const review = note('review', 'Review', 'Review.md', ['Photosynthesis#Light reactions']);

  it('links a note to another by that one’s front-matter aliases, in whichever order they arrive', () => {
    expect(links(buildGraph([mitochondria, respiration]))).toEqual(['resp->mito']);
    expect(links(buildGraph([respiration, mitochondria]))).toEqual(['resp->mito']);
    expect(links(addDocument(buildGraph([respiration, mitochondria]), note('mito', 'Mitochondria', 'bio/Mitochondria.md')))).toEqual([]);
  });

  it('links to the note with the file name, never also to a note whose heading repeats it', () => {
    for (const order of [[photosynthesis, lecture, review], [review, lecture, photosynthesis], [lecture, review, photosynthesis]]) {
      expect(links(buildGraph(order))).toEqual(['review->photo']);
    }
  });

  it('links by a title only while no document has that file name, whatever the order of adds and removes', () => {
    const titled = buildGraph([lecture, review]);
    expect(links(titled)).toEqual(['review->lecture']);
    const named = addDocument(titled, photosynthesis);
    expect(named).toEqual(buildGraph([review, photosynthesis, lecture]));
    expect(links(named)).toEqual(['review->photo']);
    expect(removeDocument(named, 'photo')).toEqual(titled);
    const renamed = addDocument(named, note('photo', 'Plants', 'Biology/Plants.md'));
    expect(links(renamed)).toEqual(['review->lecture']);
    expect(renamed).toEqual(buildGraph([lecture, review, note('photo', 'Plants', 'Biology/Plants.md')]));
  });
});

describe('adding and removing documents', () => {
  it('adding A then B equals building from B and A', () => {
    expect(addDocument(addDocument(emptyGraph(), A), B)).toEqual(buildGraph([B, A]));
  });

  it('removing B after adding it returns to the graph of A alone', () => {
    const a = buildGraph([A]);
    expect(removeDocument(addDocument(a, B), 'doc-b')).toEqual(a);
    expect(removeDocument(buildGraph([B, A]), 'doc-b')).toEqual(a);
  });

  it('removing every document leaves the empty graph', () => {
    expect(removeDocument(removeDocument(buildGraph([A, B]), 'doc-a'), 'doc-b')).toEqual(emptyGraph());
  });

  it('replaces a document that is added again with its new version', () => {
    const revised = documentContribution({ ...NOTE_B, document: { ...NOTE_B.document, concepts: NOTE_B.document.concepts.slice(0, 2) } });
    expect(addDocument(buildGraph([A, B]), revised)).toEqual(buildGraph([A, revised]));
  });

  it('applies several changes at once as one add or remove each would', () => {
    // As the stored graph's catch-up does (graph-row.ts): one editor for the lot, nothing edited for no change.
    const applyDocumentChanges = (start: KnowledgeGraph, changes: ReadonlyMap<string, DocumentContribution | null>) => {
      if (changes.size === 0) return start;
      const editor = graphEditor(start);
      for (const [documentId, contribution] of changes) editor.set(documentId, contribution);
      return editor.finish();
    };
    const revised = documentContribution({ ...NOTE_B, document: { ...NOTE_B.document, concepts: NOTE_B.document.concepts.slice(0, 2) } });
    const graph = buildGraph([A, B]);
    const before = structuredClone(graph);
    expect(applyDocumentChanges(graph, new Map([['doc-a', null], ['doc-b', revised]]))).toEqual(buildGraph([revised]));
    expect(applyDocumentChanges(emptyGraph(), new Map([['doc-b', B], ['doc-a', A]]))).toEqual(buildGraph([A, B]));
    // A document gone before the graph ever had it changes nothing.
    expect(applyDocumentChanges(graph, new Map([['doc-x', null]]))).toEqual(graph);
    expect(applyDocumentChanges(graph, new Map())).toBe(graph);
    expect(graph).toEqual(before);
  });

  it('edits a copy document by document, and is spent once finished', () => {
    const graph = buildGraph([A]);
    const before = structuredClone(graph);
    const editor = graphEditor(graph);
    editor.set('doc-b', B);
    editor.set('doc-a', null);
    editor.set('doc-a', A);
    expect(editor.finish()).toEqual(buildGraph([A, B]));
    expect(graph).toEqual(before);
    expect(() => editor.set('doc-b', null)).toThrow(/finished/);
    expect(() => editor.finish()).toThrow(/finished/);
  });

  it('never changes the graph it is given, and gives the same result when given it again', () => {
    const graph = buildGraph([A]);
    const before = structuredClone(graph);
    const first = addDocument(graph, B);
    removeDocument(graph, 'doc-a');
    expect(graph).toEqual(before);
    expect(addDocument(graph, B)).toEqual(first);
  });

  it("labels a concept by its most used spelling, taking another spelling's vector when that one has none", () => {
    const shouted = (id: string) =>
      documentContribution({
        document: { id, title: id, sourceName: `${id}.md`, links: [], tags: [], concepts: [{ phrase: 'CHLOROPHYLL', score: 0.9, sentences: [] }] },
        sentences: [],
        vectors: {},
      });
    const graph = buildGraph([A, shouted('doc-c'), shouted('doc-d')]);
    expect(graph.keys[conceptKey('chlorophyll')]).toMatchObject({ label: 'CHLOROPHYLL', vectorFrom: 'doc-a', documents: ['doc-a', 'doc-c', 'doc-d'] });
    expect(nodeOf(graph, 'chlorophyll').label).toBe('CHLOROPHYLL');
    expect(removeDocument(graph, 'doc-a').keys[conceptKey('chlorophyll')]).toMatchObject({ vectorFrom: null });
  });

  it('works the same on a graph read back from storage (JSON or structured clone)', () => {
    const graph = buildGraph([A]);
    const stored = JSON.parse(JSON.stringify(graph)) as KnowledgeGraph;
    expect(stored).toEqual(graph);
    expect(addDocument(stored, B)).toEqual(addDocument(graph, B));
    expect(removeDocument(structuredClone(buildGraph([A, B])), 'doc-b')).toEqual(graph);
  });

  it('stays equal to a fresh build through random adds and removes of a synthetic library', () => {
    const library = syntheticLibrary({
      documents: 24,
      conceptsPerDocument: 8,
      sharedShare: 0.35,
      respellShare: 0.5,
      twinShare: 0.15,
      topics: 4,
      dimensions: 12,
      keySentencesPerDocument: 4,
      conceptsPerKeySentence: 3,
      linksPerDocument: 1,
      spread: 0.6,
      seed: 7,
    });
    const thresholds = { inferredPerConcept: 2 };
    const random = seededRandom(11);
    const present = new Map<string, DocumentContribution>();
    let graph = emptyGraph(thresholds);
    let checked = 0;
    for (let step = 0; step < 120; step++) {
      const doc = library[Math.floor(random() * library.length)]!;
      if (present.has(doc.documentId) && random() < 0.6) {
        graph = removeDocument(graph, doc.documentId);
        present.delete(doc.documentId);
      } else {
        graph = addDocument(graph, doc);
        present.set(doc.documentId, doc);
      }
      if (step % 6 === 5) {
        const fresh = buildGraph([...present.values()].sort((a, b) => (a.documentId < b.documentId ? -1 : 1)), thresholds);
        expect(graph).toEqual(fresh);
        checked++;
      }
    }
    expect(checked).toBe(20);
    // The library really exercises merging and inference.
    const full = buildGraph(library, thresholds);
    expect(Object.values(full.nodes).some((n) => n.keys.length > 1)).toBe(true);
    expect(edgesOf(full, 'similar').length).toBeGreaterThan(20);
  });
});
