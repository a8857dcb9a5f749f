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

describe('a note moved within the folder while a new note took its old path', () => {
  /** Files with real bytes: the fake main fingerprints them as the parser does (SHA-256 of the bytes, in hex). */
  function vault() {
    const db = new FocalDb(`importer-moved-${Math.random()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1);
    const api = {
      'library.parse': async ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
        const text = new TextDecoder().decode(bytes);
        const contentHash = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        return { ...parsedNote(text.split('\n'), { sourceName: name, title: name.replace(/^.*\//, ''), contentHash }), byteSize: bytes.length };
      },
    } as unknown as FocalApi;
    const importer = new Importer(api, library, () => {});
    const run = async (files: Record<string, string[]>) => {
      const asked: string[] = [];
      const done = importer.importFiles(Object.entries(files).map(([path, lines]) => ({ file: new File([lines.join('\n')], path), path })));
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (!importer.running) break;
        if (importer.sameNameRequest) {
          asked.push(importer.sameNameRequest.path);
          importer.answerSameName('skip');
        }
      }
      await done;
      return asked;
    };
    return { db, importer, run };
  }

  it('takes a file renamed in case only (Case.md → case.md) under its new name, unchanged otherwise', async () => {
    const { db, importer, run } = vault();
    await run({ 'vault/Case.md': cells });
    const [before] = await db.documents.toArray();
    await run({ 'vault/case.md': cells });
    expect(importer.results).toMatchObject([{ path: 'vault/case.md', outcome: { kind: 'unchanged', documentId: before!.id } }]);
    expect((await db.documents.toArray()).map((doc) => [doc.id, doc.sourceName])).toEqual([[before!.id, 'vault/case.md']]);
  });

  for (const order of ['new note first', 'moved note first']) {
    it(`is not asked about: the new note is stored beside it, and the moved note keeps its cards under its new path (${order})`, async () => {
      const { db, importer, run } = vault();
      expect(await run({ 'vault/Rome.md': history, 'vault/Cells.md': cells })).toEqual([]);
      const rome = (await db.documents.toArray()).find((doc) => doc.sourceName === 'vault/Rome.md')!;
      const cardsBefore = await db.cards.where('documentId').equals(rome.id).primaryKeys();
      expect(cardsBefore.length).toBeGreaterThan(0);

      const files: Record<string, string[]> = order === 'new note first' ? { 'vault/Rome.md': economics, 'vault/Week 2/Rome.md': history } : { 'vault/Week 2/Rome.md': history, 'vault/Rome.md': economics };
      expect(await run({ ...files, 'vault/Cells.md': cells })).toEqual([]);
      expect(importer.missing).toEqual([]);
      const documents = await db.documents.toArray();
      expect(documents.map((doc) => doc.sourceName).sort()).toEqual(['vault/Cells.md', 'vault/Rome.md', 'vault/Week 2/Rome.md']);
      expect(documents.find((doc) => doc.id === rome.id)!.sourceName).toBe('vault/Week 2/Rome.md');
      expect(await db.cards.where('documentId').equals(rome.id).primaryKeys()).toEqual(cardsBefore);
      const fresh = documents.find((doc) => doc.sourceName === 'vault/Rome.md')!;
      expect((await db.sentences.where('documentId').equals(fresh.id).toArray()).map((s) => s.text).sort()).toEqual([...economics].sort());

      // Imported again as it is: nothing asked, nothing changed.
      expect(await run({ ...files, 'vault/Cells.md': cells })).toEqual([]);
      expect(importer.results.map((result) => ('outcome' in result ? result.outcome.kind : 'error'))).toEqual(['unchanged', 'unchanged', 'unchanged']);
      expect(await db.documents.count()).toBe(3);
    });
  }
});

describe('a note imported with its vault, edited, then imported again from its subfolder', () => {
  it('updates its document rather than adding another, and asks about another project’s file of that name', async () => {
    const db = new FocalDb(`importer-other-folder-${Math.random()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1);
    const mendel = ['Mendel crossed pea plants.', 'Dominant traits mask recessive ones.', 'Each parent passes on one allele.', 'Alleles separate when gametes form.', 'Peas have seven traits he studied.'];
    const texts: Record<string, string[]> = {
      'vault/Biology/Mendel.md': mendel,
      'Biology/Mendel.md': [...mendel, 'Linked genes travel together.'],
      'other/Mendel.md': ['Mendel was a friar in Brno.', 'He kept bees too.'],
    };
    const api = { 'library.parse': async ({ name }: { name: string }) => parsedNote(texts[name]!, { sourceName: name, contentHash: name }) } as unknown as FocalApi;
    const importer = new Importer(api, library, () => {});
    const item = (path: string): ImportItem => ({ file: new File(['-'], path), path });
    expect(importer.ended).toBe(0);
    await importer.importFiles([item('vault/Biology/Mendel.md')]);
    // Each import that ends is counted: the screens open meanwhile read their cards again.
    expect(importer.ended).toBe(1);
    await importer.importFiles([item('Biology/Mendel.md')]);
    expect(importer.ended).toBe(2);
    expect(importer.results).toMatchObject([{ outcome: { kind: 'updated', kept: 5, added: 1 } }]);
    expect(await db.documents.count()).toBe(1);
    // Another note of that name shares nothing with it: a document of its own, not asked about.
    await importer.importFiles([item('other/Mendel.md')]);
    expect(importer.results).toMatchObject([{ outcome: { kind: 'new' } }]);
    expect(await db.documents.count()).toBe(2);
  });
});

describe('importing a file this build read before', () => {
  const sha256 = async (bytes: Uint8Array) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes))), (b) => b.toString(16).padStart(2, '0')).join('');

  it('says "unchanged" without reading it again, and reads it when its bytes changed or another build stored it', async () => {
    const db = new FocalDb(`importer-unchanged-${Math.random()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1);
    const read: string[] = [];
    const api = {
      'library.parse': async ({ name, bytes }: { name: string; bytes: Uint8Array }) => {
        read.push(name);
        const text = new TextDecoder().decode(bytes);
        return parsedNote(text.split('|'), { sourceName: name, contentHash: await sha256(bytes) });
      },
    } as unknown as FocalApi;
    const importer = new Importer(api, library, () => {});
    const importText = (text: string) => importer.importFiles([{ file: new File([text], 'cells.md'), path: 'notes/cells.md' }]);

    await importText(cells.join('|'));
    await importText(cells.join('|'));
    expect(read).toEqual(['notes/cells.md']);
    expect(importer.results).toMatchObject([{ path: 'notes/cells.md', outcome: { kind: 'unchanged', title: 'Cells' } }]);

    await importText([...cells, 'Lysosomes digest waste.'].join('|'));
    expect(read).toHaveLength(2);
    expect(importer.results).toMatchObject([{ outcome: { kind: 'updated', added: 1 } }]);

    // Stored by another build of Focal (an older one): read again, found the same, and marked as read by this one.
    const [stored] = await db.documents.toArray();
    await db.documents.put({ ...stored!, readBy: 'an older build' });
    await importText([...cells, 'Lysosomes digest waste.'].join('|'));
    expect(read).toHaveLength(3);
    expect(importer.results).toMatchObject([{ outcome: { kind: 'unchanged' } }]);
    await importText([...cells, 'Lysosomes digest waste.'].join('|'));
    expect(read).toHaveLength(3);
  });
});

describe('a folder picked again while it imports', () => {
  it('is read and reported once: a file still waiting takes the newer copy, one already read is read again in its own line', async () => {
    const db = new FocalDb(`importer-again-${Math.random()}`);
    let n = 0;
    const library = new LibraryRepository(db, () => `id-${++n}`, () => 1);
    const texts: Record<string, string[]> = { 'v/a.md': cells, 'v/b.md': economics, 'v/c.md': history };
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const parsed: string[] = [];
    const api = {
      'library.parse': async ({ name }: { name: string }) => {
        parsed.push(name);
        if (parsed.length === 1) await first;
        return parsedNote(texts[name]!, { sourceName: name, contentHash: name });
      },
    } as unknown as FocalApi;
    const importer = new Importer(api, library, () => {});
    const folder = () => ['v/a.md', 'v/b.md', 'v/c.md', 'v/picture.png'].map((path): ImportItem => ({ file: new File(['-'], path), path }));
    const running = importer.importFiles(folder());
    await new Promise((resolve) => setTimeout(resolve, 5));
    // a.md is being read; the folder is picked twice more.
    await importer.importFiles(folder());
    await importer.importFiles(folder());
    release();
    await running;
    expect(importer.results.map((r) => r.path)).toEqual(['v/a.md', 'v/b.md', 'v/c.md']);
    expect([importer.done, importer.total]).toEqual([3, 3]);
    expect(importer.attachmentsLeftOut).toBe(1);
    expect(await db.documents.count()).toBe(3);
    // a.md, read when the folder came again, is read once more; b.md and c.md once each.
    expect(parsed.filter((name) => name === 'v/b.md')).toHaveLength(1);
    expect(parsed.filter((name) => name === 'v/a.md')).toHaveLength(2);
  });
});
