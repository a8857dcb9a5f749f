import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardReference } from '../../core/attention/forward-reference';
import { type AttentionBlockInputs, type AttentionBlockOutputs, buildAttentionGraph } from '../../core/attention/graph-builder';
import { type AttentionDims, type AttentionParams, defaultDims, zeroParams } from '../../core/attention/params';
import { PADDING_PRIOR } from '../../core/attention/token-vectors';
import { seededRandom } from '../../core/seeded-random';
import { type AttentionSession, createAttentionSession, gpuProvidersFor } from './onnx-session';

const F = 8;
const dims = defaultDims(F);
const graph = buildAttentionGraph({ featureCount: F });

function uniform(random: () => number, n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
}

function randomParams(seed: number, withAdapters: boolean): AttentionParams {
  const random = seededRandom(seed);
  const p = zeroParams(dims);
  p.pool_query.set(uniform(random, dims.D, 1));
  p.w_q.set(uniform(random, p.w_q.length, 0.5));
  p.w_k.set(uniform(random, p.w_k.length, 0.5));
  p.head.set(uniform(random, p.head.length, 1));
  p.head_bias[0] = 0.25;
  if (withAdapters) {
    for (const name of ['a_q', 'b_q', 'a_k', 'b_k', 'user_query'] as const) p[name].set(uniform(random, p[name].length, 0.5));
    // A person's word weights on the first slots, which the blocks' words use.
    p.user_words.set(uniform(random, WORD_SLOTS_USED, 1), 1);
  }
  return p;
}

/** Word slots the random blocks use. */
const WORD_SLOTS_USED = 40;

/** Sentences of random lengths 1…L (the rest padded), token values of GloVe-like size. */
function randomBlock(seed: number, B: number, L: number, M: number, params: AttentionParams): AttentionBlockInputs {
  const random = seededRandom(seed);
  const tokens = new Float32Array(B * L * dims.D);
  const tokenPrior = new Float32Array(B * L).fill(PADDING_PRIOR);
  const tokenWords = new Int32Array(B * L);
  for (let b = 0; b < B; b++) {
    const used = 1 + Math.floor(random() * L);
    for (let l = 0; l < used; l++) {
      tokens.set(uniform(random, dims.D, 0.8), (b * L + l) * dims.D);
      tokenPrior[b * L + l] = -5 * random();
      tokenWords[b * L + l] = 1 + Math.floor(random() * WORD_SLOTS_USED);
    }
  }
  return {
    batch: B,
    length: L,
    summaryCount: M,
    tokens,
    tokenPrior,
    tokenWords,
    summary: uniform(random, M * dims.D, 1),
    features: uniform(random, B * F, 1),
    params,
  };
}

function maxAbsError(actual: AttentionBlockOutputs, block: AttentionBlockInputs, d: AttentionDims): Record<string, number> {
  const expected = forwardReference(block, d);
  const diff = (a: Float32Array, e: number[]): number => {
    expect(a.length).toBe(e.length);
    return e.reduce((m, x, i) => Math.max(m, Math.abs(x - a[i]!)), 0);
  };
  return {
    tokenAttention: diff(actual.tokenAttention, expected.tokenAttention),
    sentenceVectors: diff(actual.sentenceVectors, expected.sentenceVectors),
    attention: diff(actual.attention, expected.attention),
    salience: diff(actual.salience, expected.salience),
    headInputs: diff(actual.headInputs, expected.headInputs),
  };
}

describe('attention session', () => {
  let session: AttentionSession;
  beforeAll(async () => {
    session = await createAttentionSession(graph);
  });
  afterAll(async () => {
    await session.release();
  });

  it('reads the dims from the graph', () => {
    expect(session.dims).toEqual({ D: 100, R: 32, RA: 4, F: 8 });
  });

  it.each([
    { B: 1, L: 6, M: 1, adapters: false },
    { B: 7, L: 9, M: 3, adapters: false },
    { B: 7, L: 9, M: 3, adapters: true },
    { B: 256, L: 32, M: 16, adapters: true },
  ])('matches the TypeScript reference within 1e-4 (B=$B, L=$L, M=$M, adapters and user query: $adapters)', async ({ B, L, M, adapters }) => {
    const block = randomBlock(B * 1000 + L, B, L, M, randomParams(B + M, adapters));
    const out = await session.run(block);
    expect(out.tokenAttention).toHaveLength(B * L);
    expect(out.attention).toHaveLength(B * (B + M));
    expect(out.salience).toHaveLength(B);
    const errors = maxAbsError(out, block, session.dims);
    for (const error of Object.values(errors)) expect(error).toBeLessThanOrEqual(1e-4);
  });

  it('gives padded token positions no attention and pools to unit vectors', async () => {
    const block = randomBlock(3, 4, 10, 2, randomParams(1, true));
    const out = await session.run(block);
    block.tokenPrior.forEach((prior, i) => {
      if (prior === PADDING_PRIOR) expect(out.tokenAttention[i]).toBe(0);
    });
    for (let b = 0; b < 4; b++) {
      const row = out.sentenceVectors.subarray(b * dims.D, (b + 1) * dims.D);
      expect(Math.hypot(...row)).toBeCloseTo(1, 4);
    }
  });

  it('rejects a block larger than 256 sentences or with mismatched arrays', async () => {
    const params = randomParams(1, false);
    await expect(session.run({ ...randomBlock(1, 2, 3, 1, params), batch: 257 })).rejects.toThrow(/batch/);
    await expect(session.run({ ...randomBlock(1, 2, 3, 1, params), features: new Float32Array(3) })).rejects.toThrow(/features/);
  });

  it('refuses parameters with a non-finite value, though it checks each parameter set only once', async () => {
    const good = randomParams(2, true);
    await session.run(randomBlock(2, 2, 3, 1, good));
    await session.run(randomBlock(3, 2, 3, 1, good));
    const bad = randomParams(2, true);
    bad.user_words[7] = Number.NaN;
    await expect(session.run(randomBlock(2, 2, 3, 1, bad))).rejects.toThrow(/user_words has a non-finite value/);
  });
});

describe('execution provider', () => {
  it('falls back to CPU and says why when no GPU provider loads', async () => {
    const session = await createAttentionSession(graph);
    try {
      if (session.provider === 'cpu') {
        expect(session.gpuUnavailableReason).toMatch(/cuda|dml|coreml|no GPU provider/);
        expect(session.failedAttempts.map((a) => a.provider)).toEqual(gpuProvidersFor(process.platform));
      } else {
        expect(session.gpuUnavailableReason).toBeNull();
      }
    } finally {
      await session.release();
    }
  });

  it('reports a failed CoreML attempt when asked to behave as on macOS off a Mac', async () => {
    if (process.platform === 'darwin') return;
    const session = await createAttentionSession(graph, { platform: 'darwin' });
    try {
      expect(session.provider).toBe('cpu');
      expect(session.failedAttempts.map((a) => a.provider)).toEqual(['coreml']);
      expect(session.gpuUnavailableReason).toMatch(/^coreml: /);
    } finally {
      await session.release();
    }
  });

  it('runs on CPU without trying a GPU when none is preferred', async () => {
    const session = await createAttentionSession(graph, { preferGpu: false });
    try {
      expect(session.provider).toBe('cpu');
      expect(session.failedAttempts).toEqual([]);
      expect(session.gpuUnavailableReason).toBe('GPU not requested');
    } finally {
      await session.release();
    }
  });
});
