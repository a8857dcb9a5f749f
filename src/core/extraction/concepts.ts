/**
 * Concepts: candidate noun phrases ranked by how close they are to what the document is about — its
 * attention-pooled vector, each sentence weighted by its salience — and by how much salient text
 * mentions them. Phrases that stem the same are one concept, shown as most often written.
 */
import { stemmer } from 'stemmer';
import type { ConceptScore } from '../../shared/document';
import type { EmbeddingTable } from '../attention/embedding-table';
import { tokenVector } from '../attention/token-vectors';
import { modelTokens } from './model-tokens';
import { nounPhrases } from './noun-phrases';

/** Weights of the concept score's parts, chosen on the Inspec and SemEval dev sets (see models/README.md). */
export const CONCEPT_WEIGHTS = { similarity: 1, mentions: 0.25, earliness: 0.3, multiword: 0.1 };

interface ReadingForConcepts {
  salience: Float32Array;
  vectors: Float32Array;
}

interface Candidate {
  forms: Map<string, number>;
  sentences: number[];
  mentionWeight: number;
  first: number;
  words: number;
}

export function conceptKey(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((word) => stemmer(word))
    .join(' ');
}

function documentVector(reading: ReadingForConcepts, dims: number): Float32Array {
  const n = reading.salience.length;
  let max = -Infinity;
  for (const s of reading.salience) max = Math.max(max, s);
  const vector = new Float32Array(dims);
  for (let i = 0; i < n; i++) {
    const weight = Math.exp(reading.salience[i]! - max);
    for (let d = 0; d < dims; d++) vector[d]! += weight * reading.vectors[i * dims + d]!;
  }
  return vector;
}

function phraseVector(table: EmbeddingTable, phrase: string): Float32Array {
  const vector = new Float32Array(table.dimensions);
  for (const token of modelTokens(phrase)) {
    const { vector: v } = tokenVector(table, token);
    for (let d = 0; d < vector.length; d++) vector[d]! += v[d]!;
  }
  return vector;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / (Math.sqrt(na * nb) + 1e-9);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function rankConcepts(
  input: { sentences: ReadonlyArray<{ text: string }> },
  reading: ReadingForConcepts,
  table: EmbeddingTable,
  count: number,
): ConceptScore[] {
  const n = input.sentences.length;
  const candidates = new Map<string, Candidate>();
  input.sentences.forEach((sentence, index) => {
    const weight = sigmoid(reading.salience[index]!);
    for (const phrase of nounPhrases(sentence.text)) {
      const key = conceptKey(phrase);
      if (key.length < 2) continue;
      let candidate = candidates.get(key);
      if (!candidate) {
        candidate = { forms: new Map(), sentences: [], mentionWeight: 0, first: index, words: key.split(' ').length };
        candidates.set(key, candidate);
      }
      const shown = phrase.toLowerCase() === phrase ? phrase : /^[A-Z0-9]+$/.test(phrase) ? phrase : phrase.toLowerCase();
      candidate.forms.set(shown, (candidate.forms.get(shown) ?? 0) + 1);
      if (candidate.sentences.at(-1) !== index) candidate.sentences.push(index);
      candidate.mentionWeight += weight;
    }
  });
  const documentVec = documentVector(reading, table.dimensions);
  const scored = [...candidates.values()].map((candidate) => {
    const phrase = [...candidate.forms.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const score =
      CONCEPT_WEIGHTS.similarity * cosine(phraseVector(table, phrase), documentVec) +
      CONCEPT_WEIGHTS.mentions * Math.log1p(candidate.mentionWeight) +
      CONCEPT_WEIGHTS.earliness * (1 - candidate.first / Math.max(1, n)) +
      CONCEPT_WEIGHTS.multiword * Math.min(candidate.words - 1, 2);
    return { phrase, score, sentences: candidate.sentences };
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, count);
}
