import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackupTextError, backupChunks, readJsonChunks } from './backup-text';

/** Text cut into pieces at the given places. */
function cut(text: string, at: readonly number[]): string[] {
  const places = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const place of places) {
    pieces.push(text.slice(from, place));
    from = place;
  }
  pieces.push(text.slice(from));
  return pieces;
}

const json = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

describe('a backup’s text in pieces', () => {
  it('is written as the very JSON of the backup, each piece ending between rows', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.array(json, { maxLength: 6 }), { maxKeys: 4 }), fc.integer({ min: 1, max: 200 }), (tables, size) => {
        const backup = { format: 'focal-backup', version: 1, schemaVersion: 5, exportedAt: 12, tables };
        const chunks = backupChunks(backup, size);
        expect(chunks.join('')).toBe(JSON.stringify(backup));
      }),
    );
  });

  it('reads any JSON object or array split anywhere as JSON.parse reads it whole, whitespace and escapes included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.dictionary(fc.string(), json), fc.array(json)), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async (value, at, spaced) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        expect(await readJsonChunks(cut(text, at))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('says a text cut short or broken is damaged, and one that is no JSON object is not JSON', async () => {
    const text = JSON.stringify({ format: 'focal-backup', tables: { cards: [{ id: 'a', prompt: 'What is \\"ATP\\"?' }, { id: 'b' }] } });
    for (let end = 1; end < text.length; end++) {
      await expect(readJsonChunks([text.slice(0, end)]), `cut at ${end}`).rejects.toMatchObject({ kind: 'damaged' });
    }
    await expect(readJsonChunks([text, '{}'])).rejects.toMatchObject({ kind: 'damaged' });
    await expect(readJsonChunks(['{"a": tru', 'x}'])).rejects.toMatchObject({ kind: 'damaged' });
    await expect(readJsonChunks(['PK\u0003\u0004…'])).rejects.toBeInstanceOf(BackupTextError);
    await expect(readJsonChunks(['hello'])).rejects.toMatchObject({ kind: 'not-json' });
    await expect(readJsonChunks(['', '  '])).rejects.toMatchObject({ kind: 'not-json' });
  });
});
