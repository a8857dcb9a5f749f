/** The importer asks before a file replaces a stored document of its name that it looks unlike. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FocalApi } from '../../shared/contract';
import { FocalDb } from '../db/focal-db';
import { LibraryRepository } from '../db/library-repository';
import { parsedNote } from '../db/parsed-note-fixture';
import { Importer, type ImportItem, type SameNameAnswer } from './importer.svelte';

const cells = ['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'];
const economics = ['Supply and demand set the price of a good.', 'A monopoly is a market with one seller.'];
const history = ['Rome was founded, legend says, in 753 BC.', 'The Senate advised the consuls.'];

/** Files whose text is given by name: the fake main "parses" a file into the sentences listed for it. */
function setup(texts: Record<string, string[]>) {
  const db = new FocalDb(`importer-same-name-${Math.random()}`);
  let n = 0;
  const library = new LibraryRepository(db, () => `id-${++n}`, () => 1);
  const api = {
    'library.parse': async ({ name }: { name: string }) => {
      const [sentences, hash] = [texts[name]!, name + texts[name]!.join()];
      return parsedNote(sentences, { sourceName: name.replace(/^.*\//, ''), contentHash: hash });
    },
  } as unknown as FocalApi;
  const importer = new Importer(api, library, () => {});
  const item = (path: string): ImportItem => ({ file: new File(['-'], path), path });
  /** Runs an import, answering each question as `answers` says, in order; returns the questions asked. */
  const run = async (paths: string[], answers: Array<[SameNameAnswer, boolean]>) => {
    const asked: string[] = [];
    const done = importer.importFiles(paths.map(item));
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!importer.running) break;
      const request = importer.sameNameRequest;
      if (!request) continue;
      asked.push(`${request.path}: ${request.conflict.title} (${request.remaining} left)`);
      const [answer, forRest] = answers.shift()!;
      importer.answerSameName(answer, forRest);
    }
    await done;
    return asked;
  };
  return { db, importer, run };
}

describe('importing a file with a stored document’s name', () => {
  it('asks first, and replaces, keeps both or skips as the person says', async () => {
    const { db, importer, run } = setup({ 'bio/lecture1.md': cells, 'econ/lecture1.md': economics, 'hist/lecture1.md': history, 'bio2/lecture1.md': [...cells, 'Lysosomes digest waste.'] });
    expect(await run(['bio/lecture1.md'], [])).toEqual([]);
    // Another course's lecture1.md: asked; skipping it changes nothing and says so.
    expect(await run(['econ/lecture1.md'], [['skip', false]])).toEqual(['econ/lecture1.md: Cells (0 left)']);
    expect(importer.results).toEqual([{ path: 'econ/lecture1.md', error: { code: 'cancelled', message: 'Skipped: “Cells” stays in your library as it was.' } }]);
    expect(await db.documents.count()).toBe(1);
    // Kept beside it: a document of its own.
    await run(['econ/lecture1.md'], [['keep-both', false]]);
    expect(importer.results[0]).toMatchObject({ outcome: { kind: 'new' } });
    expect(await db.documents.count()).toBe(2);
    // A new version of the biology note is not asked about: it updates its own document.
    expect(await run(['bio2/lecture1.md'], [])).toEqual([]);
    expect(importer.results[0]).toMatchObject({ outcome: { kind: 'updated', kept: 2, added: 1 } });
    // Replaced: the history file becomes the new text of the document it matched.
    expect(await run(['hist/lecture1.md'], [['replace', false]])).toEqual(['hist/lecture1.md: Cells (0 left)']);
    expect(importer.results[0]).toMatchObject({ outcome: { kind: 'updated', kept: 0, added: 2, removed: 3 } });
    expect(await db.documents.count()).toBe(2);
  });

  it('gives one answer for every such file of the import when the person asks it to', async () => {
    const { db, run } = setup({ 'a/x.md': cells, 'a/y.md': cells.slice(0, 1).concat(history), 'b/x.md': economics, 'b/y.md': ['Tariffs are taxes on imports.', 'Exports earn foreign currency.'] });
    await run(['a/x.md', 'a/y.md'], []);
    const asked = await run(['b/x.md', 'b/y.md'], [['keep-both', true]]);
    expect(asked).toEqual(['b/x.md: Cells (1 left)']);
    expect(await db.documents.count()).toBe(4);
  });
});
