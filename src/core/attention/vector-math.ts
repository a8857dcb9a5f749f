/** Small vector helpers shared by the model, concepts and the graph. */

/** Dot product of `a` with `b` read from `bOffset` (a row of a row-major matrix), over `n` values. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, bOffset = 0, n = Math.min(a.length, b.length - bOffset)): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i]! * b[bOffset + i]!;
  return sum;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
}

/** Scales `vector` to unit length in place (`epsilon` keeps a zero vector finite) and returns it. */
export function normalizeInPlace(vector: Float32Array, epsilon: number): Float32Array {
  const norm = Math.sqrt(dot(vector, vector)) + epsilon;
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
