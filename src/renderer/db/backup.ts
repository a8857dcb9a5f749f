/**
 * Backups of the whole library as one JSON file: every table of the Dexie database, read in one
 * transaction, restored in one transaction (all of it or nothing). Written by hand because the rows are
 * plain data and dexie-export-import needs browser globals that the Node tests do not have.
 */
import { FocalError } from '../../shared/errors';
import { FocalDb, SCHEMA_VERSIONS, type BackupRow, type BackupsDb } from './focal-db';
import { BackupTextError, backupChunks, readJsonChunks } from './backup-text';
import { plural } from '../components/format';
import { paramsProblem } from '../../core/attention/params';
import { isRating, type CardState } from '../../core/scheduling/card-memory';
import { SIGNAL_RULES } from '../../core/reward/sentence-reward';
import { emptyGraph } from '../../core/graph/knowledge-graph';

export const BACKUP_FORMAT = 'focal-backup';
export const BACKUP_VERSION = 1;
/** How many backups other than the daily ones and those before a model change are kept (before a delete or restore; by hand); older ones are dropped. */
export const KEEP_BACKUPS = 10;
/**
 * Daily backups are kept apart, a week of them: counted with the others, ten deletes in a row (each backed up
 * first) left no way back to yesterday.
 */
export const KEEP_DAILY_BACKUPS = 7;
/**
 * Backups before a model change are kept apart too, the last three: the model's versions are all kept anyway, and
 * a person trying versions one after another took one each time, which pushed the backup before a delete out.
 */
export const KEEP_MODEL_CHANGE_BACKUPS = 3;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The Dexie schema version the rows were written under. */
  schemaVersion: number;
  exportedAt: number;
  tables: Record<string, unknown[]>;
}

/**
 * Every table of the library, but for the knowledge graph only the positions the person left it in: the graph is
 * made from the documents (graph-row.ts), and was most of a backup's size (17 MB of 28 for 300 notes), written
 * before each delete and each retrain. Every document is marked instead, so the restored library's graph is made
 * again from them when the Graph screen next opens.
 */
export async function exportBackup(db: FocalDb, now: number): Promise<Backup> {
  await db.open();
  const tables: Record<string, unknown[]> = {};
  // A library of an older schema (the backup before an upgrade) has no graphChanges to mark its documents in: its
  // graph is kept whole, or its restore would have no graph and nothing to make one from.
  const marks = db.tables.some((table) => table.name === 'graphChanges');
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      if (table.name === 'graph' && marks) {
        tables[table.name] = (await db.graph.toArray()).map(({ id, positions }) => ({ id, graph: emptyGraph(), positions }));
      } else if (table.name === 'graphChanges') {
        tables[table.name] = (await db.documents.toCollection().primaryKeys()).map((documentId) => ({ documentId, mark: 'restored' }));
      } else tables[table.name] = await table.toArray();
    }
  });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: now, tables };
}

/**
 * Reads a backup file and makes every check that needs no library: its format, its data version, its tables
 * and each row's keys. A file that cannot be restored is refused here, before the person is asked to replace
 * their library and before anything is backed up. `versions`: how many schema versions this Focal knows.
 */
export function parseBackup(text: string, versions = SCHEMA_VERSIONS.length): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // A backup cut short or changed still starts as one: say it is damaged, not that it is something else.
    throw text.slice(0, 200).replace(/\s+/g, '').startsWith(`{"format":"${BACKUP_FORMAT}"`) ? cutShort() : notJson();
  }
  return checkedBackup(data, versions);
}

const cutShort = () => new FocalError('malformed', 'This Focal backup is damaged (cut short or changed since), so it cannot be read. Nothing was changed.');
const notJson = () => new FocalError('malformed', 'This is not a Focal backup: it is not JSON.');

/** Below this many characters a backup's text is read whole (JSON.parse is fastest); above, piece by piece (backup-text.ts). */
const READ_WHOLE_BELOW = 64 * 1024 * 1024;

/**
 * `parseBackup` for a backup of any size: its text whole, in the pieces it was stored in, or a file. One too long for
 * a single string (a library of dozens of textbooks) is read piece by piece, never joined.
 */
export async function readBackup(source: string | readonly string[] | Blob, versions = SCHEMA_VERSIONS.length, readWholeBelow = READ_WHOLE_BELOW): Promise<Backup> {
  if (typeof source === 'string') return parseBackup(source, versions);
  const size = Array.isArray(source) ? (source as readonly string[]).reduce((sum, chunk) => sum + chunk.length, 0) : (source as Blob).size;
  if (size < readWholeBelow) return parseBackup(Array.isArray(source) ? source.join('') : await (source as Blob).text(), versions);
  let data: unknown;
  try {
    data = await readJsonChunks(Array.isArray(source) ? (source as readonly string[]) : textOf(source as Blob));
  } catch (thrown) {
    if (thrown instanceof BackupTextError) throw thrown.kind === 'damaged' ? cutShort() : notJson();
    throw thrown;
  }
  return checkedBackup(data, versions);
}

/** A file's text, decoded as it streams in (a character split between two reads is decoded whole). */
async function* textOf(file: Blob): AsyncIterable<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The checks of `parseBackup` on data read: its format, its data version, its tables and each row's keys. */
function checkedBackup(data: unknown, versions: number): Backup {
  const backup = data as Partial<Backup> | null;
  if (!backup || backup.format !== BACKUP_FORMAT) throw new FocalError('malformed', 'This is not a Focal backup file.');
  if (backup.version !== BACKUP_VERSION) throw new FocalError('unsupported-format', `This backup has format version ${String(backup.version)}; this Focal reads version ${BACKUP_VERSION}.`);
  if (typeof backup.tables !== 'object' || backup.tables === null || Array.isArray(backup.tables) || Object.values(backup.tables).some((rows) => !Array.isArray(rows))) {
    throw new FocalError('malformed', 'This backup is damaged: its tables are missing.');
  }
  if (typeof backup.schemaVersion !== 'number' || typeof backup.exportedAt !== 'number') throw new FocalError('malformed', 'This backup is damaged: its header is incomplete.');
  checkRestorable(backup as Backup, versions);
  return backup as Backup;
}

/** A key path as IndexedDB takes it: one property (dotted for a nested one), or several for a compound key. */
type KeyPath = string | string[];

/** What each row of a table must carry: its primary key (null: keys kept outside the rows), and the paths whose values must differ between rows. */
export interface TableKeys {
  primary: KeyPath | null;
  unique: KeyPath[];
}

/** A key path in Dexie's schema syntax (`id`, `&key`, `++id`, `[a+b]`), without its prefix. */
function keyPathOf(spec: string): KeyPath {
  const path = spec.replace(/^(\+\+|&|\*)/, '');
  return path.startsWith('[') ? path.slice(1, -1).split('+') : path;
}

/** Each table's keys under the first `versions` schema versions (a later version's definition of a table replaces an earlier one). */
export function tableKeys(versions = SCHEMA_VERSIONS.length): Map<string, TableKeys> {
  const keys = new Map<string, TableKeys>();
  for (const stores of SCHEMA_VERSIONS.slice(0, versions)) {
    for (const [name, spec] of Object.entries(stores)) {
      const [primary = '', ...indexes] = spec.split(',').map((part) => part.trim());
      const primaryPath = keyPathOf(primary);
      keys.set(name, { primary: primaryPath === '' ? null : primaryPath, unique: indexes.filter((index) => index.startsWith('&')).map(keyPathOf) });
    }
  }
  return keys;
}

/** A value IndexedDB accepts as a key, of those JSON can hold: a number, a string, or a list of keys. */
function isKey(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || (Array.isArray(value) && value.every(isKey));
}

/** What reads the key a row has at a path (undefined when it has none IndexedDB would accept), the path split once: a backup may hold a million rows. */
function keyReader(path: KeyPath): (row: Record<string, unknown>) => unknown {
  if (Array.isArray(path)) {
    const parts = path.map(keyReader);
    return (row) => {
      const keys = parts.map((part) => part(row));
      return keys.every((key) => key !== undefined) ? keys : undefined;
    };
  }
  const steps = path.split('.');
  return (row) => {
    let value: unknown = row;
    for (const step of steps) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[step] : undefined;
    return isKey(value) ? value : undefined;
  };
}

/** The keys met at one path, told apart as IndexedDB does (1 and "1" are two keys); lists as JSON text. */
class KeysSeen {
  private readonly plain = new Set<unknown>();
  private readonly lists = new Set<string>();

  /** Adds a key; false when it was met before. */
  add(key: unknown): boolean {
    const set: Set<unknown> = Array.isArray(key) ? this.lists : this.plain;
    const value = Array.isArray(key) ? JSON.stringify(key) : key;
    if (set.has(value)) return false;
    set.add(value);
    return true;
  }
}

const pathName = (path: KeyPath) => (Array.isArray(path) ? path.join(' and ') : path);

/** The refusal of a backup whose contents a restore would store but the app could not use. */
const damaged = (what: string) => new FocalError('malformed', `This backup is damaged: ${what}. Nothing was changed.`);

/** What is wrong with a field's value (said after its name: "is not a number"), or null when nothing is. */
type FieldRule = (value: unknown) => string | null;

const rule =
  (test: (value: unknown) => boolean, should: string): FieldRule =>
  (value) =>
    test(value) ? null : `is not ${should}`;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const TEXT = rule((value) => typeof value === 'string', 'text');
const NUMBER = rule(isNumber, 'a number');
const NUMBER_OR_NULL = rule((value) => value === null || isNumber(value), 'a number or null');
const FLAG = rule((value) => typeof value === 'boolean', 'true or false');
const RECORD = rule(isRecord, 'a record');
const LIST = rule(Array.isArray, 'a list');
const oneOf = (values: readonly unknown[]) => rule((value) => values.includes(value), `one of ${values.join(', ')}`);
const PARAMS: FieldRule = (value) => {
  const problem = paramsProblem(value);
  return problem === null ? null : `cannot be read as model parameters (${problem})`;
};
const CARD_STATES: readonly CardState[] = ['new', 'learning', 'review', 'relearning'];

/**
 * The fields each table's rows must carry for the app to use them (ids, times, a card's schedule, a model
 * version's parameters), each present since its table was added, so backups of older Focals pass. Checked once
 * per row: a backup may hold a million review-log rows.
 */
export const ROW_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  settings: { key: TEXT },
  // Its lists too: every screen that shows a document goes through them (the graph, search, the reader).
  documents: { id: TEXT, title: TEXT, importedAt: NUMBER, updatedAt: NUMBER, sections: LIST, links: LIST, tags: LIST, warnings: LIST, concepts: LIST },
  documentTexts: { documentId: TEXT, text: TEXT },
  sentences: { id: TEXT, documentId: TEXT, ordinal: NUMBER, text: TEXT },
  cards: {
    id: TEXT,
    documentId: TEXT,
    sentenceId: TEXT,
    prompt: TEXT,
    answer: TEXT,
    state: oneOf(CARD_STATES),
    due: NUMBER,
    stability: NUMBER,
    difficulty: NUMBER,
    reps: NUMBER,
    lapses: NUMBER,
    lastReview: NUMBER_OR_NULL,
    suspended: FLAG,
    buriedUntil: NUMBER_OR_NULL,
  },
  reviewLog: { id: TEXT, cardId: TEXT, time: NUMBER, kind: oneOf(['review', 'undo', 'reset']) },
  graph: { id: TEXT, graph: RECORD },
  graphChanges: { documentId: TEXT, mark: TEXT },
  graphPositions: { id: TEXT, positions: RECORD },
  conceptVectors: { documentId: TEXT, vectors: RECORD },
  feedback: { id: TEXT, documentId: TEXT, sentenceId: TEXT, time: NUMBER, kind: oneOf(Object.keys(SIGNAL_RULES)) },
  modelVersions: { id: TEXT, createdAt: NUMBER, params: PARAMS, heldOut: RECORD, active: FLAG },
};

/** What a review-log entry carries beyond ROW_FIELDS, by its kind: an answer replays from its memory before and after. */
const LOG_ENTRY_FIELDS: Readonly<Record<string, Readonly<Record<string, FieldRule>>>> = {
  review: { rating: rule(isRating, 'a rating from 1 to 4'), before: RECORD, after: RECORD },
  undo: { undoes: TEXT },
  reset: { before: RECORD, after: RECORD },
};

type FieldList = ReadonlyArray<readonly [field: string, rule: FieldRule]>;
const fieldList = (fields: Readonly<Record<string, FieldRule>>): FieldList => Object.entries(fields);

/** Where a row sits, for a refusal only: building it for each of a million rows would be most of the check. */
const rowName = (name: string, index: number) => `row ${index + 1} of its ${name} table`;

/** Throws when a row lacks one of `fields` or has a value the app cannot use there. */
function checkFields(row: Record<string, unknown>, fields: FieldList, name: string, index: number): void {
  for (const [field, rule] of fields) {
    const value = row[field];
    const problem = rule(value);
    if (problem === null) continue;
    throw damaged(value === undefined ? `${rowName(name, index)} has no ${field}` : `the ${field} of ${rowName(name, index)} ${problem}`);
  }
}

/** Checks one table's rows in one pass: each a record with its keys (unique ones not repeated) and its fields. */
function checkRows(name: string, rows: readonly unknown[], { primary, unique }: TableKeys): void {
  const keys = [primary, ...unique].flatMap((path) => (path === null ? [] : [{ path, read: keyReader(path), seen: new KeysSeen() }]));
  const fields = fieldList(ROW_FIELDS[name] ?? {});
  const entryFields = new Map(Object.entries(LOG_ENTRY_FIELDS).map(([kind, rules]) => [kind, fieldList(rules)]));
  let inUse = 0;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (!isRecord(row)) throw damaged(`${rowName(name, index)} is not a record`);
    for (const { path, read, seen } of keys) {
      const key = read(row);
      // A row without a value for a unique index is simply not indexed; without its primary key it cannot be stored.
      if (key === undefined) {
        if (path === primary) throw damaged(`${rowName(name, index)} has no ${pathName(path)}`);
        continue;
      }
      if (!seen.add(key)) throw damaged(`${rowName(name, index)} repeats the ${pathName(path)} of an earlier row`);
    }
    checkFields(row, fields, name, index);
    if (name === 'reviewLog') checkFields(row, entryFields.get(row['kind'] as string)!, name, index);
    if (name === 'modelVersions' && row['active'] === true) inUse++;
  }
  if (inUse > 1) throw damaged(`${inUse} of its model versions are marked in use, where one at most can be`);
}

/** Backups already checked (a backup is not changed once read), with the schema versions they were checked against: a check reads every row, and a restore from the screen meets three. */
const checked = new WeakMap<Backup, number>();

/**
 * Whether a library of the first `versions` schema versions can take the backup as it is, before anything is
 * written: a newer data version, an unknown table, a table its own data version had that is missing, a row that
 * is not a record, lacks its table's key, repeats a key that must be unique, or lacks a field the app needs
 * (see ROW_FIELDS) would each fail the restore part-way or leave a library the app cannot use; each is a typed
 * error naming what is wrong.
 */
export function checkRestorable(backup: Backup, versions: number): void {
  if (checked.get(backup) === versions) return;
  if (backup.schemaVersion > versions) {
    throw new FocalError('unsupported-format', `This backup was made by a newer Focal (data version ${backup.schemaVersion}); update Focal to restore it.`);
  }
  if (!Number.isInteger(backup.schemaVersion) || backup.schemaVersion < 1) throw damaged(`its data version (${String(backup.schemaVersion)}) is not one Focal writes`);
  const keys = tableKeys(versions);
  const unknown = Object.keys(backup.tables).filter((name) => !keys.has(name));
  if (unknown.length > 0) throw new FocalError('malformed', `This backup has tables this Focal does not know: ${unknown.join(', ')}.`);
  for (const [name, rows] of Object.entries(backup.tables)) checkRows(name, rows, keys.get(name)!);
  // Tables added after the backup's data version are simply empty in it; one its version had cannot be left out.
  const missing = [...tableKeys(backup.schemaVersion).keys()].filter((name) => !Object.hasOwn(backup.tables, name));
  if (missing.length > 0) throw damaged(`its ${missing.join(', ')} ${missing.length === 1 ? 'table is' : 'tables are'} missing`);
  checked.set(backup, versions);
}


/** Replaces the library with the backup's contents in one transaction; a failure leaves the library as it was. */
export async function restoreBackup(db: FocalDb, backup: Backup): Promise<Record<string, number>> {
  checkRestorable(backup, db.verno);
  const counts: Record<string, number> = {};
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      await table.clear();
      const rows = backup.tables[table.name] ?? [];
      await table.bulkAdd(rows as never[]);
      counts[table.name] = rows.length;
    }
  });
  return counts;
}

/** The part of the Web Storage API a restore note needs (sessionStorage in the app, a Map in tests). */
export type NoteStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const RESTORED_NOTE_KEY = 'focal.restored';

/**
 * What a restore says to the app it reloads: every screen's state was read from the library before the
 * restore, so the app starts again on the restored data, and the message must outlive that reload.
 */
export function leaveRestoreNote(storage: NoteStorage, message: string): void {
  storage.setItem(RESTORED_NOTE_KEY, message);
}

/** The message a restore left before the reload, once: reading it removes it. */
export function takeRestoreNote(storage: NoteStorage): string | null {
  const message = storage.getItem(RESTORED_NOTE_KEY);
  if (message !== null) storage.removeItem(RESTORED_NOTE_KEY);
  return message;
}

/** What a library holds, in a person's words: "2 documents, 11 cards and 40 reviews". */
export function libraryContents(counts: { documents: number; cards: number; reviews: number }): string {
  return `${plural(counts.documents, 'document')}, ${plural(counts.cards, 'card')} and ${plural(counts.reviews, 'review')}`;
}

/**
 * A backup's contents, counted from its rows. Reviews are the review log's rows, the few markers of undone answers
 * included: counting answers alone would read a million-row log before the question could be asked.
 */
export function backupContents(backup: Backup): { documents: number; cards: number; reviews: number } {
  const rows = (table: string) => backup.tables[table]?.length ?? 0;
  return { documents: rows('documents'), cards: rows('cards'), reviews: rows('reviewLog') };
}

/** The library's contents now, counted as backupContents counts a backup's. */
export async function currentContents(db: FocalDb): Promise<{ documents: number; cards: number; reviews: number }> {
  const [documents, cards, reviews] = await Promise.all([db.documents.count(), db.cards.count(), db.reviewLog.count()]);
  return { documents, cards, reviews };
}

/** What the person reads after a restore. */
export function restoredMessage(counts: Record<string, number>): string {
  return `Restored ${plural(counts['documents'] ?? 0, 'document')} and ${plural(counts['cards'] ?? 0, 'card')}.`;
}

/**
 * Automatic and manual backups in their own database, newest first: the last KEEP_DAILY_BACKUPS daily ones, the last
 * KEEP_MODEL_CHANGE_BACKUPS before a model change and the last KEEP_BACKUPS others kept.
 */
export class BackupStore {
  /** Called after every backup taken, however it came about (a retrain, a restore, by hand), so a list on screen stays current. */
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly library: FocalDb,
    private readonly store: BackupsDb,
    private readonly newId: () => string,
    private readonly now: () => number,
  ) {}

  /** Calls `listener` after each backup taken; returns what stops it. */
  onTaken(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Promise<BackupRow[]> {
    return this.store.backups.orderBy('createdAt').reverse().toArray();
  }

  async take(reason: BackupRow['reason']): Promise<BackupRow> {
    const row = await addBackup(this.store, this.library, reason, this.newId(), this.now());
    await this.store.backups.bulkDelete(await this.stale());
    for (const listener of this.listeners) listener();
    return row;
  }

  /** The backups beyond what is kept, by their index keys only (a backup's data can be tens of megabytes). */
  private async stale(): Promise<string[]> {
    // One read transaction: the two lists pair up by position only if no backup lands between them.
    const [keys, ids] = await this.store.transaction('r', this.store.backups, () => {
      const byKind = this.store.backups.orderBy('[reason+createdAt]');
      return Promise.all([byKind.keys(), byKind.primaryKeys()]);
    });
    const newestFirst = keys
      .map((key, i) => {
        const [reason, createdAt] = key as unknown as [string, number];
        return { reason, createdAt, id: ids[i]! };
      })
      .sort((a, b) => b.createdAt - a.createdAt);
    const daily = newestFirst.filter((b) => b.reason === 'daily').slice(KEEP_DAILY_BACKUPS);
    const modelChanges = newestFirst.filter((b) => b.reason === 'before-retrain').slice(KEEP_MODEL_CHANGE_BACKUPS);
    const others = newestFirst.filter((b) => b.reason !== 'daily' && b.reason !== 'before-retrain').slice(KEEP_BACKUPS);
    return [...daily, ...modelChanges, ...others].map((b) => b.id);
  }

  /**
   * Takes the daily backup when the newest daily one is older than about a day, and the library holds something:
   * taken at the first launch, the day's backup held an empty library while the day's 300 imports went unsaved.
   * The app asks again after each import.
   */
  async takeDailyIfDue(): Promise<BackupRow | null> {
    const [documents, cards] = await Promise.all([this.library.documents.count(), this.library.cards.count()]);
    if (documents === 0 && cards === 0) return null;
    const daily = await this.store.backups.where('[reason+createdAt]').between(['daily', -Infinity], ['daily', Infinity], true, true).keys();
    const newest = daily.at(-1) as [string, number] | undefined;
    if (newest && this.now() - newest[1] < 20 * 3_600_000) return null;
    return this.take('daily');
  }

  /** A stored backup, read and checked as a file would be (see parseBackup): what a restore of it would bring back. */
  async read(id: string): Promise<Backup> {
    const row = await this.store.backups.get(id);
    if (!row) throw new FocalError('not-found', 'That backup no longer exists.');
    return readBackup(row.data, this.library.verno);
  }

  /** Restores a stored backup, after backing up the current state so the restore itself can be undone. */
  async restore(id: string): Promise<Record<string, number>> {
    return this.restoreFrom(await this.read(id));
  }

  /**
   * Replaces the library with a backup, after backing up the current state so the restore itself can be undone.
   * A backup this library cannot take is refused first: a refused one must not push a useful backup out.
   */
  async restoreFrom(backup: Backup): Promise<Record<string, number>> {
    checkRestorable(backup, this.library.verno);
    await this.take('before-restore');
    return restoreBackup(this.library, backup);
  }
}

/** Exports a library and keeps the export as a backup row. */
async function addBackup(store: BackupsDb, library: FocalDb, reason: BackupRow['reason'], id: string, now: number): Promise<BackupRow> {
  const chunks = backupChunks(await exportBackup(library, now));
  // One string while it fits in one (every usual library); in pieces beyond, which no browser string could hold.
  const data = chunks.length === 1 ? chunks[0]! : chunks;
  const row: BackupRow = { id, createdAt: now, reason, data, bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0) };
  await store.backups.add(row);
  return row;
}

/** The schema version a database was last opened with (Dexie keeps it as the IndexedDB version × 10); 0 if none. */
function storedSchemaVersion(indexedDb: IDBFactory, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDb.open(name);
    let created = false;
    request.onupgradeneeded = () => (created = true);
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      if (created) indexedDb.deleteDatabase(name);
      resolve(created ? 0 : Math.floor(version / 10));
    };
    request.onerror = () => reject(request.error);
  });
}

/**
 * Before a newer Focal upgrades the database, a backup of it as the older version left it: opened at its
 * own version (so nothing is upgraded yet), exported, and kept with the other backups.
 */
export async function backupBeforeUpgrade(indexedDb: IDBFactory, name: string, store: BackupsDb, newId: () => string, now: number): Promise<BackupRow | null> {
  const version = await storedSchemaVersion(indexedDb, name);
  if (version === 0 || version >= SCHEMA_VERSIONS.length) return null;
  const old = new FocalDb(name, version);
  try {
    return await addBackup(store, old, 'before-upgrade', newId(), now);
  } finally {
    old.close();
  }
}
