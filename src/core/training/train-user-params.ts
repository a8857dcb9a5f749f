/**
 * Retraining a person's parameters from their sentence rewards: REINFORCE with a baseline (Williams 1992)
 * on a softmax selection policy over salience, plus an L2 pull toward the base values so that a few events
 * cannot wreck the model. Deterministic given the seed.
 *
 * What is trained, and why only that: salience = head·[att, interest, centrality, features] + bias, and
 * interest = v·uq/‖uq‖. Pooling, w_q/w_k and the adapters a/b are kept as they are (see "left for later"),
 * so a sentence's att, centrality, features and unit vector v are fixed by the reading, and salience is
 * linear in θ = [head₀, z, head₂, head₃…] with z = head₁·uq/‖uq‖ (the interest direction scaled by its
 * weight). Training z instead of (uq, head₁) avoids the 1/‖uq‖ singularity at the base value uq = 0; after
 * training, uq = z and head₁ = ‖z‖ + ε reproduce v·z exactly. head_bias shifts every sentence of a document
 * equally, so a within-document policy carries no gradient for it; it is kept.
 *
 * Left for later: the adapters (a_q, b_q, a_k, b_k) change att through the attention softmax; training them
 * needs each document's block structure and summary vectors and the gradient through A. They stay at the
 * start values here.
 */
import { NORM_EPSILON } from '../attention/graph-builder';
import { HEAD_LEADING_TERMS, symmetricEigen, type AttentionDims, type AttentionParams } from '../attention/params';
import { seededRandom } from '../seeded-random';
import type { SentenceReward } from '../reward/sentence-reward';

/** A document as read (see `readDocument`) with the same pooling, projections and adapters as `start`. */
export interface TrainingDocument {
  /** One id per sentence, as the rewards name them. */
  sentenceIds: readonly string[];
  /** Unit sentence vectors, row-major (sentences × D). */
  vectors: Float32Array;
  /** The head's inputs, row-major (sentences × (F + 3)): att, interest, centrality, features. */
  headInputs: Float32Array;
}

export interface TrainingOptions {
  /** Full passes; each re-samples the policy's selections. */
  iterations?: number;
  /** Selections sampled per document and pass. */
  samplesPerDocument?: number;
  learningRate?: number;
  /** Strength of the pull toward the base values, against the data term measured in units of `eventsPerPull` rewarded sentences. */
  pull?: number;
  /** How many rewarded sentences weigh as much as a pull of 1: with fewer, the base values dominate. */
  eventsPerPull?: number;
  /** Softmax temperature of the selection policy over salience. */
  temperature?: number;
  /** Rate of the running mean reward used as the baseline. */
  baselineRate?: number;
  /** Eigenvalue floor of the whitening, as a share of the mean variance: bounds how far a rare direction can be stretched. */
  whiteningRidge?: number;
  /** Spread of a whitened sentence-vector coordinate, against the features' [0, 1]: how cheap topic directions are under the pull. */
  whitenedScale?: number;
}

export const DEFAULT_TRAINING: Required<TrainingOptions> = {
  iterations: 150,
  samplesPerDocument: 4,
  learningRate: 0.03,
  pull: 1,
  eventsPerPull: 25,
  temperature: 1,
  baselineRate: 0.02,
  whiteningRidge: 0.1,
  whitenedScale: 0.1,
};

export interface TrainInput {
  /** The shipped values: the pull's anchor. */
  base: AttentionParams;
  /** The person's current values: training starts here; untrained parameters are copied from here. */
  start: AttentionParams;
  dims: AttentionDims;
  documents: readonly TrainingDocument[];
  rewards: readonly SentenceReward[];
  seed: number;
  options?: TrainingOptions;
}

export interface TrainResult {
  params: AttentionParams;
  /** Rewarded sentences found in the documents and used. */
  usedRewards: number;
  /** Mean reward of the policy's sampled selections, first and last pass. */
  sampledReward: { first: number; last: number };
}

/** θ's layout: [head₀, z (D values), head₂, features (F values)]. */
function thetaSize(dims: AttentionDims): number {
  return dims.D + dims.F + 2;
}

/** θ of a parameter set (see the module comment). */
export function thetaOf(params: AttentionParams, dims: AttentionDims): Float64Array {
  const { D, F } = dims;
  const theta = new Float64Array(thetaSize(dims));
  theta[0] = params.head[0]!;
  let norm = 0;
  for (let d = 0; d < D; d++) norm += params.user_query[d]! * params.user_query[d]!;
  const scale = params.head[1]! / (Math.sqrt(norm) + NORM_EPSILON);
  for (let d = 0; d < D; d++) theta[1 + d] = scale * params.user_query[d]!;
  theta[1 + D] = params.head[2]!;
  for (let f = 0; f < F; f++) theta[2 + D + f] = params.head[HEAD_LEADING_TERMS + f]!;
  return theta;
}

/** `start` with θ written back: uq = z, head₁ = ‖z‖ + ε, so head₁·v·uq/(‖uq‖+ε) = v·z. */
export function paramsWithTheta(start: AttentionParams, theta: Float64Array, dims: AttentionDims): AttentionParams {
  const { D, F } = dims;
  const out = Object.fromEntries(Object.entries(start).map(([name, value]) => [name, Float32Array.from(value)])) as AttentionParams;
  out.head[0] = theta[0]!;
  let norm = 0;
  for (let d = 0; d < D; d++) norm += theta[1 + d]! * theta[1 + d]!;
  norm = Math.sqrt(norm);
  if (norm > 0) {
    for (let d = 0; d < D; d++) out.user_query[d] = theta[1 + d]!;
    out.head[1] = norm + NORM_EPSILON;
  }
  out.head[2] = theta[1 + D]!;
  for (let f = 0; f < F; f++) out.head[HEAD_LEADING_TERMS + f] = theta[2 + D + f]!;
  return out;
}

/** A sentence's row x with salience = θ·x + bias. */
function rowOf(document: TrainingDocument, index: number, dims: AttentionDims, into: Float64Array): void {
  const { D, F } = dims;
  const width = F + HEAD_LEADING_TERMS;
  const inputs = document.headInputs;
  into[0] = inputs[index * width]!;
  for (let d = 0; d < D; d++) into[1 + d] = document.vectors[index * D + d]!;
  into[1 + D] = inputs[index * width + 2]!;
  for (let f = 0; f < F; f++) into[2 + D + f] = inputs[index * width + HEAD_LEADING_TERMS + f]!;
}

/** Salience of every sentence of a read document under `params`, as the graph computes it. */
export function salienceUnder(params: AttentionParams, document: TrainingDocument, dims: AttentionDims): Float64Array {
  const theta = thetaOf(params, dims);
  const n = document.sentenceIds.length;
  const row = new Float64Array(theta.length);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rowOf(document, i, dims, row);
    let s = params.head_bias[0]!;
    for (let j = 0; j < row.length; j++) s += theta[j]! * row[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * Whitening of the sentence vectors' within-document spread, W = Q(Λ + ε)^(−1/2)Qᵀ, and its inverse.
 * Unit sentence vectors share a large common direction and differ from their neighbours only a little, so in
 * raw coordinates a topic needs a long z that a plain L2 pull forbids; in whitened coordinates (z = W·u,
 * pull on u) every direction of real variation costs the same, like the [0, 1] features.
 */
interface Whitening {
  forward: Float64Array;
  inverse: Float64Array;
}

function vectorWhitening(documents: readonly TrainingDocument[], D: number, ridge: number, scale: number): Whitening {
  const covariance = new Float64Array(D * D);
  const mean = new Float64Array(D);
  const centred = new Float64Array(D);
  let count = 0;
  for (const document of documents) {
    const n = document.sentenceIds.length;
    if (n < 2) continue;
    mean.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d]! += document.vectors[i * D + d]! / n;
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < D; d++) centred[d] = document.vectors[i * D + d]! - mean[d]!;
      for (let a = 0; a < D; a++) for (let b = a; b < D; b++) covariance[a * D + b]! += centred[a]! * centred[b]!;
      count++;
    }
  }
  for (let a = 0; a < D; a++) {
    for (let b = a; b < D; b++) {
      const value = covariance[a * D + b]! / Math.max(1, count);
      covariance[a * D + b] = value;
      covariance[b * D + a] = value;
    }
  }
  let trace = 0;
  for (let a = 0; a < D; a++) trace += covariance[a * D + a]!;
  const floor = ridge * Math.max(trace / D, 1e-12);
  const { values, vectors } = symmetricEigen(covariance, D);
  const forward = new Float64Array(D * D);
  const inverse = new Float64Array(D * D);
  for (let k = 0; k < D; k++) {
    const lambda = Math.max(0, values[k]!) + floor;
    const f = scale / Math.sqrt(lambda);
    const g = Math.sqrt(lambda) / scale;
    for (let a = 0; a < D; a++) {
      const qa = vectors[a * D + k]!;
      for (let b = 0; b < D; b++) {
        const qq = qa * vectors[b * D + k]!;
        forward[a * D + b]! += f * qq;
        inverse[a * D + b]! += g * qq;
      }
    }
  }
  return { forward, inverse };
}

/** M·x for a symmetric D×D matrix, into the slice of `into` starting at `at`. */
function multiplyInto(matrix: Float64Array, x: ArrayLike<number>, D: number, into: Float64Array, at: number): void {
  for (let a = 0; a < D; a++) {
    let sum = 0;
    for (let b = 0; b < D; b++) sum += matrix[a * D + b]! * x[b]!;
    into[at + a] = sum;
  }
}

/** θ with z replaced by u = W⁻¹z (or back, with `forward`), leaving the other entries. */
function mapZ(theta: Float64Array, matrix: Float64Array, D: number): Float64Array {
  const out = Float64Array.from(theta);
  multiplyInto(matrix, theta.subarray(1, 1 + D), D, out, 1);
  return out;
}

/** The rewarded sentences of one document, packed for the policy. */
interface Episode {
  rows: Float64Array;
  rewards: Float64Array;
  weights: Float64Array;
}

function episodes(documents: readonly TrainingDocument[], rewards: readonly SentenceReward[], dims: AttentionDims, whitening: Whitening): Episode[] {
  const byId = new Map(rewards.map((r) => [r.sentenceId, r]));
  const size = thetaSize(dims);
  const out: Episode[] = [];
  for (const document of documents) {
    const picked: number[] = [];
    document.sentenceIds.forEach((id, i) => {
      if (byId.has(id)) picked.push(i);
    });
    // A policy over one candidate has nothing to choose between: no gradient.
    if (picked.length < 2) continue;
    const rows = new Float64Array(picked.length * size);
    const values = new Float64Array(picked.length);
    const weights = new Float64Array(picked.length);
    picked.forEach((index, k) => {
      const row = rows.subarray(k * size, (k + 1) * size);
      rowOf(document, index, dims, row);
      multiplyInto(whitening.forward, Float64Array.from(row.subarray(1, 1 + dims.D)), dims.D, row, 1);
      const reward = byId.get(document.sentenceIds[index]!)!;
      values[k] = reward.reward;
      weights[k] = Math.min(1, reward.evidence);
    });
    out.push({ rows, rewards: values, weights });
  }
  return out;
}

/**
 * Trains θ by gradient ascent (Adam, Kingma & Ba 2015, with a linearly decaying rate) on
 *   J(θ) = (1/eventsPerPull) Σ_documents n_d · E_{i∼π_θ}[w_i (r_i − b) log π_θ(i)] − (pull/2)‖θ − θ_base‖²,
 * where π_θ is the softmax of salience/temperature over the document's rewarded sentences (the only
 * selections whose outcome is known), b the running mean reward, and the expectation is estimated by
 * seeded samples: ∇ log π(i) = (x_i − Σ_j π_j x_j)/temperature. The data term grows with the number of
 * events while the pull does not, so a handful of events moves θ only a little.
 */
export function trainUserParams(input: TrainInput): TrainResult {
  const { dims, seed } = input;
  const options = { ...DEFAULT_TRAINING, ...input.options };
  const size = thetaSize(dims);
  const byId = new Set(input.rewards.map((r) => r.sentenceId));
  const rewardedDocuments = input.documents.filter((d) => d.sentenceIds.some((id) => byId.has(id)));
  if (rewardedDocuments.length === 0) return { params: paramsWithTheta(input.start, thetaOf(input.start, dims), dims), usedRewards: 0, sampledReward: { first: 0, last: 0 } };
  const whitening = vectorWhitening(rewardedDocuments, dims.D, options.whiteningRidge, options.whitenedScale);
  const anchor = mapZ(thetaOf(input.base, dims), whitening.inverse, dims.D);
  const theta = mapZ(thetaOf(input.start, dims), whitening.inverse, dims.D);
  const list = episodes(rewardedDocuments, input.rewards, dims, whitening);
  const usedRewards = list.reduce((n, e) => n + e.rewards.length, 0);
  if (list.length === 0) return { params: paramsWithTheta(input.start, thetaOf(input.start, dims), dims), usedRewards, sampledReward: { first: 0, last: 0 } };

  const random = seededRandom(seed);
  let baseline = list.reduce((sum, e) => sum + e.rewards.reduce((a, r) => a + r, 0), 0) / usedRewards;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const gradient = new Float64Array(size);
  const meanRow = new Float64Array(size);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const sampledReward = { first: 0, last: 0 };

  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    let rewardSum = 0;
    let sampleCount = 0;
    for (const episode of list) {
      const n = episode.rewards.length;
      const policy = softmaxOfRows(theta, episode.rows, n, size, options.temperature);
      meanRow.fill(0);
      for (let k = 0; k < n; k++) {
        const p = policy[k]!;
        for (let j = 0; j < size; j++) meanRow[j]! += p * episode.rows[k * size + j]!;
      }
      const scale = n / options.samplesPerDocument / options.eventsPerPull / options.temperature;
      for (let s = 0; s < options.samplesPerDocument; s++) {
        const k = sampleIndex(policy, random());
        const reward = episode.rewards[k]!;
        const advantage = episode.weights[k]! * (reward - baseline) * scale;
        baseline += options.baselineRate * (reward - baseline);
        rewardSum += reward;
        sampleCount++;
        for (let j = 0; j < size; j++) gradient[j]! += advantage * (episode.rows[k * size + j]! - meanRow[j]!);
      }
    }
    if (step === 1) sampledReward.first = rewardSum / sampleCount;
    sampledReward.last = rewardSum / sampleCount;
    const rate = options.learningRate * (1 - (step - 1) / options.iterations);
    for (let j = 0; j < size; j++) {
      const g = gradient[j]! - options.pull * (theta[j]! - anchor[j]!);
      m[j] = beta1 * m[j]! + (1 - beta1) * g;
      v[j] = beta2 * v[j]! + (1 - beta2) * g * g;
      const mHat = m[j]! / (1 - beta1 ** step);
      const vHat = v[j]! / (1 - beta2 ** step);
      theta[j]! += (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return { params: paramsWithTheta(input.start, mapZ(theta, whitening.forward, dims.D), dims), usedRewards, sampledReward };
}

function softmaxOfRows(theta: Float64Array, rows: Float64Array, n: number, size: number, temperature: number): Float64Array {
  const out = new Float64Array(n);
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let j = 0; j < size; j++) s += theta[j]! * rows[k * size + j]!;
    out[k] = s / temperature;
    max = Math.max(max, out[k]!);
  }
  let total = 0;
  for (let k = 0; k < n; k++) total += out[k] = Math.exp(out[k]! - max);
  for (let k = 0; k < n; k++) out[k] = out[k]! / total;
  return out;
}

function sampleIndex(probabilities: Float64Array, u: number): number {
  let acc = 0;
  for (let k = 0; k < probabilities.length; k++) {
    acc += probabilities[k]!;
    if (u < acc) return k;
  }
  return probabilities.length - 1;
}

export interface RankingQuality {
  /** Share of (positive, negative) sentence pairs in the same document ranked the right way round; null without pairs. */
  auc: number | null;
  pairs: number;
}

/** How well `params` rank positively rewarded sentences above negatively rewarded ones of the same document. */
export function rankingQuality(params: AttentionParams, documents: readonly TrainingDocument[], rewards: readonly SentenceReward[], dims: AttentionDims): RankingQuality {
  const byId = new Map(rewards.map((r) => [r.sentenceId, r.reward]));
  let right = 0;
  let pairs = 0;
  for (const document of documents) {
    const rewarded = document.sentenceIds.flatMap((id, i) => (byId.has(id) && byId.get(id) !== 0 ? [i] : []));
    if (rewarded.length < 2) continue;
    const salience = salienceUnder(params, document, dims);
    for (const i of rewarded) {
      if (byId.get(document.sentenceIds[i]!)! <= 0) continue;
      for (const j of rewarded) {
        if (byId.get(document.sentenceIds[j]!)! >= 0) continue;
        pairs++;
        if (salience[i]! > salience[j]!) right++;
        else if (salience[i] === salience[j]) right += 0.5;
      }
    }
  }
  return { auc: pairs ? right / pairs : null, pairs };
}

export interface HeldOutReport {
  before: RankingQuality;
  after: RankingQuality;
  heldOut: number;
  trained: TrainResult;
}

/**
 * Holds out the rewarded sentences of a seeded share of the documents (so they are judged on documents
 * training never saw), trains on the rest and compares how `start` and the trained parameters rank them.
 */
export function heldOutCheck(input: TrainInput & { holdOutShare?: number }): HeldOutReport {
  const share = input.holdOutShare ?? 0.2;
  const random = seededRandom(input.seed ^ 0x9e3779b9);
  const heldOutDocuments: TrainingDocument[] = [];
  const trainingDocuments: TrainingDocument[] = [];
  for (const document of input.documents) (random() < share ? heldOutDocuments : trainingDocuments).push(document);
  const heldOutIds = new Set(heldOutDocuments.flatMap((d) => d.sentenceIds));
  const heldOut = input.rewards.filter((r) => heldOutIds.has(r.sentenceId));
  const trained = trainUserParams({ ...input, documents: trainingDocuments, rewards: input.rewards.filter((r) => !heldOutIds.has(r.sentenceId)) });
  return {
    before: rankingQuality(input.start, heldOutDocuments, heldOut, input.dims),
    after: rankingQuality(trained.params, heldOutDocuments, heldOut, input.dims),
    heldOut: heldOut.length,
    trained,
  };
}
