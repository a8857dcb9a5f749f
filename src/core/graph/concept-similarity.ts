/**
 * How close two concepts are: the cosine of their unit vectors, and for merged concepts the closest pair of
 * their forms (single linkage, the same rule that merged them). Every value here is bit-identical whichever
 * argument comes first and whichever path computed it, which is what lets the incremental graph equal a
 * fresh build exactly.
 */
import type { Neighbour } from './knowledge-graph';
import { dot } from '../attention/vector-math';
import { compareStrings } from '../compare-strings';

/**
 * Dot product (= cosine of unit vectors). Term i always goes to accumulator i mod 4 and the four are added
 * in one fixed order, so dot(a, b) === dot(b, a) and trailing zeros change nothing: a vector padded to a
 * longer length (as in SimilarityIndex) gives the same value bit for bit.
 */
export { dot };

/** Whether two sorted id lists have no id in common. */
export function disjoint(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return false;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return true;
}

/** Best first; equal similarities by id, so the order never depends on the order of discovery. */
export function compareNeighbours(a: Neighbour, b: Neighbour): number {
  if (a.similarity !== b.similarity) return b.similarity - a.similarity;
  return compareStrings(a.id, b.id);
}

/** The best `limit` of `list` plus `candidate` (a new array; `list` is sorted and does not hold the candidate's id). */
export function withNeighbour(list: readonly Neighbour[], candidate: Neighbour, limit: number): Neighbour[] {
  if (list.length >= limit && compareNeighbours(candidate, list[list.length - 1]!) > 0) return list as Neighbour[];
  return [...list, candidate].sort(compareNeighbours).slice(0, limit);
}

/**
 * Every concept key's vector in one dense array, so a scan of the library is a tight loop: `row(key)` is the
 * similarity of one key to every slot. Rows are cached until the index changes.
 */
export class SimilarityIndex {
  private dimensions = 0;
  private data = new Float64Array(0);
  /** Slot → key; '' for a free slot. */
  readonly keys: string[] = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private rows = new Map<string, Float64Array>();

  get size(): number {
    return this.keys.length;
  }

  set(key: string, vector: readonly number[] | null): void {
    this.rows.clear();
    const existing = this.slots.get(key);
    if (!vector) {
      if (existing === undefined) return;
      this.data.fill(0, existing * this.dimensions, (existing + 1) * this.dimensions);
      this.keys[existing] = '';
      this.slots.delete(key);
      this.free.push(existing);
      return;
    }
    if (vector.length > this.dimensions) this.widen(vector.length);
    let slot = existing ?? this.free.pop();
    if (slot === undefined) {
      slot = this.keys.length;
      this.keys.push(key);
      if ((slot + 1) * this.dimensions > this.data.length) {
        const grown = new Float64Array(Math.max(16, (slot + 1) * 2) * this.dimensions);
        grown.set(this.data);
        this.data = grown;
      }
    }
    this.keys[slot] = key;
    this.slots.set(key, slot);
    const at = slot * this.dimensions;
    this.data.fill(0, at, at + this.dimensions);
    this.data.set(vector, at);
  }

  /** Similarity of `key` to every slot (0 for free slots); null when the key has no vector. */
  row(key: string): Float64Array | null {
    const slot = this.slots.get(key);
    if (slot === undefined) return null;
    let row = this.rows.get(key);
    if (row) return row;
    const D = this.dimensions;
    const vector = this.data.subarray(slot * D, (slot + 1) * D);
    row = new Float64Array(this.keys.length);
    for (let s = 0; s < this.keys.length; s++) row[s] = dot(vector, this.data, s * D, D);
    this.rows.set(key, row);
    return row;
  }

  /** Similarity of two keys (−∞ when either has no vector). */
  similarity(a: string, b: string): number {
    const slotB = this.slots.get(b);
    if (slotB === undefined || !this.slots.has(a)) return -Infinity;
    const cached = this.rows.get(a);
    if (cached) return cached[slotB]!;
    const D = this.dimensions;
    const slotA = this.slots.get(a)!;
    return dot(this.data.subarray(slotA * D, (slotA + 1) * D), this.data, slotB * D, D);
  }

  private widen(dimensions: number): void {
    const count = Math.max(16, this.keys.length * 2);
    const wider = new Float64Array(count * dimensions);
    for (let s = 0; s < this.keys.length; s++) wider.set(this.data.subarray(s * this.dimensions, (s + 1) * this.dimensions), s * dimensions);
    this.data = wider;
    this.dimensions = dimensions;
  }
}
