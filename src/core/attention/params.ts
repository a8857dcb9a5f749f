/**
 * The attention graph's parameter set: one shape for the shipped base values and for each user's values,
 * their JSON form, and the deterministic derivation of the base values from the embedding table.
 * Parameters are graph INPUTS, never baked into the ONNX file, so a retrain only swaps this object.
 */
import type { EmbeddingTable } from './embedding-table';
import { seededRandom } from '../seeded-random';

/** GloVe dimensions D, projection rank R, adapter rank RA. */
export const EMBEDDING_DIMENSIONS = 100;
export const PROJECTION_RANK = 32;
export const ADAPTER_RANK = 4;
/**
 * Slots of a person's word weights: each word's Porter stem (a number's shape) is hashed into one (`wordBucket`), and the weight
 * adds to that word's relevance to the user query. 2¹⁶ keeps collisions rare among the few thousand words a
 * person's feedback touches (slot 0 is padding's).
 */
export const USER_WORD_BUCKETS = 65_536;
/** Head slots before the structural features: attention received, interest, centrality. */
export const HEAD_LEADING_TERMS = 3;

export interface AttentionDims {
  /** Embedding dimensions. */
  D: number;
  /** Projection rank. */
  R: number;
  /** Low-rank adapter rank. */
  RA: number;
  /** Structural feature count. */
  F: number;
}

export const PARAM_NAMES = ['pool_query', 'w_q', 'w_k', 'a_q', 'b_q', 'a_k', 'b_k', 'user_query', 'user_words', 'head', 'head_bias'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
/** Matrices are row-major: `w_q[i * R + k]` is row i, column k. Names match the graph's input names. */
export type AttentionParams = Record<ParamName, Float32Array>;

export function defaultDims(featureCount: number): AttentionDims {
  return { D: EMBEDDING_DIMENSIONS, R: PROJECTION_RANK, RA: ADAPTER_RANK, F: featureCount };
}

export function paramShapes({ D, R, RA, F }: AttentionDims): Record<ParamName, number[]> {
  return {
    pool_query: [D],
    w_q: [D, R],
    w_k: [D, R],
    a_q: [D, RA],
    b_q: [RA, R],
    a_k: [D, RA],
    b_k: [RA, R],
    user_query: [D],
    user_words: [USER_WORD_BUCKETS],
    head: [F + HEAD_LEADING_TERMS],
    head_bias: [1],
  };
}

export class AttentionParamsError extends Error {
  override readonly name: string = 'AttentionParamsError';
}

/** A file that leaves out the base's values, read without the base: well-formed so far, readable once it is given. */
export class BaseParamsNeededError extends AttentionParamsError {
  override readonly name = 'BaseParamsNeededError';
}

/** A deep copy: every array its own. */
export function cloneParams(params: AttentionParams): AttentionParams {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Float32Array.from(value)])) as AttentionParams;
}

export function zeroParams(dims: AttentionDims): AttentionParams {
  const shapes = paramShapes(dims);
  return Object.fromEntries(PARAM_NAMES.map((name) => [name, new Float32Array(elementCount(shapes[name]))])) as AttentionParams;
}

/** Throws unless every parameter has the length its shape requires and only finite values. */
export function assertParams(params: AttentionParams, dims: AttentionDims): void {
  const shapes = paramShapes(dims);
  for (const name of PARAM_NAMES) {
    const value = params[name];
    const expected = elementCount(shapes[name]);
    if (!(value instanceof Float32Array) || value.length !== expected) {
      throw new AttentionParamsError(`${name} must have ${expected} values [${shapes[name].join('×')}], got ${value?.length ?? 'none'}`);
    }
    // A plain loop: the check runs for every block read, over 65,536 word weights among the rest.
    for (let i = 0; i < value.length; i++) if (!Number.isFinite(value[i])) throw new AttentionParamsError(`${name} has a non-finite value`);
  }
}

export const PARAMS_FORMAT = 'focal-attention-params';
/**
 * 2: the user query attends over a sentence's words instead of being compared with its pooled vector. A
 * version-1 query meant something else, so reading one drops it (user_query = 0, head₁ = 0) and keeps the rest.
 * 3: adds `user_words`, written sparsely ({ "slot": weight }, most slots are 0); reading an older file gives 0s.
 * A file may leave out parameters that are the shipped base's, bit for bit (`"fromBase"`: their names, with a
 * digest of their values): a retrain never changes the projections, pool query or adapters' down-projections,
 * which are nine tenths of a full file (each kept version of a person's model, and every backup of it, was
 * ~170 KB). Reading such a file needs the base, and refuses one whose digest differs.
 * 4: a file that leaves parameters out (`fromBase`); a full file is still written as 3, so older Focals read it,
 * and refuse a version-4 file by its version rather than by a parameter missing.
 */
export const PARAMS_FORMAT_VERSION = 4;

/** Parameters written as { "index": value } for their non-zero entries: a person's feedback touches a few thousand of 65,536 word slots. */
const SPARSE_PARAMS: ReadonlySet<ParamName> = new Set(['user_words']);

function sparseJson(values: Float32Array): string {
  const entries: string[] = [];
  values.forEach((value, index) => {
    if (value !== 0) entries.push(`"${index}":${JSON.stringify(value)}`);
  });
  return `{${entries.join(',')}}`;
}

/**
 * JSON with one parameter per line; float32 values print exactly, so parse(serialise(p)) === p bit for bit.
 * Given `base`, the parameters equal to it are left out (see PARAMS_FORMAT_VERSION); without, the file stands alone.
 */
export function serializeParams(params: AttentionParams, dims: AttentionDims, base?: AttentionParams): string {
  assertParams(params, dims);
  const fromBase = base ? PARAM_NAMES.filter((name) => !SPARSE_PARAMS.has(name) && sameValues(params[name], base[name])) : [];
  const written = PARAM_NAMES.filter((name) => !fromBase.includes(name));
  const lines = written.map((name) => `    ${JSON.stringify(name)}: ${SPARSE_PARAMS.has(name) ? sparseJson(params[name]) : JSON.stringify(Array.from(params[name]))}`);
  return [
    '{',
    `  "format": ${JSON.stringify(PARAMS_FORMAT)},`,
    `  "version": ${fromBase.length > 0 ? PARAMS_FORMAT_VERSION : 3},`,
    `  "dims": ${JSON.stringify({ D: dims.D, R: dims.R, RA: dims.RA, F: dims.F })},`,
    ...(fromBase.length > 0 ? [`  "fromBase": ${JSON.stringify({ names: fromBase, digest: digestOf(fromBase.map((name) => params[name])) })},`] : []),
    '  "values": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** FNV-1a over the float32 bits of some arrays, in hex: tells whether the base a file was written against is this one. */
function digestOf(arrays: readonly Float32Array[]): string {
  let hash = 0x811c9dc5;
  for (const array of arrays) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `base`: the shipped base values, for a file that leaves out the parameters equal to them. */
export function parseParams(json: string, base?: AttentionParams): { params: AttentionParams; dims: AttentionDims } {
  const data = JSON.parse(json) as unknown;
  if (!isRecord(data) || data.format !== PARAMS_FORMAT) throw new AttentionParamsError(`not a ${PARAMS_FORMAT} document`);
  if (data.version !== PARAMS_FORMAT_VERSION && data.version !== 3 && data.version !== 2 && data.version !== 1) throw new AttentionParamsError(`unsupported params version ${String(data.version)}`);
  const rawDims = data.dims;
  const values = data.values;
  if (!isRecord(rawDims) || !isRecord(values)) throw new AttentionParamsError('params need "dims" and "values"');
  const dims = {} as AttentionDims;
  for (const key of ['D', 'R', 'RA', 'F'] as const) {
    const n = rawDims[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new AttentionParamsError(`dims.${key} must be a positive integer`);
    dims[key] = n;
  }
  const params = {} as AttentionParams;
  const shapes = paramShapes(dims);
  const fromBase = baseNamesOf(data.fromBase);
  if (fromBase.size > 0) {
    if (!base) throw new BaseParamsNeededError('these parameters are written against the shipped base model, which was not given');
    const names = [...fromBase];
    if (digestOf(names.map((name) => base[name])) !== (data.fromBase as { digest?: unknown }).digest) {
      throw new AttentionParamsError('these parameters were written against another base model than this Focal ships');
    }
    for (const name of names) params[name] = Float32Array.from(base[name]);
  }
  for (const name of PARAM_NAMES) {
    if (fromBase.has(name)) continue;
    const list = values[name];
    if (SPARSE_PARAMS.has(name)) {
      params[name] = sparseValues(name, list, typeof data.version === 'number' && data.version >= 3, elementCount(shapes[name]));
      continue;
    }
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'number')) throw new AttentionParamsError(`${name} must be a list of numbers`);
    params[name] = Float32Array.from(list as number[]);
  }
  if (data.version === 1) {
    params.user_query.fill(0);
    params.head[1] = 0;
  }
  assertParams(params, dims);
  return { params, dims };
}

function baseNamesOf(data: unknown): Set<ParamName> {
  if (data === undefined) return new Set();
  const names = isRecord(data) ? data.names : undefined;
  if (!Array.isArray(names) || typeof (data as { digest?: unknown }).digest !== 'string') throw new AttentionParamsError('"fromBase" needs "names" and a "digest"');
  for (const name of names) {
    if (!(PARAM_NAMES as readonly unknown[]).includes(name) || SPARSE_PARAMS.has(name as ParamName)) throw new AttentionParamsError(`"fromBase" names an unknown parameter: ${String(name)}`);
  }
  return new Set(names as ParamName[]);
}

/** A sparse parameter's values; files from before it existed read as 0s. */
function sparseValues(name: ParamName, data: unknown, required: boolean, length: number): Float32Array {
  const out = new Float32Array(length);
  if (data === undefined && !required) return out;
  if (!isRecord(data)) throw new AttentionParamsError(`${name} must be an object of index: value`);
  for (const [key, value] of Object.entries(data)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= length) throw new AttentionParamsError(`${name} has an index out of 0…${length - 1}: ${key}`);
    if (typeof value !== 'number') throw new AttentionParamsError(`${name}[${key}] must be a number`);
    out[index] = value;
  }
  return out;
}

export interface BaseParamsOptions {
  featureCount: number;
  /** How many of the most frequent words the principal components are computed from. */
  pcaWords?: number;
  /** Seed of the adapters' down-projections a_q, a_k. */
  seed?: number;
}

export const BASE_PCA_WORDS = 20_000;
export const BASE_SEED = 0x5eedf0ca;

/**
 * Base values, a pure function of the table:
 * - `w_q = w_k` = the top-R principal components (columns, unit length) of the `pcaWords` most frequent
 *   dequantised word vectors: mean-centred covariance, cyclic Jacobi eigendecomposition, components sorted by
 *   eigenvalue, each signed so its largest-magnitude entry is positive.
 * - `pool_query` = 0, so pooling starts as the SIF frequency prior alone.
 * - LoRA-style adapters (Hu et al. 2021): `a_q`, `a_k` ~ U(−1/√D, 1/√D) from a mulberry32 stream seeded with
 *   `seed` (a_q drawn first, then a_k); `b_q = b_k = 0`, so the adapted projection equals the base one until trained.
 * - `user_query` = 0 (no interest until a user has reviewed something).
 * - `head` = 1 on attention received (slot 0) and on centrality (slot 2), 0 elsewhere: a centroid-plus-attention
 *   ranking until the head is fitted. `head_bias` = 0.
 */
export function baseParams(table: EmbeddingTable, options: BaseParamsOptions): AttentionParams {
  const dims = defaultDims(options.featureCount);
  if (table.dimensions !== dims.D) throw new AttentionParamsError(`table has ${table.dimensions} dimensions, the graph expects ${dims.D}`);
  const n = Math.min(options.pcaWords ?? BASE_PCA_WORDS, table.size);
  const rows = new Float64Array(n * dims.D);
  for (let i = 0; i < n; i++) table.rowInto(i, rows.subarray(i * dims.D, (i + 1) * dims.D));
  const components = principalComponents(rows, n, dims.D, dims.R);

  const params = zeroParams(dims);
  params.w_q.set(components);
  params.w_k.set(components);
  const random = seededRandom(options.seed ?? BASE_SEED);
  const bound = 1 / Math.sqrt(dims.D);
  for (const a of [params.a_q, params.a_k]) {
    for (let i = 0; i < a.length; i++) a[i] = (random() * 2 - 1) * bound;
  }
  params.head[0] = 1;
  params.head[2] = 1;
  return params;
}

/**
 * Top-k principal components of `n` row vectors of length `d` (row-major), as a `d × k` row-major matrix.
 * Covariance of the mean-centred rows, then `symmetricEigen`.
 */
export function principalComponents(rows: Float64Array, n: number, d: number, k: number): Float64Array {
  if (k > d) throw new AttentionParamsError(`cannot take ${k} components of ${d}-dimensional vectors`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + rows[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / Math.max(1, n);
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = rows[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ca = centred[a]!;
      for (let b = a; b < d; b++) cov[a * d + b] = cov[a * d + b]! + ca * centred[b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const value = cov[a * d + b]! / Math.max(1, n - 1);
      cov[a * d + b] = value;
      cov[b * d + a] = value;
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => values[y]! - values[x]! || x - y);
  const out = new Float64Array(d * k);
  for (let c = 0; c < k; c++) {
    const col = order[c]!;
    let pivot = 0;
    for (let j = 1; j < d; j++) if (Math.abs(vectors[j * d + col]!) > Math.abs(vectors[pivot * d + col]!)) pivot = j;
    const sign = vectors[pivot * d + col]! < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) out[j * k + c] = sign * vectors[j * d + col]!;
  }
  return out;
}

/**
 * Cyclic Jacobi eigendecomposition of a symmetric `d × d` matrix (Golub & Van Loan, Matrix Computations,
 * §8.5, with the stable rotation of Rutishauser): sweeps of plane rotations in fixed (p, q) order until the
 * off-diagonal mass is below 1e-15 of the total. Deterministic: only +, ×, ÷ and √.
 * Returns eigenvalues and eigenvectors as columns of a row-major `d × d` matrix.
 */
export function symmetricEigen(matrix: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let total = 0;
  for (let i = 0; i < d * d; i++) total += a[i]! * a[i]!;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q]! * a[p * d + q]!;
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!;
          const akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!;
          const aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = a[i * d + i]!;
  return { values, vectors: v };
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, x) => n * x, 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The most values the stand-in for the shipped base may take: a real base has a few thousand. */
const MAX_BASE_STAND_IN = 1_000_000;

/**
 * Why a model version's parameters (params JSON) cannot be used, or null when they can: a backup's versions and
 * the version the person puts in use are checked with it in the renderer. Parameters written against the shipped base, which only main holds, get zeros in its place, so
 * everything else in them is checked here as main will check it.
 */
export function paramsProblem(params: unknown): string | null {
  if (typeof params !== 'string') return 'they are not text';
  try {
    parseParams(params);
    return null;
  } catch (error) {
    if (!(error instanceof BaseParamsNeededError)) return error instanceof Error ? error.message : String(error);
  }
  // parseParams got past the format, version, dims and the names left out: those are well-formed.
  const data = JSON.parse(params) as { dims: { D: number; R: number; RA: number; F: number }; fromBase?: { names: ParamName[] }; values: Record<string, unknown> };
  const shapes = paramShapes(data.dims);
  const sizes = data.fromBase!.names.map((name) => shapes[name].reduce((a, b) => a * b, 1));
  if (sizes.reduce((a, b) => a + b, 0) > MAX_BASE_STAND_IN) return 'their dims are larger than any Focal model’s';
  data.fromBase!.names.forEach((name, i) => (data.values[name] = new Array<number>(sizes[i]!).fill(0)));
  delete data.fromBase;
  try {
    parseParams(JSON.stringify(data));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
