/**
 * A small synthetic library for the training tests: a word table with two clusters of meaning ("topic" words
 * near one direction, "filler" words near another) and documents whose sentences mix them, with random
 * attention, centrality and a binary cue feature. Pure and seeded, so tests can state exact expectations.
 */
import { decodeEmbeddingTable, encodeEmbeddingTable, type EmbeddingTable } from '../attention/embedding-table';
import { cloneParams, HEAD_LEADING_TERMS, zeroParams, type AttentionDims, type AttentionParams } from '../attention/params';
import { FEATURE_NAMES } from '../extraction/sentence-features';
import { seededRandom } from '../seeded-random';
import type { TrainingDocument } from './train-user-params';

export const SYNTHETIC_DIMS: AttentionDims = { D: 6, R: 2, RA: 1, F: 10 };
const HEAD_WIDTH = SYNTHETIC_DIMS.F + HEAD_LEADING_TERMS;
/** Column of the cue feature in the head's inputs (the definition-cue slot). */
export const CUE_COLUMN = HEAD_LEADING_TERMS + FEATURE_NAMES.indexOf('definition-cue');

export const TOPIC_WORDS = ['market', 'prices', 'tax', 'bank', 'trade', 'budget'];
export const FILLER_WORDS = ['river', 'garden', 'music', 'forest', 'song', 'stone', 'cloud', 'paint', 'horse', 'lamp'];

/** Topic words lie near axis 0, filler words near axis 1, each with a little seeded spread. */
export function syntheticTable(): EmbeddingTable {
  const random = seededRandom(41);
  const words = [...TOPIC_WORDS, ...FILLER_WORDS];
  const D = SYNTHETIC_DIMS.D;
  const vectors = new Float64Array(words.length * D);
  words.forEach((word, i) => {
    const axis = TOPIC_WORDS.includes(word) ? 0 : 1;
    for (let d = 0; d < D; d++) vectors[i * D + d] = (random() - 0.5) * 0.8 + (d === axis ? 3 : 0);
  });
  return decodeEmbeddingTable(encodeEmbeddingTable(words, vectors, D));
}

export interface SyntheticDocument extends TrainingDocument {
  /** Whether each sentence has a topic word. */
  topical: boolean[];
  /** Whether each sentence has the cue feature. */
  cued: boolean[];
}

/** `count` documents of 8 sentences; about a third mention a topic word, about 30 % carry the cue. */
export function syntheticDocuments(count: number, seed: number, prefix = 'd'): SyntheticDocument[] {
  const random = seededRandom(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const { D } = SYNTHETIC_DIMS;
  return Array.from({ length: count }, (_, index) => {
    const n = 8;
    const vectors = new Float32Array(n * D);
    const headInputs = new Float32Array(n * HEAD_WIDTH);
    const tokens: string[][] = [];
    const topical: boolean[] = [];
    const cued: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const hasTopic = random() < 0.35;
      const words = Array.from({ length: 5 }, () => pick(FILLER_WORDS));
      if (hasTopic) words[Math.floor(random() * words.length)] = pick(TOPIC_WORDS);
      tokens.push(words);
      topical.push(hasTopic);
      let norm = 0;
      for (let k = 0; k < D; k++) norm += (vectors[i * D + k] = random() - 0.5) ** 2;
      for (let k = 0; k < D; k++) vectors[i * D + k]! /= Math.sqrt(norm);
      const cue = random() < 0.3;
      cued.push(cue);
      headInputs[i * HEAD_WIDTH] = random() - 0.5;
      headInputs[i * HEAD_WIDTH + 2] = random();
      headInputs[i * HEAD_WIDTH + CUE_COLUMN] = cue ? 1 : 0;
      headInputs[i * HEAD_WIDTH + 3] = random();
      headInputs[i * HEAD_WIDTH + 4] = random();
    }
    return { sentenceIds: Array.from({ length: n }, (_, i) => `${prefix}${index}#${i}`), vectors, headInputs, tokens, topical, cued };
  });
}

/**
 * Base values: the head ranks by attention and centrality, with a little weight on feature 1; no user query.
 * The projections are the first R axes, which span the two meaning clusters (the query is trained in their span).
 */
export function syntheticBase(): AttentionParams {
  const params = zeroParams(SYNTHETIC_DIMS);
  const { D, R } = SYNTHETIC_DIMS;
  for (let d = 0; d < D; d++) {
    for (let r = 0; r < R; r++) params.w_q[d * R + r] = params.w_k[d * R + r] = d === r ? 1 : 0;
  }
  params.head[0] = 1;
  params.head[2] = 1;
  params.head[4] = 0.5;
  return params;
}

const PERSON_WEIGHED_WORDS = 4096;

/**
 * `base` as a person's parameters might look after a few retrains: a user query, adapters and word weights of
 * their own, seeded (the query first, then b_q, b_k and the word weights). Callers set head weights as their check needs.
 */
export function personLikeParams(base: AttentionParams, seed: number): AttentionParams {
  const params = cloneParams(base);
  const random = seededRandom(seed);
  for (let d = 0; d < params.user_query.length; d++) params.user_query[d] = (random() - 0.5) * 0.6;
  for (const name of ['b_q', 'b_k'] as const) for (let i = 0; i < params[name].length; i++) params[name][i] = (random() - 0.5) * 2;
  // Word weights on a few thousand random slots, as many as a person's feedback touches.
  for (let k = 0; k < PERSON_WEIGHED_WORDS; k++) params.user_words[1 + Math.floor(random() * (params.user_words.length - 1))] = (random() - 0.5) * 2;
  return params;
}
