import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../core/graph/build-graph';
import { documentContribution } from '../../core/graph/contribution';
import { NOTE_A, NOTE_B } from '../../core/graph/fixtures/notes';
import { conceptNodeId, emptyGraph, GRAPH_VERSION } from '../../core/graph/knowledge-graph';
import type { StoredGraph } from '../../core/graph/upgrade-graph';
import { FocalDb } from './focal-db';
import { contributionOf, readGraphRow, saveGraphPositions } from './graph-row';
import { LibraryRepository } from './library-repository';
import { parsedNote } from './parsed-note-fixture';

/** A library over `db` whose ids count up and whose clock stands still. */
function libraryOver(db: FocalDb): LibraryRepository {
  let n = 0;
  return new LibraryRepository(db, () => `id-${++n}`, () => 1_000);
}

/** The graph a rebuild from the library as it is would give. */
async function rebuilt(db: FocalDb) {
  const documents = await db.documents.toArray();
  return buildGraph(await Promise.all(documents.map(async (d) => contributionOf(d, await db.sentences.where('documentId').equals(d.id).toArray()))));
}

describe('reading the stored graph', () => {
  it('upgrades a graph an older Focal stored, once, and writes it back with its positions', async () => {
    const db = new FocalDb(`graph-row-${Math.random()}`);
    expect(await readGraphRow(db)).toBeUndefined();
    const current = buildGraph([NOTE_A, NOTE_B].map(documentContribution));
    // Version 1 with these notes' keys: "cell membrane" was keyed "cell membran".
    const old = (key: string) => (key === 'cell membrane' ? 'cell membran' : key);
    const contributions = Object.fromEntries(
      Object.entries(current.contributions).map(([id, c]) => [
        id,
        {
          ...c,
          concepts: c.concepts.map((concept) => ({ ...concept, key: old(concept.key) })).sort((a, b) => (a.key < b.key ? -1 : 1)),
          pairs: c.pairs.map((pair) => ({ ...pair, a: old(pair.a), b: old(pair.b) })),
        },
      ]),
    );
    const stored = { ...buildGraph(Object.values(contributions)), version: 1 } as StoredGraph;
    await db.graph.put({ id: 'library', graph: stored, positions: { [conceptNodeId('cell membran')]: { x: 1, y: 2 } } });

    const row = await readGraphRow(db);
    expect(row!.graph).toEqual(current);
    expect(row!.positions).toEqual({ [conceptNodeId('cell membrane')]: { x: 1, y: 2 } });
    expect((await db.graph.get('library'))!.graph.version).toBe(GRAPH_VERSION);
    expect(await readGraphRow(db)).toEqual(row);
  });
});

describe('bringing the stored graph up to date', () => {
  const cells = ['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'];
  const plants = ['Chloroplasts capture light for photosynthesis.', 'Stomata let carbon dioxide into the leaf.'];

  function setup() {
    const db = new FocalDb(`graph-catch-up-${Math.random()}`);
    return { db, library: libraryOver(db) };
  }

  it('puts in the documents imported since it was read, without writing the graph at each import', async () => {
    const { db, library } = setup();
    const a = await library.store(parsedNote(cells, { sourceName: 'cells.md', contentHash: 'a' }));
    const b = await library.store(parsedNote(plants, { sourceName: 'plants.md', contentHash: 'b', concepts: ['chloroplasts', 'stomata'] }));
    expect(await db.graph.count()).toBe(0);
    expect((await db.graphChanges.toArray()).map((row) => row.documentId).sort()).toEqual([a.documentId, b.documentId].sort());

    const row = await readGraphRow(db);
    expect(Object.keys(row!.graph.contributions).sort()).toEqual([a.documentId, b.documentId].sort());
    expect(row!.graph).toEqual(await rebuilt(db));
    expect(await db.graphChanges.count()).toBe(0);
    expect((await db.graph.get('library'))!.graph).toEqual(row!.graph);
  });

  it('follows deletes, restores and renames, and keeps the positions the person left', async () => {
    const { db, library } = setup();
    const a = await library.store(parsedNote(cells, { sourceName: 'cells.md', contentHash: 'a' }));
    const b = await library.store(parsedNote(plants, { sourceName: 'plants.md', contentHash: 'b', concepts: ['chloroplasts', 'stomata'] }));
    await readGraphRow(db);
    await saveGraphPositions(db, { [`document:${b.documentId}`]: { x: 5, y: 6 } });

    const deleted = (await library.delete(a.documentId))!;
    const withoutA = (await readGraphRow(db))!;
    expect(Object.keys(withoutA.graph.contributions)).toEqual([b.documentId]);
    expect(withoutA.graph).toEqual(await rebuilt(db));
    expect(withoutA.positions).toEqual({ [`document:${b.documentId}`]: { x: 5, y: 6 } });

    await library.restore(deleted);
    await library.rename(b.documentId, 'garden/plants.md');
    const back = (await readGraphRow(db))!;
    expect(back.graph).toEqual(await rebuilt(db));
    expect(back.graph.nodes[`document:${b.documentId}`]).toMatchObject({ sourceName: 'garden/plants.md' });
    expect(Object.keys(back.graph.contributions).sort()).toEqual([a.documentId, b.documentId].sort());
  });

  it('gives nothing for a library that never had a document, and an empty graph once its last one is gone', async () => {
    const { db, library } = setup();
    expect(await readGraphRow(db)).toBeUndefined();
    const a = await library.store(parsedNote(cells, { contentHash: 'a' }));
    await library.delete(a.documentId);
    expect((await readGraphRow(db))!.graph).toEqual(emptyGraph());
  });
});

describe('catching up while the library changes', () => {
  const note = (i: number) =>
    parsedNote([`Note ${i} is about topic${i} and cells.`, `It names molecule${i} twice: molecule${i}.`], { sourceName: `n${i}.md`, contentHash: `h${i}`, concepts: [`topic${i}`, `molecule${i}`] });

  it.each([
    ['alone', false],
    ['while another tab catches up too', true],
  ])('says how far it has come, and never leaves the graph behind a change made meanwhile (%s)', async (_, withOtherTab) => {
    const name = `graph-race-${Math.random()}`;
    const db = new FocalDb(name);
    // Another tab: its own connection, its own catch-ups.
    const otherTab = new FocalDb(name);
    const library = libraryOver(db);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await library.store(note(i))).documentId);
    const seen: Array<[number, number]> = [];
    let paused = 0;
    await readGraphRow(db, {
      progress: (done, total) => seen.push([done, total]),
      sliceMs: 0,
      // Changes while this one runs: a rename of a note it is putting in, a new note, a delete. Then, maybe, the other
      // tab puts them all in the graph, so this one's graph, read before them, must not be written over it.
      pause: async () => {
        if (paused++ > 0) return;
        await Promise.all([library.rename(ids[0]!, 'moved/n0.md'), library.store(note(6)), library.delete(ids[1]!)]);
        if (withOtherTab) await readGraphRow(otherTab);
      },
    });
    expect(seen[0]).toEqual([0, 6]);
    expect(seen.at(-1)).toEqual([6, 6]);

    const row = (await readGraphRow(db))!;
    expect(row.graph).toEqual(await rebuilt(db));
    expect(row.graph.nodes[`document:${ids[0]}`]).toMatchObject({ sourceName: 'moved/n0.md' });
    expect(await db.graphChanges.count()).toBe(0);
  });

  it('reads a layout an older Focal kept in the graph’s row, and moves it to its own row', async () => {
    const db = new FocalDb(`graph-positions-${Math.random()}`);
    const library = libraryOver(db);
    const { documentId } = await library.store(note(1));
    const current = (await readGraphRow(db))!;
    const layout = { [`document:${documentId}`]: { x: 9, y: 10 } };
    // As a Focal before graphPositions left it (or a backup made then restores it).
    await db.graphPositions.clear();
    await db.graph.put({ ...current, positions: layout });
    expect((await readGraphRow(db))!.positions).toEqual(layout);
    // The next write of the graph moves the layout to its own row.
    await library.store(note(2));
    expect((await readGraphRow(db))!.positions).toEqual(layout);
    expect(await db.graphPositions.get('library')).toEqual({ id: 'library', positions: layout });
    expect((await db.graph.get('library'))!.positions).toEqual({});
  });

  it('keeps positions saved since, and counts its writes', async () => {
    const db = new FocalDb(`graph-positions-${Math.random()}`);
    const library = libraryOver(db);
    const { documentId } = await library.store(note(1));
    const first = (await readGraphRow(db))!;
    await saveGraphPositions(db, { [`document:${documentId}`]: { x: 3, y: 4 } });
    await library.store(note(2));
    const second = (await readGraphRow(db))!;
    expect(second.positions).toEqual({ [`document:${documentId}`]: { x: 3, y: 4 } });
    expect(second.revision).toBe((first.revision ?? 0) + 1);
  });
});

describe('concept vectors', () => {
  const withVectors = (contentHash: string, sourceName: string) => {
    const parsed = parsedNote(['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'], { contentHash, sourceName });
    parsed.analysis!.concepts = parsed.analysis!.concepts.map((concept, i) => ({ ...concept, vector: [1, i, 0.5] }));
    return parsed;
  };

  it('are kept apart from the document row, and the graph gets them, through a delete and its undo too', async () => {
    const db = new FocalDb(`graph-vectors-${Math.random()}`);
    const library = libraryOver(db);
    const { documentId } = await library.store(withVectors('a', 'cells.md'));
    const row = (await db.documents.get(documentId))!;
    expect(row.concepts.map((c) => c.phrase)).toEqual(['mitochondria', 'ribosomes']);
    expect(row.concepts.some((c) => c.vector)).toBe(false);
    expect((await db.conceptVectors.get(documentId))!.vectors).toEqual({ mitochondria: [1, 0, 0.5], ribosomes: [1, 1, 0.5] });
    const vectorOf = async () => (await readGraphRow(db))!.graph.contributions[documentId]!.concepts.map((c) => c.vector !== null);
    expect(await vectorOf()).toEqual([true, true]);

    const deleted = (await library.delete(documentId))!;
    expect(await db.conceptVectors.count()).toBe(0);
    await library.restore(deleted);
    expect(await vectorOf()).toEqual([true, true]);
  });

  it('are read from the row of a document stored with them inline, before their table', async () => {
    const db = new FocalDb(`graph-inline-${Math.random()}`);
    const library = libraryOver(db);
    const { documentId } = await library.store(withVectors('a', 'cells.md'));
    const stored = (await db.conceptVectors.get(documentId))!;
    const row = (await db.documents.get(documentId))!;
    const inline = { ...row, concepts: row.concepts.map((c) => ({ ...c, vector: stored.vectors[c.phrase] })) };
    expect(contributionOf(inline, await db.sentences.where('documentId').equals(documentId).toArray())).toEqual(
      contributionOf(row, await db.sentences.where('documentId').equals(documentId).toArray(), stored),
    );
  });
});
