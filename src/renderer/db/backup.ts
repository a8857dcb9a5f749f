/**
 * Backups of the whole library as one JSON file: every table of the Dexie database, read in one
 * transaction, restored in one transaction (all of it or nothing). Written by hand because the rows are
 * plain data and dexie-export-import needs browser globals that the Node tests do not have.
 */
import { FocalError } from '../../shared/errors';
import { FocalDb, SCHEMA_VERSIONS, type BackupRow, type BackupsDb } from './focal-db';
import { plural } from '../components/format';

export const BACKUP_FORMAT = 'focal-backup';
export const BACKUP_VERSION = 1;
/** How many backups other than the daily ones are kept (before a retrain, delete or restore; by hand); older ones are dropped. */
export const KEEP_BACKUPS = 10;
/**
 * Daily backups are kept apart, a week of them: counted with the others, ten deletes in a row (each backed up
 * first) left no way back to yesterday.
 */
export const KEEP_DAILY_BACKUPS = 7;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** The Dexie schema version the rows were written under. */
  schemaVersion: number;
  exportedAt: number;
  tables: Record<string, unknown[]>;
}

export async function exportBackup(db: FocalDb, now: number): Promise<Backup> {
  await db.open();
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: now, tables };
}

export function parseBackup(text: string): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FocalError('malformed', 'This is not a Focal backup: it is not JSON.');
  }
  const backup = data as Partial<Backup> | null;
  if (!backup || backup.format !== BACKUP_FORMAT) throw new FocalError('malformed', 'This is not a Focal backup file.');
  if (backup.version !== BACKUP_VERSION) throw new FocalError('unsupported-format', `This backup has format version ${String(backup.version)}; this Focal reads version ${BACKUP_VERSION}.`);
  if (typeof backup.tables !== 'object' || backup.tables === null || Object.values(backup.tables).some((rows) => !Array.isArray(rows))) {
    throw new FocalError('malformed', 'This backup is damaged: its tables are missing.');
  }
  if (typeof backup.schemaVersion !== 'number' || typeof backup.exportedAt !== 'number') throw new FocalError('malformed', 'This backup is damaged: its header is incomplete.');
  return backup as Backup;
}

/** Replaces the library with the backup's contents in one transaction; a failure leaves the library as it was. */
export async function restoreBackup(db: FocalDb, backup: Backup): Promise<Record<string, number>> {
  if (backup.schemaVersion > db.verno) {
    throw new FocalError('unsupported-format', `This backup was made by a newer Focal (data version ${backup.schemaVersion}); update Focal to restore it.`);
  }
  const known = new Set(db.tables.map((t) => t.name));
  const unknown = Object.keys(backup.tables).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new FocalError('malformed', `This backup has tables this Focal does not know: ${unknown.join(', ')}.`);
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

/** What the person reads after a restore. */
export function restoredMessage(counts: Record<string, number>): string {
  return `Restored ${plural(counts['documents'] ?? 0, 'document')} and ${plural(counts['cards'] ?? 0, 'card')}.`;
}

/** Automatic and manual backups in their own database, newest first: the last KEEP_DAILY_BACKUPS daily ones and the last KEEP_BACKUPS others kept. */
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
        return { daily: reason === 'daily', createdAt, id: ids[i]! };
      })
      .sort((a, b) => b.createdAt - a.createdAt);
    const daily = newestFirst.filter((b) => b.daily).slice(KEEP_DAILY_BACKUPS);
    const others = newestFirst.filter((b) => !b.daily).slice(KEEP_BACKUPS);
    return [...daily, ...others].map((b) => b.id);
  }

  /** Takes the daily backup when the newest daily one is older than about a day. */
  async takeDailyIfDue(): Promise<BackupRow | null> {
    const daily = await this.store.backups.where('[reason+createdAt]').between(['daily', -Infinity], ['daily', Infinity], true, true).keys();
    const newest = daily.at(-1) as [string, number] | undefined;
    if (newest && this.now() - newest[1] < 20 * 3_600_000) return null;
    return this.take('daily');
  }

  /** Restores a stored backup, after backing up the current state so the restore itself can be undone. */
  async restore(id: string): Promise<Record<string, number>> {
    const row = await this.store.backups.get(id);
    if (!row) throw new FocalError('not-found', 'That backup no longer exists.');
    return this.restoreFrom(parseBackup(row.data));
  }

  /** Replaces the library with a backup, after backing up the current state so the restore itself can be undone. */
  async restoreFrom(backup: Backup): Promise<Record<string, number>> {
    await this.take('before-restore');
    return restoreBackup(this.library, backup);
  }
}

/** Exports a library and keeps the export as a backup row. */
async function addBackup(store: BackupsDb, library: FocalDb, reason: BackupRow['reason'], id: string, now: number): Promise<BackupRow> {
  const data = JSON.stringify(await exportBackup(library, now));
  const row: BackupRow = { id, createdAt: now, reason, data, bytes: data.length };
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
