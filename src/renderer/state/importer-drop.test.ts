import { describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import { hasFiles, importDroppedFiles } from './importer-drop';
import type { Importer, ImportItem } from './importer.svelte';
import { Notices } from './notices.svelte';

const item = (path: string): ImportItem => ({ file: new File(['text'], path), path });

/** An importer that records what it was given, or fails the way a stopped import does. */
function fakeImporter(failure?: FocalError): { importer: Importer; imported: string[][] } {
  const imported: string[][] = [];
  const importer = {
    importFiles: async (items: ImportItem[]) => {
      imported.push(items.map((i) => i.path));
      if (failure) throw failure;
    },
  } as unknown as Importer;
  return { importer, imported };
}

describe('dropped files', () => {
  it('are imported once, after the caller has been told they were read', async () => {
    const { importer, imported } = fakeImporter();
    const notices = new Notices();
    const steps: string[] = [];
    await importDroppedFiles(Promise.resolve([item('a.md'), item('notes/b.md')]), { importer, notices }, () => steps.push(`before ${imported.length}`));
    expect(steps).toEqual(['before 0']);
    expect(imported).toEqual([['a.md', 'notes/b.md']]);
    expect(notices.items).toEqual([]);
  });

  it('that cannot be read are reported and nothing is imported', async () => {
    const { importer, imported } = fakeImporter();
    const notices = new Notices();
    let before = false;
    await importDroppedFiles(Promise.reject(new FocalError('not-found', 'The folder went away.')), { importer, notices }, () => (before = true));
    expect(before).toBe(false);
    expect(imported).toEqual([]);
    expect(notices.items).toMatchObject([{ title: 'Could not read what was dropped', message: 'The folder went away.' }]);
  });

  it('whose import stops are reported as a stopped import', async () => {
    const { importer } = fakeImporter(new FocalError('storage-full', 'The disk is full.'));
    const notices = new Notices();
    await importDroppedFiles(Promise.resolve([item('a.md')]), { importer, notices });
    expect(notices.items).toMatchObject([{ title: 'The import stopped', message: 'The disk is full.' }]);
  });

  it('are told apart from dragged text by the drag carrying files', () => {
    const drag = (types: string[] | null) => ({ dataTransfer: types ? { types } : null }) as unknown as DragEvent;
    expect(hasFiles(drag(['Files']))).toBe(true);
    expect(hasFiles(drag(['text/plain']))).toBe(false);
    expect(hasFiles(drag(null))).toBe(false);
  });
});
