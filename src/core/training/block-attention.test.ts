import { describe, expect, it } from 'vitest';
import { forwardReference } from '../attention/forward-reference';
import { defaultDims, zeroParams } from '../attention/params';
import { seededRandom } from '../seeded-random';
import { blockBackward, blockForward, blockProjections } from './block-attention';

const dims = { ...defaultDims(2), D: 8, R: 4, RA: 2 };
const random = seededRandom(12);
const uniform = (n: number, scale: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);

/** A block of 5 sentences (one token each, so the pooled vector is the token) and 2 summaries, with trained-looking adapters. */
function setup() {
  const B = 5;
  const M = 2;
  const params = zeroParams(dims);
  params.w_q.set(uniform(params.w_q.length, 0.6));
  params.w_k.set(uniform(params.w_k.length, 0.6));
  params.a_q.set(uniform(params.a_q.length, 0.5));
  params.a_k.set(uniform(params.a_k.length, 0.5));
  params.b_q.set(uniform(params.b_q.length, 0.8));
  params.b_k.set(uniform(params.b_k.length, 0.8));
  params.head[0] = 1;
  const tokens = uniform(B * dims.D, 1);
  const vectors = new Float32Array(B * dims.D);
  for (let b = 0; b < B; b++) {
    const row = tokens.subarray(b * dims.D, (b + 1) * dims.D);
    const norm = Math.hypot(...row) + 1e-6;
    row.forEach((x, d) => (vectors[b * dims.D + d] = x / norm));
  }
  const summary = uniform(M * dims.D, 1);
  return { B, M, params, tokens, vectors, summary };
}

describe('block attention for training the adapters', () => {
  it('gives the graph’s attention received (the reference forward pass)', () => {
    const { B, M, params, tokens, vectors, summary } = setup();
    const reference = forwardReference(
      { batch: B, length: 1, summaryCount: M, tokens, tokenPrior: new Float32Array(B), tokenWords: new Int32Array(B), summary, features: new Float32Array(B * dims.F), params },
      dims,
    );
    const projections = blockProjections(vectors, { start: 0, end: B, summary, summaryCount: M }, params, dims);
    const { att } = blockForward(projections, new Float64Array([...params.b_q, ...params.b_k]), 0, params.b_q.length, dims);
    for (let b = 0; b < B; b++) expect(att[b]).toBeCloseTo(reference.headInputs[b * (dims.F + 3)]!, 4);
  });

  it('backpropagates Σ g·att to b_q and b_k as finite differences say', () => {
    const { B, M, params, vectors, summary } = setup();
    const projections = blockProjections(vectors, { start: 0, end: B, summary, summaryCount: M }, params, dims);
    const up = new Float64Array([...params.b_q, ...params.b_k]);
    const kAt = params.b_q.length;
    const g = Float64Array.from({ length: B }, () => random() * 2 - 1);
    const loss = (values: Float64Array) => blockForward(projections, values, 0, kAt, dims).att.reduce((sum, a, i) => sum + a * g[i]!, 0);
    const gradient = new Float64Array(up.length);
    blockBackward(blockForward(projections, up, 0, kAt, dims), g, gradient, up, 0, kAt, dims);
    for (let j = 0; j < up.length; j++) {
      const h = 1e-5;
      const plus = Float64Array.from(up);
      const minus = Float64Array.from(up);
      plus[j]! += h;
      minus[j]! -= h;
      expect(gradient[j]).toBeCloseTo((loss(plus) - loss(minus)) / (2 * h), 5);
    }
  });
});
