/**
 * Focal's word-embedding table: the FOCALEMB binary format (encode and decode) and a lookup over it.
 *
 * Layout, little-endian, version 1:
 *   offset 0   8 bytes   ASCII magic "FOCALEMB"
 *   offset 8   u32       format version (1)
 *   offset 12  u32       word count N
 *   offset 16  u32       dimensions D
 *   offset 20  u32       vocabulary byte length V
 *   offset 24  V bytes   vocabulary: UTF-8, words joined by "\n", most frequent first (rank 1 = first)
 *              0–3 bytes zero padding to a multiple of 4
 *              N × f32   per-row scales
 *              N × D i8  rows, row-major; value = int8 × scale of its row
 * Each row is quantised symmetrically: scale = max|x| / 127, q = round(x / scale).
 */

export const EMBEDDING_MAGIC = 'FOCALEMB';
export const EMBEDDING_FORMAT_VERSION = 1;
const HEADER_BYTES = 24;

export interface EmbeddingTable {
  /** Number of words N. */
  readonly size: number;
  readonly dimensions: number;
  /** Words in frequency order; `words[rank - 1]`. */
  readonly words: readonly string[];
  /** Median L2 norm of all rows: the scale a fallback vector is given so it mixes evenly with known words. */
  readonly typicalNorm: number;
  /** The dequantised vector of an exact table key (lowercase GloVe token), or null when absent. */
  vectorOf(token: string): Float32Array | null;
  /** 1-based frequency rank of an exact table key, or null when absent. */
  rankOf(token: string): number | null;
  /** Writes the dequantised row at 0-based `index` into `out` (length ≥ D) and returns it. */
  rowInto<T extends Float32Array | Float64Array>(index: number, out: T): T;
}

export class EmbeddingFormatError extends Error {
  override readonly name = 'EmbeddingFormatError';
}

/** Symmetric int8 quantisation of one row; returns the float32 scale (0 for an all-zero row). */
export function quantizeRow(row: ArrayLike<number>, out: Int8Array): number {
  let maxAbs = 0;
  for (let i = 0; i < row.length; i++) maxAbs = Math.max(maxAbs, Math.abs(row[i]!));
  const scale = Math.fround(maxAbs / 127);
  for (let i = 0; i < row.length; i++) {
    if (scale === 0) {
      out[i] = 0;
      continue;
    }
    const x = row[i]! / scale;
    out[i] = Math.max(-127, Math.min(127, Math.sign(x) * Math.round(Math.abs(x))));
  }
  return scale;
}

/** Encodes words and their vectors (row-major `words.length × dimensions`) into FOCALEMB bytes. */
export function encodeEmbeddingTable(words: readonly string[], vectors: ArrayLike<number>, dimensions: number): Uint8Array {
  const count = words.length;
  if (vectors.length !== count * dimensions) {
    throw new EmbeddingFormatError(`expected ${count * dimensions} vector values, got ${vectors.length}`);
  }
  const seen = new Set<string>();
  for (const word of words) {
    if (word.length === 0 || word.includes('\n')) throw new EmbeddingFormatError(`word ${JSON.stringify(word)} cannot be stored`);
    if (seen.has(word)) throw new EmbeddingFormatError(`duplicate word ${JSON.stringify(word)}`);
    seen.add(word);
  }
  const vocab = new TextEncoder().encode(words.join('\n'));
  const scalesOffset = align4(HEADER_BYTES + vocab.length);
  const rowsOffset = scalesOffset + 4 * count;
  const bytes = new Uint8Array(rowsOffset + count * dimensions);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < EMBEDDING_MAGIC.length; i++) bytes[i] = EMBEDDING_MAGIC.charCodeAt(i);
  view.setUint32(8, EMBEDDING_FORMAT_VERSION, true);
  view.setUint32(12, count, true);
  view.setUint32(16, dimensions, true);
  view.setUint32(20, vocab.length, true);
  bytes.set(vocab, HEADER_BYTES);
  const rows = new Int8Array(bytes.buffer, rowsOffset, count * dimensions);
  const row = new Float64Array(dimensions);
  for (let w = 0; w < count; w++) {
    for (let d = 0; d < dimensions; d++) row[d] = vectors[w * dimensions + d]!;
    const scale = quantizeRow(row, rows.subarray(w * dimensions, (w + 1) * dimensions));
    view.setFloat32(scalesOffset + 4 * w, scale, true);
  }
  return bytes;
}

/** Parses FOCALEMB bytes into a lookup. The rows are viewed in place; scales and vocabulary are copied. */
export function decodeEmbeddingTable(bytes: Uint8Array): EmbeddingTable {
  if (bytes.length < HEADER_BYTES) throw new EmbeddingFormatError('file too short for a FOCALEMB header');
  const magic = String.fromCharCode(...bytes.subarray(0, EMBEDDING_MAGIC.length));
  if (magic !== EMBEDDING_MAGIC) throw new EmbeddingFormatError('not a FOCALEMB file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== EMBEDDING_FORMAT_VERSION) throw new EmbeddingFormatError(`unsupported FOCALEMB version ${version}`);
  const size = view.getUint32(12, true);
  const dimensions = view.getUint32(16, true);
  const vocabBytes = view.getUint32(20, true);
  const scalesOffset = align4(HEADER_BYTES + vocabBytes);
  const rowsOffset = scalesOffset + 4 * size;
  if (bytes.length !== rowsOffset + size * dimensions) {
    throw new EmbeddingFormatError(`FOCALEMB length ${bytes.length} does not match its header (${rowsOffset + size * dimensions})`);
  }
  const words = size === 0 ? [] : new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + vocabBytes)).split('\n');
  if (words.length !== size) throw new EmbeddingFormatError(`vocabulary has ${words.length} words, header says ${size}`);
  const scales = new Float32Array(size);
  for (let i = 0; i < size; i++) scales[i] = view.getFloat32(scalesOffset + 4 * i, true);
  const rows = new Int8Array(bytes.buffer, bytes.byteOffset + rowsOffset, size * dimensions);
  const index = new Map<string, number>();
  words.forEach((word, i) => index.set(word, i));

  const rowInto = <T extends Float32Array | Float64Array>(i: number, out: T): T => {
    const scale = scales[i]!;
    const base = i * dimensions;
    for (let d = 0; d < dimensions; d++) out[d] = rows[base + d]! * scale;
    return out;
  };
  let typicalNorm: number | undefined;

  return {
    size,
    dimensions,
    words,
    get typicalNorm(): number {
      typicalNorm ??= medianRowNorm(size, dimensions, rows, scales);
      return typicalNorm;
    },
    vectorOf(token) {
      const i = index.get(token);
      return i === undefined ? null : rowInto(i, new Float32Array(dimensions));
    },
    rankOf(token) {
      const i = index.get(token);
      return i === undefined ? null : i + 1;
    },
    rowInto,
  };
}

function medianRowNorm(size: number, dimensions: number, rows: Int8Array, scales: Float32Array): number {
  if (size === 0) return 1;
  const norms = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let d = 0; d < dimensions; d++) sum += rows[i * dimensions + d]! ** 2;
    norms[i] = Math.sqrt(sum) * scales[i]!;
  }
  norms.sort();
  return norms[size >> 1]!;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
