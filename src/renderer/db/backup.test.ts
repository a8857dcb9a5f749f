import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import { BackupStore, KEEP_BACKUPS, KEEP_DAILY_BACKUPS, exportBackup, leaveRestoreNote, parseBackup, restoreBackup, restoredMessage, tableKeys, takeRestoreNote, type Backup, type NoteStorage } from './backup';
import { BackupsDb, FocalDb } from './focal-db';

let n = 0;
const freshDb = () => new FocalDb(`backup-${++n}`);

/** Plain JSON data of any shape, as rows hold (text with any characters, nested arrays and records). */
// (−0 is normalised to 0 first: JSON has no negative zero, and the app stores no meaning in its sign.)
const payload = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
const id = fc.uuid();

/** A random library: rows for every table, with the keys and indexed fields each table needs. */
const library = fc.record({
  settings: fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: payload }), { selector: (r) => r.key, maxLength: 5 }),
  documents: fc.uniqueArray(fc.record({ id, contentHash: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'.split('')), maxLength: 16 }), sourceKey: fc.string(), importedAt: fc.nat(), updatedAt: fc.nat(), title: fc.string(), extra: payload }), { selector: (r) => r.id, maxLength: 4 }),
  sentences: fc.uniqueArray(fc.record({ id, documentId: id, ordinal: fc.nat(), hash: fc.string({ unit: fc.constantFrom(...'abcdef0123456789'.split('')), maxLength: 16 }), text: fc.string({ unit: 'grapheme' }) }), { selector: (r) => r.id, maxLength: 12 }),
  cards: fc.uniqueArray(fc.record({ id, documentId: id, sentenceId: id, key: fc.uuid(), due: fc.nat(), prompt: fc.string() }), { selector: (r) => r.key, maxLength: 8 }),
  reviewLog: fc.uniqueArray(fc.record({ id, cardId: id, time: fc.nat(), kind: fc.constantFrom('review', 'undo'), rest: payload }), { selector: (r) => r.id, maxLength: 10 }),
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
        const text = JSON.stringify(await exportBackup(source, 1_000));
        const target = freshDb();
        await restoreBackup(target, parseBackup(text));
        for (const table of source.tables) expect(await target.table(table.name).toArray()).toEqual(await table.toArray());
        source.close();
        target.close();
      }),
      { numRuns: 40 },
    );
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
    fails(file({ cards: [{ id: 'a', key: 'k' }, { key: 'l' }] }), 'malformed', /row 2 of its cards table has no id/);
    fails(file({ cards: [{ id: null }] }), 'malformed', /cards table has no id/);
    // Each table by its own key: settings by `key`, document texts by their document's id.
    fails(file({ settings: [{ id: 'theme', value: 'dark' }] }), 'malformed', /settings table has no key/);
    fails(file({ documentTexts: [{ id: 'd1', text: '…' }] }), 'malformed', /documentTexts table has no documentId/);
    fails(file({ documents: [{ id: 'd1' }, { id: 'd1' }] }), 'malformed', /row 2 of its documents table repeats the id/);
    // A card's `key` is a unique index: two cards may not share one, though a card may lack it.
    fails(file({ cards: [{ id: 'a', key: 'k' }, { id: 'b', key: 'k' }] }), 'malformed', /row 2 of its cards table repeats the key/);
    expect(parseBackup(file({ cards: [{ id: 'a' }, { id: 'b' }, { id: 1 }, { id: '1' }] })).tables['cards']).toHaveLength(4);
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
    expect(parseBackup(kept!.data).tables['settings']).toEqual([{ key: 'theme', value: 'light' }]);
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
