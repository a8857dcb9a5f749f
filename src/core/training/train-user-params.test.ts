import { describe, expect, it } from 'vitest';
import { zeroParams, type AttentionDims, type AttentionParams } from '../attention/params';
import { seededRandom } from '../seeded-random';
import type { SentenceReward } from '../reward/sentence-reward';
import { heldOutCheck, rankingQuality, salienceUnder, thetaOf, trainUserParams, type TrainingDocument } from './train-user-params';

const dims: AttentionDims = { D: 6, R: 2, RA: 1, F: 3 };
const width = dims.F + 3;

/** Documents whose sentences have random vectors, att and centrality, and a binary "cue" in feature 0. */
function syntheticDocuments(count: number, seed: number, prefix = 'd'): TrainingDocument[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, d) => {
    const n = 8;
    const vectors = new Float32Array(n * dims.D);
    const headInputs = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let k = 0; k < dims.D; k++) norm += (vectors[i * dims.D + k] = random() - 0.5) ** 2;
      for (let k = 0; k < dims.D; k++) vectors[i * dims.D + k]! /= Math.sqrt(norm);
      headInputs[i * width] = random() - 0.5;
      headInputs[i * width + 2] = random();
      headInputs[i * width + 3] = random() < 0.3 ? 1 : 0;
      headInputs[i * width + 4] = random();
      headInputs[i * width + 5] = random();
    }
    return { sentenceIds: Array.from({ length: n }, (_, i) => `${prefix}${d}#${i}`), vectors, headInputs };
  });
}

function baseParams(): AttentionParams {
  const params = zeroParams(dims);
  params.head[0] = 1;
  params.head[2] = 1;
  params.head[5] = 0.5;
  return params;
}

/** A learner who wants the sentences with the cue: +1 for them, −1 for the others. */
function cueRewards(documents: readonly TrainingDocument[]): SentenceReward[] {
  return documents.flatMap((d) => d.sentenceIds.map((sentenceId, i) => ({ sentenceId, reward: d.headInputs[i * width + 3] === 1 ? 1 : -1, evidence: 1 })));
}

function distance(a: AttentionParams, b: AttentionParams): number {
  const x = thetaOf(a, dims);
  const y = thetaOf(b, dims);
  return Math.sqrt(x.reduce((sum, value, i) => sum + (value - y[i]!) ** 2, 0));
}

describe('trainUserParams', () => {
  const base = baseParams();
  const documents = syntheticDocuments(40, 1);
  const fresh = syntheticDocuments(40, 2, 'f');

  it('is deterministic given the seed', () => {
    const rewards = cueRewards(documents);
    const a = trainUserParams({ base, start: base, dims, documents, rewards, seed: 5 });
    const b = trainUserParams({ base, start: base, dims, documents, rewards, seed: 5 });
    expect(Array.from(a.params.head)).toEqual(Array.from(b.params.head));
    expect(Array.from(a.params.user_query)).toEqual(Array.from(b.params.user_query));
  });

  it('learns a consistent taste that carries over to documents it never saw', () => {
    const rewards = cueRewards(documents);
    const { params } = trainUserParams({ base, start: base, dims, documents, rewards, seed: 3 });
    const before = rankingQuality(base, fresh, cueRewards(fresh), dims).auc!;
    const after = rankingQuality(params, fresh, cueRewards(fresh), dims).auc!;
    expect(before).toBeLessThan(0.7);
    expect(after).toBeGreaterThan(0.9);
  });

  it('moves the parameters only a little for a handful of events', () => {
    const all = cueRewards(documents);
    const few = trainUserParams({ base, start: base, dims, documents, rewards: all.slice(0, 4), seed: 3 });
    const many = trainUserParams({ base, start: base, dims, documents, rewards: all, seed: 3 });
    expect(distance(few.params, base)).toBeLessThan(0.25 * distance(many.params, base));
  });

  it('leaves the ranking essentially unchanged for rewards with no preference', () => {
    const random = seededRandom(11);
    const rewards = documents.flatMap((d) => d.sentenceIds.slice(0, 5).map((sentenceId) => ({ sentenceId, reward: random() < 0.5 ? 0.6 : -0.6, evidence: 1 })));
    const { params } = trainUserParams({ base, start: base, dims, documents, rewards, seed: 3 });
    let sameTop = 0;
    for (const document of fresh) {
      const top = (s: Float64Array) => s.indexOf(Math.max(...s));
      if (top(salienceUnder(base, document, dims)) === top(salienceUnder(params, document, dims))) sameTop++;
    }
    expect(sameTop / fresh.length).toBeGreaterThanOrEqual(0.85);
  });

  it('changes nothing without rewards', () => {
    const { params, usedRewards } = trainUserParams({ base, start: base, dims, documents, rewards: [], seed: 1 });
    expect(usedRewards).toBe(0);
    expect(distance(params, base)).toBe(0);
  });

  it('reproduces the graph’s salience formula after writing z back as (user_query, head₁)', () => {
    const { params } = trainUserParams({ base, start: base, dims, documents, rewards: cueRewards(documents), seed: 2 });
    const document = fresh[0]!;
    const salience = salienceUnder(params, document, dims);
    let norm = 0;
    for (const x of params.user_query) norm += x * x;
    for (let i = 0; i < document.sentenceIds.length; i++) {
      let interest = 0;
      for (let d = 0; d < dims.D; d++) interest += document.vectors[i * dims.D + d]! * params.user_query[d]!;
      interest /= Math.sqrt(norm) + 1e-6;
      const row = [document.headInputs[i * width]!, interest, ...Array.from(document.headInputs.subarray(i * width + 2, (i + 1) * width))];
      const expected = row.reduce((sum, x, j) => sum + x * params.head[j]!, params.head_bias[0]!);
      expect(salience[i]).toBeCloseTo(expected, 4);
    }
  });
});

describe('heldOutCheck', () => {
  it('ranks held-out rewarded sentences better after training on a consistent taste', () => {
    const base = baseParams();
    const documents = syntheticDocuments(60, 4);
    const report = heldOutCheck({ base, start: base, dims, documents, rewards: cueRewards(documents), seed: 9, holdOutShare: 0.3 });
    expect(report.heldOut).toBeGreaterThan(0);
    expect(report.after.auc!).toBeGreaterThan(report.before.auc! + 0.2);
  });
});
