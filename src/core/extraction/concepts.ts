/**
 * Concepts: candidate noun phrases ranked by how close they are to what the document is about — its
 * attention-pooled vector, each sentence weighted by its salience — and by where and how often they occur,
 * how specific their words are and how long they are. Phrases that stem the same are one concept, shown as
 * most often written, with the sentences that mention it.
 *
 * score = similarity · cos(phrase, document) + position · ln Σ 1/pᵢ + frequency · ln(1 + tf)
 *       + rarity · mean ln(rank) / ln(N + 1) + length[words − 1]
 * Phrase vectors are SIF-weighted sums of word vectors (Arora, Liang & Ma 2017), as in EmbedRank/SIFRank
 * (Bennani-Smires et al. 2018; Sun et al. 2020); pᵢ are the word positions of its occurrences (PositionRank,
 * Florescu & Caragea 2017); a word's frequency rank in the embedding table stands in for its IDF, since the
 * person's one document is all there is (no corpus statistics).
 */
import { conceptKey } from './concept-key';
import { isTitlePageLine } from '../text/sentence-shape';
import type { ConceptScore } from '../../shared/document';
import type { EmbeddingTable } from '../attention/embedding-table';
import { frequencyPrior, normalizeToken } from '../attention/token-vectors';
import { phraseOccurrences, type PhraseOccurrence } from './noun-phrases';
import { normalizeInPlace } from '../attention/vector-math';
import { compareStrings } from '../compare-strings';

/**
 * Weights of the score's parts, chosen on halves of the Inspec and SemEval-2010 dev sets and checked on the
 * other halves. `length` is a prior over 1, 2, 3 and 4 words: keyphrases are mostly two or three words.
 */
export const CONCEPT_WEIGHTS = { similarity: 0.3, position: 0.08, frequency: 0.12, rarity: 0.5, length: [0, 0.3, 0.4, 0.2] } as const;

interface ReadingForConcepts {
  salience: ArrayLike<number>;
  /** Unit sentence vectors, row-major (sentences × D). */
  vectors: ArrayLike<number>;
}

/** The document's text with each sentence's offsets into it, as `AnalysisInput` gives them. */
export interface ConceptInput {
  text: string;
  sentences: ReadonlyArray<{ text: string; start: number; end: number }>;
}

interface Candidate {
  /** Shown forms and how often each was written, in first-written order. */
  forms: Map<string, number>;
  words: string[];
  sentences: number[];
  inversePositions: number;
  count: number;
  first: number;
}



/**
 * How a word is shown: acronyms, words with inner capitals ("HyARM") and names keep their case, others are
 * lowercased (a sentence's first word is capitalised only because it comes first).
 */
function shownWord(word: string, names: ReadonlySet<string>): string {
  return /^.[^\p{Lu}]*$/u.test(word) && !names.has(word.toLowerCase()) ? word.toLowerCase() : word;
}

/**
 * How a phrase is shown: word by word as `shownWord` says, except that a run of capitalised words one of which is a
 * name is a name whole ("Charles Darwin" at a sentence's start, "the Cell Theory"), not "charles Darwin".
 */
function shownPhrase(words: readonly string[], shownOf: (word: string) => string): string {
  const shown = words.map(shownOf);
  const capitalisedName = words.every((word) => /^\p{Lu}/u.test(word)) && shown.some((word, i) => word === words[i] && /^\p{Lu}\p{Ll}/u.test(word));
  return (capitalisedName ? words : shown).join(' ');
}

const SENTENCE_WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/**
 * The words the document writes as names ("Napoleon", "Krebs", "G1"), lowercased: capitalised inside a sentence more
 * often than not. A line's or sentence's first word, one after a colon, and title-case lines (titles, headings) say nothing.
 */
function namesIn(sources: readonly string[]): Set<string> {
  const capitalised = new Map<string, number>();
  const lower = new Map<string, number>();
  for (const line of sources.flatMap((source) => source.split(/\r?\n/))) {
    const words = [...line.matchAll(SENTENCE_WORD)];
    // "Optimal Control of Power Systems": every word of four letters or more capitalised.
    const titleLike = words.every(([word]) => word.length < 4 || !/^\p{Ll}/u.test(word));
    words.forEach((match, i) => {
      const word = match[0];
      const key = word.toLowerCase();
      if (/^\p{Ll}/u.test(word)) lower.set(key, (lower.get(key) ?? 0) + 1);
      // A line's first word, and one after a colon ("Note: Cholesterol stiffens…"), are capitalised for their place.
      else if (i > 0 && !titleLike && /^\p{Lu}/u.test(word) && !/[:.!?]\s*$/u.test(line.slice(0, match.index))) {
        capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
      }
    });
  }
  return new Set([...capitalised].filter(([key, count]) => count > (lower.get(key) ?? 0)).map(([key]) => key));
}

/**
 * Sentence texts with the line breaks of the original text where the offsets agree (they mark title lines);
 * empty for a title page's lines of names, affiliations and labels (isTitlePageLine) when the document has other
 * text: they gave papers concepts such as "amsterdam kevin crowston" and "institute road".
 */
function sentenceSources(input: ConceptInput): string[] {
  const skipped = input.sentences.map((s) => isTitlePageLine(s.text));
  const allSkipped = skipped.every(Boolean);
  return input.sentences.map((sentence, i) => {
    if (skipped[i] && !allSkipped) return '';
    const source = input.text.slice(sentence.start, sentence.end);
    return source.replace(/[\r\n]/g, ' ') === sentence.text ? source : sentence.text;
  });
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
  return sum;
}

const commonDirections = new WeakMap<EmbeddingTable, Float32Array>();

/**
 * The direction all word vectors share: the expected SIF-weighted word vector of general English, Σ p(w) ·
 * a/(a + p(w)) · v(w) with p(w) from Zipf's law, which is proportional to Σ (1 − SIF weight) · v(w). It is
 * removed from phrase and document vectors, as SIF removes the common component, so that cosines reflect
 * the topic rather than how ordinary the words are.
 */
function commonDirection(table: EmbeddingTable): Float32Array {
  let direction = commonDirections.get(table);
  if (direction) return direction;
  direction = new Float32Array(table.dimensions);
  const row = new Float32Array(table.dimensions);
  for (let rank = 1; rank <= table.size; rank++) {
    const weight = 1 - Math.exp(frequencyPrior(table, table.words[rank - 1]!));
    table.rowInto(rank - 1, row);
    for (let d = 0; d < row.length; d++) direction[d]! += weight * row[d]!;
  }
  commonDirections.set(table, normalizeInPlace(direction, 1e-9));
  return direction;
}

function withoutCommon(vector: Float32Array, common: Float32Array): Float32Array {
  normalizeInPlace(vector, 1e-9);
  const along = dot(vector, common);
  for (let d = 0; d < vector.length; d++) vector[d]! -= along * common[d]!;
  return normalizeInPlace(vector, 1e-9);
}

/** Sentence vectors weighted by softmax(salience): what the model read the document to be about. */
function documentVector(reading: ReadingForConcepts, dims: number): Float32Array {
  const n = reading.salience.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, reading.salience[i]!);
  const vector = new Float32Array(dims);
  for (let i = 0; i < n; i++) {
    const weight = Math.exp(reading.salience[i]! - max);
    for (let d = 0; d < dims; d++) vector[d]! += weight * reading.vectors[i * dims + d]!;
  }
  return vector;
}

/** Memoises per-word work within one document: words repeat far more often than they are new. */
function memo<T>(compute: (word: string) => T): (word: string) => T {
  const cache = new Map<string, T>();
  return (word) => {
    let value = cache.get(word);
    if (value === undefined) cache.set(word, (value = compute(word)));
    return value;
  };
}

/**
 * Letters spaced out on a drawing ("c r e", "e v c") or one word said over and over ("test test test"): a
 * phrase of single letters, or of three or more of the same word, names nothing. ("Bora Bora" keeps its two.)
 */
function isDebris(keys: readonly string[]): boolean {
  if (keys.length < 2) return false;
  return keys.every((k) => k.length === 1) || (keys.length >= 3 && keys.every((k) => k === keys[0]));
}

function groupByStem(occurrences: readonly PhraseOccurrence[], names: ReadonlySet<string>): Map<string, Candidate> {
  const keyOf = memo(conceptKey);
  const shownOf = memo((word: string) => shownWord(word, names));
  const candidates = new Map<string, Candidate>();
  for (const occurrence of occurrences) {
    const keys = occurrence.words.map(keyOf).filter(Boolean);
    const key = keys.join(' ');
    if (key.length < 2 || isDebris(keys)) continue;
    let candidate = candidates.get(key);
    if (!candidate) {
      candidate = { forms: new Map(), words: occurrence.words, sentences: [], inversePositions: 0, count: 0, first: occurrence.position };
      candidates.set(key, candidate);
    }
    const shown = shownPhrase(occurrence.words, shownOf);
    candidate.forms.set(shown, (candidate.forms.get(shown) ?? 0) + 1);
    if (candidate.sentences.at(-1) !== occurrence.sentence) candidate.sentences.push(occurrence.sentence);
    candidate.inversePositions += 1 / occurrence.position;
    candidate.count++;
  }
  return candidates;
}

/** A one-word concept mentioned in one sentence only, among the table's commonest words, is an everyday word said in passing. */
const PASSING_WORD_RANK = 2000;

interface WordFacts {
  /** ln(rank) / ln(N + 1): 0 for the commonest word, 1 for one the table lacks. */
  rarity: number;
  /** Its SIF-weighted vector a / (a + p(w)) · v(w); null when the table lacks it (a subword fallback would be noise here). */
  vector: Float32Array | null;
}

export function rankConcepts(input: ConceptInput, reading: ReadingForConcepts, table: EmbeddingTable, count: number): ConceptScore[] {
  if (input.sentences.length === 0 || count <= 0) return [];
  const sources = sentenceSources(input);
  const candidates = groupByStem(phraseOccurrences(sources), namesIn(sources));
  const D = table.dimensions;
  const common = commonDirection(table);
  const documentVec = withoutCommon(documentVector(reading, D), common);
  const rarityScale = Math.log(table.size + 1);
  // A word the table lacks (rarity 1) is never everyday, however small the table.
  const passingRarity = Math.min(Math.log(PASSING_WORD_RANK) / rarityScale, 1);
  const row = new Float32Array(D);
  const factsOf = memo((word: string): WordFacts => {
    const key = normalizeToken(word);
    const rank = table.rankOf(key);
    // A hyphenated word the table lacks is read as its parts.
    const parts = rank === null && key.includes('-') ? key.split('-') : [key];
    let vector: Float32Array | null = null;
    for (const part of parts) {
      const partRank = part === key ? rank : table.rankOf(part);
      if (partRank === null) continue;
      vector ??= new Float32Array(D);
      table.rowInto(partRank - 1, row);
      const weight = Math.exp(frequencyPrior(table, part));
      for (let d = 0; d < D; d++) vector[d]! += weight * row[d]!;
    }
    return { rarity: Math.log(rank ?? table.size + 1) / rarityScale, vector };
  });
  const phraseVec = new Float32Array(D);
  const scored = [...candidates.entries()].map(([key, candidate]) => {
    phraseVec.fill(0);
    let rarity = 0;
    for (const word of candidate.words) {
      const facts = factsOf(word);
      rarity += facts.rarity;
      if (facts.vector) for (let d = 0; d < D; d++) phraseVec[d]! += facts.vector[d]!;
    }
    const words = candidate.words.length;
    const score =
      CONCEPT_WEIGHTS.similarity * dot(withoutCommon(phraseVec, common), documentVec) +
      CONCEPT_WEIGHTS.position * Math.log(candidate.inversePositions) +
      CONCEPT_WEIGHTS.frequency * Math.log1p(candidate.count) +
      CONCEPT_WEIGHTS.rarity * (rarity / words) +
      CONCEPT_WEIGHTS.length[Math.min(words, CONCEPT_WEIGHTS.length.length) - 1]!;
    // The most often written form; the first written among equals. Ties in score go to the earlier phrase.
    let phrase = '';
    let best = 0;
    for (const [form, uses] of candidate.forms) if (uses > best) [phrase, best] = [form, uses];
    const passing = words === 1 && candidate.sentences.length === 1 && factsOf(candidate.words[0]!).rarity < passingRarity;
    return { key, first: candidate.first, passing, concept: { phrase, score, sentences: candidate.sentences } };
  });
  scored.sort((a, b) => b.concept.score - a.concept.score || a.first - b.first || compareStrings(a.key, b.key));
  // An everyday word said once ("day", "information", "steps") is no concept of the document, when it has others.
  const kept = scored.filter((entry) => !entry.passing);
  return (kept.length > 0 ? kept : scored).slice(0, count).map((entry) => entry.concept);
}


