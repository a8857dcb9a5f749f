/**
 * Sentence segmentation: wink-nlp for English (abbreviations such as "Dr.", "e.g.", "U.S."), the
 * platform's Intl.Segmenter for every other language (Chinese and Japanese split at 。！？). English text is
 * also cut where wink reads on (。！？, a lone capital before the next sentence). A few repairs on top undo
 * splits that are wrong in study notes: decimals and versions, inline enumerations, initials, reference
 * abbreviations before their number, and quotes followed by their speaker.
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

/**
 * A run of this many characters without a space (pasted base64, a long link) is no word: wink's tokenizer tests each
 * token with a pattern whose time grows with the square of its length (300 KB of base64 took 31 s).
 */
const LONG_TOKEN = /\S{100,}/g;

/**
 * The text with each long run cut into short pieces of the same length in all (offsets stay those of the text). What
 * ends the run as a sentence ends (a link's closing "." or ")") is left as written: masked, the sentence after it
 * ran on into this one.
 */
function withoutLongTokens(text: string): string {
  return text.replace(LONG_TOKEN, (run) => {
    const end = /[.!?…)\]"'”’]+$/u.exec(run)?.[0] ?? '';
    const body = run.slice(0, run.length - end.length);
    return body.replace(/[^]/g, (_, i: number) => (i % 40 === 39 ? ' ' : 'x')) + end;
  });
}

function englishSentences(source: string): SentenceSpan[] {
  english ??= winkNLP(model, ['sbd']);
  const text = withoutLongTokens(source);
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

/**
 * Where wink reads on: after 。！？ (a Chinese or Japanese passage in an English note) and after a lone letter
 * before a capital ("vitamin C. Sailors", "3.5 m. The"), which wink takes for an initial; repair() decides those.
 */
const MISSED_BOUNDARY = /[。！？]+[」』”’）)]*|(?:^|\s)(?:\d[\d.,]*)?\p{L}\.(?=\s+\p{Lu})/gu;

function splitMissed(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const { start, end } of spans) {
    let from = start;
    for (const match of text.slice(start, end).matchAll(MISSED_BOUNDARY)) {
      const cut = start + match.index + match[0].length;
      if (cut < end) {
        out.push({ start: from, end: cut });
        from = cut;
      }
    }
    out.push({ start: from, end });
  }
  return out;
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

/** Abbreviations that stand before a number ("Fig. 2", "ch. 10", "et al. 2019"); matched in any case. */
const NUMBERED_ABBREVIATION =
  /(^|[\s(])(fig|figs|eqn?|eqs|ch|chap|sec|sect|vol|vols|no|nos|nr|p|pp|pg|ref|refs|tab|art|para?|thm|def|prop|lem|cor|ex|alg|app|appx|suppl|fn|ed|al|approx|ca|c|cf|vs|pt|pts|e\.g|i\.e)\.$/i;

/** Words after which (as after a comma) a capital and a full stop are likely an initial: "by J. Smith", "and F. Crick". */
const NAME_LEADS = new Set(['and', 'by', 'from', 'of', 'to', 'with', '&']);

/** Words that begin a sentence far more often than they are a surname. */
const SENTENCE_STARTS = new Set(
  'The This That These Those It Its They There Then Thus Hence So But And Or In On At For If When While We He She A An As Each Every All Both Some No Here However Therefore Since Because After Before What Why How Which Our Their One Note See Also Let Now Consider Suppose To'.split(' '),
);

/**
 * "George W." / "J. R." + "Bush": a capital letter after a name or another initial is an initial. After a
 * lowercase word, a number or a symbol ("vitamin C.", "A or B.", "A ∪ B.", "3.5 V.") it ends the sentence,
 * unless that word or a comma leads into a name ("by J." + "Smith", "and B." + "A. Huberman") and the next
 * sentence does not start like one.
 */
function isInitial(previous: string, next: string): boolean {
  // "J." or "[1] T." + "F. Abdelzaher": the first letter of a sentence (a reference) is an initial.
  if (!/\p{L}/u.test(previous.slice(0, -2))) return true;
  const before = /(\S+)\s+\p{Lu}\.$/u.exec(previous)?.[1];
  if (before === undefined) return false;
  if (/^\p{Lu}\.$|^\p{Lu}\S*\p{Ll}/u.test(before)) return true;
  const leadsIntoName = NAME_LEADS.has(before.toLowerCase()) || before.endsWith(',');
  return leadsIntoName && (/^\p{Lu}\./u.test(next) || !SENTENCE_STARTS.has(/^\p{L}+/u.exec(next)?.[0] ?? ''));
}

/** The longest item, in words, that a line counting its items ("1. Mix the flour 2. Add the water") holds. */
const MAX_ITEM_WORDS = 6;
/** Nouns that a number follows as its count ("chapter 4", "room 12"), not as an item marker. */
const COUNTED_NOUN = /(?:^|\s)(?:chapters?|sections?|parts?|pages?|pp?|steps?|figures?|figs?|tables?|lectures?|lessons?|units?|weeks?|days?|rooms?|trials?|levels?|grades?|versions?|volumes?|vols?|questions?|exercises?|problems?|appendix|equations?|eqs?|no|numbers?|years?|phases?|stages?|books?|verses?|lines?|articles?|rules?|modules?|sessions?|episodes?|seasons?|rounds?|acts?|scenes?)$/iu;

/**
 * "Steps: 1." + "Mix the flour 2." + "Add water.": a number that counts items in a line, not a sentence end. Only
 * after a colon, or in a run the numbers before or after continue: "…held in room 12." + "Everyone came." and
 * "…in part 1." + "Researchers measured…" end their sentences (joined, they made one card of two sentences).
 */
function isInlineNumber(previous: string, next: string): boolean {
  const match = /(^|\s)(\d{1,2})[.)]$/.exec(previous);
  if (!match || previous.length <= 2) return false;
  const n = Number(match[2]);
  const before = previous.slice(0, match.index + match[1]!.length).trimEnd();
  if (/[:;]$/.test(before)) return true;
  // "…covered in chapter 4." + "Meiosis … in chapter 5.": a number that a noun counts ends its sentence, however
  // the next sentence's number continues it.
  if (COUNTED_NOUN.test(before)) return false;
  const marker = (k: number) => new RegExp(`(^|\\s)${k}[.)](\\s|$)`);
  const wordsIn = (text: string) => text.split(/\s+/u).filter(Boolean).length;
  // Items in a line are short ("1. Mix the flour 2. Add the water"); a whole sentence between two numbers is not one.
  const previousMarker = n > 1 ? marker(n - 1).exec(before) : null;
  if (previousMarker && wordsIn(before.slice(previousMarker.index + previousMarker[0].length)) <= MAX_ITEM_WORDS) return true;
  const nextMarker = marker(n + 1).exec(next);
  return nextMarker !== null && wordsIn(next.slice(0, nextMarker.index)) <= MAX_ITEM_WORDS;
}

/** Whether the boundary between two adjacent sentences is a false split. */
function shouldJoin(previous: string, next: string, gap: string): boolean {
  // "v2." + "0 of the spec": a number split at its decimal point.
  if (gap === '' && /\d\.$/.test(previous) && /^\d/.test(next)) return true;
  // "See Fig." + "2 for the cycle".
  if (/^\p{N}/u.test(next) && NUMBERED_ABBREVIATION.test(previous)) return true;
  // "(a) apples b." + "Pears": an inline enumerator, not a sentence end ("3.5 m." is a unit).
  if (/(^|\s)([a-z]|[ivx]{1,4}|[IVX]{2,4})[.)]$|(^|\s)[A-Z]\)$/.test(previous) && previous.length > 2 && !/\d\s?[a-z]\.$/.test(previous)) return true;
  if (isInlineNumber(previous, next)) return true;
  if (/(^|\s)(\d[\d.,]*)?\p{Lu}\.$/u.test(previous) && isInitial(previous, next)) return true;
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

const RAISED_MARK = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+/u;

/**
 * "…by Howard and Pelc.¹ It has four phases.": a footnote mark glued to a sentence's full stop is that sentence's;
 * the splitter cut after the stop and gave it to the next one, which then read as a footnote ("¹ It has…").
 */
function marksToTheirSentence(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const out = spans.map((span) => ({ ...span }));
  for (let i = 1; i < out.length; i++) {
    const previous = out[i - 1]!;
    const span = out[i]!;
    const mark = RAISED_MARK.exec(text.slice(span.start, span.end))?.[0];
    if (!mark || previous.end !== span.start || span.start + mark.length >= span.end) continue;
    previous.end += mark.length;
    span.start += mark.length;
  }
  return out;
}

/** Sentence spans of one block of text, in order, with offsets into that text. */
export function segmentSentences(text: string, language: string): SentenceSpan[] {
  const raw = language === 'en' ? splitMissed(text, englishSentences(text)) : intlSentences(text, language);
  return capLength(text, marksToTheirSentence(text, repair(text, tidy(text, raw))));
}
