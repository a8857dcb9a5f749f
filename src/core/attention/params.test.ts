import { describe, expect, it } from 'vitest';
import { decodeEmbeddingTable, encodeEmbeddingTable } from './embedding-table';
import {
  AttentionParamsError,
  BaseParamsNeededError,
  PARAM_NAMES,
  baseParams,
  defaultDims,
  paramShapes,
  parseParams,
  principalComponents,
  serializeParams,
  symmetricEigen,
  zeroParams,
} from './params';
import { seededRandom } from '../seeded-random';

function syntheticTable(count: number, seed: number) {
  const random = seededRandom(seed);
  const D = 100;
  const vectors = new Float64Array(count * D);
  // Coordinates 0–4 have spreads 5, 4, 3, 2, 1 and the rest 0.1, so the first principal axes are coordinates 0–4.
  for (let i = 0; i < count; i++) for (let d = 0; d < D; d++) vectors[i * D + d] = (random() * 2 - 1) * (d < 5 ? 5 - d : 0.1);
  const words = Array.from({ length: count }, (_, i) => `w${i}`);
  return decodeEmbeddingTable(encodeEmbeddingTable(words, vectors, D));
}

describe('Jacobi eigendecomposition', () => {
  it('reconstructs a symmetric matrix from orthonormal eigenvectors', () => {
    const d = 6;
    const random = seededRandom(5);
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const x = random() * 2 - 1;
        m[i * d + j] = x;
        m[j * d + i] = x;
      }
    }
    const { values, vectors } = symmetricEigen(m, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let recon = 0;
        let gram = 0;
        for (let k = 0; k < d; k++) {
          recon += vectors[i * d + k]! * values[k]! * vectors[j * d + k]!;
          gram += vectors[k * d + i]! * vectors[k * d + j]!;
        }
        expect(recon).toBeCloseTo(m[i * d + j]!, 10);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('finds the dominant direction of elongated data, signed by its largest entry', () => {
    const random = seededRandom(9);
    const n = 500;
    const rows = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = random() * 2 - 1;
      rows.set([-3 * t + 0.01 * random(), -4 * t, 0.05 * (random() - 0.5)], i * 3);
    }
    const pc = principalComponents(rows, n, 3, 1);
    expect(pc[0]).toBeCloseTo(0.6, 2);
    expect(pc[1]).toBeCloseTo(0.8, 2);
  });
});

describe('base parameters', () => {
  const table = syntheticTable(400, 3);
  const params = baseParams(table, { featureCount: 8 });
  const dims = defaultDims(8);

  it('has the shape the graph expects', () => {
    for (const name of PARAM_NAMES) expect(params[name].length).toBe(paramShapes(dims)[name].reduce((a, b) => a * b, 1));
  });

  it('uses the same orthonormal principal components for w_q and w_k', () => {
    expect(params.w_k).toEqual(params.w_q);
    const { D, R } = dims;
    for (let a = 0; a < R; a++) {
      for (let b = 0; b < R; b++) {
        let dot = 0;
        for (let i = 0; i < D; i++) dot += params.w_q[i * R + a]! * params.w_q[i * R + b]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
    for (let k = 0; k < 5; k++) expect(params.w_q[k * R + k]!).toBeGreaterThan(0.95);
  });

  it('starts pooling and interest at zero, the adapters at a no-op, and the head on attention and centrality', () => {
    expect(params.pool_query.every((x) => x === 0)).toBe(true);
    expect(params.user_query.every((x) => x === 0)).toBe(true);
    expect(params.b_q.every((x) => x === 0) && params.b_k.every((x) => x === 0)).toBe(true);
    for (const a of [params.a_q, params.a_k]) {
      expect(a.some((x) => x !== 0)).toBe(true);
      expect(a.every((x) => Math.abs(x) <= 0.1)).toBe(true);
    }
    expect(params.a_q).not.toEqual(params.a_k);
    expect(Array.from(params.head)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(params.head_bias[0]).toBe(0);
  });

  it('is a deterministic function of the table', () => {
    expect(serializeParams(baseParams(table, { featureCount: 8 }), dims)).toBe(serializeParams(params, dims));
  });
});

describe('parameter JSON', () => {
  const dims = defaultDims(8);

  it('round-trips every float32 value exactly', () => {
    const random = seededRandom(1);
    const params = zeroParams(dims);
    for (const name of PARAM_NAMES) params[name].forEach((_, i, a) => (a[i] = Math.fround(random() * 2 - 1)));
    const { params: back, dims: backDims } = parseParams(serializeParams(params, dims));
    expect(backDims).toEqual(dims);
    for (const name of PARAM_NAMES) expect(back[name]).toEqual(params[name]);
  });

  it('rejects a parameter of the wrong length or a foreign document', () => {
    const json = JSON.parse(serializeParams(zeroParams(dims), dims)) as { values: Record<string, number[]> };
    json.values.head = [1, 2];
    expect(() => parseParams(JSON.stringify(json))).toThrow(/head must have 11 values/);
    expect(() => parseParams('{"format":"other"}')).toThrow(AttentionParamsError);
  });

  it('reads a version-1 file without its query, whose meaning changed, and keeps everything else', () => {
    const params = zeroParams(dims);
    params.user_query.fill(0.5);
    params.head.fill(0.25);
    const json = JSON.parse(serializeParams(params, dims)) as { version: number };
    json.version = 1;
    const { params: read } = parseParams(JSON.stringify(json));
    expect(read.user_query.every((x) => x === 0)).toBe(true);
    expect(read.head[1]).toBe(0);
    expect(read.head[0]).toBe(0.25);
    expect(read.head[5]).toBe(0.25);
    json.version = 5;
    expect(() => parseParams(JSON.stringify(json))).toThrow(/unsupported params version 5/);
  });

  it('writes the word weights sparsely, reads them back exactly, and reads files from before them as 0s', () => {
    const params = zeroParams(dims);
    params.user_words[1] = 0.1;
    params.user_words[65_535] = -2.5;
    const text = serializeParams(params, dims);
    expect(text).toContain('"user_words": {"1":0.10000000149011612,"65535":-2.5}');
    expect(parseParams(text).params.user_words).toEqual(params.user_words);
    const json = JSON.parse(text) as { version: number; values: Record<string, unknown> };
    json.version = 2;
    delete json.values.user_words;
    expect(parseParams(JSON.stringify(json)).params.user_words.every((x) => x === 0)).toBe(true);
    json.version = 3;
    expect(() => parseParams(JSON.stringify(json))).toThrow(/user_words must be an object/);
    json.values.user_words = { '65536': 1 };
    expect(() => parseParams(JSON.stringify(json))).toThrow(/user_words has an index out of 0…65535: 65536/);
  });

  it('leaves out what equals the base, reads it back from the base exactly, and refuses another base', () => {
    const random = seededRandom(2);
    const base = zeroParams(dims);
    for (const name of PARAM_NAMES) base[name].forEach((_, i, a) => (a[i] = Math.fround(random() * 2 - 1)));
    base.user_words.fill(0);
    // A retrain changes the query, word weights, head and adapters' up-projections; the rest stays the base's.
    const trained = zeroParams(dims);
    for (const name of PARAM_NAMES) trained[name].set(base[name]);
    for (const name of ['user_query', 'head', 'b_q', 'b_k'] as const) trained[name][0] = 0.5;
    trained.user_words[7] = 1.5;
    const compact = serializeParams(trained, dims, base);
    const full = serializeParams(trained, dims);
    expect(compact.length).toBeLessThan(full.length / 4);
    expect(JSON.parse(compact).fromBase.names).toEqual(['pool_query', 'w_q', 'w_k', 'a_q', 'a_k', 'head_bias']);
    // Version 4, which an older Focal refuses by its version; a full file stays version 3.
    expect([JSON.parse(compact).version, JSON.parse(full).version]).toEqual([4, 3]);
    const { params: back } = parseParams(compact, base);
    for (const name of PARAM_NAMES) expect(back[name]).toEqual(trained[name]);
    // Its own arrays, not the base's: changing one leaves the other alone.
    back.w_q[0] = 9;
    expect(base.w_q[0]).not.toBe(9);
    expect(() => parseParams(compact)).toThrow(BaseParamsNeededError);
    const otherBase = zeroParams(dims);
    for (const name of PARAM_NAMES) otherBase[name].set(base[name]);
    otherBase.w_k[3] = Math.fround(otherBase.w_k[3]! + 0.25);
    expect(() => parseParams(compact, otherBase)).toThrow(/another base model/);
    // A full file needs no base, and one whose "fromBase" names a parameter it may not is refused.
    expect(parseParams(full).params.w_q).toEqual(trained.w_q);
    const bad = JSON.parse(compact) as { fromBase: { names: string[] } };
    bad.fromBase.names.push('user_words');
    expect(() => parseParams(JSON.stringify(bad), base)).toThrow(/unknown parameter: user_words/);
  });
});
