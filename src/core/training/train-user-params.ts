/**
 * Retraining a person's parameters from their sentence rewards: REINFORCE with a baseline (Williams 1992)
 * on a softmax selection policy over salience, its estimate averaged exactly over each choice's candidates,
 * plus an L2 pull toward the base values so that a few events cannot wreck the model. Deterministic given the
 * seed.
 *
 * What is trained: salience = head·[att, interest, centrality, features] + head_bias, where the user query
 * attends over the sentence's words (graph-builder.ts, step e):
 *   e_l = t_l·user_query + user_words[slot_l],  a = softmax_l(e_l + prior_l),  interest = Σ_l a_l·e_l.
 * A small query scores a sentence by its SIF-pooled meaning; a longer one sharpens toward the single most
 * relevant word, so "sentences that mention prices or taxes" is learnable, which the mean of a sentence's
 * words cannot express. The query generalises by meaning; the word weights (one per word stem or number shape, `wordBucket`)
 * say which words exactly: a taste that is a list of words ("euro", "shares", "budget") is learnt from the
 * words of the sentences judged, and carried to unseen documents by those same words. θ = [head₀, head₂,
 * head₃…, user_query, b_q, b_k] and the word weights: every head weight but head₁ (the interest's scale,
 * kept, and 1 once the base interest 0 is left), the query, the weights of the words training sentences use
 * (the others return to the base value 0: nothing the person judged supports them), and the low-rank adapters'
 * up-projections, which change att through each block's attention (block-attention.ts gives att and its
 * gradient; the down-projections a_q, a_k stay as LoRA keeps them). head_bias shifts a whole document
 * equally, so a within-document policy carries no gradient for it; it is kept. pool_query is not trained:
 * it changes every sentence vector, so every block would have to be re-read at every step.
 *
 * Choices of coordinates that keep a few hundred events enough: head weights are trained in standardised
 * units (so a narrow feature such as log length is as cheap to use as a wide one), and the query in the
 * span of the base projection w_q (the top principal directions of the word vectors).
 */
import type { EmbeddingTable } from '../attention/embedding-table';
import { cloneParams, HEAD_LEADING_TERMS, USER_WORD_BUCKETS, type AttentionDims, type AttentionParams } from '../attention/params';
import { MAX_SENTENCE_TOKENS, PADDING_PRIOR, frequencyPrior, normalizeToken, packTokenBlock, readTokens, tokenVector, wordBucket } from '../attention/token-vectors';
import { seededRandom, shuffleInPlace } from '../seeded-random';
import { blockBackward, blockForward, blockProjections, type BlockProjections, type ReadingBlock } from './block-attention';
import type { SentenceReward } from '../reward/sentence-reward';
import type { DocumentReading } from '../extraction/analyze-document';

/** A document as read (see `readDocument`) with the same pooling and projections as `start`. */
export interface TrainingDocument {
  /** One id per sentence, as the rewards name them. */
  sentenceIds: readonly string[];
  /** Unit sentence vectors, row-major (sentences × D). */
  vectors: Float32Array;
  /** The head's inputs, row-major (sentences × (F + 3)): att, interest, centrality, features. */
  headInputs: Float32Array;
  /** The words the model read in each sentence (`readDocument`'s tokens): the user query attends over them. */
  tokens: readonly (readonly string[])[];
  /** The blocks it was read in (`readDocument`'s blocks): without them att stays as read and the adapters learn nothing from it. */
  blocks?: readonly ReadingBlock[];
  /** The adapters' up-projections it was read with (b_q then b_k): att as read holds for parameters with these. */
  readAdapters?: Float32Array;
}

export interface TrainingOptions {
  /** Gradient steps; each takes the policy's expected gradient on one batch of documents. */
  iterations?: number;
  /** Documents per step: bounds a step's cost however many events there are. */
  documentsPerStep?: number;
  learningRate?: number;
  /** Strength of the pull of the head weights toward the base values, against the data term measured in units of `eventsPerPull` rewarded sentences. */
  pull?: number;
  /** The same for the user query, whose base value is 0. */
  queryPull?: number;
  /** The same for the adapters' up-projections b_q, b_k, whose base value is 0. */
  adapterPull?: number;
  /**
   * The same for each word weight, whose base value is 0: weaker, because a word's weight only moves sentences
   * that use the word; strong enough that a handful of events moves the word weights only a little.
   */
  wordPull?: number;
  /** Whether the adapters are trained (through each block's attention, about twice the work) or kept. */
  trainAdapters?: boolean;
  /**
   * Attention cells (a block's sentences × its keys) the adapters' forward and backward passes through blocks
   * longer than SHORT_BLOCK sentences may cover in one step. Their cost grows with the square of a block: a
   * 256-sentence block of a book or paper costs as much as some seventy news articles, and without a bound the
   * adapters took most of a minute-long retrain over 144 papers. Passes through short blocks (a news article,
   * a page of notes) are always made. Past the bound, a candidate keeps the att last computed for it (under
   * the start adapters until then), as in the check's trainings throughout, and the adapters' gradient from
   * the long-block passes let in is scaled up to stand for all the step asked for. At least one long-block
   * pass is made per step, however large its block.
   */
  adapterCellsPerStep?: number;
  /** How many rewarded sentences weigh as much as a pull of 1: with fewer, the base values dominate. */
  eventsPerPull?: number;
  /** Softmax temperature of the selection policy over salience. */
  temperature?: number;
  /** Rate, per choice, of the running mean of the policy's expected reward used as the baseline. */
  baselineRate?: number;
  /**
   * Weight added, once training is done, to each word met only in sentences the person wanted and never in
   * one they did not: wordEvidence · log2(1 + n) / 2, n the summed reward of those sentences (see `wordEvidence`).
   * 0 adds none.
   */
  wordEvidence?: number;
}

export const DEFAULT_TRAINING: Required<TrainingOptions> = {
  iterations: 200,
  documentsPerStep: 40,
  learningRate: 0.03,
  pull: 1,
  queryPull: 1,
  adapterPull: 1,
  wordPull: 0.03,
  trainAdapters: true,
  adapterCellsPerStep: 1 << 17,
  eventsPerPull: 10,
  temperature: 1,
  baselineRate: 0.08,
  wordEvidence: 0,
};

export interface TrainInput {
  /** The shipped values: the pull's anchor. */
  base: AttentionParams;
  /** The person's current values: training starts here; untrained parameters are copied from here. */
  start: AttentionParams;
  dims: AttentionDims;
  /** The word vectors the user query attends over. */
  table: EmbeddingTable;
  documents: readonly TrainingDocument[];
  rewards: readonly SentenceReward[];
  seed: number;
  options?: TrainingOptions;
  /** Called after every gradient step, for progress (and, in a worker, nothing else: training never waits). */
  onStep?: () => void;
}

/** A document as `readDocument` read it under `params`, with one id per sentence: what training needs of it. */
export function trainingDocumentOf(
  sentenceIds: readonly string[],
  reading: Pick<DocumentReading, 'vectors' | 'headInputs' | 'tokens' | 'blocks'>,
  params: AttentionParams,
): TrainingDocument {
  const { vectors, headInputs, tokens, blocks } = reading;
  return { sentenceIds, vectors, headInputs, tokens, blocks, readAdapters: Float32Array.from([...params.b_q, ...params.b_k]) };
}

export interface TrainResult {
  params: AttentionParams;
  /** Rewarded sentences found in the documents and used. */
  usedRewards: number;
}

/** Entries of θ before the user query: head₀, then head₂ onward. */
function linearSize(dims: AttentionDims): number {
  return dims.F + 2;
}

/** θ of a parameter set (see the module comment). */
export function thetaOf(params: AttentionParams, dims: AttentionDims): Float64Array {
  const lin = linearSize(dims);
  const theta = new Float64Array(lin + dims.D);
  theta[0] = params.head[0]!;
  for (let j = 1; j < lin; j++) theta[j] = params.head[j + 1]!;
  for (let d = 0; d < dims.D; d++) theta[lin + d] = params.user_query[d]!;
  return theta;
}

/** head₁, the weight of interest: 1 while the query is still the base 0, so a learnt query counts as itself. */
function interestScale(params: AttentionParams): number {
  return hasInterest(params) ? params.head[1]! : 1;
}

/** Whether the person's query or word weights can give a sentence any interest (the base values give none). */
export function hasInterest(params: AttentionParams): boolean {
  return anyNonZero(params.user_query) || anyNonZero(params.user_words);
}

/** A plain loop: `some` with a callback costs ten times as much over 65,536 word weights, on every document scored. */
function anyNonZero(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return true;
  return false;
}

/** `start` with θ written back, and head₁ = `scale`. */
function paramsWithTheta(start: AttentionParams, theta: Float64Array, dims: AttentionDims, scale = interestScale(start)): AttentionParams {
  const lin = linearSize(dims);
  const out = cloneParams(start);
  out.head[0] = theta[0]!;
  for (let j = 1; j < lin; j++) out.head[j + 1] = theta[j]!;
  for (let d = 0; d < dims.D; d++) out.user_query[d] = theta[lin + d]!;
  out.head[1] = scale;
  return out;
}

/** The linear part of a sentence's row: att, centrality, features (its interest is recomputed from its words). */
function linearRowOf(document: TrainingDocument, index: number, dims: AttentionDims, into: Float64Array): void {
  const width = dims.F + HEAD_LEADING_TERMS;
  into[0] = document.headInputs[index * width]!;
  for (let j = 1; j < linearSize(dims); j++) into[j] = document.headInputs[index * width + j + 1]!;
}

/** A sentence's words as the graph packs them: vectors [L × D], SIF priors [L] and slots in `user_words` [L]. */
interface SentenceWords {
  vectors: Float32Array;
  prior: Float32Array;
  slots: Int32Array;
  length: number;
}

const wordsCache = new WeakMap<TrainingDocument, Map<number, SentenceWords>>();

function packedWords(table: EmbeddingTable, document: TrainingDocument, index: number): SentenceWords {
  const packed = packTokenBlock(table, [document.tokens[index] ?? []]);
  return { vectors: packed.tokens, prior: packed.tokenPrior, slots: packed.tokenWords, length: packed.length };
}

/** `packedWords`, kept per document for the many passes of training. */
function sentenceWords(table: EmbeddingTable, document: TrainingDocument, index: number): SentenceWords {
  let cached = wordsCache.get(document);
  if (!cached) wordsCache.set(document, (cached = new Map()));
  let words = cached.get(index);
  if (!words) cached.set(index, (words = packedWords(table, document, index)));
  return words;
}

/** A word's vector in the query's subspace (its coordinates along the basis columns), its SIF prior and its slot. */
interface ProjectedWord {
  vector: Float32Array;
  prior: number;
  slot: number;
  /** Unique among projected words (see `nextProjectedWordId`): training indexes its words by it. */
  id: number;
}

/**
 * Ids for projected words, so training and ranking find a word's entry with an array rather than a Map. Never
 * reused: kept sentences still hold their words after the word table is cleared. It grows only with words
 * projected, and the arrays indexed by it take a few bytes per id.
 */
let nextProjectedWordId = 1;

/** Per basis: projected words by token, and projected sentences by document and index. */
const projectedCache = new WeakMap<Float32Array, { words: Map<string, ProjectedWord>; sentences: WeakMap<TrainingDocument, Map<number, ProjectedSentence>> }>();
const PROJECTED_WORDS_LIMIT = 200_000;

/**
 * A sentence's words projected onto the basis: `words` one per kept token, shared between sentences; `prior`
 * and `slots` have at least one position (padding's, for a sentence without words), as `packTokenBlock` gives.
 */
interface ProjectedSentence {
  words: readonly ProjectedWord[];
  prior: Float32Array;
  slots: Int32Array;
  length: number;
}

/**
 * A sentence's words projected onto the basis (D × Q, orthonormal columns), with the same words, order and
 * priors as `packTokenBlock`, so t·(W u) = (tW)·u exactly. Each distinct word is projected once.
 */
function projectedWords(table: EmbeddingTable, basis: Float32Array, Q: number, document: TrainingDocument, index: number): ProjectedSentence {
  let cache = projectedCache.get(basis);
  if (!cache) projectedCache.set(basis, (cache = { words: new Map(), sentences: new WeakMap() }));
  let sentences = cache.sentences.get(document);
  if (!sentences) cache.sentences.set(document, (sentences = new Map()));
  const cached = sentences.get(index);
  if (cached) return cached;
  const D = table.dimensions;
  const kept = readTokens(document.tokens[index] ?? []);
  const length = Math.max(1, kept.length);
  const prior = new Float32Array(length).fill(PADDING_PRIOR);
  const slots = new Int32Array(length);
  const words: ProjectedWord[] = [];
  kept.forEach((token, l) => {
    const key = normalizeToken(token);
    let word = cache.words.get(key);
    if (!word) {
      const { vector } = tokenVector(table, key);
      const projected = new Float32Array(Q);
      for (let q = 0; q < Q; q++) {
        let sum = 0;
        for (let d = 0; d < D; d++) sum += vector[d]! * basis[d * Q + q]!;
        projected[q] = sum;
      }
      if (cache.words.size >= PROJECTED_WORDS_LIMIT) cache.words.clear();
      cache.words.set(key, (word = { vector: projected, prior: frequencyPrior(table, key), slot: wordBucket(key), id: nextProjectedWordId++ }));
    }
    prior[l] = word.prior;
    slots[l] = word.slot;
    words.push(word);
  });
  const sentence = { words, prior, slots, length };
  sentences.set(index, sentence);
  return sentence;
}


/**
 * interest = Σ_l a_l e_l with a = softmax(e + prior) over a sentence's L words, e_l being word l's relevance
 * (graph step e; the priors are read from `priorAt`). With `derivatives`, also writes scale·∂interest/∂e_l =
 * scale·a_l (1 + e_l − interest) there from `at`: the gradient of the interest to the query (through each
 * word's vector) and to each word's weight.
 */
function interestFromRelevance(relevance: Float64Array, prior: Float32Array, L: number, derivatives?: Float64Array, at = 0, priorAt = 0, scale = 1): number {
  // A comparison, not Math.max: this loop runs for every word of every candidate at every training step.
  let max = -Infinity;
  for (let l = 0; l < L; l++) {
    const x = relevance[l]! + prior[priorAt + l]!;
    if (x > max) max = x;
  }
  let total = 0;
  let weighted = 0;
  for (let l = 0; l < L; l++) {
    const a = Math.exp(relevance[l]! + prior[priorAt + l]! - max);
    if (derivatives) derivatives[at + l] = a;
    total += a;
    weighted += a * relevance[l]!;
  }
  const interest = total > 0 ? weighted / total : 0;
  if (derivatives) for (let l = 0; l < L; l++) derivatives[at + l] = total > 0 ? (derivatives[at + l]! / total) * (1 + relevance[l]! - interest) * scale : 0;
  return interest;
}

/** The interest of packed words under the query at `theta[at…at+D)` and the word weights (by slot); `relevance` is scratch of ≥ L entries. */
function interestOf(words: SentenceWords, theta: Float64Array, at: number, D: number, userWords: Float32Array, relevance: Float64Array): number {
  for (let l = 0; l < words.length; l++) relevance[l] = dotAt(words.vectors, l * D, theta, at, D) + userWords[words.slots[l]!]!;
  return interestFromRelevance(relevance, words.prior, words.length);
}

/** Each projected word's t·query under one query, by word id, computed when first asked for: words recur across sentences. */
interface QueryOfWords {
  values: Float64Array;
  known: Uint8Array;
}

function queryOfWords(): QueryOfWords {
  return { values: new Float64Array(nextProjectedWordId), known: new Uint8Array(nextProjectedWordId) };
}

/** The same for projected words, the query given by its Q coordinates at `theta[at…)`. */
function projectedInterest(sentence: ProjectedSentence, theta: Float64Array, at: number, Q: number, userWords: Float32Array, relevance: Float64Array, kept?: QueryOfWords): number {
  for (let l = 0; l < sentence.length; l++) {
    const word = sentence.words[l];
    let dot = 0;
    if (word && kept && word.id < kept.known.length) {
      if (!kept.known[word.id]) {
        kept.values[word.id] = dotAt(word.vector, 0, theta, at, Q);
        kept.known[word.id] = 1;
      }
      dot = kept.values[word.id]!;
    } else if (word) dot = dotAt(word.vector, 0, theta, at, Q);
    relevance[l] = dot + userWords[sentence.slots[l]!]!;
  }
  return interestFromRelevance(relevance, sentence.prior, sentence.length);
}

/** A cheap fingerprint of the fixed projections (w_q, a_q, w_k, a_k): equal values, equal key. */
const projectionKeys = new WeakMap<AttentionParams, string>();
function projectionKey(params: AttentionParams): string {
  let key = projectionKeys.get(params);
  if (key === undefined) {
    const parts = [params.w_q, params.a_q, params.w_k, params.a_k].map((values) => {
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += values[i]! * ((i % 89) + 1);
      return sum.toPrecision(17);
    });
    projectionKeys.set(params, (key = parts.join('|')));
  }
  return key;
}

const projectionCache = new WeakMap<TrainingDocument, { key: string; blocks: BlockProjections[] }>();

/** The document's blocks projected under `params`' w_q, a_q, w_k, a_k (cached per document). */
function projectionsOf(document: TrainingDocument, params: AttentionParams, dims: AttentionDims): BlockProjections[] {
  const key = projectionKey(params);
  const cached = projectionCache.get(document);
  if (cached && cached.key === key) return cached.blocks;
  const blocks = (document.blocks ?? []).map((block) => blockProjections(document.vectors, block, params, dims));
  projectionCache.set(document, { key, blocks });
  return blocks;
}

/**
 * Fills what training caches on a kept reading (each sentence's words projected onto the query's basis, and
 * the blocks' fixed projections, and its feature deviations under `base`), so that a retrain right after the reading does not pay for it: about a
 * millisecond a document, which a first retrain over 2,000 documents would otherwise add (≈2 s). Only the
 * untrained projections are used, so the caches serve any person's parameters trained from `base`.
 */
export function warmTrainingCaches(document: TrainingDocument, base: AttentionParams, dims: AttentionDims, table: EmbeddingTable): void {
  for (let index = 0; index < document.sentenceIds.length; index++) projectedWords(table, base.w_q, dims.R, document, index);
  projectionsOf(document, base, dims);
  // The feature spread's sums too: every retrain in the app starts from the shipped values.
  squaredDeviations(document, base, dims);
}

/** Blocks of up to this many sentences (a news article, a page of notes) always train the adapters: their passes are cheap. */
const SHORT_BLOCK = 64;

/** Which block holds sentence `index`. */
function blockOf(blocks: readonly BlockProjections[], index: number): number {
  for (let b = blocks.length - 1; b >= 0; b--) if (index >= blocks[b]!.start) return b;
  return 0;
}

const attentionCache = new WeakMap<TrainingDocument, { adapters: Float64Array; blocks: BlockProjections[]; att: ArrayLike<number>[] }>();

/** Whether the document was read with `params`' adapters (b_q then b_k), so its att holds for them. */
function readWithAdaptersOf(params: AttentionParams, document: TrainingDocument): boolean {
  const read = document.readAdapters;
  const q = params.b_q.length;
  if (!read || read.length !== q + params.b_k.length) return false;
  for (let i = 0; i < q; i++) if (read[i] !== params.b_q[i]) return false;
  for (let i = 0; i < params.b_k.length; i++) if (read[q + i] !== params.b_k[i]) return false;
  return true;
}

/**
 * att (attention received, the head's first input) under `params`' adapters, or null when the reading's own
 * att holds: read with the same adapters, or read without its blocks. This is what lets a document read once
 * with the base parameters serve any person's parameters (their projections and pooling are never trained).
 */
function attentionReceivedUnder(params: AttentionParams, document: TrainingDocument, dims: AttentionDims): ((index: number) => number) | null {
  if (!document.blocks || readWithAdaptersOf(params, document)) return null;
  const adapters = new Float64Array([...params.b_q, ...params.b_k]);
  const blocks = projectionsOf(document, params, dims);
  // A retrain asks for the same document under the same adapters many times (every fold, candidate and ranking).
  let cached = attentionCache.get(document);
  if (!cached || cached.blocks !== blocks || cached.adapters.some((x, i) => x !== adapters[i])) {
    cached = { adapters, blocks, att: blocks.map((block) => blockForward(block, adapters, 0, params.b_q.length, dims).att) };
    attentionCache.set(document, cached);
  }
  const { att } = cached;
  return (index) => {
    const b = blockOf(blocks, index);
    return att[b]![index - blocks[b]!.start]!;
  };
}

/** Salience of every sentence of a read document under `params`, as the graph computes it. */
export function salienceUnder(
  params: AttentionParams,
  document: TrainingDocument,
  dims: AttentionDims,
  table: EmbeddingTable,
  /** Keep each sentence's packed words with the document (about 10 KB a sentence): worth it only when it is scored again and again. */
  keepWords = true,
  /**
   * The base w_q: a query in its span (as every trained one is) is then scored on the words projected onto it,
   * which a kept reading already holds (`warmTrainingCaches`), instead of packing each sentence's words afresh.
   */
  basis?: Float32Array,
): Float64Array {
  return salienceAt(params, document, dims, table, document.sentenceIds.keys(), keepWords, scoringOf(params, dims, basis));
}

/** How `salienceAt` scores under one parameter set: found once by a caller that scores many documents under it. */
interface Scoring {
  /** θ, its query as coordinates along `basis` when `basis` is set. */
  theta: Float64Array;
  /** Set when the query lies in the span of these columns: it is then scored on projected words, a third of the work. */
  basis?: Float32Array;
  /** With `basis`: each projected word's t·query, once. */
  words?: QueryOfWords;
  withInterest: boolean;
}

/** `keepWordQueries` for a caller that scores many documents under these parameters (its table takes ~9 bytes per word projected so far). */
function scoringOf(params: AttentionParams, dims: AttentionDims, basis?: Float32Array, keepWordQueries = false): Scoring {
  const theta = thetaOf(params, dims);
  const lin = linearSize(dims);
  const withInterest = hasInterest(params);
  if (basis !== undefined && inSpan(theta, basis, lin, dims.D, dims.R)) return { theta: inSubspace(theta, basis, lin, dims.D, dims.R), basis, words: keepWordQueries ? queryOfWords() : undefined, withInterest };
  return { theta, withInterest };
}

/**
 * Whether `params` gives every sentence of `documents` the salience `start` gives: a retrain that changed nothing
 * the person could see. Parameters can differ and score alike (the weight of an interest that is still 0), so this
 * compares scores, stopping at the first sentence that moved (the first document, after any real retrain).
 */
export function scoresAlike(params: AttentionParams, start: AttentionParams, documents: readonly TrainingDocument[], dims: AttentionDims, table: EmbeddingTable): boolean {
  for (const document of documents) {
    const after = salienceUnder(params, document, dims, table);
    const before = salienceUnder(start, document, dims, table);
    for (let i = 0; i < after.length; i++) if (Math.abs(after[i]! - before[i]!) > 1e-9) return false;
  }
  return true;
}

/**
 * What the user query and word weights add to each sentence's salience (head₁ × interest); 0 throughout
 * without them. With `basis` (the base w_q, whose span the trainer keeps the query in), the words projected
 * for training are used; otherwise words are packed afresh.
 */
export function interestUnder(params: AttentionParams, document: TrainingDocument, dims: AttentionDims, table: EmbeddingTable, basis?: Float32Array): Float64Array {
  const out = new Float64Array(document.sentenceIds.length);
  const scoring = scoringOf(params, dims, basis);
  if (!scoring.withInterest) return out;
  const relevance = new Float64Array(MAX_SENTENCE_TOKENS);
  for (let i = 0; i < out.length; i++) out[i] = params.head[1]! * sentenceInterest(scoring, params, document, i, dims, table, relevance, false);
  return out;
}

/** Sentence `index`'s interest under `scoring` (`relevance` is scratch of MAX_SENTENCE_TOKENS). */
function sentenceInterest(
  { theta, basis, words }: Scoring,
  params: AttentionParams,
  document: TrainingDocument,
  index: number,
  dims: AttentionDims,
  table: EmbeddingTable,
  relevance: Float64Array,
  keepWords: boolean,
): number {
  const lin = linearSize(dims);
  if (basis) return projectedInterest(projectedWords(table, basis, dims.R, document, index), theta, lin, dims.R, params.user_words, relevance, words);
  return interestOf(keepWords ? sentenceWords(table, document, index) : packedWords(table, document, index), theta, lin, dims.D, params.user_words, relevance);
}

/** The same for some sentences only (the others are left 0): judging needs only the rewarded ones. */
function salienceAt(
  params: AttentionParams,
  document: TrainingDocument,
  dims: AttentionDims,
  table: EmbeddingTable,
  indices: Iterable<number>,
  keepWords = true,
  scoring: Scoring = scoringOf(params, dims),
): Float64Array {
  const { theta } = scoring;
  const lin = linearSize(dims);
  const scale = params.head[1]!;
  const row = new Float64Array(lin);
  const relevance = new Float64Array(MAX_SENTENCE_TOKENS);
  const out = new Float64Array(document.sentenceIds.length);
  const att = attentionReceivedUnder(params, document, dims);
  for (const i of indices) {
    linearRowOf(document, i, dims, row);
    if (att) row[0] = att(i);
    let s = params.head_bias[0]!;
    for (let j = 0; j < lin; j++) s += theta[j]! * row[j]!;
    if (scoring.withInterest) s += scale * sentenceInterest(scoring, params, document, i, dims, table, relevance, keepWords);
    out[i] = s;
  }
  return out;
}

/** A choice among some of one document's sentences, packed for the policy. */
interface Episode {
  document: TrainingDocument;
  /** The candidates' sentence indices in the document. */
  indices: number[];
  rows: Float64Array;
  words: ProjectedSentence[];
  rewards: Float64Array;
  weights: Float64Array;
  /** How many of the person's events the choice stands for: its weight in the objective (see `trainUserParams`). */
  events: number;
}

/** Most passed-over sentences a hand-picked one is compared with. */
const MAX_PASSED_OVER = 24;

/**
 * The events a hand-picked sentence's choice counts as. It is one event, but the clearest one (it says "this,
 * and none of those"), so it counts as three — no longer as its up to 25 candidates, which made one card made by
 * hand outweigh five judged suggestions, and a learner who slips on a few hand-made cards lose most of what the
 * rest taught. Measured on the simulated learners (models/README.md, "Per-user retraining"): 3 gained at 50 and
 * at 200 events for almost every taste; 1 gained as much at 200 but lost 2–3 points at 50, where cards made by
 * hand are a larger share of the little there is.
 */
const HAND_PICKED_EVENTS = 3;

/**
 * Two kinds of choice per document. The sentences the model offered and the person judged are compared with
 * each other. A sentence the person picked by hand is compared with sentences the model passed over and the
 * person left alone (reward 0), never with the offered ones: people only report the missed sentences they
 * like, so next to the offered ones every hand-picked sentence would look good merely for being unoffered,
 * and the model would learn to offer worse sentences.
 */
function episodes(
  documents: readonly TrainingDocument[],
  rewards: readonly SentenceReward[],
  start: AttentionParams,
  dims: AttentionDims,
  wordsOf: (document: TrainingDocument, index: number) => ProjectedSentence,
  random: () => number,
): Episode[] {
  const byId = new Map(rewards.map((r) => [r.sentenceId, r]));
  const lin = linearSize(dims);
  const out: Episode[] = [];
  // att as the start parameters' adapters give it (the reading may have been made with other adapters).
  let attOf: ((index: number) => number) | null = null;
  const episode = (document: TrainingDocument, picked: readonly number[], events: number): Episode => {
    const rows = new Float64Array(picked.length * lin);
    const values = new Float64Array(picked.length);
    const weights = new Float64Array(picked.length);
    const words = picked.map((index, k) => {
      linearRowOf(document, index, dims, rows.subarray(k * lin, (k + 1) * lin));
      if (attOf) rows[k * lin] = attOf(index);
      const reward = byId.get(document.sentenceIds[index]!);
      values[k] = reward?.reward ?? 0;
      weights[k] = reward ? Math.min(1, reward.evidence) : 1;
      return wordsOf(document, index);
    });
    return { document, indices: [...picked], rows, words, rewards: values, weights, events };
  };
  for (const document of documents) {
    const offered: number[] = [];
    const byHand: number[] = [];
    const untouched: number[] = [];
    document.sentenceIds.forEach((id, i) => {
      const reward = byId.get(id);
      (reward ? (reward.chosenByPerson ? byHand : offered) : untouched).push(i);
    });
    if (offered.length < 2 && (byHand.length === 0 || untouched.length === 0)) continue;
    attOf = attentionReceivedUnder(start, document, dims);
    // A policy over one candidate has nothing to choose between: no gradient.
    if (offered.length >= 2) out.push(episode(document, offered, offered.length));
    for (const index of byHand) {
      if (untouched.length === 0) continue;
      const pool = shuffleInPlace([...untouched], random);
      out.push(episode(document, [index, ...pool.slice(0, MAX_PASSED_OVER)], HAND_PICKED_EVENTS));
    }
  }
  return out;
}

/**
 * Trains θ by stochastic gradient ascent (Adam, Kingma & Ba 2015, with a linearly decaying rate) on
 *   J(θ) = (1/eventsPerPull) Σ_choices n_c · E_{i∼π_θ}[w_i (r_i − b) log π_θ(i)] − ½ Σ_j pull_j (θ_j − θ_base,j)²,
 * where π_θ is the softmax of salience/temperature over one choice among a document's sentences (see `episodes`:
 * the only selections whose outcome is known), n_c the events choice c stands for (its judged sentences, or
 * HAND_PICKED_EVENTS), b the running mean of the expected reward, and the expectation is taken exactly over
 * the choice's candidates on a seeded batch of documents: ∇ log π(i) = (∇s_i − Σ_j π_j ∇s_j)/temperature. The data
 * term grows with the number of events while the pull does not, so a handful of events moves θ only a little.
 */
export function trainUserParams(input: TrainInput): TrainResult {
  const { dims, seed, table } = input;
  const options = { ...DEFAULT_TRAINING, ...input.options };
  const lin = linearSize(dims);
  const D = dims.D;
  // The query is trained in the span of the base projection w_q (the top principal directions of the word
  // vectors): a third of the entries to estimate from few events, and a third of the work per word.
  const basis = input.base.w_q;
  const Q = dims.R;
  // Then the adapters' up-projections b_q, b_k (RA × R each), trained through each block's attention.
  const adapterSize = dims.RA * dims.R;
  const AQ = lin + Q;
  const AK = AQ + adapterSize;
  const size = AK + adapterSize;
  const scale = interestScale(input.start);
  const unchanged = (usedRewards: number): TrainResult => ({ params: paramsWithTheta(input.start, thetaOf(input.start, dims), dims, scale), usedRewards });
  const random = seededRandom(seed);
  const list = episodes(input.documents, input.rewards, input.start, dims, (document, index) => projectedWords(table, basis, Q, document, index), random);
  const rewarded = new Set(input.rewards.map((r) => r.sentenceId));
  let usedRewards = 0;
  for (const document of input.documents) for (const id of document.sentenceIds) if (rewarded.has(id)) usedRewards++;
  if (list.length === 0) return unchanged(usedRewards);

  // The words of the training sentences, each once: its projected vector and its weight's slot. The word
  // weights are trained only at those slots; the rest return to the base value 0 (nothing here supports
  // them), so a fold of the check never keeps weights learnt from the documents it is judged on. Held
  // compactly (index i for slots[i]): a few thousand weights, not 65,536.
  const { vectors: wordVectors, slotOf, slots, ids: wordIds, mostPositions } = trainingWords(list, Q);
  const wordCount = slotOf.length;
  // Word weights start from the base values, not the person's current ones: every retrain sees all their
  // events, and current weights hold the evidence the last retrain added, which would then count twice.
  const userWords = new Float64Array(slots.length);
  for (let i = 1; i < slots.length; i++) userWords[i] = input.base.user_words[slots[i]!]!;
  const wordGradient = new Float64Array(slots.length);
  const wordM = new Float64Array(slots.length);
  const wordV = new Float64Array(slots.length);

  const withAdapters = (params: AttentionParams): Float64Array => {
    const out = new Float64Array(size);
    out.set(inSubspace(thetaOf(params, dims), basis, lin, D, Q));
    out.set(params.b_q, AQ);
    out.set(params.b_k, AK);
    return out;
  };
  const anchor = withAdapters(input.base);
  const theta = withAdapters(input.start);
  // Head weights are trained in standardised units (weight × the feature's within-document spread), so a
  // feature that varies little, such as log length, is as cheap to lean on under the pull as one that varies a lot.
  const spread = featureSpread(input.documents, input.start, dims);
  for (let j = 0; j < lin; j++) {
    anchor[j]! *= spread[j]!;
    theta[j]! *= spread[j]!;
  }
  for (const episode of list) for (let k = 0; k < episode.rewards.length; k++) for (let j = 0; j < lin; j++) episode.rows[k * lin + j]! /= spread[j]!;
  const pulls = new Float64Array(size).fill(options.pull);
  pulls.fill(options.queryPull, lin, AQ);
  pulls.fill(options.trainAdapters ? options.adapterPull : 0, AQ);
  const order = list.map((_, i) => i);
  let cursor = order.length;
  const nextEpisode = (): Episode => {
    if (cursor >= order.length) {
      shuffleInPlace(order, random);
      cursor = 0;
    }
    return list[order[cursor++]!]!;
  };
  const batchSize = Math.min(list.length, options.documentsPerStep);
  const batchScale = list.length / batchSize;
  const longest = Math.max(...list.map((e) => Math.max(...e.words.map((w) => w.length))));
  const widest = Math.max(...list.map((e) => e.rewards.length));

  let baseline = list.reduce((sum, e) => sum + e.rewards.reduce((a, r) => a + r, 0), 0) / list.reduce((n, e) => n + e.rewards.length, 0);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const gradient = new Float64Array(size);
  // The adapters' part of a step's gradient, from short blocks and from long ones (which count for the long
  // passes the budget left out too).
  const shortBlockGradient = new Float64Array(size);
  const longBlockGradient = new Float64Array(size);
  const salience = new Float64Array(widest);
  // e_l of the current candidate's words.
  const relevance = new Float64Array(longest);
  // Per candidate, ∂s/∂e_l of each of its words: e_l's gradient reaches the query (through the word's
  // vector) and the word's weight alike.
  const wordDerivatives = new Float64Array(mostPositions);
  // Per word and step: t·query, computed once however many candidates use the word (stamped with the step),
  // and Σ ∂J/∂e over its uses, turned into the query's gradient once per step.
  const wordRelevance = new Float64Array(wordCount);
  const relevanceStep = new Int32Array(wordCount);
  const wordCoefficient = new Float64Array(wordCount);
  const coefficientStep = new Int32Array(wordCount);
  const touchedWords = new Int32Array(wordCount);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const coefficients = new Float64Array(widest);
  const spreadOfAtt = spread[0]!;

  for (let step = 1; step <= options.iterations; step++) {
    input.onStep?.();
    gradient.fill(0);
    shortBlockGradient.fill(0);
    longBlockGradient.fill(0);
    let adapterCells = 0;
    let passesAsked = 0;
    let passesDone = 0;
    let touched = 0;
    for (let b = 0; b < batchSize; b++) {
      const episode = nextEpisode();
      const n = episode.rewards.length;
      const { ids, starts, prior } = wordIds.get(episode)!;
      // att of the candidates under the current adapters, for documents read with their blocks, through each
      // block they are in: every short block, long ones while the step's budget of attention cells lasts.
      const blocks = options.trainAdapters && episode.document.blocks ? projectionsOf(episode.document, input.start, dims) : [];
      const forwards = new Map<number, ReturnType<typeof blockForward>>();
      const passedOver = new Set<number>();
      for (let k = 0; k < n && blocks.length; k++) {
        const index = episode.indices[k]!;
        const b = blockOf(blocks, index);
        let forward = forwards.get(b);
        if (!forward && !passedOver.has(b)) {
          const { B, M } = blocks[b]!;
          const long = B > SHORT_BLOCK;
          if (long) passesAsked++;
          if (long && adapterCells > 0 && adapterCells + B * (B + M) > options.adapterCellsPerStep) passedOver.add(b);
          else {
            forwards.set(b, (forward = blockForward(blocks[b]!, theta, AQ, AK, dims)));
            if (long) {
              adapterCells += B * (B + M);
              passesDone++;
            }
          }
        }
        if (forward) episode.rows[k * lin] = forward.att[index - blocks[b]!.start]! / spreadOfAtt;
      }
      // s_k = the linear row · θ + scale·interest, each word's t·query computed once per step, keeping
      // ∂s_k/∂e_l for the backward pass.
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let j = 0; j < lin; j++) s += theta[j]! * episode.rows[k * lin + j]!;
        const at = starts[k]!;
        const length = starts[k + 1]! - at;
        for (let l = 0; l < length; l++) {
          const word = ids[at + l]!;
          if (relevanceStep[word] !== step) {
            wordRelevance[word] = dotAt(wordVectors, word * Q, theta, lin, Q);
            relevanceStep[word] = step;
          }
          relevance[l] = wordRelevance[word]! + userWords[slotOf[word]!]!;
        }
        const interest = interestFromRelevance(relevance, prior, length, wordDerivatives, at, at, scale);
        salience[k] = s + scale * interest;
      }
      const policy = softmax(salience, n, options.temperature);
      const weight = (episode.events * batchScale) / options.eventsPerPull / options.temperature;
      // REINFORCE's estimate averaged over every selection the policy could make, not over a few sampled ones:
      // E_k[advantage_k (∇s_k − Σ_j π_j ∇s_j)] = Σ_k c_k ∇s_k with c_k = π_k advantage_k − π_k Σ_j π_j advantage_j.
      // A choice has at most 25 candidates, so this costs no more than sampling, and it takes out the sampling
      // noise, which sent the user query to a different optimum from one seed to the next (models/README.md).
      let advantageSum = 0;
      let expectedReward = 0;
      for (let k = 0; k < n; k++) {
        const reward = episode.rewards[k]!;
        coefficients[k] = policy[k]! * episode.weights[k]! * (reward - baseline) * weight;
        advantageSum += coefficients[k]!;
        expectedReward += policy[k]! * reward;
      }
      baseline += options.baselineRate * (expectedReward - baseline);
      // The head directly; the word weights and (once per step, below) the query through each word's e.
      for (let k = 0; k < n; k++) {
        const c = coefficients[k]! - advantageSum * policy[k]!;
        if (c === 0) continue;
        for (let j = 0; j < lin; j++) gradient[j]! += c * episode.rows[k * lin + j]!;
        const end = starts[k + 1]!;
        for (let p = starts[k]!; p < end; p++) {
          const word = ids[p]!;
          const g = c * wordDerivatives[p]!;
          wordGradient[slotOf[word]!]! += g;
          if (coefficientStep[word] !== step) {
            coefficientStep[word] = step;
            wordCoefficient[word] = 0;
            touchedWords[touched++] = word;
          }
          wordCoefficient[word]! += g;
        }
      }
      // The adapters: Σ_k c_k ∂s_k/∂b, through att.
      if (forwards.size) {
        const attWeight = theta[0]! / spreadOfAtt;
        for (const [b, forward] of forwards) {
          const g = new Float64Array(forward.projections.B);
          for (let k = 0; k < n; k++) {
            const index = episode.indices[k]!;
            if (blockOf(blocks, index) !== b) continue;
            g[index - forward.projections.start]! += (coefficients[k]! - advantageSum * policy[k]!) * attWeight;
          }
          blockBackward(forward, g, forward.projections.B > SHORT_BLOCK ? longBlockGradient : shortBlockGradient, theta, AQ, AK, dims);
        }
      }
    }
    const factor = passesDone > 0 ? passesAsked / passesDone : 0;
    for (let j = AQ; j < size; j++) gradient[j]! += shortBlockGradient[j]! + factor * longBlockGradient[j]!;
    // The query's gradient: Σ over the words used this step of Σ ∂J/∂e · t.
    for (let i = 0; i < touched; i++) {
      const word = touchedWords[i]!;
      addScaledAt(gradient, lin, wordCoefficient[word]!, wordVectors, word * Q, Q);
    }
    wordGradient[0] = 0;
    const rate = options.learningRate * (1 - (step - 1) / options.iterations);
    // Adam, but the query's entries share one second moment: per-entry scaling would move every direction of
    // the word space equally fast, noise as much as the words that matter; shared, the step keeps the gradient's direction.
    let querySquares = 0;
    for (let j = 0; j < size; j++) {
      const g = (gradient[j] = gradient[j]! - pulls[j]! * (theta[j]! - anchor[j]!));
      if (j >= lin && j < AQ) querySquares += g * g;
    }
    // Each word weight has its own second moment: a word seen in a few judged sentences should move as surely as a common one.
    const firstCorrection = 1 - beta1 ** step;
    const secondCorrection = 1 - beta2 ** step;
    const wordRate = rate / firstCorrection;
    for (let i = 1; i < slots.length; i++) {
      const g = wordGradient[i]! - options.wordPull * userWords[i]!;
      wordGradient[i] = 0;
      const m1 = (wordM[i] = beta1 * wordM[i]! + (1 - beta1) * g);
      const m2 = (wordV[i] = beta2 * wordV[i]! + (1 - beta2) * g * g);
      userWords[i]! += (wordRate * m1) / (Math.sqrt(m2 / secondCorrection) + 1e-8);
    }
    for (let j = 0; j < size; j++) {
      const g = gradient[j]!;
      m[j] = beta1 * m[j]! + (1 - beta1) * g;
      v[j] = beta2 * v[j]! + (1 - beta2) * (j >= lin && j < AQ ? querySquares / Q : g * g);
      const mHat = m[j]! / (1 - beta1 ** step);
      const vHat = v[j]! / (1 - beta2 ** step);
      theta[j]! += (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  for (let j = 0; j < lin; j++) theta[j]! /= spread[j]!;
  const out = paramsWithTheta(input.start, fromSubspace(theta.subarray(0, AQ), basis, lin, D, Q), dims, scale);
  out.b_q.set(theta.subarray(AQ, AK));
  out.b_k.set(theta.subarray(AK));
  const evidence = options.wordEvidence > 0 ? wordEvidence(list, wordIds, slotOf, slots.length) : null;
  out.user_words.fill(0);
  for (let i = 1; i < slots.length; i++) out.user_words[slots[i]!] = userWords[i]! + (evidence ? options.wordEvidence * evidence[i]! : 0);
  return { params: out, usedRewards };
}

/**
 * Per word weight (by its index in `slots`): log2(1 + n) / 2 for a word met in judged sentences the person
 * wanted, n their summed reward (1 for a card made by hand, 0.6 for an accepted suggestion, at most 0.3 for a
 * card only kept in review: the clearer the wish, the more it counts), in none they did not, and at least
 * EVIDENCE_LEAST_LIFT times as common in the wanted sentences as in all; 0 for the rest.
 *
 * The query generalises by meaning, and its pull keeps it modest; a taste is often a list of words, and this
 * names them. A word in unwanted sentences is ruled out (a sentence the person did not want seldom holds the
 * words they look for) unless it is in EVIDENCE_WANTED_PER_UNWANTED times as many wanted ones, and with it the
 * words every kind of sentence uses — "said", "the", the document's subject — which leaves the taste's words and
 * some rarer company. Simulated learners with a taste for words
 * (models/README.md) gain 1–5 points of precision@5 at 200 events from it; whether it helps a given person is
 * for the cross-validated check to say, as for the rest of a retrain.
 */
function wordEvidence(list: readonly Episode[], wordIds: ReadonlyMap<Episode, EpisodeWords>, slotOf: Int32Array, slotCount: number): Float64Array {
  const wanted = new Float64Array(slotCount);
  // In how many of the unwanted sentences each word is.
  const unwanted = new Float64Array(slotCount);
  // A judged sentence is a candidate in one episode only, but count each once whatever the episodes.
  const counted = new Map<TrainingDocument, Uint8Array>();
  // The word slots of the sentence being counted, each once: `sentenceOf[slot]` is the last sentence that listed it.
  const sentenceOf = new Int32Array(slotCount).fill(-1);
  const inSentence: number[] = [];
  // In how many of the sentences training sees (judged or not), and of the wanted ones, each word is.
  const sentencesWith = new Float64Array(slotCount);
  const wantedWith = new Float64Array(slotCount);
  let sentences = 0;
  let wantedSentences = 0;
  for (const episode of list) {
    const { ids, starts } = wordIds.get(episode)!;
    let seen = counted.get(episode.document);
    if (!seen) counted.set(episode.document, (seen = new Uint8Array(episode.document.sentenceIds.length)));
    for (let k = 0; k < episode.rewards.length; k++) {
      const index = episode.indices[k]!;
      if (seen[index]) continue;
      seen[index] = 1;
      const sentence = sentences++;
      inSentence.length = 0;
      for (let p = starts[k]!; p < starts[k + 1]!; p++) {
        const slot = slotOf[ids[p]!]!;
        if (sentenceOf[slot] === sentence) continue;
        sentenceOf[slot] = sentence;
        inSentence.push(slot);
      }
      const reward = episode.rewards[k]!;
      if (reward > 0) wantedSentences++;
      for (const slot of inSentence) {
        sentencesWith[slot]! += 1;
        if (reward > 0) {
          wanted[slot]! += reward;
          wantedWith[slot]! += 1;
        } else if (reward < 0) unwanted[slot]! += 1;
      }
    }
  }
  const out = new Float64Array(slotCount);
  for (let i = 1; i < slotCount; i++) {
    const lift = wantedWith[i]! / wantedSentences / (sentencesWith[i]! / sentences);
    const ruledOut = unwanted[i]! * EVIDENCE_WANTED_PER_UNWANTED > wantedWith[i]!;
    if (wanted[i]! > 0 && !ruledOut && lift >= EVIDENCE_LEAST_LIFT) out[i] = Math.log2(1 + wanted[i]!) / 2;
  }
  return out;
}

/**
 * A word is evidence of a taste only when it is this many times more common in the wanted sentences than in
 * all the sentences training sees: "the" and "said" are in wanted sentences as often as anywhere. Unwanted
 * sentences rule such words out as a rule; this holds when there are few of them (a person who keeps their
 * cards and seldom dismisses anything).
 */
const EVIDENCE_LEAST_LIFT = 2;

/**
 * A word in an unwanted sentence is ruled out unless it is in at least this many wanted sentences for each
 * unwanted one: a person slips (dismisses a sentence they would have wanted), and until 2026-11-30 one such slip
 * ruled a taste's word out for good, the more surely the more common the word. Simulated learners who judge 10 %
 * of sentences the other way (seeds 1–4): at 1,000 events topic +17.5 → +19.0, film words +7.7 → +9.8, sport
 * +12.3 → +12.9; at 200 the others within 0.4 points; learners who never slip within 0.3 but quotes at 50
 * events, +0.9 (models/README.md). Words every kind of sentence uses are in far more unwanted sentences than this allows.
 */
const EVIDENCE_WANTED_PER_UNWANTED = 4;

/** An episode's words, flat: candidate k's positions are [starts[k], starts[k + 1]) of `ids` (word indices) and `prior`. */
interface EpisodeWords {
  ids: Int32Array;
  starts: Int32Array;
  prior: Float32Array;
}

/**
 * The distinct words of the episodes' sentences: their projected vectors [V × Q], each word's index among
 * the slots they use (`slots[index]` is the slot), and per episode its candidates' words, flat (the training
 * loop's inner loops run over them). Index 0 is padding (a zero vector in slot 0, which training leaves at 0:
 * an empty sentence's one padded position would otherwise be trained as a word).
 */
function trainingWords(list: readonly Episode[], Q: number): { vectors: Float32Array; slotOf: Int32Array; slots: Int32Array; ids: Map<Episode, EpisodeWords>; mostPositions: number } {
  // By projected word id: its index here, or 0 when not seen yet (0 is padding's, never a word's).
  const wordIndex = new Int32Array(nextProjectedWordId);
  const words: Array<ProjectedWord | null> = [null];
  const slotIndex = new Int32Array(USER_WORD_BUCKETS).fill(-1);
  slotIndex[0] = 0;
  const slots: number[] = [0];
  const ids = new Map<Episode, EpisodeWords>();
  let mostPositions = 0;
  for (const episode of list) {
    const starts = new Int32Array(episode.words.length + 1);
    for (let k = 0; k < episode.words.length; k++) starts[k + 1] = starts[k]! + episode.words[k]!.length;
    const positions = starts[episode.words.length]!;
    mostPositions = Math.max(mostPositions, positions);
    const flat: EpisodeWords = { ids: new Int32Array(positions), starts, prior: new Float32Array(positions) };
    episode.words.forEach((sentence, k) => {
      flat.prior.set(sentence.prior, starts[k]!);
      for (let l = 0; l < sentence.words.length; l++) {
        const word = sentence.words[l]!;
        let id = wordIndex[word.id]!;
        if (id === 0) {
          wordIndex[word.id] = id = words.length;
          words.push(word);
          if (slotIndex[word.slot] === -1) {
            slotIndex[word.slot] = slots.length;
            slots.push(word.slot);
          }
        }
        flat.ids[starts[k]! + l] = id;
      }
    });
    ids.set(episode, flat);
  }
  // Float32 as projected: exact, and half the memory the per-step dot products stream through.
  const vectors = new Float32Array(words.length * Q);
  const slotOf = new Int32Array(words.length);
  words.forEach((word, id) => {
    if (!word) return;
    vectors.set(word.vector, id * Q);
    slotOf[id] = slotIndex[word.slot]!;
  });
  return { vectors, slotOf, slots: Int32Array.from(slots), ids, mostPositions };
}

/** Σ_q a[at + q]·b[bt + q]: unrolled by four, as this and `addScaledAt` are most of a retrain's time. */
function dotAt(a: Float32Array, at: number, b: Float64Array, bt: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let q = 0;
  for (; q + 3 < n; q += 4) {
    s0 += a[at + q]! * b[bt + q]!;
    s1 += a[at + q + 1]! * b[bt + q + 1]!;
    s2 += a[at + q + 2]! * b[bt + q + 2]!;
    s3 += a[at + q + 3]! * b[bt + q + 3]!;
  }
  for (; q < n; q++) s0 += a[at + q]! * b[bt + q]!;
  return s0 + s1 + s2 + s3;
}

/** out[ot + q] += c·x[xt + q] for q < n, unrolled by four. */
function addScaledAt(out: Float64Array, ot: number, c: number, x: Float32Array, xt: number, n: number): void {
  let q = 0;
  for (; q + 3 < n; q += 4) {
    out[ot + q]! += c * x[xt + q]!;
    out[ot + q + 1]! += c * x[xt + q + 1]!;
    out[ot + q + 2]! += c * x[xt + q + 2]!;
    out[ot + q + 3]! += c * x[xt + q + 3]!;
  }
  for (; q < n; q++) out[ot + q]! += c * x[xt + q]!;
}

/** Whether θ's query lies in the span of the basis columns (to rounding). */
function inSpan(theta: Float64Array, basis: Float32Array, lin: number, D: number, Q: number): boolean {
  const back = fromSubspace(inSubspace(theta, basis, lin, D, Q), basis, lin, D, Q);
  let residual = 0;
  let norm = 0;
  for (let d = 0; d < D; d++) {
    residual += (back[lin + d]! - theta[lin + d]!) ** 2;
    norm += theta[lin + d]! ** 2;
  }
  return residual <= 1e-8 * norm;
}

/** `query` moved into the span of the basis columns (W·Wᵀ·query, W orthonormal), where every trained query lies. */
export function queryInSpan(query: Float32Array, basis: Float32Array, dims: AttentionDims): Float32Array {
  return Float32Array.from(fromSubspace(inSubspace(Float64Array.from(query), basis, 0, dims.D, dims.R), basis, 0, dims.D, dims.R));
}

/** θ with its query (D entries after `lin`) replaced by its coordinates u = Wᵀ·query along the basis columns. */
function inSubspace(theta: Float64Array, basis: Float32Array, lin: number, D: number, Q: number): Float64Array {
  const out = new Float64Array(lin + Q);
  out.set(theta.subarray(0, lin));
  for (let q = 0; q < Q; q++) {
    let sum = 0;
    for (let d = 0; d < D; d++) sum += basis[d * Q + q]! * theta[lin + d]!;
    out[lin + q] = sum;
  }
  return out;
}

/** The inverse: query = W·u. */
function fromSubspace(theta: Float64Array, basis: Float32Array, lin: number, D: number, Q: number): Float64Array {
  const out = new Float64Array(lin + D);
  out.set(theta.subarray(0, lin));
  for (let d = 0; d < D; d++) {
    let sum = 0;
    for (let q = 0; q < Q; q++) sum += basis[d * Q + q]! * theta[lin + q]!;
    out[lin + d] = sum;
  }
  return out;
}

/**
 * Within-document standard deviation of each linear entry (att under `start`'s adapters, centrality, features),
 * floored at SPREAD_FLOOR.
 */
export function featureSpread(documents: readonly TrainingDocument[], start: AttentionParams, dims: AttentionDims): Float64Array {
  const lin = linearSize(dims);
  const sums = new Float64Array(lin);
  let count = 0;
  for (const document of documents) {
    const n = document.sentenceIds.length;
    if (n < 2) continue;
    const squares = squaredDeviations(document, start, dims);
    for (let j = 0; j < lin; j++) sums[j]! += squares[j]!;
    count += n;
  }
  return sums.map((sum) => Math.max(SPREAD_FLOOR, Math.sqrt(sum / Math.max(1, count))));
}

/**
 * Per start values, then per document: the squared deviations of its rows from their mean, summed per feature.
 * A retrain's check trains ten times on overlapping sets of documents from the same start: each document's sums
 * are computed once. By start first, so that other values (describing what a retrain learned) do not push out
 * the shipped values' sums, from which every retrain in the app starts.
 */
const deviationsCache = new WeakMap<AttentionParams, WeakMap<TrainingDocument, Float64Array>>();

function squaredDeviations(document: TrainingDocument, start: AttentionParams, dims: AttentionDims): Float64Array {
  let byDocument = deviationsCache.get(start);
  if (!byDocument) deviationsCache.set(start, (byDocument = new WeakMap()));
  const cached = byDocument.get(document);
  if (cached) return cached;
  const lin = linearSize(dims);
  const n = document.sentenceIds.length;
  const mean = new Float64Array(lin);
  const squares = new Float64Array(lin);
  const row = new Float64Array(lin);
  const att = attentionReceivedUnder(start, document, dims);
  const rowOf = (i: number) => {
    linearRowOf(document, i, dims, row);
    if (att) row[0] = att(i);
  };
  for (let i = 0; i < n; i++) {
    rowOf(i);
    for (let j = 0; j < lin; j++) mean[j]! += row[j]! / n;
  }
  for (let i = 0; i < n; i++) {
    rowOf(i);
    for (let j = 0; j < lin; j++) squares[j]! += (row[j]! - mean[j]!) ** 2;
  }
  byDocument.set(document, squares);
  return squares;
}

/** Below this spread a feature barely varies within documents; stretching it further would only amplify noise. */
const SPREAD_FLOOR = 0.05;

function softmax(values: Float64Array, n: number, temperature: number): Float64Array {
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let k = 0; k < n; k++) max = Math.max(max, values[k]! / temperature);
  let total = 0;
  for (let k = 0; k < n; k++) total += out[k] = Math.exp(values[k]! / temperature - max);
  for (let k = 0; k < n; k++) out[k] = out[k]! / total;
  return out;
}

export interface RankingQuality {
  /** Share of the judged sentence pairs in the same document (see `documentRankings`) ranked the right way round; null without pairs. */
  auc: number | null;
  pairs: number;
}

/**
 * Per document with at least one pair to judge: how many pairs `params` rank the right way round. The pairs
 * mirror training's two kinds of choice: an offered sentence the person wanted above an offered one they did
 * not, and a sentence they picked by hand above the sentences nobody touched (never above the offered ones,
 * which would reward offering worse sentences).
 */
function documentRankings(
  params: AttentionParams,
  documents: readonly TrainingDocument[],
  byId: ReadonlyMap<string, SentenceReward>,
  dims: AttentionDims,
  table: EmbeddingTable,
  basis?: Float32Array,
  judged?: ReadonlySet<string>,
): Array<{ right: number; pairs: number }> {
  const out: Array<{ right: number; pairs: number }> = [];
  const scoring = scoringOf(params, dims, basis, true);
  for (const document of documents) {
    const wanted: number[] = [];
    const unwanted: number[] = [];
    const byHand: number[] = [];
    const untouched: number[] = [];
    document.sentenceIds.forEach((id, i) => {
      const reward = byId.get(id);
      // A rewarded sentence outside `judged` is on neither side of a pair (nor "untouched": it was judged).
      if (reward && judged && !judged.has(id)) return;
      if (!reward) untouched.push(i);
      else if (reward.chosenByPerson) byHand.push(i);
      else if (reward.reward > 0) wanted.push(i);
      else if (reward.reward < 0) unwanted.push(i);
    });
    const judgedPairs = wanted.length * unwanted.length + byHand.length * untouched.length;
    if (judgedPairs === 0) continue;
    const salience = salienceAt(params, document, dims, table, [...wanted, ...unwanted, ...byHand, ...(byHand.length ? untouched : [])], true, scoring);
    let right = 0;
    const judge = (above: readonly number[], below: readonly number[]) => {
      for (const i of above) {
        for (const j of below) {
          if (salience[i]! > salience[j]!) right++;
          else if (salience[i] === salience[j]) right += 0.5;
        }
      }
    };
    judge(wanted, unwanted);
    judge(byHand, untouched);
    out.push({ right, pairs: judgedPairs });
  }
  return out;
}

function pooled(rankings: ReadonlyArray<{ right: number; pairs: number }>): RankingQuality {
  const pairs = rankings.reduce((n, r) => n + r.pairs, 0);
  return { auc: pairs ? rankings.reduce((n, r) => n + r.right, 0) / pairs : null, pairs };
}

/** How well `params` rank what the person wanted above what they did not, within documents (see `documentRankings`). */
export function rankingQuality(
  params: AttentionParams,
  documents: readonly TrainingDocument[],
  rewards: readonly SentenceReward[],
  dims: AttentionDims,
  table: EmbeddingTable,
): RankingQuality {
  return pooled(documentRankings(params, documents, new Map(rewards.map((r) => [r.sentenceId, r])), dims, table));
}

export interface RetrainReport {
  /** The current parameters on every fold's held-out documents. */
  before: RankingQuality;
  /** Parameters trained without each fold, on that fold's documents. */
  after: RankingQuality;
  /** Rewarded sentences in documents that could be judged. */
  heldOut: number;
  /** Documents with held-out pairs: the check needs 2 or more to judge at all. */
  judgedDocuments: number;
  /** Whether the new parameters rank held-out documents better: a mean per-document gain above 0 (see `retrainWithCheck`). */
  better: boolean;
  /** The setting cross-validation chose (see TRAINING_CANDIDATES): the one `trained` was trained with. */
  setting: TrainingSettingName;
  /** Its mean per-document gain in held-out ranking accuracy, in standard errors (how sure the check can be: see KEPT_ABOVE_STANDARD_ERRORS); null with fewer than 2 documents judged or no spread between them. */
  margin: number | null;
  /** Trained on every document: the parameters to keep when `better`. */
  trained: TrainResult;
}

export interface RetrainCheckOptions {
  /** Gradient steps done of all the check's and the final training's steps, as they happen. */
  onProgress?: (done: number, total: number) => void;
  /** The parameters the new ones must beat (the person's, in use): judged as "before". Default `start`. */
  incumbent?: AttentionParams;
  /**
   * The sentences whose rewards the check judges (all rewards still train): those the incumbent never learned
   * from. Parameters trained on a sentence rank it well, so judging the incumbent on its own training sentences
   * would set a bar no fold's parameters, which never saw them, could fairly meet. Default: every rewarded sentence.
   */
  judgedSentences?: ReadonlySet<string>;
}

/** Cross-validation folds over documents. */
const CHECK_FOLDS = 3;
/**
 * Standard errors the mean per-document gain must exceed for the new parameters to be kept: none, any mean gain
 * keeps them. Over 16 seeds of the simulated learners (2026-12-02; `simulate --seeds 1-8` and `9-16`, the default
 * learners and the four extra tastes of models/README.md, with and without 10 % slips), a bar of one standard
 * error (84 % one-sided confidence, until then) turned down retrains that would have gained, and spared the
 * learner with no preference next to nothing: at 200 events, with slips, negation +10.7 → +15.3, people +12.1 → +13.9, topic +10.5 → +11.9, sport
 * +8.8 → +9.9, definitions +19.1 → +20.2; without slips the same at 200 and 1,000 events and up to +3.4 at 50
 * (negation). The learner with no preference, whose kept retrains are chance either way, stayed within a point of
 * the base at every checkpoint (−0.3 to +0.7; with the bar −0.1 to +0.4): training's pull to the base keeps what
 * noise can move small, and a person's mistakes cost less than their wishes turned down. The check still turns
 * down a retrain that ranks held-out feedback worse or no better.
 */
const KEPT_ABOVE_STANDARD_ERRORS = 0;

/**
 * The settings cross-validation chooses between (the first wins ties): a person whose taste is about
 * structure (definitions, numbers, long sentences) is served best when the user query and the word weights
 * stay near 0 and the head does the work (free word weights would learn the words that happen to come with
 * the structure); one whose taste is about subject matter needs the query and the word weights free to move,
 * and the words met only in sentences they wanted given weight of their own (`wordEvidence`). The subject
 * candidate's policy is 4 times flatter: the query's fit is not convex (a sentence's interest follows its most
 * relevant word), and a flatter policy keeps every candidate's gradient alive and weighs a few odd choices less,
 * so a taste is found in more of the simulated learners' splits (models/README.md). It is not better for
 * every person (one simulated split of the people learner: +5 against +14 at temperature 1), so the subject
 * candidate at temperature 1 stays a third choice. A taste for structure needs its head weights to move far,
 * and keeps temperature 1.
 */
const TRAINING_CANDIDATES: ReadonlyArray<{ name: TrainingSettingName; options: TrainingOptions }> = [
  { name: 'structure', options: { queryPull: 3, wordPull: 1 } },
  { name: 'subject, flatter policy', options: { queryPull: 0.3, wordEvidence: 3, temperature: 4 } },
  { name: 'subject', options: { queryPull: 0.3, wordEvidence: 3 } },
];

export type TrainingSettingName = 'structure' | 'subject, flatter policy' | 'subject';

/**
 * The check's trainings take this share of the final fit's steps: half, so three candidates cost what two did
 * at three quarters. Measured on the simulated learners (seeds 1–8): the same figures within a point at 200
 * events, within two at 50.
 */
const CHECK_STEPS_SHARE = 0.5;

/**
 * Trains on everything, and judges the change by k-fold cross-validation over documents: each fold's
 * documents are ranked by the current parameters and by parameters trained without them, so every judged
 * sentence sits in a document training never saw. Of the candidate settings, the one with the largest mean
 * per-document gain in ranking accuracy is used, and the new parameters count as better when that gain is
 * above KEPT_ABOVE_STANDARD_ERRORS standard errors: above 0.
 */
export function retrainWithCheck(input: TrainInput & RetrainCheckOptions): RetrainReport {
  const folds = CHECK_FOLDS;
  const candidates = TRAINING_CANDIDATES.map(({ options }) => ({ ...input.options, ...options }));
  const checkIterations = Math.round(CHECK_STEPS_SHARE * (input.options?.iterations ?? DEFAULT_TRAINING.iterations));
  const random = seededRandom(input.seed ^ 0x9e3779b9);
  const foldOf = input.documents.map(() => Math.floor(random() * folds));
  const byId = new Map(input.rewards.map((r) => [r.sentenceId, r]));
  const before: Array<{ right: number; pairs: number }> = [];
  const after = candidates.map(() => [] as Array<{ right: number; pairs: number }>);
  let heldOut = 0;
  const finalIterations = { ...DEFAULT_TRAINING, ...input.options }.iterations;
  const totalSteps = folds * candidates.length * checkIterations + finalIterations;
  let stepsDone = 0;
  const steps = (count: number) => {
    stepsDone += count;
    input.onProgress?.(stepsDone, totalSteps);
  };
  // A training that stops early (nothing to learn from) still counts all its steps as done.
  const counted = <T,>(iterations: number, train: (onStep: () => void) => T): T => {
    const before = stepsDone;
    const result = train(() => steps(1));
    steps(before + iterations - stepsDone);
    return result;
  };
  for (let fold = 0; fold < folds; fold++) {
    const judged = input.documents.filter((_, i) => foldOf[i] === fold);
    const rest = input.documents.filter((_, i) => foldOf[i] !== fold);
    const start = documentRankings(input.incumbent ?? input.start, judged, byId, input.dims, input.table, input.base.w_q, input.judgedSentences);
    if (start.length === 0) {
      steps(candidates.length * checkIterations);
      continue;
    }
    const judgedIds = new Set(judged.flatMap((d) => d.sentenceIds));
    heldOut += input.rewards.filter((r) => judgedIds.has(r.sentenceId) && (input.judgedSentences?.has(r.sentenceId) ?? true)).length;
    const rewards = input.rewards.filter((r) => !judgedIds.has(r.sentenceId));
    before.push(...start);
    candidates.forEach((options, c) => {
      // The adapters are trained in the final fit only, and the folds take fewer steps: judging exactly the final fit would double the time.
      const { params } = counted(checkIterations, (onStep) =>
        trainUserParams({ ...input, documents: rest, rewards, seed: input.seed + fold + 1, options: { ...options, trainAdapters: false, iterations: checkIterations }, onStep }),
      );
      after[c]!.push(...documentRankings(params, judged, byId, input.dims, input.table, input.base.w_q, input.judgedSentences));
    });
  }
  const scored = after.map((rankings) => {
    const gains = rankings.map((r, i) => (r.right - before[i]!.right) / r.pairs);
    const n = gains.length;
    const mean = n ? gains.reduce((a, g) => a + g, 0) / n : 0;
    const variance = n > 1 ? gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1) : 0;
    return { n, mean, standardError: Math.sqrt(variance / Math.max(1, n)) };
  });
  let best = 0;
  scored.forEach((score, c) => {
    if (score.mean > scored[best]!.mean) best = c;
  });
  const chosen = scored[best]!;
  const better = chosen.n >= 2 && chosen.mean > 0 && chosen.mean > KEPT_ABOVE_STANDARD_ERRORS * chosen.standardError;
  const trained = counted(finalIterations, (onStep) => trainUserParams({ ...input, options: candidates[best]!, onStep }));
  const margin = chosen.n >= 2 && chosen.standardError > 0 ? chosen.mean / chosen.standardError : null;
  return { before: pooled(before), after: pooled(after[best]!), heldOut, judgedDocuments: before.length, better, setting: TRAINING_CANDIDATES[best]!.name, margin, trained };
}
