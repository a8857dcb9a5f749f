/**
 * The structural features the attention model's head weighs beside attention: where a sentence sits,
 * how long it is, cues that it defines, enumerates or quantifies something, and how much it repeats the
 * document's own frequent words (Luhn 1958: a document's recurring content words mark its topic).
 * Each is scaled to about [0, 1] so the fitted head weights are comparable.
 */
import { stemmer } from 'stemmer';

export const FEATURE_NAMES = [
  'first-in-section',
  'early-in-document',
  'heading-depth',
  'length',
  'definition-cue',
  'enumeration-cue',
  'numbers',
  'first-in-paragraph',
  'term-frequency',
  'mean-term-frequency',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

const DEFINITION = /\b(is|are|was|were) (a|an|the|defined as|called|known as)\b|\b(refers? to|is defined as|means|denotes|stands for)\b|^[^,;]{2,60}:\s|\(([A-Z]{2,}s?)\)/;
const ENUMERATION = /^(\d+[.)]|[a-z][.)]|[-•*])\s|\b(first(ly)?|second(ly)?|third(ly)?|finally|two|three|four|five|several) (types?|kinds?|steps?|stages?|phases?|ways?|reasons?|parts?|factors?)\b|\b(include|includes|including|consists? of|such as)\b/i;
const NUMBERS = /\d|\b(hundred|thousand|million|billion|percent|per cent)\b/i;

export interface SentenceSlot {
  text: string;
  section: string[];
  start: number;
  end: number;
}

/** Function words: never a sign of what a sentence is about. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the of to and in is was for on that with as by at it from be are were has have had he she they his her its this these those which or but not will would said also been their who more than up out about into after over can could may might there what when where why how all any some such no one two we you i our your them then so if'.split(' '),
);

/** Each sentence's content words, stemmed, so "cell" and "cells" count as one word. */
function contentWords(text: string, stems: Map<string, string>): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{M}'-]*|\p{N}+/gu) ?? [])
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map((w) => {
      let stem = stems.get(w);
      if (stem === undefined) stems.set(w, (stem = stemmer(w)));
      return stem;
    });
}

/** Per sentence: the summed and mean document frequency of its content words beyond their first use. */
function termFrequencies(sentences: readonly SentenceSlot[]): { sum: Float64Array; mean: Float64Array } {
  const stems = new Map<string, string>();
  const words = sentences.map((s) => contentWords(s.text, stems));
  const frequency = new Map<string, number>();
  for (const list of words) for (const w of list) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const sum = new Float64Array(sentences.length);
  const mean = new Float64Array(sentences.length);
  let maxSum = 0;
  let maxFrequency = 1;
  for (const f of frequency.values()) maxFrequency = Math.max(maxFrequency, f);
  words.forEach((list, i) => {
    const total = list.reduce((acc, w) => acc + frequency.get(w)! - 1, 0);
    sum[i] = total;
    mean[i] = list.length ? total / list.length / Math.max(1, maxFrequency - 1) : 0;
    maxSum = Math.max(maxSum, total);
  });
  for (let i = 0; i < sum.length; i++) sum[i] = maxSum ? sum[i]! / maxSum : 0;
  return { sum, mean };
}

/** Features of every sentence in document order (row-major: sentence × FEATURE_COUNT). */
export function sentenceFeatures(document: { text: string; sentences: readonly SentenceSlot[] }): Float32Array {
  const { sentences, text } = document;
  const out = new Float32Array(sentences.length * FEATURE_COUNT);
  const frequencies = termFrequencies(sentences);
  let indexInSection = 0;
  let previousSection = '';
  sentences.forEach((sentence, i) => {
    const sectionKey = sentence.section.join('\u0000');
    indexInSection = sectionKey === previousSection ? indexInSection + 1 : 0;
    previousSection = sectionKey;
    const previousEnd = i === 0 ? 0 : sentences[i - 1]!.end;
    const startsBlock = i === 0 || text.slice(previousEnd, sentence.start).includes('\n\n');
    const words = sentence.text.split(/\s+/).length;
    const row = out.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT);
    row[0] = 1 / (1 + indexInSection);
    row[1] = 1 - i / Math.max(1, sentences.length);
    row[2] = Math.min(1, sentence.section.length / 4);
    row[3] = Math.min(1, Math.log1p(words) / Math.log1p(60));
    row[4] = DEFINITION.test(sentence.text) ? 1 : 0;
    row[5] = ENUMERATION.test(sentence.text) ? 1 : 0;
    row[6] = NUMBERS.test(sentence.text) ? 1 : 0;
    row[7] = startsBlock ? 1 : 0;
    row[8] = frequencies.sum[i]!;
    row[9] = frequencies.mean[i]!;
  });
  return out;
}
