import { describe, expect, it } from 'vitest';
import { forwardReference } from './forward-reference';
import type { AttentionBlockInputs } from './graph-builder';
import { defaultDims, zeroParams } from './params';
import { PADDING_PRIOR } from './token-vectors';
import { seededRandom } from '../seeded-random';

const dims = defaultDims(2);

function block(): AttentionBlockInputs {
  const random = seededRandom(4);
  const B = 3;
  const L = 4;
  const M = 2;
  const params = zeroParams(dims);
  for (let i = 0; i < dims.D; i++) params.w_q[i * dims.R + (i % dims.R)] = 1;
  params.w_k.set(params.w_q);
  params.head.set([0.5, 0, 2, 1, -1]);
  params.head_bias[0] = 0.1;
  const tokenPrior = Float32Array.from({ length: B * L }, (_, i) => (i % L === 3 ? PADDING_PRIOR : -i * 0.1));
  return {
    batch: B,
    length: L,
    summaryCount: M,
    tokens: Float32Array.from({ length: B * L * dims.D }, (_, i) => (tokenPrior[Math.floor(i / dims.D)] === PADDING_PRIOR ? 0 : random() - 0.5)),
    tokenPrior,
    tokenWords: Int32Array.from({ length: B * L }, (_, i) => (i % L === 3 ? 0 : 1 + (i % 5))),
    summary: Float32Array.from({ length: M * dims.D }, () => random() - 0.5),
    features: Float32Array.from({ length: B * 2 }, () => random()),
    params,
  };
}

describe('forward reference', () => {
  const input = block();
  const out = forwardReference(input, dims);

  it('pools by the frequency prior alone when pool_query is zero', () => {
    const priors = Array.from(input.tokenPrior.subarray(0, 4));
    const exps = priors.map((p) => Math.exp(p));
    const total = exps.reduce((a, b) => a + b, 0);
    out.tokenAttention.slice(0, 4).forEach((a, l) => expect(a).toBeCloseTo(exps[l]! / total, 12));
    expect(out.tokenAttention[3]).toBe(0);
  });

  it('makes each attention row a distribution over block and summaries', () => {
    for (let b = 0; b < 3; b++) expect(out.attention.slice(b * 5, b * 5 + 5).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
  });

  it('centres the attention received and scores salience with the linear head', () => {
    const att = [0, 1, 2].map((b) => out.headInputs[b * 5]!);
    expect(att.reduce((a, x) => a + x, 0)).toBeCloseTo(0, 12);
    for (let b = 0; b < 3; b++) {
      const row = out.headInputs.slice(b * 5, b * 5 + 5);
      expect(row[1]).toBe(0);
      expect(row.slice(3)).toEqual(Array.from(input.features.subarray(b * 2, b * 2 + 2)));
      const bias = input.params.head_bias[0]!;
      expect(out.salience[b]).toBeCloseTo(0.5 * row[0]! + 2 * row[2]! + row[3]! - row[4]! + bias, 12);
    }
  });

  it("adds a person's word weights to each word's relevance to the user query", () => {
    const withWords = block();
    withWords.params.head[1] = 1;
    // Only slot 2 is weighted: each sentence's interest is then carried by its words in that slot.
    withWords.params.user_words[2] = 3;
    const words = forwardReference(withWords, dims);
    for (let b = 0; b < 3; b++) {
      const relevance = [0, 1, 2, 3].map((l) => (withWords.tokenWords[b * 4 + l] === 2 ? 3 : 0));
      const focus = [0, 1, 2, 3].map((l) => Math.exp(relevance[l]! + withWords.tokenPrior[b * 4 + l]!));
      const total = focus.reduce((a, x) => a + x, 0);
      const interest = focus.reduce((sum, a, l) => sum + (a / total) * relevance[l]!, 0);
      expect(words.headInputs[b * 5 + 1]).toBeCloseTo(interest, 12);
      expect(words.salience[b]! - out.salience[b]!).toBeCloseTo(interest, 12);
    }
    expect(words.headInputs.some((x, i) => i % 5 === 1 && x > 0)).toBe(true);
  });
});
