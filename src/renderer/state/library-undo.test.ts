/** Deleting a document and undoing it, against IndexedDB (fake-indexeddb in Node). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FocalDb } from '../db/focal-db';
import { parsedNote } from '../db/parsed-note-fixture';
import { LibraryRepository } from '../db/library-repository';
import { LibraryState } from './library.svelte';

/** The note `sourceName` with these sentences and content hash; one concept, on its first sentence. */
const parsed = (sourceName: string, sentences: string[], contentHash: string) => parsedNote(sentences, { sourceName, contentHash, concepts: ['mitochondria'] });

const cells = ['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'];

function setup() {
  const db = new FocalDb(`library-undo-${Math.random()}`);
  let n = 0;
  const repository = new LibraryRepository(db, () => `id-${++n}`, () => Date.UTC(2026, 10, 1));
  return { db, repository, state: new LibraryState(repository) };
}

/** As `setup`, with a clock a second later at each read: what was stored before a delete is older than it. */
function setupTicking() {
  const db = new FocalDb(`library-undo-${Math.random()}`);
  let n = 0;
  let clock = Date.UTC(2026, 10, 1);
  const repository = new LibraryRepository(db, () => `id-${++n}`, () => (clock += 1000));
  return { db, repository, state: new LibraryState(repository) };
}

describe('undoing a library delete', () => {
  it('puts the document and its cards back', async () => {
    const { db, repository, state } = setup();
    const { documentId } = await repository.store(parsed('cells.md', cells, 'v1'));
    const cards = await db.cards.count();
    await state.remove(documentId);
    expect(state.lastDeleted?.document.id).toBe(documentId);
    await state.undoDelete();
    expect(state.documents.map((doc) => doc.id)).toEqual([documentId]);
    expect(await db.cards.count()).toBe(cards);
    expect(state.lastDeleted).toBeNull();
    expect(state.undoRefused).toBeNull();
  });

  it('withdraws the offer once the same file is imported again', async () => {
    const { repository, state } = setup();
    const { documentId } = await repository.store(parsed('cells.md', cells, 'v1'));
    await state.remove(documentId);
    await repository.store(parsed('cells.md', cells, 'v1'));
    await state.refresh();
    expect(state.lastDeleted).toBeNull();
  });

  it('withdraws the offer when the re-import is found while a search hides it', async () => {
    const { repository, state } = setup();
    const { documentId } = await repository.store(parsed('cells.md', cells, 'v1'));
    await state.remove(documentId);
    await repository.store(parsed('cells.md', cells, 'v1'));
    await state.search('no such word', 0);
    expect(state.documents).toEqual([]);
    expect(state.lastDeleted).toBeNull();
  });

  it('refuses to restore a copy next to a re-import of the same bytes, and says why', async () => {
    const { db, repository, state } = setup();
    const { documentId } = await repository.store(parsed('cells.md', cells, 'v1'));
    const cards = await db.cards.count();
    await state.remove(documentId);
    // The import lands without the library hearing of it (another window, or before the list refreshed).
    await repository.store(parsed('renamed.md', cells, 'v1'));
    await state.undoDelete();
    expect(await db.documents.count()).toBe(1);
    expect(await db.cards.count()).toBe(cards);
    expect(state.documents).toHaveLength(1);
    expect(state.undoRefused).toMatch(/imported again/);
    expect(state.lastDeleted).toBeNull();
  });

  it('refuses to restore a copy next to an edited re-import of the same file', async () => {
    const { db, repository, state } = setup();
    const { documentId } = await repository.store(parsed('Notes/Cells.md', cells, 'v1'));
    await state.remove(documentId);
    await repository.store(parsed('notes/cells.md', [cells[0]!, 'Lysosomes digest waste.'], 'v2'));
    await state.undoDelete();
    expect(await db.documents.count()).toBe(1);
    expect((await db.documents.toArray())[0]?.contentHash).toBe('v2');
    expect(state.undoRefused).not.toBeNull();
  });

  it('restores a note though another note was edited to read the same before the delete', async () => {
    const { db, repository, state } = setupTicking();
    const { documentId } = await repository.store(parsed('cells.md', cells, 'v1'));
    await repository.store(parsed('mitosis.md', ['Mitosis makes two cells.'], 'm1'));
    // mitosis.md now reads exactly as cells.md does: it is updated, and shares cells.md's bytes.
    await repository.store(parsed('mitosis.md', cells, 'v1'));
    const cards = await db.cards.count();
    await state.remove(documentId);
    await state.refresh();
    expect(state.lastDeleted?.document.id).toBe(documentId);
    await state.undoDelete();
    expect(state.undoRefused).toBeNull();
    expect((await db.documents.toArray()).map((d) => d.sourceName).sort()).toEqual(['cells.md', 'mitosis.md']);
    expect(await db.cards.count()).toBe(cards);
  });

  it('restores one of two files of the same name kept side by side ("Keep both")', async () => {
    const { db, repository, state } = setupTicking();
    await repository.store(parsed('lecture1.md', cells, 'bio'));
    const economics = await repository.store(parsed('lecture1.md', ['Supply and demand set prices.', 'Monopolies have one seller.'], 'econ'), { separate: true });
    const cards = await db.cards.count();
    await state.remove(economics.documentId);
    await state.refresh();
    expect(state.lastDeleted?.document.id).toBe(economics.documentId);
    await state.undoDelete();
    expect(state.undoRefused).toBeNull();
    expect(await db.documents.count()).toBe(2);
    expect(await db.cards.count()).toBe(cards);
  });

  it('forgets a refusal on the next delete', async () => {
    const { repository, state } = setup();
    const first = await repository.store(parsed('cells.md', cells, 'v1'));
    await state.remove(first.documentId);
    const again = await repository.store(parsed('cells.md', cells, 'v1'));
    await state.undoDelete();
    expect(state.undoRefused).not.toBeNull();
    await state.remove(again.documentId);
    expect(state.undoRefused).toBeNull();
    expect(state.lastDeleted?.document.id).toBe(again.documentId);
  });
});
