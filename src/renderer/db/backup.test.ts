import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import { BackupStore, KEEP_BACKUPS, KEEP_DAILY_BACKUPS, KEEP_MODEL_CHANGE_BACKUPS, ROW_FIELDS, exportBackup, leaveRestoreNote, parseBackup, readBackup, restoreBackup, restoredMessage, tableKeys, takeRestoreNote, type Backup, type NoteStorage } from './backup';
import { paramsProblem } from '../../core/attention/params';
import { backupChunks } from './backup-text';
import { BackupsDb, FocalDb, type CardRow, type ModelVersionRow, type ReviewLogRow } from './focal-db';
import { newCardMemory } from '../../core/scheduling/card-memory';
import { serializeParams, zeroParams } from '../../core/attention/params';
import { emptyGraph } from '../../core/graph/knowledge-graph';
import { readGraphRow, saveGraphPositions } from './graph-row';
import { LibraryRepository } from './library-repository';
import { parsedNote } from './parsed-note-fixture';

let n = 0;
const freshDb = () => new FocalDb(`backup-${++n}`);

/** A card row with every field the app needs, new and due at 0. */
const card = (id: string, fields: Partial<CardRow> = {}): CardRow => ({
  id,
  documentId: 'd1',
  sentenceId: 's1',
  key: `cloze:${id}`,
  kind: 'cloze',
  manual: false,
  prompt: 'The […] makes ATP.',
  answer: 'mitochondrion',
  sentence: 'The mitochondrion makes ATP.',
  context: [],
  concept: 'mitochondrion',
  salience: 1,
  createdAt: 0,
  ...newCardMemory(0),
  suspended: false,
  buriedUntil: null,
  edited: false,
  ...fields,
});
const documentRow = (id: string) => ({ id, title: id, contentHash: id, sourceKey: id, importedAt: 1, updatedAt: 1, sections: [], links: [], tags: [], warnings: [], concepts: [] });
/** Parameters as a retrain stores them, small: every value 0. */
const dims = { D: 2, R: 1, RA: 1, F: 1 };
const params = serializeParams(zeroParams(dims), dims);
const modelVersion = (id: string, fields: Partial<ModelVersionRow> = {}): ModelVersionRow => ({ id, createdAt: 1, params, eventsUsed: 1, heldOut: { before: 0.5, after: 0.6, pairs: 4 }, active: false, ...fields });
/** A backup file of the current data version: every table, empty unless given. */
const fullFile = (tables: Record<string, unknown[]>) =>
  JSON.stringify({ format: 'focal-backup', version: 1, schemaVersion: 5, exportedAt: 1, tables: { ...Object.fromEntries([...tableKeys().keys()].map((name) => [name, []])), ...tables } });

/** Plain JSON data of any shape, as rows hold (text with any characters, nested arrays and records). */
// (−0 is normalised to 0 first: JSON has no negative zero, and the app stores no meaning in its sign.)
const payload = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const id = fc.uuid();

/** A random library: rows for every table, with the keys and indexed fields each table needs. */
const library = fc.record({
  settings: fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: payload }), { selector: (r) => r.key, maxLength: 5 }),
  documents: fc.uniqueArray(fc.record({ id, contentHash: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'.split('')), maxLength: 16 }), sourceKey: fc.string(), importedAt: fc.nat(), updatedAt: fc.nat(), title: fc.string(), sections: fc.array(payload, { maxLength: 2 }), links: fc.array(fc.string(), { maxLength: 2 }), tags: fc.array(fc.string(), { maxLength: 2 }), warnings: fc.array(fc.string(), { maxLength: 2 }), concepts: fc.array(payload, { maxLength: 2 }), extra: payload }), { selector: (r) => r.id, maxLength: 4 }),
  sentences: fc.uniqueArray(fc.record({ id, documentId: id, ordinal: fc.nat(), hash: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'.split('')), maxLength: 16 }), text: fc.string({ unit: 'grapheme' }) }), { selector: (r) => r.id, maxLength: 12 }),
  cards: fc.uniqueArray(fc.record({ id, documentId: id, sentenceId: id, key: fc.uuid(), due: fc.nat(), prompt: fc.string() }).map((row) => card(row.id, row)), { selector: (r) => r.key, maxLength: 8 }),
  reviewLog: fc.uniqueArray(
    fc.oneof(
      fc.record({ id, cardId: id, time: fc.nat(), kind: fc.constant('review'), rating: fc.constantFrom(1, 2, 3, 4), before: fc.constant(newCardMemory(0)), after: fc.constant(newCardMemory(1)), rest: payload }),
      fc.record({ id, cardId: id, time: fc.nat(), kind: fc.constant('undo'), undoes: id }),
      fc.record({ id, cardId: id, time: fc.nat(), kind: fc.constant('reset'), before: fc.constant(newCardMemory(0)), after: fc.constant(newCardMemory(1)) }),
    ),
    { selector: (r) => r.id, maxLength: 10 },
  ),
  feedback: fc.uniqueArray(fc.record({ id, sentenceId: id, documentId: id, time: fc.nat(), kind: fc.constant('card-deleted') }), { selector: (r) => r.id, maxLength: 5 }),
});

describe('backups', () => {
  it('round-trip any library exactly: export → file text → restore into an empty library', async () => {
    await fc.assert(
      fc.asyncProperty(library, async (tables) => {
        const source = freshDb();
        await source.transaction('rw', source.tables, async () => {
          for (const [name, rows] of Object.entries(tables)) await source.table(name).bulkAdd(rows as never[]);
        });
        const exported = await exportBackup(source, 1_000);
        const text = JSON.stringify(exported);
        // Written in pieces and read piece by piece (as a library too long for one string is), it is the same backup.
        const chunks = backupChunks(exported, 97);
        expect(chunks.join('')).toBe(text);
        expect(await readBackup(chunks, undefined, 0)).toEqual(parseBackup(text));
        expect(await readBackup(new Blob(chunks), undefined, 0)).toEqual(parseBackup(text));
        const target = freshDb();
        await restoreBackup(target, parseBackup(text));
        for (const table of source.tables) {
          if (table.name === 'graphChanges') continue;
          expect(await target.table(table.name).toArray()).toEqual(await table.toArray());
        }
        // The graph is made again from the documents: every one is marked for it.
        expect((await target.graphChanges.toArray()).map((row) => row.documentId).sort()).toEqual(tables.documents.map((row) => row.id).sort());
        source.close();
        target.close();
      }),
      { numRuns: 40 },
    );
  });

  it('read piece by piece, says a file cut short is damaged and one of another kind is not JSON, as read whole', async () => {
    const text = fullFile({ cards: [card('a'), card('b')] });
    await expect(readBackup([text.slice(0, 300), text.slice(300, 900)], undefined, 0)).rejects.toMatchObject({ code: 'malformed', message: expect.stringMatching(/damaged \(cut short/) });
    await expect(readBackup(new Blob(['PK\u0003\u0004 zip bytes']), undefined, 0)).rejects.toMatchObject({ code: 'malformed', message: 'This is not a Focal backup: it is not JSON.' });
    // Every check of a file read whole is made too.
    await expect(readBackup([fullFile({ cards: [{ id: null }] })], undefined, 0)).rejects.toMatchObject({ message: expect.stringMatching(/cards table has no id/) });
  });

  it('holds the graph’s positions, not the graph, which the restored library makes again from its documents', async () => {
    const source = freshDb();
    let ids = 0;
    const library = new LibraryRepository(source, () => `id-${++ids}`, () => 5);
    const { documentId } = await library.store(parsedNote(['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins.'], { contentHash: 'a' }));
    await library.store(parsedNote(['Chloroplasts capture light.', 'Stomata let carbon dioxide in.'], { contentHash: 'b', sourceName: 'plants.md', concepts: ['chloroplasts', 'stomata'] }));
    const graph = (await readGraphRow(source))!.graph;
    await saveGraphPositions(source, { [`document:${documentId}`]: { x: 7, y: 8 } });

    const backup = await exportBackup(source, 10);
    expect(backup.tables['graph']).toEqual([{ id: 'library', graph: emptyGraph(), positions: {} }]);
    expect(backup.tables['graphPositions']).toEqual([{ id: 'library', positions: { [`document:${documentId}`]: { x: 7, y: 8 } } }]);
    const target = freshDb();
    await restoreBackup(target, parseBackup(JSON.stringify(backup)));
    const restored = (await readGraphRow(target))!;
    expect(restored.graph).toEqual(graph);
    expect(restored.positions).toEqual({ [`document:${documentId}`]: { x: 7, y: 8 } });
  });

  it('keeps the whole graph of a library from before graphChanges (the backup before an upgrade)', async () => {
    const old = new FocalDb(`backup-v5-${++n}`, 5);
    const graph = { ...emptyGraph(), nodes: { 'document:d1': { id: 'document:d1' } } };
    await old.graph.put({ id: 'library', graph: graph as never, positions: {} });
    const backup = await exportBackup(old, 1);
    expect(backup.tables['graph']).toEqual([{ id: 'library', graph, positions: {} }]);
    expect(backup.tables['graphChanges']).toBeUndefined();
    old.close();
  });

  it('replaces what was there, all at once', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'theme', value: 'dark' });
    const backup = await exportBackup(db, 1);
    await db.settings.put({ key: 'theme', value: 'light' });
    await db.settings.put({ key: 'other', value: 1 });
    expect(await restoreBackup(db, backup)).toMatchObject({ settings: 1 });
    expect(await db.settings.toArray()).toEqual([{ key: 'theme', value: 'dark' }]);
  });

  it('refuses what is not a backup with typed errors, and changes nothing', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'keep', value: true });
    const fails = (text: string, code: string) => expect(() => parseBackup(text)).toThrowError(expect.objectContaining({ code }) as unknown as FocalError);
    fails('not json', 'malformed');
    expect(() => parseBackup('not json')).toThrowError(/it is not JSON/);
    // Cut short, a backup says it is damaged, not that it is something else.
    expect(() => parseBackup('{"format":"focal-backup","version":1,"tables":{"cards":[{"id":"a"')).toThrowError(/This Focal backup is damaged \(cut short or changed since\)/);
    fails('{"format":"something-else"}', 'malformed');
    fails('{"format":"focal-backup","version":99,"tables":{}}', 'unsupported-format');
    fails('{"format":"focal-backup","version":1,"schemaVersion":5,"exportedAt":1,"tables":{"settings":7}}', 'malformed');
    await expect(restoreBackup(db, { format: 'focal-backup', version: 1, schemaVersion: 99, exportedAt: 1, tables: {} })).rejects.toMatchObject({ code: 'unsupported-format' });
    await expect(restoreBackup(db, { format: 'focal-backup', version: 1, schemaVersion: 1, exportedAt: 1, tables: { strangers: [] } })).rejects.toMatchObject({ code: 'malformed' });
    // A row that breaks a unique index fails the whole restore: the library is as it was.
    await expect(restoreBackup(db, { format: 'focal-backup', version: 1, schemaVersion: 1, exportedAt: 1, tables: { cards: [{ id: 'a', key: 'k' }, { id: 'b', key: 'k' }] } })).rejects.toBeTruthy();
    expect(await db.settings.toArray()).toEqual([{ key: 'keep', value: true }]);
  });

  it('refuses, while reading the file, a backup this Focal could not restore, naming what is wrong', () => {
    const file = (tables: unknown, schemaVersion = 5) => JSON.stringify({ format: 'focal-backup', version: 1, schemaVersion, exportedAt: 1, tables });
    const fails = (text: string, code: string, message: RegExp) => expect(() => parseBackup(text)).toThrowError(expect.objectContaining({ code, message: expect.stringMatching(message) }) as unknown as FocalError);
    fails(file({}, 99), 'unsupported-format', /newer Focal \(data version 99\)/);
    fails(file({ settings: [], strangers: [] }), 'malformed', /tables this Focal does not know: strangers/);
    fails(file({ cards: [1, 2, 'x'] }), 'malformed', /^This backup is damaged: row 1 of its cards table is not a record/);
    fails(file({ cards: [card('a'), { ...card('b'), id: undefined }] }), 'malformed', /row 2 of its cards table has no id/);
    fails(file({ cards: [{ id: null }] }), 'malformed', /cards table has no id/);
    // Each table by its own key: settings by `key`, document texts by their document's id.
    fails(file({ settings: [{ id: 'theme', value: 'dark' }] }), 'malformed', /settings table has no key/);
    fails(file({ documentTexts: [{ id: 'd1', text: '…' }] }), 'malformed', /documentTexts table has no documentId/);
    fails(file({ documents: [documentRow('d1'), documentRow('d1')] }), 'malformed', /row 2 of its documents table repeats the id/);
    // A document without the lists every screen reads (edited by hand): refused, not restored to break the graph.
    const { tags: _tags, ...untagged } = documentRow('d1');
    fails(file({ documents: [untagged] }), 'malformed', /row 1 of its documents table has no tags/);
    fails(file({ documents: [{ ...documentRow('d1'), concepts: 'none' }] }), 'malformed', /the concepts of row 1 of its documents table is not a list/);
    // A card's `key` is a unique index: two cards may not share one, though a card may lack it.
    fails(file({ cards: [card('a', { key: 'k' }), card('b', { key: 'k' })] }), 'malformed', /row 2 of its cards table repeats the key/);
    expect(parseBackup(fullFile({ cards: [card('a'), card('b'), { ...card('c'), key: undefined }] })).tables['cards']).toHaveLength(3);
    // A backup from an older Focal is read against the tables it had.
    expect(() => parseBackup(file({ graph: [] }, 3), 3)).toThrowError(/tables this Focal does not know: graph/);
  });

  it('reads each table’s keys from the schema as Dexie does', () => {
    const db = freshDb();
    const dexie = new Map(db.tables.map((t) => [t.name, { primary: t.schema.primKey.keyPath ?? null, unique: t.schema.indexes.filter((i) => i.unique).map((i) => i.keyPath) }]));
    expect(tableKeys()).toEqual(dexie);
  });

  it('refuses a backup it cannot restore before backing anything up, and leaves the library as it was', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'keep', value: true });
    const backups = new BackupsDb(`backups-refused-${n}`);
    let ids = 0;
    const store = new BackupStore(db, backups, () => `b${++ids}`, () => 5);
    const backup = (tables: Record<string, unknown[]>, schemaVersion = 5): Backup => ({ format: 'focal-backup', version: 1, schemaVersion, exportedAt: 1, tables });
    await expect(store.restoreFrom(backup({}, 99))).rejects.toMatchObject({ code: 'unsupported-format' });
    await expect(store.restoreFrom(backup({ strangers: [] }))).rejects.toMatchObject({ code: 'malformed' });
    await expect(store.restoreFrom(backup({ cards: [1, 2, 'x'] }))).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('cards table') });
    expect(await store.list()).toEqual([]);
    // A damaged backup kept in the store is refused as a file would be, when read before the person is asked.
    await backups.backups.add({ id: 'damaged', createdAt: 1, reason: 'manual', data: JSON.stringify(backup({ settings: [{ value: 1 }] })), bytes: 1 });
    await expect(store.read('damaged')).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('settings table has no key') });
    await expect(store.restore('damaged')).rejects.toMatchObject({ code: 'malformed' });
    expect((await store.list()).map((b) => b.id)).toEqual(['damaged']);
    expect(await db.settings.toArray()).toEqual([{ key: 'keep', value: true }]);
  });

  it('keeps the last backups, takes a daily one once a day, and backs up before restoring', async () => {
    const db = freshDb();
    let clock = 0;
    let ids = 0;
    const store = new BackupStore(db, new BackupsDb(`backups-${n}`), () => `b${++ids}`, () => clock);
    // An empty library has nothing to back up: the day's backup waits for the first import.
    expect(await store.takeDailyIfDue()).toBeNull();
    await new LibraryRepository(db, () => `d${++ids}`, () => clock).store(parsedNote(['Cells make ATP.']));
    let heard = 0;
    const stop = store.onTaken(() => heard++);
    expect(await store.takeDailyIfDue()).not.toBeNull();
    expect(heard).toBe(1);
    stop();
    clock += 3_600_000;
    expect(await store.takeDailyIfDue()).toBeNull();
    for (let i = 0; i < KEEP_BACKUPS + 3; i++) {
      clock += 1;
      await store.take('manual');
    }
    // The last ten taken by hand, and the day's backup, kept apart from them.
    expect((await store.list()).map((b) => b.reason)).toEqual([...Array(KEEP_BACKUPS).fill('manual'), 'daily']);
    await db.settings.put({ key: 'x', value: 1 });
    const oldest = (await store.list()).at(-1)!;
    await store.restore(oldest.id);
    expect(await db.settings.count()).toBe(0);
    expect((await store.list())[0]!.reason).toBe('before-restore');
  });

  it('keeps a week of daily backups apart from the others, so a run of deletes cannot push yesterday out', async () => {
    const db = freshDb();
    let clock = 0;
    let ids = 0;
    const store = new BackupStore(db, new BackupsDb(`backups-kinds-${n}`), () => `b${++ids}`, () => clock);
    await db.settings.put({ key: 'theme', value: 'dark' });
    await db.cards.put(card('c1'));
    for (let day = 0; day < KEEP_DAILY_BACKUPS + 2; day++) {
      clock = day * 86_400_000;
      expect(await store.takeDailyIfDue()).not.toBeNull();
      // A delete backed up today does not stand in for tomorrow's daily backup.
      await store.take('before-delete');
    }
    for (let i = 0; i < KEEP_BACKUPS + 5; i++) {
      clock += 1;
      await store.take('before-delete');
    }
    const kept = await store.list();
    expect(kept.filter((b) => b.reason === 'daily')).toHaveLength(KEEP_DAILY_BACKUPS);
    expect(kept.filter((b) => b.reason !== 'daily')).toHaveLength(KEEP_BACKUPS);
    // The newest of each kind stay.
    expect(kept.find((b) => b.reason === 'daily')!.createdAt).toBe((KEEP_DAILY_BACKUPS + 1) * 86_400_000);
  });

  it('keeps the backups before a model change apart, so trying one version after another cannot push a delete’s out', async () => {
    const db = freshDb();
    let clock = 0;
    let ids = 0;
    const store = new BackupStore(db, new BackupsDb(`backups-model-${n}`), () => `b${++ids}`, () => clock);
    const beforeDelete = await store.take('before-delete');
    for (let i = 0; i < KEEP_BACKUPS + 5; i++) {
      clock += 1;
      await store.take('before-retrain');
    }
    const kept = await store.list();
    expect(kept.filter((b) => b.reason === 'before-retrain')).toHaveLength(KEEP_MODEL_CHANGE_BACKUPS);
    expect(kept.map((b) => b.id)).toContain(beforeDelete.id);
    expect(kept.find((b) => b.reason === 'before-retrain')!.createdAt).toBe(KEEP_BACKUPS + 5);
  });

  it('opens backups an older Focal kept (before they were indexed by kind) and keeps them', async () => {
    const name = `backups-v1-${n}`;
    // As Dexie laid out version 1 (its version 1 is IndexedDB's 10): the store and its createdAt index only.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 10);
      request.onupgradeneeded = () => request.result.createObjectStore('backups', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      request.onsuccess = () => {
        const tx = request.result.transaction('backups', 'readwrite');
        tx.objectStore('backups').put({ id: 'old-daily', createdAt: 1, reason: 'daily', data: '{}', bytes: 2 });
        tx.objectStore('backups').put({ id: 'old-delete', createdAt: 2, reason: 'before-delete', data: '{}', bytes: 2 });
        tx.oncomplete = () => (request.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
      request.onerror = () => reject(request.error);
    });
    const store = new BackupStore(freshDb(), new BackupsDb(name), () => 'new', () => 3);
    expect((await store.list()).map((b) => b.id)).toEqual(['old-delete', 'old-daily']);
    // The newest daily backup is a day old or less: none is due.
    expect(await store.takeDailyIfDue()).toBeNull();
  });

  it('restores a backup file after backing up the library it replaces', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'theme', value: 'dark' });
    const file = await exportBackup(db, 1);
    await db.settings.put({ key: 'theme', value: 'light' });
    const store = new BackupStore(db, new BackupsDb(`backups-file-${n}`), () => 'before', () => 2);
    expect(await store.restoreFrom(file)).toMatchObject({ settings: 1 });
    expect(await db.settings.toArray()).toEqual([{ key: 'theme', value: 'dark' }]);
    const [kept] = await store.list();
    expect(kept).toMatchObject({ id: 'before', reason: 'before-restore' });
    expect(parseBackup(kept!.data as string).tables['settings']).toEqual([{ key: 'theme', value: 'light' }]);
  });

  it('leaves the restore’s message for the app that reloads after it, to be read once', () => {
    const items = new Map<string, string>();
    const storage: NoteStorage = { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
    expect(takeRestoreNote(storage)).toBeNull();
    leaveRestoreNote(storage, restoredMessage({ documents: 2, cards: 14 }));
    expect(takeRestoreNote(storage)).toBe('Restored 2 documents and 14 cards.');
    expect(takeRestoreNote(storage)).toBeNull();
  });
});

describe('a backup changed since it was made', () => {
  /** A library with a document, a card, its answer and a model version in use, and a backup store for it. */
  async function library() {
    const db = freshDb();
    await db.documents.put(documentRow('d1') as never);
    await db.cards.put(card('c1'));
    const answer: ReviewLogRow = { kind: 'review', id: 'r1', cardId: 'c1', time: 5, rating: 3, elapsedMs: 900, before: newCardMemory(0), after: newCardMemory(5) };
    await db.reviewLog.put(answer);
    await db.modelVersions.put(modelVersion('v1', { active: true }));
    let ids = 0;
    const store = new BackupStore(db, new BackupsDb(`backups-changed-${n}`), () => `b${++ids}`, () => 10);
    const file = JSON.parse(JSON.stringify(await exportBackup(db, 1))) as Backup;
    return { db, store, file };
  }

  /** Refused as the file is read and again as it is restored: no backup taken, the library as it was. */
  async function expectRefused(setup: Awaited<ReturnType<typeof library>>, message: RegExp) {
    const { db, store, file } = setup;
    const refusal = expect.objectContaining({ code: 'malformed', message: expect.stringMatching(message) }) as unknown as FocalError;
    expect(() => parseBackup(JSON.stringify(file))).toThrowError(refusal);
    await expect(store.restoreFrom(file)).rejects.toThrowError(refusal);
    await expect(restoreBackup(db, file)).rejects.toThrowError(refusal);
    expect(await store.list()).toEqual([]);
    expect(await db.cards.toArray()).toEqual([card('c1')]);
    expect((await db.modelVersions.toArray()).map((v) => [v.id, v.active])).toEqual([['v1', true]]);
    expect(await db.reviewLog.count()).toBe(1);
  }

  it('restores as it was made', async () => {
    const setup = await library();
    expect(await setup.store.restoreFrom(setup.file)).toMatchObject({ documents: 1, cards: 1, reviewLog: 1, modelVersions: 1 });
  });

  it('is refused when a table its data version had is missing, before anything is backed up or replaced', async () => {
    const setup = await library();
    delete setup.file.tables['cards'];
    await expectRefused(setup, /^This backup is damaged: its cards table is missing\. Nothing was changed\.$/);
    delete setup.file.tables['reviewLog'];
    await expectRefused(setup, /its cards, reviewLog tables are missing/);
  });

  it('is refused when a model version’s parameters are not parameters', async () => {
    const setup = await library();
    (setup.file.tables['modelVersions']![0] as ModelVersionRow).params = '{broken';
    await expectRefused(setup, /the params of row 1 of its modelVersions table cannot be read as model parameters \(.*JSON/);
    (setup.file.tables['modelVersions']![0] as ModelVersionRow).params = JSON.stringify({ format: 'focal-attention-params', version: 3, dims, values: {} });
    await expectRefused(setup, /cannot be read as model parameters \(pool_query must be a list of numbers\)/);
  });

  it('is refused when a card, an answer or a version lacks a field the app needs or has one of the wrong type', async () => {
    const cases: Array<[table: string, change: Record<string, unknown>, message: RegExp]> = [
      ['cards', { due: 'banana' }, /the due of row 1 of its cards table is not a number/],
      ['cards', { state: 'forgotten' }, /the state of row 1 of its cards table is not one of new, learning, review, relearning/],
      ['cards', { stability: undefined }, /row 1 of its cards table has no stability/],
      ['cards', { suspended: 'no' }, /the suspended of row 1 of its cards table is not true or false/],
      ['reviewLog', { rating: 7 }, /the rating of row 1 of its reviewLog table is not a rating from 1 to 4/],
      ['reviewLog', { time: '2026-01-01' }, /the time of row 1 of its reviewLog table is not a number/],
      ['documents', { importedAt: null }, /the importedAt of row 1 of its documents table is not a number/],
      ['modelVersions', { active: 'yes' }, /the active of row 1 of its modelVersions table is not true or false/],
    ];
    for (const [table, change, message] of cases) {
      const setup = await library();
      const row = setup.file.tables[table]![0] as Record<string, unknown>;
      for (const [field, value] of Object.entries(change)) {
        if (value === undefined) delete row[field];
        else row[field] = value;
      }
      await expectRefused(setup, message);
    }
  });

  it('is refused when two model versions are marked in use', async () => {
    const setup = await library();
    setup.file.tables['modelVersions']!.push(modelVersion('v2', { active: true }));
    await expectRefused(setup, /2 of its model versions are marked in use/);
  });

  it('is refused when its data version is not a whole number', () => {
    expect(() => parseBackup(fullFile({}).replace('"schemaVersion":5', '"schemaVersion":0.5'))).toThrowError(/its data version \(0\.5\) is not one Focal writes/);
  });
});

describe('a backup from an older Focal', () => {
  it('restores without the tables added since, and is refused without one its own version had', async () => {
    // Data version 3: cards and the review log, no graph, feedback or model versions yet.
    const old = new FocalDb(`backup-old-${++n}`, 3);
    await old.settings.put({ key: 'theme', value: 'dark' });
    await old.documents.put(documentRow('d1') as never);
    await old.cards.put(card('c1'));
    const undo: ReviewLogRow = { kind: 'undo', id: 'u1', cardId: 'c1', time: 6, undoes: 'r1' };
    await old.reviewLog.put(undo);
    const text = JSON.stringify(await exportBackup(old, 1));
    old.close();
    const backup = parseBackup(text);
    expect(backup.schemaVersion).toBe(3);
    expect(Object.keys(backup.tables).sort()).toEqual(['cards', 'documentTexts', 'documents', 'reviewLog', 'sentences', 'settings']);
    const db = freshDb();
    await db.modelVersions.put(modelVersion('mine'));
    const store = new BackupStore(db, new BackupsDb(`backups-old-${n}`), () => 'before', () => 2);
    expect(await store.restoreFrom(backup)).toMatchObject({ cards: 1, reviewLog: 1, modelVersions: 0 });
    expect(await db.cards.toArray()).toEqual([card('c1')]);
    expect(await db.modelVersions.count()).toBe(0);
    const changed = JSON.parse(text) as Backup;
    delete changed.tables['reviewLog'];
    expect(() => parseBackup(JSON.stringify(changed))).toThrowError(/its reviewLog table is missing/);
  });
});

describe('the fields a backup’s rows are checked for', () => {
  it('name every table of the schema', () => {
    expect(Object.keys(ROW_FIELDS).sort()).toEqual([...tableKeys().keys()].sort());
  });
});

describe('whether a model version’s parameters can be used', () => {
  it('accepts parameters whole or written against the shipped base, and names what is wrong with others', () => {
    expect(paramsProblem(params)).toBeNull();
    const base = zeroParams(dims);
    const mine = zeroParams(dims);
    mine.head[0] = 0.5;
    const againstBase = serializeParams(mine, dims, base);
    expect(JSON.parse(againstBase)).toHaveProperty('fromBase');
    expect(paramsProblem(againstBase)).toBeNull();
    // What the file holds besides the base's values is checked without the base.
    const broken = JSON.parse(againstBase) as { values: Record<string, unknown> };
    broken.values['head'] = [1, 'x'];
    expect(paramsProblem(JSON.stringify(broken))).toMatch(/head must be a list of numbers/);
    expect(paramsProblem('{broken')).toMatch(/JSON/);
    expect(paramsProblem(42)).toBe('they are not text');
    expect(paramsProblem(JSON.stringify({ format: 'focal-attention-params', version: 4, dims: { D: 1e6, R: 1e6, RA: 1, F: 1 }, fromBase: { names: ['w_q'], digest: '0' }, values: {} }))).toMatch(/larger than any Focal model/);
  });
});
