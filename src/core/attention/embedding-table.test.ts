import { describe, expect, it } from 'vitest';
import { EmbeddingFormatError, decodeEmbeddingTable, encodeEmbeddingTable, quantizeRow } from './embedding-table';
import { seededRandom } from '../seeded-random';
import { cosine } from './vector-math';

function fixture(count: number, dimensions: number, seed = 7): { words: string[]; vectors: Float64Array } {
  const random = seededRandom(seed);
  const words = Array.from({ length: count }, (_, i) => (i === 3 ? 'café' : i === 4 ? '東京' : `word${i}`));
  const vectors = Float64Array.from({ length: count * dimensions }, () => (random() * 2 - 1) * 2);
  return { words, vectors };
}

describe('embedding table', () => {
  it('round-trips words, ranks and vectors within half a quantisation step', () => {
    const { words, vectors } = fixture(50, 16);
    const table = decodeEmbeddingTable(encodeEmbeddingTable(words, vectors, 16));
    expect(table.size).toBe(50);
    expect(table.dimensions).toBe(16);
    expect(table.words).toEqual(words);
    expect(table.rankOf('word0')).toBe(1);
    expect(table.rankOf('café')).toBe(4);
    expect(table.rankOf('東京')).toBe(5);
    for (let i = 0; i < 50; i++) {
      const original = vectors.subarray(i * 16, (i + 1) * 16);
      const decoded = table.vectorOf(words[i]!)!;
      const step = Math.max(...original.map(Math.abs)) / 127;
      original.forEach((x, d) => expect(Math.abs(x - decoded[d]!)).toBeLessThanOrEqual(step / 2 + 1e-6));
      expect(cosine(original, decoded)).toBeGreaterThan(0.999);
    }
  });

  it('answers null for words it does not hold', () => {
    const { words, vectors } = fixture(5, 4);
    const table = decodeEmbeddingTable(encodeEmbeddingTable(words, vectors, 4));
    expect(table.vectorOf('absent')).toBeNull();
    expect(table.rankOf('absent')).toBeNull();
  });

  it('decodes from a byte view at an odd offset', () => {
    const { words, vectors } = fixture(9, 8);
    const bytes = encodeEmbeddingTable(words, vectors, 8);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const table = decodeEmbeddingTable(shifted.subarray(3));
    expect(table.vectorOf('word8')).toEqual(decodeEmbeddingTable(bytes).vectorOf('word8'));
  });

  it('encodes the same input to the same bytes', () => {
    const { words, vectors } = fixture(20, 10);
    expect(encodeEmbeddingTable(words, vectors, 10)).toEqual(encodeEmbeddingTable(words, vectors, 10));
  });

  it('quantises an all-zero row to zeros with scale 0', () => {
    const out = new Int8Array(3);
    expect(quantizeRow([0, 0, 0], out)).toBe(0);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it('reports the median row norm as the typical norm', () => {
    const vectors = Float64Array.from([3, 4, 0, 1, 6, 8]);
    const table = decodeEmbeddingTable(encodeEmbeddingTable(['a', 'b', 'c'], vectors, 2));
    expect(table.typicalNorm).toBeCloseTo(5, 1);
  });

  it('rejects bytes that are not a FOCALEMB table of the stated size', () => {
    const { words, vectors } = fixture(4, 4);
    const bytes = encodeEmbeddingTable(words, vectors, 4);
    expect(() => decodeEmbeddingTable(bytes.subarray(0, bytes.length - 1))).toThrow(EmbeddingFormatError);
    const badMagic = bytes.slice();
    badMagic[0] = 0x58;
    expect(() => decodeEmbeddingTable(badMagic)).toThrow(/magic/);
    const badVersion = bytes.slice();
    badVersion[8] = 9;
    expect(() => decodeEmbeddingTable(badVersion)).toThrow(/version 9/);
  });

  it('refuses words the newline-joined vocabulary cannot hold', () => {
    expect(() => encodeEmbeddingTable(['a\nb'], [1], 1)).toThrow(EmbeddingFormatError);
    expect(() => encodeEmbeddingTable(['a', 'a'], [1, 2], 1)).toThrow(/duplicate/);
  });
});
