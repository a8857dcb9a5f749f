/** Every earlier version of the database, with real content, opens under the newest schema with nothing lost. */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupBeforeUpgrade, parseBackup } from './backup';
import { BackupsDb, FocalDb, SCHEMA_VERSIONS } from './focal-db';
import { LibraryRepository } from './library-repository';
import { emptyGraph } from '../../core/graph/knowledge-graph';
import { sentenceHash } from '../../core/text/sentence-hash';
import type { ParsedDocument } from '../../shared/document';

let n = 0;

/** A real note as an import would store it (without the model's reading, as in the earliest versions). */
function note(): ParsedDocument {
  const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'samples', 'photosynthesis.md'), 'utf8');
  const sentences = text
    .split(/(?<=\.)\s+/)
    .filter((s) => /[a-z]/.test(s))
    .map((s, i) => ({ text: s.trim(), section: ['Photosynthesis'], page: null, start: i, end: i + 1, hash: sentenceHash(s) }));
  return {
    title: 'Photosynthesis', format: 'markdown', language: 'en', sourceName: 'photosynthesis.md', byteSize: text.length,
    contentHash: 'h1', pageCount: null, text, sections: [], sentences, links: ['Cell biology'], tags: ['biology'], warnings: [],
  };
}

describe('schema upgrades', () => {
  it.each(SCHEMA_VERSIONS.map((_, i) => i + 1).slice(0, -1))('open a version-%i database with its content intact', async (version) => {
    const name = `upgrade-${version}-${++n}`;
    const old = new FocalDb(name, version);
    await old.settings.put({ key: 'theme', value: 'dark' });
    const counts: Record<string, number> = { settings: 1 };
    if (version >= 2) {
      await old.documents.put({ id: 'd1', title: 'Photosynthesis', contentHash: 'h1', sourceKey: 'photosynthesis.md', importedAt: 1, updatedAt: 1 } as never);
      await old.documentTexts.put({ documentId: 'd1', text: note().text });
      await old.sentences.bulkPut(note().sentences.map((s, i) => ({ ...s, id: `s${i}`, documentId: 'd1', ordinal: i, salience: null, selected: false })));
      counts['documents'] = 1;
      counts['sentences'] = note().sentences.length;
    }
    if (version >= 3) {
      await old.cards.put({ id: 'c1', documentId: 'd1', sentenceId: 's0', key: 'cloze:s0', due: 5 } as never);
      await old.reviewLog.put({ kind: 'undo', id: 'l1', cardId: 'c1', time: 6, undoes: 'x' } as never);
      counts['cards'] = 1;
      counts['reviewLog'] = 1;
    }
    if (version >= 4) {
      await old.graph.put({ id: 'library', graph: emptyGraph(), positions: { a: { x: 1, y: 2 } } });
      counts['graph'] = 1;
    }
    const before: Record<string, unknown[]> = {};
    for (const table of Object.keys(counts)) before[table] = await old.table(table).toArray();
    old.close();

    const current = new FocalDb(name);
    for (const [table, count] of Object.entries(counts)) {
      expect(await current.table(table).count()).toBe(count);
      expect(await current.table(table).toArray()).toEqual(before[table]);
    }
    // The upgraded database works for what later versions added.
    const library = new LibraryRepository(current, () => `new-${++n}`, () => 10);
    expect((await library.store({ ...note(), contentHash: 'h2', sourceName: 'other.md' })).kind).toBe('new');
    expect(await current.feedback.count()).toBe(0);
    current.close();
  });
});

describe('the backup before an upgrade', () => {
  it('saves an older database as it was, before the newer schema touches it', async () => {
    const name = `before-upgrade-${++n}`;
    const old = new FocalDb(name, 2);
    await old.settings.put({ key: 'theme', value: 'dark' });
    await old.documents.put({ id: 'd1', title: 'Old', contentHash: 'h', sourceKey: 's', importedAt: 1, updatedAt: 1, sections: [], links: [], tags: [], warnings: [], concepts: [] } as never);
    old.close();
    const store = new BackupsDb(`backups-${name}`);
    const row = await backupBeforeUpgrade(indexedDB, name, store, () => 'b1', 42);
    expect(row).toMatchObject({ reason: 'before-upgrade', createdAt: 42 });
    const backup = parseBackup(row!.data as string);
    expect(backup.schemaVersion).toBe(2);
    expect(backup.tables['documents']).toHaveLength(1);
    // Nothing to do for a database already at the newest version, or for none at all.
    const current = new FocalDb(name);
    await current.open();
    current.close();
    expect(await backupBeforeUpgrade(indexedDB, name, store, () => 'b2', 43)).toBeNull();
    expect(await backupBeforeUpgrade(indexedDB, `never-made-${n}`, store, () => 'b3', 44)).toBeNull();
    expect(await store.backups.count()).toBe(1);
  });
});
