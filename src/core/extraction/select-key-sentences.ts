/**
 * Choosing key sentences: the most salient first, with a maximal-marginal-relevance penalty so that a
 * near-duplicate of a chosen sentence is passed over (Carbonell & Goldstein 1998).
 */

/** How many key sentences a document of `count` sentences gets when the person has not said. */
export function defaultKeyCount(count: number): number {
  if (count <= 3) return count;
  return Math.min(count, Math.max(3, Math.round(1.2 * Math.sqrt(count))));
}

export interface SelectionInput {
  salience: ArrayLike<number>;
  /** Unit sentence vectors, row-major (count × dims). */
  vectors: Float32Array;
  dims: number;
  /** Which sentences may be chosen (see isProseSentence); all when absent. */
  eligible?: ArrayLike<boolean>;
  /** The sentences' texts: one that repeats a chosen one (case and spacing aside) is never chosen too. */
  texts?: readonly string[];
}

/**
 * Indices of the chosen sentences, in document order. Each pick maximises
 * λ·relevance − (1−λ)·max cosine to an already chosen sentence, relevance being salience rescaled to [0, 1].
 */
export function selectKeySentences(input: SelectionInput, k: number, lambda = 0.75): number[] {
  const n = input.salience.length;
  const allowed = (i: number) => !input.eligible || input.eligible[i] === true;
  let allowedCount = 0;
  for (let i = 0; i < n; i++) if (allowed(i)) allowedCount++;
  const want = Math.min(k, allowedCount);
  if (want <= 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!allowed(i)) continue;
    min = Math.min(min, input.salience[i]!);
    max = Math.max(max, input.salience[i]!);
  }
  const span = max - min || 1;
  const relevance = Float64Array.from({ length: n }, (_, i) => (input.salience[i]! - min) / span);
  const maxSimilarity = new Float64Array(n);
  const chosen: number[] = [];
  const taken = Uint8Array.from({ length: n }, (_, i) => (allowed(i) ? 0 : 1));
  const { vectors, dims } = input;
  const repeatKey = input.texts?.map((text) => text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim());
  for (let pick = 0; pick < want; pick++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const score = lambda * relevance[i]! - (1 - lambda) * maxSimilarity[i]!;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    // Every allowed sentence was a repeat of a chosen one: fewer than k.
    if (best < 0) break;
    taken[best] = 1;
    chosen.push(best);
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += vectors[best * dims + d]! * vectors[i * dims + d]!;
      if (dot > maxSimilarity[i]!) maxSimilarity[i] = dot;
      // The same sentence again (a repeated line, a page's refrain): never a second key sentence and card. By
      // its text, not its vector: a pooled vector is blind to word order ("A becomes B" and "B becomes A").
      if (repeatKey && repeatKey[i] === repeatKey[best]) taken[i] = 1;
    }
  }
  return chosen.sort((a, b) => a - b);
}
