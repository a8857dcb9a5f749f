import { describe, expect, it } from 'vitest';
import { ReadingCache, readingKey } from './reading-cache';
import type { TrainingDocument } from './train-user-params';

function reading(sentences: number): TrainingDocument {
  return { sentenceIds: Array.from({ length: sentences }, (_, i) => String(i)), vectors: new Float32Array(0), headInputs: new Float32Array(0), tokens: [] };
}

describe('ReadingCache', () => {
  it('reads a document once and hands back the same reading while its content is unchanged', async () => {
    const cache = new ReadingCache(100);
    let reads = 0;
    const read = async () => (reads++, reading(3));
    const document = { id: 'a', sentences: [{ id: 's1', text: 'Cells divide.' }] };
    const first = await cache.get(readingKey('a', document), read);
    const second = await cache.get(readingKey('a', { ...document }), read);
    expect(reads).toBe(1);
    expect([first.cached, second.cached]).toEqual([false, true]);
    expect(second.document).toBe(first.document);
    await cache.get(readingKey('a', { ...document, sentences: [{ id: 's1', text: 'Cells divide twice.' }] }), read);
    expect(reads).toBe(2);
  });

  it('keeps the most recently used readings within its sentence budget', async () => {
    const cache = new ReadingCache(10);
    await cache.get('a', async () => reading(4));
    await cache.get('b', async () => reading(4));
    await cache.get('a', async () => reading(4)); // a is now the most recent
    await cache.get('c', async () => reading(4)); // over budget: b goes
    expect(cache.sentenceCount).toBe(8);
    expect((await cache.get('a', async () => reading(4))).cached).toBe(true);
    expect((await cache.get('b', async () => reading(4))).cached).toBe(false);
  });

  it('keeps what fits of a pass larger than its budget, so the next pass reads only the rest', async () => {
    const cache = new ReadingCache(10);
    const scan = async () => {
      const pass = cache.newPass();
      let reads = 0;
      for (const key of ['a', 'b', 'c']) await cache.get(key, async () => (reads++, reading(4)), pass);
      return reads;
    };
    expect(await scan()).toBe(3);
    // Least recently used eviction would have thrown a out for c, b for a, c for b: three reads every time.
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(1);
    expect(cache.sentenceCount).toBe(8);
    // Another pass may still evict what the last one kept.
    await cache.get('d', async () => reading(4));
    expect((await cache.get('a', async () => reading(4))).cached).toBe(false);
  });

  it('does not keep a document larger than the whole budget, nor a failed reading', async () => {
    const cache = new ReadingCache(10);
    expect((await cache.get('big', async () => reading(11))).cached).toBe(false);
    expect(cache.size).toBe(0);
    await expect(cache.get('bad', async () => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(cache.size).toBe(0);
  });
});
