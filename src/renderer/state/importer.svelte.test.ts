import { describe, expect, it, vi } from 'vitest';
import type { FocalApi, TaskProgress } from '../../shared/contract';
import type { LibraryRepository } from '../db/library-repository';
import { sourceKeyOf } from '../../core/library/plan-import';
import { Importer, SAVING_TASK_FROM, describeImportResult, distinctPaths, importWarnings, leftOutLine, leftOutOfFolder, missingFromFolders, movedWithinFolders, renamedFolders, reportOrder, unchangedNote, wasStoredElsewhere } from './importer.svelte';

describe('the import report line', () => {
  it('counts one sentence and one card in the singular', () => {
    const outcome = { kind: 'new', documentId: 'd', title: 'T', sentences: 1, cards: 0, warnings: [] as string[] } as const;
    expect(describeImportResult({ path: 'a.md', outcome })).toBe('Added: 1 sentence · 0 cards');
    expect(describeImportResult({ path: 'a.md', outcome: { ...outcome, sentences: 4, cards: 1 } })).toBe('Added: 4 sentences · 1 card');
  });

  it('says when the same file was read into other sentences by a newer reader', () => {
    const outcome = { kind: 'updated', documentId: 'd', title: 'T', kept: 28, added: 0, removed: 0, cards: 6, warnings: [] as string[], reread: true, changed: 3 } as const;
    expect(describeImportResult({ path: 'essay.pdf', outcome })).toBe('The same file, read better by this version of Focal: 28 sentences as before, 3 read anew · 6 cards');
    expect(describeImportResult({ path: 'essay.pdf', outcome: { ...outcome, added: 1, removed: 2 } })).toBe(
      'The same file, read better by this version of Focal: 28 sentences as before, 3 read anew, 1 new, 2 removed · 6 cards',
    );
  });

  it('says how many sentences were edited, and how many reviewed cards went with their sentences', () => {
    const outcome = { kind: 'updated', documentId: 'd', title: 'T', kept: 9, added: 1, removed: 2, cards: 4, warnings: [] as string[] } as const;
    expect(describeImportResult({ path: 'physics.md', outcome })).toBe('Updated: 9 sentences kept, 1 new, 2 removed · 4 cards');
    expect(describeImportResult({ path: 'physics.md', outcome: { ...outcome, edited: 1, reviewedCardsRemoved: 2 } })).toBe(
      'Updated: 9 sentences kept, 1 edited, 1 new, 2 removed · 4 cards · 2 reviewed cards removed with their sentences',
    );
    // A card the person worded themselves is said too, though never answered.
    expect(describeImportResult({ path: 'physics.md', outcome: { ...outcome, editedCardsRemoved: 1 } })).toBe(
      'Updated: 9 sentences kept, 1 new, 2 removed · 4 cards · 1 card you had edited removed with its sentence',
    );
    expect(describeImportResult({ path: 'physics.md', outcome: { ...outcome, reviewedCardsRemoved: 1, editedCardsRemoved: 1 } })).toMatch(
      /· 1 reviewed card and 1 card you had edited removed with their sentences$/,
    );
  });

  it('says when a file is the same as one stored under another name', () => {
    const outcome = { kind: 'unchanged', documentId: 'd', title: 'T' } as const;
    expect(describeImportResult({ path: 'a.md', outcome })).toBe('Already in your library, unchanged');
    expect(describeImportResult({ path: 'B/Lecture.md', outcome: { ...outcome, sameAs: 'A/Lecture.md' } })).toBe('The same file as “A/Lecture.md”, already in your library');
    expect(describeImportResult({ path: 'B/Lecture.md', outcome: { ...outcome, sameAs: 'A/Lecture.md', moved: true } })).toBe('Moved here from “A/Lecture.md”: the same note, its cards and reviews kept');
  });

  it('shows an error’s message without its code', () => {
    const error = { code: 'no-text-layer', message: '“scan.pdf” has no text layer.' } as const;
    expect(describeImportResult({ path: 'scan.pdf', error })).toBe('“scan.pdf” has no text layer.');
  });
});

describe('the import report', () => {
  const unchanged = { kind: 'unchanged', documentId: 'd', title: 'T' } as const;
  const added = { kind: 'new', documentId: 'e', title: 'U', sentences: 2, cards: 1, warnings: [] as string[] } as const;
  const failed = { path: 'b/logo.svg', error: { code: 'unsupported-format', message: '“logo.svg” is not a format Focal reads.' } } as const;

  it('lists the skipped files first, then those that changed, then those already there as they were, each by path', () => {
    const results = [{ path: 'notes/b.md', outcome: unchanged }, failed, { path: 'z.md', outcome: added }, { path: 'a.md', outcome: unchanged }, { path: 'm.md', outcome: { ...unchanged, sameAs: 'old/m.md', moved: true } }];
    expect(reportOrder(results).map((r) => r.path)).toEqual(['b/logo.svg', 'm.md', 'z.md', 'a.md', 'notes/b.md']);
  });

  it('says how many files were already there, unchanged', () => {
    expect(unchangedNote([{ path: 'a.md', outcome: added }, failed])).toBeNull();
    expect(unchangedNote([{ path: 'a.md', outcome: unchanged }, { path: 'b.md', outcome: unchanged }, failed])).toBe('all already in your library, unchanged');
    expect(unchangedNote([{ path: 'a.md', outcome: unchanged }, { path: 'b.md', outcome: added }])).toBe('1 already in your library, unchanged');
  });
});

describe('the import report’s warnings', () => {
  it('shows what the reader noted about a stored file, so a file read only in part does not look complete', () => {
    const warning = '21 pages of 23 use fonts without a Unicode map, so their text could not be read (3–23).';
    const outcome = { kind: 'new', documentId: 'd', title: 'T', sentences: 30, cards: 6, warnings: [warning] as string[] } as const;
    expect(importWarnings({ path: 'TAMReview.pdf', outcome })).toEqual([warning]);
    expect(importWarnings({ path: 'a.md', outcome: { kind: 'unchanged', documentId: 'd', title: 'T' } })).toEqual([]);
    expect(importWarnings({ path: 'scan.pdf', error: { code: 'no-text-layer', message: 'no text' } })).toEqual([]);
  });
});

describe('pictures, media and other files in an imported folder', () => {
  it('are left out, attachments apart from files Focal does not read; a file picked on its own is not', () => {
    expect(leftOutOfFolder('vault/attachments/mito-diagram.PNG')).toBe('media');
    expect(leftOutOfFolder('vault/lecture.mp4')).toBe('media');
    expect(leftOutOfFolder('vault/scripts/templater.js')).toBe('other');
    expect(leftOutOfFolder('vault/data.json')).toBe('other');
    expect(leftOutOfFolder('vault/LICENSE')).toBe('other');
    expect(leftOutOfFolder('diagram.png')).toBeNull();
    expect(leftOutOfFolder('data.json')).toBeNull();
    for (const note of ['vault/notes.md', 'vault/paper.PDF', 'vault/Board.canvas', 'vault/book.epub', 'vault/essay.docx', 'vault/page.html', 'vault/todo.txt']) expect(leftOutOfFolder(note)).toBeNull();
  });

  it('are counted in one line of the report', () => {
    expect(leftOutLine(0, 0)).toBeNull();
    expect(leftOutLine(1, 0)).toBe('1 picture or media file in the folder left out');
    expect(leftOutLine(0, 3)).toBe('3 files Focal does not read in the folder left out');
    expect(leftOutLine(2, 1)).toBe('2 pictures and media files and 1 file Focal does not read in the folder left out');
  });
});

describe('notes a folder no longer holds', () => {
  const stored = ['vault/Krebs cycle.md', 'vault/Week 1/Cells.md', 'Vault/Week 1/Rome.md', 'other/notes.md', 'loose.md'].map((sourceName) => ({ id: sourceName, sourceName, sourceKey: sourceKeyOf(sourceName) }));

  it('are the stored documents under the imported folders that this import did not bring', () => {
    expect(missingFromFolders(['vault/Week 1/cells.md', 'vault/Week 1/Rome.md'], stored).map((doc) => doc.name)).toEqual(['vault/Krebs cycle.md']);
    // Files picked one by one name no folder.
    expect(missingFromFolders(['Cells.md'], stored)).toEqual([]);
    // A note renamed in the folder matched its stored document by its bytes: it is not missing.
    expect(missingFromFolders(['vault/Week 1/cells.md', 'vault/Week 1/Rome.md', 'vault/Krebs.md'], stored, new Set(['vault/Krebs cycle.md']))).toEqual([]);
  });
});

describe('files of one name given together', () => {
  it('are each read, the later ones under a numbered name, whatever the case', () => {
    const file = (name: string) => new File(['x'], name);
    const items = [
      { path: 'Index.md', file: file('Index.md') },
      { path: 'index.md', file: file('index.md') },
      { path: 'Index (2).md', file: file('Index (2).md') },
      { path: 'README', file: file('README') },
      { path: 'README', file: file('README') },
      { path: 'vault/a.md', file: file('a.md') },
    ];
    expect(distinctPaths(items).map((item) => item.path)).toEqual(['Index.md', 'index (3).md', 'Index (2).md', 'README', 'README (2)', 'vault/a.md']);
    expect(distinctPaths(items).map((item) => item.file)).toEqual(items.map((item) => item.file));
  });
});

describe('notes moved within their folder', () => {
  it('are the files matched by their bytes to a document stored under a name the folder no longer has', () => {
    const unchanged = (documentId: string, sameAs?: string) => ({ kind: 'unchanged', documentId, title: 'T', ...(sameAs ? { sameAs } : {}) }) as const;
    const results = [
      { path: 'vault/Week 2/Krebs.md', outcome: unchanged('d1', 'vault/Krebs cycle.md') },
      // A copy: its original is still in the folder, so nothing moved.
      { path: 'vault/copy.md', outcome: unchanged('d2', 'vault/notes.md') },
      // The same bytes as a document from another folder: not a move within this one.
      { path: 'vault/rome.md', outcome: unchanged('d3', 'history/rome.md') },
      { path: 'vault/same.md', outcome: unchanged('d4') },
    ];
    const paths = ['vault/Week 2/Krebs.md', 'vault/copy.md', 'vault/notes.md', 'vault/rome.md', 'vault/same.md'];
    expect(movedWithinFolders(results, paths)).toEqual([{ documentId: 'd1', path: 'vault/Week 2/Krebs.md' }]);
  });

  it('are also the notes whose old name now holds another note: names moved round, or two notes swapped', () => {
    const unchanged = (documentId: string, sameAs?: string) => ({ kind: 'unchanged', documentId, title: 'T', ...(sameAs ? { sameAs } : {}) }) as const;
    // Lecture 1 → 2, 2 → 3, 3 → 4: lecture 2 and 3 are still in the folder, holding the notes before them.
    const chain = [
      { path: 'course/Lecture 2.md', outcome: unchanged('one', 'course/Lecture 1.md') },
      { path: 'course/Lecture 3.md', outcome: unchanged('two', 'course/Lecture 2.md') },
      { path: 'course/Lecture 4.md', outcome: unchanged('three', 'course/Lecture 3.md') },
    ];
    expect(movedWithinFolders(chain, chain.map((r) => r.path))).toEqual(chain.map((r) => ({ documentId: r.outcome.documentId, path: r.path })));
    const swapped = [
      { path: 'notes/A.md', outcome: unchanged('b', 'notes/B.md') },
      { path: 'notes/B.md', outcome: unchanged('a', 'notes/A.md') },
    ];
    expect(movedWithinFolders(swapped, ['notes/A.md', 'notes/B.md'])).toHaveLength(2);
    // A copy beside its original, which the import found at its own name: no move.
    const copy = [
      { path: 'notes/copy.md', outcome: unchanged('n', 'notes/notes.md') },
      { path: 'notes/notes.md', outcome: unchanged('n') },
    ];
    expect(movedWithinFolders(copy, ['notes/copy.md', 'notes/notes.md'])).toEqual([]);
  });
});

describe('a renamed folder', () => {
  const stored = ['vault-b/economics.md', 'vault-b/week 1/rome.md', 'vault-b/physics.md', 'history/rome.md', 'bio101/week1.md', 'bio101/syllabus.md'].map((sourceKey) => ({
    sourceKey,
    contentHash: `bytes of ${sourceKey}`,
  }));
  /** The import's files have the bytes of the stored documents named here. */
  const withBytesOf = (same: Record<string, string>) => async (path: string, contentHash: string) => contentHash === `bytes of ${same[path]}`;

  it('is an imported folder with nothing stored under its name, and at least half its files stored with their very bytes at the same places under another', async () => {
    const paths = ['Vault-B renamed/Economics.md', 'Vault-B renamed/Week 1/Rome.md', 'Vault-B renamed/New note.md'];
    const same = { 'Vault-B renamed/Economics.md': 'vault-b/economics.md', 'Vault-B renamed/Week 1/Rome.md': 'vault-b/week 1/rome.md' };
    expect(await renamedFolders(paths, stored, withBytesOf(same))).toEqual(new Map([['vault-b renamed', 'vault-b']]));
    // Same names, other notes: another course's folder is not the first one renamed.
    expect(await renamedFolders(['chem101/week1.md', 'chem101/syllabus.md'], stored, withBytesOf({}))).toEqual(new Map());
    // Nor is it when one shared file (a syllabus) is byte for byte the same, the rest not.
    expect(await renamedFolders(['chem101/week1.md', 'chem101/syllabus.md', 'chem101/week2.md'], stored, withBytesOf({ 'chem101/syllabus.md': 'bio101/syllabus.md' }))).toEqual(new Map());
    // A third is enough when it is two files or more: the others were edited since.
    const edited = ['vault-b renamed/economics.md', 'vault-b renamed/week 1/rome.md', 'vault-b renamed/physics.md', 'vault-b renamed/a.md', 'vault-b renamed/b.md', 'vault-b renamed/c.md'];
    const twoSame = { 'vault-b renamed/economics.md': 'vault-b/economics.md', 'vault-b renamed/week 1/rome.md': 'vault-b/week 1/rome.md' };
    expect(await renamedFolders(edited, stored, withBytesOf(twoSame))).toEqual(new Map([['vault-b renamed', 'vault-b']]));
    // A folder already in the library, or files picked one by one, are no rename.
    expect(await renamedFolders(['vault-b/economics.md'], stored, withBytesOf({ 'vault-b/economics.md': 'vault-b/economics.md' }))).toEqual(new Map());
    expect(await renamedFolders(['economics.md'], stored, withBytesOf({}))).toEqual(new Map());
  });

  it('moves its notes: each file may be any note stored under the old name, or one moved within the same folder', async () => {
    const paths = ['vault-b renamed/economics.md', 'vault-b renamed/week 1/rome.md'];
    const renamed = new Map([['vault-b renamed', 'vault-b']]);
    const couldBe = wasStoredElsewhere('vault-b renamed/economics.md', paths, renamed);
    expect(couldBe({ sourceKey: 'vault-b/economics.md' })).toBe(true);
    // Moved within the renamed folder too.
    expect(couldBe({ sourceKey: 'vault-b/physics.md' })).toBe(true);
    expect(couldBe({ sourceKey: 'history/rome.md' })).toBe(false);
    // Within one folder: any note stored there that the folder no longer has.
    const inVault = wasStoredElsewhere('vault/renamed.md', ['vault/renamed.md', 'vault/kept.md']);
    expect(inVault({ sourceKey: 'vault/old name.md' })).toBe(true);
    expect(inVault({ sourceKey: 'vault/kept.md' })).toBe(false);
    expect(wasStoredElsewhere('picked.md', ['picked.md'])({ sourceKey: 'old.md' })).toBe(false);
    // Unchanged files take their new names at the end of the import.
    const results = [{ path: 'vault-b renamed/week 1/rome.md', outcome: { kind: 'unchanged', documentId: 'd1', title: 'Rome', sameAs: 'vault-b/week 1/rome.md' } as const }];
    expect(movedWithinFolders(results, paths, renamed)).toEqual([{ documentId: 'd1', path: 'vault-b renamed/week 1/rome.md' }]);
    expect(movedWithinFolders(results, paths)).toEqual([]);
  });
});

describe('the importer while it saves a file', () => {
  it('says how many sentences it is saving once main has read the file, and stops saying so when they are stored', async () => {
    const parsed = { sentences: [{}, {}, {}], sourceName: 'big.txt' };
    let finishStore: () => void = () => {};
    const library = {
      sameNameConflict: async () => null,
      store: () => new Promise((resolve) => (finishStore = () => resolve({ kind: 'new', documentId: 'd', title: 'Big', sentences: 3, cards: 0, warnings: [] }))),
      list: async () => [],
    } as unknown as LibraryRepository;
    const importer = new Importer({ 'library.parse': async () => parsed } as unknown as FocalApi, library, () => {});
    const running = importer.importFiles([{ file: new File(['x'], 'big.txt'), path: 'big.txt' }]);
    expect(importer.saving).toBeNull();
    await vi.waitFor(() => expect(importer.saving).toBe(3));
    finishStore();
    await running;
    expect(importer.saving).toBeNull();
    expect(importer.results).toMatchObject([{ path: 'big.txt', outcome: { kind: 'new' } }]);
  });

  it('shows saving a long file as a task of its own in the tray, done once it is stored', async () => {
    const parsed = { sentences: Array.from({ length: SAVING_TASK_FROM }, () => ({})), sourceName: 'book.txt' };
    const library = {
      sameNameConflict: async () => null,
      store: async () => ({ kind: 'new', documentId: 'd', title: 'Book', sentences: SAVING_TASK_FROM, cards: 0, warnings: [] }),
      list: async () => [],
    } as unknown as LibraryRepository;
    const shown: Array<Pick<TaskProgress, 'title' | 'state' | 'done' | 'total' | 'unit'>> = [];
    const importer = new Importer({ 'library.parse': async () => parsed } as unknown as FocalApi, library, () => {}, () => null, async () => null, ({ title, state, done, total, unit }) =>
      shown.push({ title, state, done, total, unit }),
    );
    await importer.importFiles([{ file: new File(['x'], 'book.txt'), path: 'course/book.txt' }]);
    expect(shown).toEqual([
      { title: 'Saving book.txt', state: 'running', done: SAVING_TASK_FROM, total: null, unit: 'sentences' },
      { title: 'Saving book.txt', state: 'done', done: SAVING_TASK_FROM, total: SAVING_TASK_FROM, unit: 'sentences' },
    ]);
  });
});

describe('stopping an import', () => {
  it('finishes the file being read, says it is stopping, and counts the files it left unread', async () => {
    let finishStore: () => void = () => {};
    const library = {
      sameNameConflict: async () => null,
      store: () => new Promise((resolve) => (finishStore = () => resolve({ kind: 'new', documentId: 'd', title: 'Note', sentences: 1, cards: 0, warnings: [] }))),
      list: async () => [],
    } as unknown as LibraryRepository;
    const importer = new Importer({ 'library.parse': async () => ({ sentences: [{}], sourceName: 'x.md' }) } as unknown as FocalApi, library, () => {});
    const files = ['a.md', 'b.md', 'c.md'].map((name) => ({ file: new File(['x'], name), path: `notes/${name}` }));
    const running = importer.importFiles(files);
    await vi.waitFor(() => expect(importer.saving).toBe(1));
    importer.stop();
    expect(importer.stopping).toBe(true);
    finishStore();
    await running;
    expect(importer.results.map((r) => r.path)).toEqual(['notes/a.md']);
    expect(importer.notImported).toBe(2);
    expect(importer.stopping).toBe(false);
    // Stop pressed when nothing runs changes nothing; the next import starts with nothing left unread.
    importer.stop();
    expect(importer.stopping).toBe(false);
    const next = importer.importFiles([files[0]!]);
    await vi.waitFor(() => expect(importer.saving).toBe(1));
    expect(importer.notImported).toBe(0);
    finishStore();
    await next;
  });
});
