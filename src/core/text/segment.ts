/**
 * Sentence segmentation: wink-nlp for English (abbreviations such as "Dr.", "e.g.", "U.S."), the
 * platform's Intl.Segmenter for every other language (Chinese and Japanese split at 。！？). A few
 * repairs on top undo splits that are wrong in study notes: decimals and versions, inline enumerations,
 * and quotes followed by their speaker.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Longer runs (tables flattened to text, PDF debris) are cut at a space near this length. */
export const MAX_SENTENCE_CHARS = 600;

let english: ReturnType<typeof winkNLP> | undefined;

function englishSentences(text: string): SentenceSpan[] {
  english ??= winkNLP(model, ['sbd']);
  const spans: SentenceSpan[] = [];
  let cursor = 0;
  for (const sentence of english.readDoc(text).sentences().out() as string[]) {
    const at = text.indexOf(sentence, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + sentence.length });
    cursor = at + sentence.length;
  }
  return spans;
}

const segmenters = new Map<string, Intl.Segmenter>();

function intlSentences(text: string, language: string): SentenceSpan[] {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language === 'und' ? undefined : language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  return [...segmenter.segment(text)].map((s) => ({ start: s.index, end: s.index + s.segment.length }));
}

/** Trims whitespace off each span and drops spans with no letters or digits. */
function tidy(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (let { start, end } of spans) {
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end });
  }
  return out;
}

/** Whether the boundary between two adjacent sentences is a false split. */
function shouldJoin(previous: string, next: string, gap: string): boolean {
  // "v2." + "0 of the spec": a number split at its decimal point.
  if (gap === '' && /\d\.$/.test(previous) && /^\d/.test(next)) return true;
  // "Then 1." + "First item": an inline enumerator, not a sentence end.
  if (/(^|\s)(\d{1,2}|[a-z]|[ivx]{1,4})[.)]$/i.test(previous) && previous.length > 2) return true;
  // '"Is it true?"' + 'she asked.': a sentence does not begin in lower case.
  if (/^[\p{Ll}]/u.test(next) && !/^(e\.g|i\.e|etc)/.test(next)) return true;
  return false;
}

function repair(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const span of spans) {
    const last = out.at(-1);
    if (last && shouldJoin(text.slice(last.start, last.end), text.slice(span.start, span.end), text.slice(last.end, span.start))) {
      last.end = span.end;
    } else {
      out.push({ ...span });
    }
  }
  return out;
}

function capLength(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const span of spans) {
    let { start } = span;
    while (span.end - start > MAX_SENTENCE_CHARS) {
      const window = text.slice(start, start + MAX_SENTENCE_CHARS);
      const cut = Math.max(window.lastIndexOf('; '), window.lastIndexOf(', '), window.lastIndexOf(' '));
      const end = cut > MAX_SENTENCE_CHARS / 3 ? start + cut + 1 : start + MAX_SENTENCE_CHARS;
      out.push({ start, end });
      start = end;
    }
    out.push({ start, end: span.end });
  }
  return tidy(text, out);
}

/** Sentence spans of one block of text, in order, with offsets into that text. */
export function segmentSentences(text: string, language: string): SentenceSpan[] {
  const raw = language === 'en' ? englishSentences(text) : intlSentences(text, language);
  return capLength(text, repair(text, tidy(text, raw)));
}
