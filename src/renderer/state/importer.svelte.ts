/**
 * Importing files into the library, one at a time: main parses, the renderer stores. A file that fails
 * stores nothing and is listed with its reason; an encrypted PDF asks for its password.
 */
import type { FocalApi, TaskProgress } from '../../shared/contract';
import { FocalError, toFocalError, type ErrorData } from '../../shared/errors';
import type { ImportOutcome, LibraryRepository, SameNameConflict } from '../db/library-repository';
import type { DocumentRow } from '../db/focal-db';
import { compareStrings } from '../../core/compare-strings';
import { sameFileFromAnotherFolder, sourceKeyOf } from '../../core/library/plan-import';
import { isMediaFile } from '../../core/files/media-files';
import { extensionOf, isDocumentFile } from '../../core/files/document-files';
import { plural } from '../components/format';

export interface ImportItem {
  file: File;
  /** The path inside a dropped or chosen folder; the file name otherwise. */
  path: string;
}

export type ImportResult = { path: string; outcome: ImportOutcome } | { path: string; error: ErrorData };

export interface PasswordRequest {
  path: string;
  /** The last password was wrong. */
  retry: boolean;
}

/** What to do with a file that looks unlike the stored document of its name: it replaces it, is stored beside it, or is left out. */
export type SameNameAnswer = 'replace' | 'keep-both' | 'skip';

export interface SameNameRequest {
  path: string;
  conflict: SameNameConflict;
  /** Files still to read in this import after this one: the answer can be given for them too. */
  remaining: number;
}

/** One line of the import report: what was stored, or only the error's message (its code is not for people). */
export function describeImportResult(result: ImportResult): string {
  if ('error' in result) return result.error.message;
  const outcome = result.outcome;
  const cards = plural(outcome.kind === 'unchanged' ? 0 : outcome.cards, 'card');
  if (outcome.kind === 'new') return `Added: ${plural(outcome.sentences, 'sentence')} · ${cards}`;
  if (outcome.kind === 'updated') {
    // Said, not hidden in a count: answers the person gave went with sentences deleted, rewritten or read otherwise.
    const gone = [
      ...(outcome.reviewedCardsRemoved ? [plural(outcome.reviewedCardsRemoved, 'reviewed card')] : []),
      ...(outcome.editedCardsRemoved ? [`${plural(outcome.editedCardsRemoved, 'card')} you had edited`] : []),
    ];
    const many = (outcome.reviewedCardsRemoved ?? 0) + (outcome.editedCardsRemoved ?? 0) > 1;
    const lost = gone.length ? ` · ${gone.join(' and ')} removed with ${many ? 'their sentences' : 'its sentence'}` : '';
    if (outcome.reread) {
      const changes = [`${outcome.changed ?? 0} read anew`, ...(outcome.added ? [`${outcome.added} new`] : []), ...(outcome.removed ? [`${outcome.removed} removed`] : [])];
      return `The same file, read better by this version of Focal: ${plural(outcome.kept, 'sentence')} as before, ${changes.join(', ')} · ${cards}${lost}`;
    }
    const edited = outcome.edited ? `${outcome.edited} edited, ` : '';
    return `Updated: ${plural(outcome.kept, 'sentence')} kept, ${edited}${outcome.added} new, ${outcome.removed} removed · ${cards}${lost}`;
  }
  if (outcome.sameAs && outcome.moved) return `Moved here from “${outcome.sameAs}”: the same note, its cards and reviews kept`;
  return outcome.sameAs ? `The same file as “${outcome.sameAs}”, already in your library` : 'Already in your library, unchanged';
}

/** What the reader noted while reading a stored file (pages without text, damage): the report must not hide a file read only in part. */
export function importWarnings(result: ImportResult): string[] {
  return 'outcome' in result && result.outcome.kind !== 'unchanged' ? result.outcome.warnings : [];
}

/** The report's results as listed: the files that were skipped first (they need the person), then the others, each group by path. */
export function reportOrder(results: readonly ImportResult[]): ImportResult[] {
  // Then what changed, then the files already there as they were (moved ones did change: they have a new place).
  const rank = (r: ImportResult) => ('error' in r ? 0 : r.outcome.kind === 'unchanged' && !r.outcome.moved ? 2 : 1);
  return [...results].sort((a, b) => rank(a) - rank(b) || compareStrings(a.path, b.path));
}

/** What the report's headline adds after "Imported n of m files": how many were already there, unchanged. */
export function unchangedNote(results: readonly ImportResult[]): string | null {
  const unchanged = results.filter((r) => 'outcome' in r && r.outcome.kind === 'unchanged').length;
  if (unchanged === 0) return null;
  const stored = results.filter((r) => 'outcome' in r).length;
  return unchanged === stored ? 'all already in your library, unchanged' : `${unchanged} already in your library, unchanged`;
}

/** Files in hidden folders (.obsidian, .git, .trash) are app data, not notes. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.'));
}

/**
 * What a folder import leaves out quietly, with a count in the report: a picture or media file (a vault's
 * attachments), or another file Focal does not read as a document (plugin data, scripts, spreadsheets). Picked
 * on its own, such a file still gets the error that says Focal does not read it.
 */
export function leftOutOfFolder(path: string): 'media' | 'other' | null {
  if (!path.includes('/')) return null;
  if (isMediaFile(path)) return 'media';
  return isDocumentFile(path) ? null : 'other';
}

/** The report's line for what a folder import left out; null when it left out nothing. */
export function leftOutLine(media: number, other: number): string | null {
  const parts = [
    ...(media > 0 ? [media === 1 ? '1 picture or media file' : `${media} pictures and media files`] : []),
    ...(other > 0 ? [other === 1 ? '1 file Focal does not read' : `${other} files Focal does not read`] : []),
  ];
  return parts.length === 0 ? null : `${parts.join(' and ')} in the folder left out`;
}

/** The folders an import's paths come from ("vault/"), and its paths as stored names; none for files picked one by one. */
function importedFolders(paths: readonly string[]): { folderOf: (key: string) => string | null; imported: ReadonlySet<string> } {
  const roots = [...new Set(paths.filter((path) => path.includes('/')).map((path) => `${sourceKeyOf(path).split('/')[0]}/`))];
  return { folderOf: (key) => roots.find((root) => key.startsWith(root)) ?? null, imported: new Set(paths.map(sourceKeyOf)) };
}

/** A stored name's path inside its top folder ("vault/week1/rome.md" → "week1/rome.md"); null for a name without a folder. */
function pathInsideFolder(key: string): string | null {
  const slash = key.indexOf('/');
  return slash < 0 ? null : key.slice(slash + 1);
}

/**
 * The imported folders that are a stored folder renamed ("vault-b/" → "vault-b-renamed/"), each with the folder it
 * was: nothing is stored under the new name, and at least half of its files (a third, when that is two or more)
 * are stored, with the very same bytes, at the same places under the old one. A folder of another name whose notes share file names with a stored one
 * (week1.md, syllabus.md), or a file or two, is not taken for it. `sameBytes` says whether a file of the import has
 * a stored document's bytes (its content hash).
 */
export async function renamedFolders(
  importedPaths: readonly string[],
  stored: ReadonlyArray<{ sourceKey: string; contentHash: string }>,
  sameBytes: (path: string, contentHash: string) => Promise<boolean>,
): Promise<Map<string, string>> {
  const { folderOf } = importedFolders(importedPaths);
  const files = importedPaths.filter((path) => folderOf(sourceKeyOf(path)) !== null);
  const storedRoots = new Set(stored.map((doc) => doc.sourceKey.split('/')[0]!));
  const storedAt = new Map<string, Array<{ root: string; contentHash: string }>>();
  for (const doc of stored) {
    const inside = pathInsideFolder(doc.sourceKey);
    if (inside !== null) storedAt.set(inside, [...(storedAt.get(inside) ?? []), { root: doc.sourceKey.split('/')[0]!, contentHash: doc.contentHash }]);
  }
  const renamed = new Map<string, string>();
  for (const root of new Set(files.map((path) => sourceKeyOf(path).split('/')[0]!))) {
    if (storedRoots.has(root)) continue;
    const inRoot = files.filter((path) => sourceKeyOf(path).startsWith(`${root}/`));
    const votes = new Map<string, number>();
    for (const path of inRoot) {
      for (const { root: before, contentHash } of storedAt.get(pathInsideFolder(sourceKeyOf(path))!) ?? []) {
        if (await sameBytes(path, contentHash)) votes.set(before, (votes.get(before) ?? 0) + 1);
      }
    }
    const [before, count] = [...votes].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0] ?? ['', 0];
    // Half of them, or a third when that is two files or more (the rest edited since): one syllabus.md the same
    // byte for byte in another course's folder is not enough.
    if (count > 0 && (count * 2 >= inRoot.length || (count >= 2 && count * 3 >= inRoot.length))) renamed.set(root, before);
  }
  return renamed;
}

/**
 * Where a stored document may have gone in this folder import: it was stored from a path this import does not
 * have, under the same folder (a note moved or renamed inside the vault) or under the folder this one was before
 * it was renamed (renamedFolders). A file of the import is that document when it has its bytes, or when it shares
 * most of its sentences (moved and edited: see plan-import's `movedFrom`).
 */
export function wasStoredElsewhere(path: string, importedPaths: readonly string[], renamed: ReadonlyMap<string, string> = new Map()): (document: { sourceKey: string }) => boolean {
  const { folderOf, imported } = importedFolders(importedPaths);
  const folder = folderOf(sourceKeyOf(path));
  const before = folder === null ? undefined : renamed.get(folder.slice(0, -1));
  return (document) =>
    folder !== null && !imported.has(document.sourceKey) && (folderOf(document.sourceKey) === folder || (before !== undefined && document.sourceKey.startsWith(`${before}/`)));
}

/** The stored documents an import's files turned out to be, whatever their names. */
function documentsFound(results: readonly ImportResult[]): Set<string> {
  return new Set(results.flatMap((result) => ('outcome' in result ? [result.outcome.documentId] : [])));
}

/** A file's bytes as the library fingerprints them (parse-document's SHA-256, in hex). */
async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The documents once imported from the folders of this import that the folders no longer hold: a note deleted or
 * moved since. They stay in the library (nothing is deleted behind the person's back); the report names them.
 */
export function missingFromFolders(
  importedPaths: readonly string[],
  stored: ReadonlyArray<{ id: string; sourceName: string; sourceKey: string }>,
  /** The documents this import's files turned out to be, whatever their stored name: a renamed note is not missing. */
  matched: ReadonlySet<string> = new Set(),
): MissingDocument[] {
  const { folderOf, imported } = importedFolders(importedPaths);
  return stored
    .filter((doc) => folderOf(doc.sourceKey) !== null && !imported.has(doc.sourceKey) && !matched.has(doc.id))
    .map((doc) => ({ documentId: doc.id, name: doc.sourceName }))
    .sort((a, b) => compareStrings(a.name, b.name));
}

/** A stored document its folder no longer holds: its id, and the path it was imported from. */
export interface MissingDocument {
  documentId: string;
  name: string;
}

/**
 * The files of this import that are a stored document moved or renamed within the same folder, or whose folder was
 * renamed: matched by their bytes to a document stored from a path the import does not have (wasStoredElsewhere), or
 * from one that now holds another document.
 */
export function movedWithinFolders(
  results: readonly ImportResult[],
  importedPaths: readonly string[],
  renamed: ReadonlyMap<string, string> = new Map(),
): Array<{ documentId: string; path: string }> {
  // Which document each path of this import turned out to hold.
  const heldAt = new Map<string, string>();
  for (const result of results) if ('outcome' in result) heldAt.set(sourceKeyOf(result.path), result.outcome.documentId);
  const { imported } = importedFolders(importedPaths);
  return results.flatMap((result) => {
    if (!('outcome' in result) || result.outcome.kind !== 'unchanged' || !result.outcome.sameAs) return [];
    const oldKey = sourceKeyOf(result.outcome.sameAs);
    const movedFrom = wasStoredElsewhere(result.path, importedPaths, renamed);
    // Names moved round (Lecture 1 → 2, 2 → 3, 3 → 4, or A and B swapped): the old path is still in the folder, but
    // it holds another note now, so this one moved too. Left at its old name, two documents had one path.
    const displaced = imported.has(oldKey) && heldAt.has(oldKey) && heldAt.get(oldKey) !== result.outcome.documentId;
    return movedFrom({ sourceKey: oldKey }) || displaced ? [{ documentId: result.outcome.documentId, path: result.path }] : [];
  });
}

/**
 * The files with a name each: two files of one name dropped or picked together (two folders' Index.md) are two
 * files, the later ones named "Index (2).md" and so on. Keyed by path, one of them was never read, and the other was
 * hashed as the wrong file and reported as already in the library.
 */
export function distinctPaths(items: readonly ImportItem[]): ImportItem[] {
  const taken = new Set(items.map((item) => sourceKeyOf(item.path)));
  const seen = new Set<string>();
  return items.map((item) => {
    const key = sourceKeyOf(item.path);
    if (!seen.has(key)) {
      seen.add(key);
      return item;
    }
    const dot = item.path.lastIndexOf('.');
    const slash = item.path.lastIndexOf('/');
    const [stem, extension] = dot > slash + 1 ? [item.path.slice(0, dot), item.path.slice(dot)] : [item.path, ''];
    let n = 2;
    while (taken.has(sourceKeyOf(`${stem} (${n})${extension}`))) n++;
    const path = `${stem} (${n})${extension}`;
    taken.add(sourceKeyOf(path));
    seen.add(sourceKeyOf(path));
    return { ...item, path };
  });
}

/** From how many sentences saving a file gets its own task in the tray (a few thousand take IndexedDB seconds here). */
export const SAVING_TASK_FROM = 2000;

export class Importer {
  running = $state(false);
  /**
   * How many imports have ended: a screen open meanwhile that lists what imports add (Today, Cards, Stats) reads its
   * rows again when this changes, as the Library's list does.
   */
  ended = $state(0);
  /** Pictures and media left out of the folders of this import (see leftOutOfFolder). */
  attachmentsLeftOut = $state(0);
  /** Other files of the folders that Focal does not read as documents, left out. */
  otherFilesLeftOut = $state(0);
  /** Documents from this import's folders that the folders no longer hold (see missingFromFolders). */
  missing = $state.raw<MissingDocument[]>([]);
  /** Every path this import was given but hidden ones, left-out files included (they say which folders were imported). */
  private paths: string[] = [];
  total = $state(0);
  done = $state(0);
  current = $state<string | null>(null);
  /**
   * How many sentences of the current file are being saved to the library, once main has read it (null while it is
   * read): a textbook's 30,000 sentences take the page's IndexedDB many seconds, after main's task has ended.
   */
  saving = $state<number | null>(null);
  results = $state.raw<ImportResult[]>([]);
  passwordRequest = $state<PasswordRequest | null>(null);
  private answer: ((password: string | null) => void) | undefined;
  sameNameRequest = $state<SameNameRequest | null>(null);
  private answerForSameName: ((answer: SameNameAnswer) => void) | undefined;
  /** The answer the person gave for every file of this import that looks unlike the stored document of its name. */
  private sameNameForRest: SameNameAnswer | null = null;
  /** The person asked to stop after the file being read. */
  stopping = $state(false);
  /** Files of the last import that a stop left unread: the report says so, rather than "Imported 3 of 3". */
  notImported = $state(0);

  constructor(
    private readonly api: FocalApi,
    private readonly library: LibraryRepository,
    /** After each file stored (or renamed), and with `finished` once the import is over. */
    private readonly onStored: (finished?: boolean) => void,
    /** The person's fixed number of key sentences per document, or null for automatic. */
    private readonly keySentences: () => number | null = () => null,
    /** The person's retrained parameters (params JSON), or null for the shipped model. */
    private readonly userParams: () => Promise<string | null> = async () => null,
    /** Shows the page's own long work (saving a long file) in the task tray, beside main's. */
    private readonly showTask: (progress: TaskProgress) => void = () => {},
  ) {}

  private savingTasks = 0;

  async importFiles(given: ImportItem[]): Promise<void> {
    const items = distinctPaths(given);
    const visible = items.filter((item) => !isHiddenPath(item.path));
    const leftOut = visible.map((item) => leftOutOfFolder(item.path));
    const wanted = visible.filter((_, i) => leftOut[i] === null);
    const attachments = leftOut.filter((why) => why === 'media').length;
    const others = leftOut.filter((why) => why === 'other').length;
    if (this.running) {
      // The same folder picked again while it imports: its files are counted and reported once.
      const given = new Set(this.paths);
      const fresh = visible.flatMap((item, i) => (given.has(item.path) ? [] : [{ path: item.path, why: leftOut[i] }]));
      this.paths.push(...fresh.map((item) => item.path));
      this.attachmentsLeftOut += fresh.filter((item) => item.why === 'media').length;
      this.otherFilesLeftOut += fresh.filter((item) => item.why === 'other').length;
      const waiting = new Set(this.pending.map((item) => item.path));
      const read = new Set([...this.results.map((result) => result.path), ...(this.current === null ? [] : [this.current])]);
      for (const item of wanted) {
        // A path given again while the import runs may be another version of the file: its hash is read anew.
        this.files.set(item.path, item.file);
        this.byteHashes.delete(item.path);
        if (waiting.has(item.path)) {
          // Still to be read: the newer file takes its place in the queue.
          this.pending = this.pending.map((queued) => (queued.path === item.path ? item : queued));
          continue;
        }
        // Read already in this import (or being read): read again, its line of the report replaced rather than repeated.
        if (!read.has(item.path)) this.total++;
        this.pending.push(item);
        waiting.add(item.path);
      }
      return;
    }
    if (visible.length === 0) return;
    this.attachmentsLeftOut = attachments;
    this.otherFilesLeftOut = others;
    this.paths = visible.map((item) => item.path);
    this.missing = [];
    this.sameNameForRest = null;
    this.running = true;
    this.stopping = false;
    this.notImported = 0;
    this.results = [];
    this.total = wanted.length;
    this.done = 0;
    this.pending = [...wanted];
    this.renamed = null;
    this.storedBefore = [];
    this.files = new Map(wanted.map((item) => [item.path, item.file]));
    this.byteHashes.clear();
    this.movedAway.clear();
    try {
      while (this.pending.length > 0 && !this.stopping) {
        const item = this.pending.shift()!;
        this.current = item.path;
        // Told from the library as it was before this import stored anything under the new names.
        if (this.renamed === null) {
          this.storedBefore = await this.library.list();
          this.renamed = await renamedFolders(this.paths, this.storedBefore, async (path, contentHash) => (await this.bytesHash(path)) === contentHash);
        }
        const result = await this.importOne(item);
        const again = this.results.findIndex((earlier) => earlier.path === item.path);
        if (again < 0) {
          this.results = [...this.results, result];
          this.done++;
        } else this.results = this.results.map((earlier, i) => (i === again ? result : earlier));
      }
      // Only a whole folder says what it no longer holds: a stopped import read part of it.
      if (!this.stopping) {
        // A note moved or renamed within its folder takes its new name, so the next import matches it by path.
        const moved = movedWithinFolders(this.results, this.paths, this.renamed ?? new Map());
        for (const { documentId, path } of moved) await this.library.rename(documentId, path);
        if (moved.length > 0) {
          this.onStored();
          // The report says so: "the same file as …" read like a copy left out.
          const movedPaths = new Set(moved.map((m) => m.path));
          this.results = this.results.map((r) => ('outcome' in r && r.outcome.kind === 'unchanged' && movedPaths.has(r.path) ? { ...r, outcome: { ...r.outcome, moved: true } } : r));
        }
        const matched = documentsFound(this.results);
        this.missing = missingFromFolders(this.paths, await this.library.list(), matched);
      }
    } finally {
      this.onStored(true);
      this.running = false;
      this.ended++;
      this.current = null;
      this.notImported = this.stopping ? this.pending.length : 0;
      this.stopping = false;
      this.pending = [];
      this.files.clear();
      this.byteHashes.clear();
    }
  }

  /** Finishes the file being read and skips the rest. */
  stop(): void {
    if (this.running) this.stopping = true;
  }

  /** A document named as missing from its folder was deleted: the report no longer names it. */
  forgetMissing(documentId: string): void {
    this.missing = this.missing.filter((doc) => doc.documentId !== documentId);
  }

  answerPassword(password: string | null): void {
    this.passwordRequest = null;
    this.answer?.(password);
    this.answer = undefined;
  }

  /** `forRest`: give the same answer for the other such files of this import without asking. */
  answerSameName(answer: SameNameAnswer, forRest = false): void {
    this.sameNameRequest = null;
    if (forRest) this.sameNameForRest = answer;
    this.answerForSameName?.(answer);
    this.answerForSameName = undefined;
  }

  private pending: ImportItem[] = [];
  /** This import's folders that are stored folders renamed (renamedFolders); null until read for the next file. */
  private renamed: Map<string, string> | null = null;
  /** The library's documents before this import stored anything: where its files may have been moved from. */
  private storedBefore: DocumentRow[] = [];
  /** This import's files by path, and the SHA-256 of those read (`bytesHash`). */
  private files = new Map<string, File>();
  private readonly byteHashes = new Map<string, Promise<string | null>>();
  /** Stored documents found moved within this import while a new note took their old path (`movedWithinImport`). */
  private readonly movedAway = new Set<string>();

  /** The SHA-256 of a file of this import (the library's content hash), read once; null for an empty or unreadable file. */
  private bytesHash(path: string): Promise<string | null> {
    let hash = this.byteHashes.get(path);
    if (!hash) {
      const file = this.files.get(path);
      // Empty files all have one hash.
      hash = !file || file.size === 0 ? Promise.resolve(null) : file.arrayBuffer().then(sha256Hex, () => null);
      this.byteHashes.set(path, hash);
    }
    return hash;
  }

  /**
   * Where in this import's folder another file has the very bytes of the stored document `documentId`, or null:
   * the note moved there, and a file at its old path is a new note, not another version of it that would replace
   * it (and drop its cards). Only files of its size are read, once per import, and only when such a question comes up.
   */
  private async movedWithinImport(path: string, documentId: string): Promise<string | null> {
    const document = this.storedBefore.find((doc) => doc.id === documentId);
    const { folderOf } = importedFolders(this.paths);
    const folder = folderOf(sourceKeyOf(path));
    if (!document || folder === null) return null;
    for (const [other, file] of this.files) {
      if (other === path || file.size !== document.byteSize || folderOf(sourceKeyOf(other)) !== folder) continue;
      if ((await this.bytesHash(other)) === document.contentHash) return other;
    }
    return null;
  }

  private askSameName(path: string, conflict: SameNameConflict): Promise<SameNameAnswer> {
    this.sameNameRequest = { path, conflict, remaining: this.pending.length };
    return new Promise((resolve) => (this.answerForSameName = resolve));
  }

  private askPassword(path: string, retry: boolean): Promise<string | null> {
    this.passwordRequest = { path, retry };
    return new Promise((resolve) => (this.answer = resolve));
  }

  private async importOne(item: ImportItem): Promise<ImportResult> {
    let password: string | undefined;
    for (;;) {
      try {
        // The file this build read before, at this path, byte for byte: reading it again would find the same. A vault
        // imported again for its few edited notes took as long as the first time (52 s for 300 notes).
        // Only a path stored before is hashed here: a new file's bytes are read once, by main.
        const seenBefore = password === undefined && this.storedBefore.some((doc) => doc.sourceKey === sourceKeyOf(item.path));
        const hash = seenBefore ? await this.bytesHash(item.path) : null;
        const unchanged = hash === null ? null : await this.library.unchangedFile(item.path, hash);
        if (unchanged) {
          // Renamed in case only (Case.md → case.md): the document takes the name the folder has now.
          if (unchanged.sourceName !== item.path) {
            await this.library.rename(unchanged.id, item.path);
            this.onStored();
          }
          return { path: item.path, outcome: { kind: 'unchanged', documentId: unchanged.id, title: unchanged.title } };
        }
        const bytes = new Uint8Array(await item.file.arrayBuffer());
        const top = this.keySentences();
        const userParams = await this.userParams();
        const parsed = await this.api['library.parse']({
          name: item.path,
          bytes,
          ...(password !== undefined ? { password } : {}),
          ...(top !== null ? { top } : {}),
          ...(userParams !== null ? { userParams } : {}),
        });
        // Another file of a stored document's name (lecture1.pdf of another course) would replace it: ask first.
        // Not a document this import already found a file for (a note matched by its bytes is renamed at the end).
        const found = documentsFound(this.results);
        const elsewhere = wasStoredElsewhere(item.path, this.paths, this.renamed ?? new Map());
        const movedFrom = this.storedBefore.filter((doc) => elsewhere(doc) && !found.has(doc.id) && !this.movedAway.has(doc.id)).map((doc) => doc.id);
        // The note imported before from a folder around or inside this one (vault/Biology/Mendel.md, now Biology/Mendel.md).
        const key = sourceKeyOf(item.path);
        const fromOtherFolders = this.storedBefore
          .filter((doc) => sameFileFromAnotherFolder(doc.sourceKey, key) && !found.has(doc.id) && !this.movedAway.has(doc.id))
          .map((doc) => doc.id);
        const conflict = await this.library.sameNameConflict(parsed, { movedFrom, fromOtherFolders });
        // Not asked when that document moved within the folder: it takes the path its bytes are at now (at once, so
        // a stopped import leaves no two documents of one name), and this file is a new note at its old path.
        const movedTo = conflict === null ? null : await this.movedWithinImport(item.path, conflict.documentId);
        if (movedTo !== null) {
          this.movedAway.add(conflict!.documentId);
          await this.library.rename(conflict!.documentId, movedTo);
          this.onStored();
        }
        const answer = conflict && movedTo === null ? (this.sameNameForRest ?? (await this.askSameName(item.path, conflict))) : 'replace';
        if (answer === 'skip') {
          return { path: item.path, error: new FocalError('cancelled', `Skipped: “${conflict!.title}” stays in your library as it was.`).toData() };
        }
        this.saving = parsed.sentences.length;
        // Main's "Reading" task is done by now; a long file's save takes the page's IndexedDB many seconds more.
        const task: TaskProgress | null =
          parsed.sentences.length >= SAVING_TASK_FROM
            ? // IndexedDB says nothing until the whole write is done: the bar moves without a fill, under the count.
              { taskId: `saving-${++this.savingTasks}`, title: `Saving ${item.path.replace(/^.*\//, '')}`, unit: 'sentences', done: parsed.sentences.length, total: null, state: 'running' }
            : null;
        if (task) this.showTask(task);
        const outcome = await this.library
          .store(parsed, { separate: answer === 'keep-both', movedFrom, fromOtherFolders })
          .then((stored) => (task && this.showTask({ ...task, total: task.done, state: 'done' }), stored))
          .catch((thrown: unknown) => {
            if (task) this.showTask({ ...task, state: 'failed', message: toFocalError(thrown).message });
            throw thrown;
          })
          .finally(() => (this.saving = null));
        this.onStored();
        return { path: item.path, outcome };
      } catch (thrown) {
        const error = toFocalError(thrown);
        if (error.code === 'encrypted' || error.code === 'wrong-password') {
          const answer = await this.askPassword(item.path, error.code === 'wrong-password');
          if (answer !== null) {
            password = answer;
            continue;
          }
          return { path: item.path, error: new FocalError('encrypted', 'Skipped: it needs a password.').toData() };
        }
        return { path: item.path, error: error.toData() };
      }
    }
  }
}
