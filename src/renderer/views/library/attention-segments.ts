/**
 * "Why this sentence?" shows the sentence with each word tinted by the attention the model gave it: the model's
 * tokens (lowercased, punctuation apart) are found again in the sentence in order, so each keeps the sentence's own
 * spelling ("ATP", not "atp") and the text between them (spaces, punctuation, words the model skipped) stays as written.
 */
import { STOPWORDS } from '../../../core/extraction/sentence-features';

export interface AttentionSegment {
  text: string;
  /** The token's share of the sentence's attention; null for text between tokens. */
  weight: number | null;
}

export function attentionSegments(text: string, why: ReadonlyArray<{ token: string; weight: number }>): AttentionSegment[] {
  const lower = text.toLowerCase();
  const segments: AttentionSegment[] = [];
  let at = 0;
  for (const { token, weight } of why) {
    const found = token === '' ? -1 : lower.indexOf(token.toLowerCase(), at);
    // A token the text does not hold as written (a model-side spelling): it is left out rather than misplaced.
    if (found < 0) continue;
    if (found > at) segments.push({ text: text.slice(at, found), weight: null });
    segments.push({ text: text.slice(found, found + token.length), weight });
    at = found + token.length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), weight: null });
  return segments;
}

/**
 * The words the model read most closely, each once, in the sentence's spelling; ties keep reading order. Small
 * words ("how", "a", "him") are left out of the list, as they explain nothing to the reader; the sentence's tints
 * still show the attention they got.
 */
export function closestRead(segments: readonly AttentionSegment[], count: number): Array<{ word: string; weight: number }> {
  const byWord = new Map<string, { word: string; weight: number }>();
  for (const { text, weight } of segments) {
    if (weight === null) continue;
    const key = text.toLowerCase();
    if (STOPWORDS.has(key) || SMALL_WORDS.has(key)) continue;
    const seen = byWord.get(key);
    if (seen) seen.weight += weight;
    else byWord.set(key, { word: text, weight });
  }
  // A word that got next to nothing (under half a percent) was not read closely, whatever its rank.
  return [...byWord.values()].filter((word) => word.weight >= 0.005).sort((a, b) => b.weight - a.weight).slice(0, count);
}

/** Function words the shared stopword list leaves in, which the model's pooling sometimes reads closely all the same. */
const SMALL_WORDS = new Set(['how', 'him', 'could', 'should', 'might', 'must', 'did', 'does', 'do', 'me', 'my', 'our', 'your', 'you', 'i', 'we', 'them', 'then', 'there', 'here', 'when', 'where', 'what', 'why', 'so', 'if', 'into', 'out', 'over', 'just', 'very', 'too']);
