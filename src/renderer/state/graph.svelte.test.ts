import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../core/graph/build-graph';
import { documentContribution } from '../../core/graph/contribution';
import { NOTE_A, NOTE_B } from '../../core/graph/fixtures/notes';
import { FocalDb } from '../db/focal-db';
import { LibraryRepository } from '../db/library-repository';
import { parsedNote } from '../db/parsed-note-fixture';
import { BACKGROUND_CATCH_UP_MIN, GraphState } from './graph.svelte';
import type { ScheduleSettings } from './schedule-settings.svelte';

/** A graph state over the two fixture notes (2 documents, 8 concepts); nothing here touches the database. */
function stateOf(limit: number): GraphState {
  const state = new GraphState({} as FocalDb, {} as ScheduleSettings, () => 0);
  state.graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
  state.limit = limit;
  return state;
}

describe('the graph screen’s counts', () => {
  it('counts as hidden only the matching nodes the size limit leaves out', () => {
    const state = stateOf(4);
    expect(state.hiddenCount).toBe(6);
    state.documentFilter = 'doc-b';
    // doc-b supports 6 nodes: 4 are drawn, 2 more would come with "Show more"; doc-a's 4 do not match at all.
    expect(state.matching.nodes).toHaveLength(6);
    expect(state.view.nodes).toHaveLength(4);
    expect(state.hiddenCount).toBe(2);
    state.limit = 150;
    expect(state.hiddenCount).toBe(0);
  });

  it('hides nothing when the filters match nothing', () => {
    const state = stateOf(150);
    state.memoryFilter = ['weak'];
    expect(state.filtered).toBe(true);
    expect(state.matching.nodes).toEqual([]);
    expect(state.hiddenCount).toBe(0);
  });
});

describe('closing the side panel', () => {
  it('clears the selection and the sentences drawn from it', () => {
    const state = stateOf(150);
    const concept = state.full.nodes.find((n) => n.kind === 'concept')!;
    state.selected = concept.id;
    state.expansion = { conceptId: concept.id, sentences: [{ id: 's1', documentId: concept.documents[0]!, ordinal: 0, text: 'A sentence.', salience: 1 }] };
    expect(state.view.nodes.some((n) => n.kind === 'sentence')).toBe(true);
    state.deselect();
    expect(state.selected).toBeNull();
    expect(state.expansion).toBeNull();
    expect(state.view.nodes.some((n) => n.kind === 'sentence')).toBe(false);
  });
});

describe('the side panel when the filters change', () => {
  it('closes when the chosen document filter leaves the selected node out, and stays while it is still drawn', () => {
    const state = stateOf(150);
    const onlyA = state.full.nodes.find((n) => n.kind === 'concept' && n.documents.length === 1 && n.documents[0] === 'doc-a')!;
    const shared = state.full.nodes.find((n) => n.kind === 'concept' && n.documents.length === 2)!;
    state.selected = shared.id;
    state.documentFilter = 'doc-b';
    state.keepSelectionShown();
    expect(state.selected).toBe(shared.id);
    state.documentFilter = null;
    state.selected = onlyA.id;
    state.documentFilter = 'doc-b';
    state.keepSelectionShown();
    expect(state.selected).toBeNull();
  });
});

describe('a node found by search', () => {
  it('is drawn once chosen: past the size limit with its neighbours, and outside the filters with them cleared', () => {
    const state = stateOf(4);
    const hidden = state.full.nodes.find((n) => !state.view.nodes.some((v) => v.id === n.id))!;
    state.reveal(hidden.id);
    expect(state.focus).toEqual({ nodeId: hidden.id, hops: 1 });
    expect(state.view.nodes.some((n) => n.id === hidden.id)).toBe(true);

    state.focus = null;
    state.limit = 150;
    state.memoryFilter = ['weak'];
    const concept = state.full.nodes.find((n) => n.kind === 'concept')!;
    state.reveal(concept.id);
    expect(state.memoryFilter).toEqual([]);
    // Every node fits in the overview once the filter is gone: no neighbourhood is needed.
    expect(state.focus).toBeNull();
    expect(state.view.nodes.some((n) => n.id === concept.id)).toBe(true);

    // A node already drawn changes nothing.
    state.documentFilter = 'doc-b';
    const drawn = state.view.nodes[0]!;
    state.reveal(drawn.id);
    expect(state.documentFilter).toBe('doc-b');
    expect(state.focus).toBeNull();
  });
});

describe('the document filter’s list', () => {
  it('lists the documents by name, whatever order the graph has them in', () => {
    const state = stateOf(150);
    expect(state.full.nodes.filter((n) => n.kind === 'document').map((d) => d.label)).toEqual(['Photosynthesis', 'Cell Biology']);
    expect(state.documents.map((d) => d.label)).toEqual(['Cell Biology', 'Photosynthesis']);
  });
});

describe('saving the layout', () => {
  it('keeps the positions saved before, and drops those of nodes the graph no longer has', async () => {
    const db = new FocalDb(`graph-state-${Math.random()}`);
    const state = new GraphState(db, {} as ScheduleSettings, () => 0);
    state.graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
    const [first, second] = Object.keys(state.graph.nodes);
    await db.graph.put({ id: 'library', graph: state.graph, positions: {} });
    state.positions = { [first!]: { x: 1, y: 2 }, 'concept:deleted long ago': { x: 3, y: 4 } };

    await state.savePositions({ [second!]: { x: 5, y: 6 }, 'sentence:a-drawn-sentence': { x: 7, y: 8 } });

    const expected = { [first!]: { x: 1, y: 2 }, [second!]: { x: 5, y: 6 } };
    expect(state.positions).toEqual(expected);
    expect((await db.graphPositions.get('library'))!.positions).toEqual(expected);
  });

  it('writes nothing when nothing moved', async () => {
    const db = new FocalDb(`graph-state-${Math.random()}`);
    const state = new GraphState(db, {} as ScheduleSettings, () => 0);
    state.graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
    const [first, second] = Object.keys(state.graph.nodes);
    const saved = { [first!]: { x: 1, y: 2 }, [second!]: { x: 5, y: 6 } };
    await db.graph.put({ id: 'library', graph: state.graph, positions: saved, revision: 3 });
    state.positions = { ...saved };
    await db.graphPositions.put({ id: 'library', positions: saved });
    const writes: unknown[] = [];
    db.graphPositions.hook('updating', (changes) => void writes.push(changes));
    db.graphPositions.hook('creating', (key) => void writes.push(key));

    await state.savePositions({ [second!]: { x: 5, y: 6 } });
    await state.savePositions({ ...saved });
    expect(writes).toEqual([]);
    await state.savePositions({ [second!]: { x: 5, y: 7 } });
    expect(writes).toHaveLength(1);
    expect((await db.graphPositions.get('library'))!.positions).toEqual({ [first!]: { x: 1, y: 2 }, [second!]: { x: 5, y: 7 } });
  });
});

describe('catching up in the background', () => {
  async function libraryOf(count: number) {
    const db = new FocalDb(`graph-background-${Math.random()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1_000);
    for (let i = 0; i < count; i++) {
      await library.store(parsedNote([`Note ${i} is about topic ${i}.`, `Topic ${i} has a second sentence.`], { sourceName: `note-${i}.md`, contentHash: `h${i}`, concepts: [`topic ${i}`] }));
    }
    return db;
  }

  it('leaves a few changed documents to the Graph screen, and takes in many before it opens', async () => {
    const few = await libraryOf(BACKGROUND_CATCH_UP_MIN - 1);
    expect(await new GraphState(few, {} as ScheduleSettings, () => 0).catchUpInBackground()).toBe(false);
    expect(await few.graphChanges.count()).toBe(BACKGROUND_CATCH_UP_MIN - 1);
    expect(await few.graph.get('library')).toBeUndefined();

    const many = await libraryOf(BACKGROUND_CATCH_UP_MIN);
    const state = new GraphState(many, {} as ScheduleSettings, () => 0);
    const progress: Array<[number, number]> = [];
    expect(await state.catchUpInBackground((done, total) => progress.push([done, total]))).toBe(true);
    // How far it has come, for the task tray: from none to all of them.
    expect(progress[0]).toEqual([0, BACKGROUND_CATCH_UP_MIN]);
    expect(progress.at(-1)).toEqual([BACKGROUND_CATCH_UP_MIN, BACKGROUND_CATCH_UP_MIN]);
    // The write follows the graph; a read queued behind it finds nothing left to put in.
    const row = await new GraphState(many, {} as ScheduleSettings, () => 0).catchUpInBackground().then(() => many.graph.get('library'));
    expect(await many.graphChanges.count()).toBe(0);
    expect(Object.keys(row!.graph.contributions)).toHaveLength(BACKGROUND_CATCH_UP_MIN);
    expect(state.catchingUp).toBeNull();
    expect(state.loaded).toBe(false);
  });
});
