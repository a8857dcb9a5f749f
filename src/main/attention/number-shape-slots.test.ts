/**
 * A number's word weight is kept under its shape ("#dddd"), which is in most documents: its slot should be no
 * common word's, or a weight learned for that word would lift every number of the shape (token-vectors.ts,
 * NUMBER_SHAPE_SEED). Checked against the shipped word table, as the app hashes words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEmbeddingTable } from '../../core/attention/embedding-table';
import { wordBucket } from '../../core/attention/token-vectors';
import { repoModelsDir } from '../services/compose';

/** One number of each common shape: counts, years, prices, percentages, thousands, millions. */
const SHAPES = ['7', '77', '777', '7777', '77777', '777777', '7777777', '7.7', '7.77', '77.7', '77.77', '777.7', '777.77', '7.777', '7,777', '77,777', '777,777', '7,777,777'];

describe('number shapes’ word-weight slots', () => {
  it('share no slot with the 30,000 most frequent words, nor with each other', () => {
    const table = decodeEmbeddingTable(new Uint8Array(readFileSync(join(repoModelsDir(), 'glove-100k.bin'))));
    const wordsBySlot = new Map<number, string>();
    for (const word of table.words.slice(0, 30_000)) wordsBySlot.set(wordBucket(word), word);
    const slots = SHAPES.map((number) => wordBucket(number));
    expect(SHAPES.flatMap((number, i) => (wordsBySlot.has(slots[i]!) ? [`${number} shares with ${wordsBySlot.get(slots[i]!)}`] : []))).toEqual([]);
    expect(new Set(slots).size).toBe(SHAPES.length);
    // Numbers of one shape share their slot; another shape has its own.
    expect(wordBucket('2004')).toBe(wordBucket('7777'));
    expect(wordBucket('2004')).not.toBe(wordBucket('04'));
  });
});
