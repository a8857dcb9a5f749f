/**
 * Importing files into the library, one at a time: main parses, the renderer stores. A file that fails
 * stores nothing and is listed with its reason; an encrypted PDF asks for its password.
 */
import type { FocalApi } from '../../shared/contract';
import { FocalError, toFocalError, type ErrorData } from '../../shared/errors';
import type { ImportOutcome, LibraryRepository, SameNameConflict } from '../db/library-repository';
import { compareStrings } from '../../core/compare-strings';
import { sourceKeyOf } from '../../core/library/plan-import';
import { isMediaFile } from '../../core/files/media-files';
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
  if (outcome.kind === 'updated' && outcome.reread) {
    const changes = [`${outcome.changed ?? 0} read anew`, ...(outcome.added ? [`${outcome.added} new`] : []), ...(outcome.removed ? [`${outcome.removed} removed`] : [])];
    return `The same file, read better by this version of Focal: ${plural(outcome.kept, 'sentence')} as before, ${changes.join(', ')} · ${cards}`;
  }
  if (outcome.kind === 'updated') return `Updated: ${plural(outcome.kept, 'sentence')} kept, ${outcome.added} new, ${outcome.removed} removed · ${cards}`;
  return outcome.sameAs ? `The same file as “${outcome.sameAs}”, already in your library` : 'Already in your library, unchanged';
}

/** What the reader noted while reading a stored file (pages without text, damage): the report must not hide a file read only in part. */
export function importWarnings(result: ImportResult): string[] {
  return 'outcome' in result && result.outcome.kind !== 'unchanged' ? result.outcome.warnings : [];
}

/** The report's results as listed: the files that were skipped first (they need the person), then by path. */
export function reportOrder(results: readonly ImportResult[]): ImportResult[] {
  return [...results].sort((a, b) => Number('error' in b) - Number('error' in a) || compareStrings(a.path, b.path));
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
 * A picture or media file inside an imported folder: left out quietly, with a count in the report. Picked on its
 * own, such a file still gets the error that says Focal does not read it.
 */
export function isFolderAttachment(path: string): boolean {
  return path.includes('/') && isMediaFile(path);
}

/**
 * The documents once imported from the folders of this import that the folders no longer hold: a note deleted or
 * moved since. They stay in the library (nothing is deleted behind the person's back); the report names them.
 */
/** The folders an import's paths come from ("vault/"), and its paths as stored names; none for files picked one by one. */
function importedFolders(paths: readonly string[]): { folderOf: (key: string) => string | null; imported: ReadonlySet<string> } {
  const roots = [...new Set(paths.filter((path) => path.includes('/')).map((path) => `${sourceKeyOf(path).split('/')[0]}/`))];
  return { folderOf: (key) => roots.find((root) => key.startsWith(root)) ?? null, imported: new Set(paths.map(sourceKeyOf)) };
}

export function missingFromFolders(
  importedPaths: readonly string[],
  stored: ReadonlyArray<{ id: string; sourceName: string; sourceKey: string }>,
  /** The documents this import's files turned out to be, whatever their stored name: a renamed note is not missing. */
  matched: ReadonlySet<string> = new Set(),
): string[] {
  const { folderOf, imported } = importedFolders(importedPaths);
  return stored
    .filter((doc) => folderOf(doc.sourceKey) !== null && !imported.has(doc.sourceKey) && !matched.has(doc.id))
    .map((doc) => doc.sourceName)
    .sort(compareStrings);
}

/**
 * The files of this import that are a stored document moved or renamed within the same folder: matched by their
 * bytes to a document whose stored name is under the folder but was not among the imported files.
 */
export function movedWithinFolders(results: readonly ImportResult[], importedPaths: readonly string[]): Array<{ documentId: string; path: string }> {
  const { folderOf, imported } = importedFolders(importedPaths);
  return results.flatMap((result) => {
    if (!('outcome' in result) || result.outcome.kind !== 'unchanged' || !result.outcome.sameAs) return [];
    const before = sourceKeyOf(result.outcome.sameAs);
    const folder = folderOf(before);
    return folder !== null && folder === folderOf(sourceKeyOf(result.path)) && !imported.has(before) ? [{ documentId: result.outcome.documentId, path: result.path }] : [];
  });
}

export class Importer {
  running = $state(false);
  /** Pictures and media left out of the folders of this import (see isFolderAttachment). */
  attachmentsLeftOut = $state(0);
  /** Documents from this import's folders that the folders no longer hold (see missingFromFolders). */
  missing = $state.raw<string[]>([]);
  /** Every path this import was given, hidden ones and attachments aside. */
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
  private stopRequested = false;

  constructor(
    private readonly api: FocalApi,
    private readonly library: LibraryRepository,
    private readonly onStored: () => void,
    /** The person's fixed number of key sentences per document, or null for automatic. */
    private readonly keySentences: () => number | null = () => null,
    /** The person's retrained parameters (params JSON), or null for the shipped model. */
    private readonly userParams: () => Promise<string | null> = async () => null,
  ) {}

  async importFiles(items: ImportItem[]): Promise<void> {
    const visible = items.filter((item) => !isHiddenPath(item.path));
    const wanted = visible.filter((item) => !isFolderAttachment(item.path));
    const attachments = visible.length - wanted.length;
    if (this.running) {
      this.paths.push(...visible.map((item) => item.path));
      this.attachmentsLeftOut += attachments;
      this.total += wanted.length;
      this.pending.push(...wanted);
      return;
    }
    if (wanted.length === 0 && attachments === 0) return;
    this.attachmentsLeftOut = attachments;
    this.paths = visible.map((item) => item.path);
    this.missing = [];
    this.sameNameForRest = null;
    this.running = true;
    this.stopRequested = false;
    this.results = [];
    this.total = wanted.length;
    this.done = 0;
    this.pending = [...wanted];
    try {
      while (this.pending.length > 0 && !this.stopRequested) {
        const item = this.pending.shift()!;
        this.current = item.path;
        this.results = [...this.results, await this.importOne(item)];
        this.done++;
      }
      // Only a whole folder says what it no longer holds: a stopped import read part of it.
      if (!this.stopRequested) {
        // A note moved or renamed within its folder takes its new name, so the next import matches it by path.
        const moved = movedWithinFolders(this.results, this.paths);
        for (const { documentId, path } of moved) await this.library.rename(documentId, path);
        if (moved.length > 0) this.onStored();
        const matched = new Set(this.results.flatMap((result) => ('outcome' in result ? [result.outcome.documentId] : [])));
        this.missing = missingFromFolders(this.paths, await this.library.list(), matched);
      }
    } finally {
      this.running = false;
      this.current = null;
      this.pending = [];
    }
  }

  /** Finishes the file being read and skips the rest. */
  stop(): void {
    this.stopRequested = true;
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
        const conflict = await this.library.sameNameConflict(parsed);
        const answer = conflict ? (this.sameNameForRest ?? (await this.askSameName(item.path, conflict))) : 'replace';
        if (answer === 'skip') {
          return { path: item.path, error: new FocalError('cancelled', `Skipped: “${conflict!.title}” stays in your library as it was.`).toData() };
        }
        this.saving = parsed.sentences.length;
        const outcome = await this.library.store(parsed, { separate: answer === 'keep-both' }).finally(() => (this.saving = null));
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
