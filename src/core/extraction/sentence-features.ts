/**
 * The structural features the attention model's head weighs beside attention: where a sentence sits,
 * how long it is, and cues that it defines, enumerates or quantifies something. Each is scaled to about
 * [0, 1] so the fitted head weights are comparable.
 */
import type { ParsedDocument } from '../../shared/document';

export const FEATURE_NAMES = [
  'first-in-section',
  'early-in-document',
  'heading-depth',
  'length',
  'definition-cue',
  'enumeration-cue',
  'numbers',
  'first-in-paragraph',
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

const DEFINITION = /\b(is|are|was|were) (a|an|the|defined as|called|known as)\b|\b(refers? to|is defined as|means|denotes|stands for)\b|^[^,;]{2,60}:\s|\(([A-Z]{2,}s?)\)/;
const ENUMERATION = /^(\d+[.)]|[a-z][.)]|[-•*])\s|\b(first(ly)?|second(ly)?|third(ly)?|finally|two|three|four|five|several) (types?|kinds?|steps?|stages?|phases?|ways?|reasons?|parts?|factors?)\b|\b(include|includes|including|consists? of|such as)\b/i;
const NUMBERS = /\d|\b(hundred|thousand|million|billion|percent|per cent)\b/i;

export interface SentenceSlot {
  text: string;
  section: string[];
  start: number;
}

/** Features of every sentence in document order (row-major: sentence × FEATURE_COUNT). */
export function sentenceFeatures(document: Pick<ParsedDocument, 'text' | 'sentences'>): Float32Array {
  const { sentences, text } = document;
  const out = new Float32Array(sentences.length * FEATURE_COUNT);
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
  });
  return out;
}
