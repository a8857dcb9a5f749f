/**
 * Cards from a stored document: every key sentence becomes a cloze that hides the most important concept
 * it mentions, and a sentence that defines a concept ("X is a …", "X refers to …", "X: …",
 * "X, also called Y, …") also becomes a question ("What is X?" → the definition). A sentence that
 * mentions no concept hides its most attended content word instead; a gap is never empty and never the
 * whole sentence. Cards point at their sentence by id, and a card's `key` (kind + sentence id) is how a
 * re-import that keeps the sentence keeps the card and its review history.
 */
import { stemmer } from 'stemmer';
import type { ConceptScore } from '../../shared/document';
import { conceptKey } from '../extraction/concept-key';
import { mathSpans } from '../text/inline-math';

export const GAP = '[…]';

export type CardKind = 'cloze' | 'qa';

export interface StudyCard {
  id: string;
  documentId: string;
  /** The source sentence ("show source"). */
  sentenceId: string;
  /** Identity across re-imports: `${kind}:${sentenceId}`. */
  key: string;
  kind: CardKind;
  /** Made by hand from the reader rather than from the key sentences. */
  manual: boolean;
  /** Cloze: the sentence with the gap `[…]`. Q&A: the question. */
  prompt: string;
  answer: string;
  /** The whole sentence, shown with the answer. */
  sentence: string;
  /** The section path the sentence sits under. */
  context: string[];
  /**
   * The sentence before, shown above the prompt, when this one starts by pointing back ("It uses ATP…", "These
   * cells…"): without it the card does not say what "it" is. Absent otherwise, and on cards made before 2026-11-30.
   */
  leadIn?: string;
  /** The concept asked for; null when a cloze hides a plain content word. */
  concept: string | null;
  /** The sentence's salience: new cards are introduced most important first. */
  salience: number;
  createdAt: number;
}

/** A stored sentence as cards need it (the renderer's sentence rows fit this shape). */
export interface CardSourceSentence {
  id: string;
  text: string;
  section: readonly string[];
  salience: number | null;
  selected: boolean;
  why?: ReadonlyArray<{ token: string; weight: number }>;
}

export interface CardSourceDocument {
  id: string;
  /** In document order: concepts' sentence indices point into this list. */
  sentences: readonly CardSourceSentence[];
  /** The document's concepts; ranked by `score`. */
  concepts: readonly ConceptScore[];
}

export interface MakeCardsOptions {
  now: number;
  newId: () => string;
}

const STOPWORDS = new Set(
  (
    'a an the of to and in is was for on that with as by at it from be are were has have had he she they his her its this these those which ' +
    'or but not will would said also been their who more than up out about into after over can could may might must shall should there what ' +
    'when where why how all any some such no nor one two we you i our your them then so if do does did doing being am its it\'s very just ' +
    'each other both few most many much own same too only own off once here again further while because until during before above below ' +
    'between through under against us me my mine him hers theirs ours whom whose yet thus hence however therefore often usually called known'
  ).split(' '),
);

const PRONOUN_START = /^(it|this|that|these|those|they|he|she|we|you|i|there|here|which|what|who|such|one|each|some|many|most|all)\b/i;
/** A sentence that starts by pointing back at the one before: its card needs that sentence to be understood. */
const POINTS_BACK = /^(it|its|they|their|them|this|these|that|those|he|she|his|her|such|both|the latter|the former)\b/i;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

interface Token {
  start: number;
  /** End of the word without a possessive "'s". */
  end: number;
  lower: string;
  stem: string;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A note's inline TeX ("$C_6H_{12}O_6 \rightarrow 6CO_2$") holds command names, not words: a gap there breaks the maths.
  const math = mathSpans(text);
  for (const match of text.matchAll(WORD)) {
    if (math.some((m) => match.index < m.end && match.index + match[0].length > m.start)) continue;
    let word = match[0];
    if (/['’]s$/i.test(word)) word = word.slice(0, -2);
    const lower = word.toLowerCase();
    tokens.push({ start: match.index, end: match.index + word.length, lower, stem: stemmer(lower) });
  }
  return tokens;
}

interface Span {
  start: number;
  end: number;
}

/** Where `phrase` occurs in `text`: as written (case-insensitively, whole words) first, else by word stems. */
function findPhrase(text: string, textTokens: readonly Token[], phrase: string): Span | null {
  if (CJK.test(phrase)) {
    const at = text.toLowerCase().indexOf(phrase.toLowerCase());
    return at < 0 ? null : { start: at, end: at + phrase.length };
  }
  const words = tokenize(phrase);
  if (words.length === 0) return null;
  for (const field of ['lower', 'stem'] as const) {
    for (let i = 0; i + words.length <= textTokens.length; i++) {
      let j = 0;
      for (; j < words.length; j++) {
        const token = textTokens[i + j]!;
        if (token[field] !== words[j]![field]) break;
        // Words of a phrase are joined by spaces or hyphens only, not across punctuation.
        if (j > 0 && !/^[\s-]+$/.test(text.slice(textTokens[i + j - 1]!.end, token.start))) break;
      }
      if (j === words.length) return { start: textTokens[i]!.start, end: textTokens[i + words.length - 1]!.end };
    }
  }
  return null;
}

function isContentWord(word: string): boolean {
  if (CJK.test(word)) return [...word].length >= 2;
  return word.length >= 3 && /\p{L}/u.test(word) && !STOPWORDS.has(word.toLowerCase());
}

const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** A gap must hide something and leave enough of the sentence to be a question: two words (four CJK characters) outside it. */
function isFairGap(text: string, span: Span): boolean {
  if (!/[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) return false;
  if (splitsTerm(text, span)) return false;
  const rest = `${text.slice(0, span.start)} ${text.slice(span.end)}`;
  // "Every […] comes from an existing cell": the sentence says the answer itself.
  const gapKey = conceptKey(text.slice(span.start, span.end));
  if (gapKey && ` ${conceptKey(rest)} `.includes(` ${gapKey} `)) return false;
  return (rest.match(WORD) ?? []).length >= 2 || (rest.match(CJK_CHARS) ?? []).length >= 4;
}

/**
 * A gap glued to a neighbouring word by "_", "/", "." or "-" ("file_[…]", "TCP/[…]", "[…].js", "[…]-mediated"): it
 * splits one term, and the half left on show gives the other half away. (A concept spanning the whole compound is fine.)
 */
function splitsTerm(text: string, span: Span): boolean {
  return /[\p{L}\p{N}][_/.\-]$/u.test(text.slice(Math.max(0, span.start - 2), span.start)) || /^[_/.\-][\p{L}\p{N}]/u.test(text.slice(span.end, span.end + 2));
}

function rankedConcepts(concepts: readonly ConceptScore[]): ConceptScore[] {
  return concepts
    .map((concept, order) => ({ concept, order }))
    .sort((a, b) => b.concept.score - a.concept.score || a.order - b.order)
    .map(({ concept }) => concept);
}

interface Cloze {
  span: Span;
  concept: string | null;
}

/**
 * The gap of a sentence's cloze: the best-ranked document concept it holds, among those blanked least often so far
 * in the document (`blanked`), so that a document's cards do not all ask for its top concept; one blanked
 * MAX_BLANKS_PER_CONCEPT times already gives way to the sentence's best word.
 */
function chooseCloze(
  text: string,
  tokens: readonly Token[],
  concepts: readonly ConceptScore[],
  why: CardSourceSentence['why'],
  blanked: ReadonlyMap<string, number> = new Map(),
): Cloze | null {
  const uses = (key: string) => blanked.get(key) ?? 0;
  const byUse = [...concepts].sort((a, b) => uses(a.phrase) - uses(b.phrase));
  let overused: Cloze | null = null;
  for (const concept of byUse) {
    const span = findPhrase(text, tokens, concept.phrase);
    if (!span || !isFairGap(text, span)) continue;
    if (uses(concept.phrase) < MAX_BLANKS_PER_CONCEPT) return { span, concept: concept.phrase };
    overused ??= { span, concept: concept.phrase };
  }
  // No concept: the content word the model attended to most; failing that (or without attention), the longest.
  // Adverbs last: "roughly 17,000 people were […] executed" asks for "officially", which no one studies.
  const candidates = [
    ...[...(why ?? [])].sort((a, b) => b.weight - a.weight).map((w) => w.token),
    ...tokens
      .map((t, order) => ({ word: text.slice(t.start, t.end), order }))
      .sort((a, b) => b.word.length - a.word.length || a.order - b.order)
      .map((t) => t.word),
  ];
  candidates.sort((a, b) => Number(looksLikeAdverb(a)) - Number(looksLikeAdverb(b)));
  let repeated: Cloze | null = null;
  for (const word of candidates) {
    if (!isContentWord(word)) continue;
    const span = findPhrase(text, tokens, word);
    if (!span || !isFairGap(text, span)) continue;
    if (uses(gapKey(text, span, concepts)) < MAX_BLANKS_PER_CONCEPT) return { span, concept: null };
    repeated ??= { span, concept: null };
  }
  return overused ?? repeated;
}

/**
 * How often one concept (or word) is the gap in a document before others in the sentence are preferred: a chapter's
 * tenth card asking "gradient descent" again tests one fact, not ten. With nothing else to ask, it is asked anyway.
 */
const MAX_BLANKS_PER_CONCEPT = 3;

/**
 * What a gap counts under in `blanked`: the concept it names, when it names one (a one-word concept is also found as
 * a word, and must not start counting afresh), else its word's stem, so "cells" and "cell" count as one.
 */
function gapKey(text: string, span: Span, concepts: readonly ConceptScore[]): string {
  const gap = text.slice(span.start, span.end);
  return conceptNamed(gap, concepts)?.phrase ?? `word:${tokenize(gap).map((token) => token.stem).join(' ')}`;
}

/** Words in -ly a student may well be asked for: nouns and verbs, not adverbs. */
const NOT_ADVERBS = new Set(['family', 'supply', 'apply', 'reply', 'assembly', 'anomaly', 'monopoly', 'oligopoly', 'rally', 'ally', 'jelly', 'belly', 'lily', 'butterfly', 'dragonfly', 'firefly', 'melancholy', 'homily', 'comply', 'multiply', 'imply']);

/** A lowercase word in -ly of five letters or more ("officially", "roughly"): an adverb, mostly. */
function looksLikeAdverb(word: string): boolean {
  return word.length >= 5 && /^\p{Ll}+ly$/u.test(word) && !NOT_ADVERBS.has(word);
}

export interface Definition {
  question: string;
  answer: string;
  /** The defined term as the question shows it, without its article. */
  term: string;
  /** The document concept it names, if any. */
  concept: string | null;
}

const LEAD = String.raw`(?:(?:an?|the)\s+)?`;
const TERM = String.raw`([^,:;()]+?)`;
const ALSO = String.raw`(?:also\s+)?(?:called|known\s+as|referred\s+to\s+as|termed)`;
const PATTERNS: Array<{ re: RegExp; needsConcept: boolean; build: (m: RegExpExecArray) => { term: string; answer: string; plural?: boolean; alias?: boolean } }> = [
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s*,\s*${ALSO}\s+([^,]+?)\s*,\s*(is|are)\s+(.+)$`, 'iu'), needsConcept: false, build: (m) => ({ term: m[1]!, answer: m[4]!, plural: /^are$/i.test(m[3]!) }) },
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s*,\s*${ALSO}\s+([^,]+?)\s*[,.;]?$`, 'iu'), needsConcept: false, build: (m) => ({ term: m[1]!, answer: m[2]!, alias: true }) },
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s+(is|are)\s+(?:defined|described)\s+as\s+(.+)$`, 'iu'), needsConcept: false, build: (m) => ({ term: m[1]!, answer: m[3]!, plural: /^are$/i.test(m[2]!) }) },
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s+(?:refers?\s+to|denotes?)\s+(.+)$`, 'iu'), needsConcept: false, build: (m) => ({ term: m[1]!, answer: m[2]! }) },
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s+(?:means|stands\s+for)\s+(.+)$`, 'iu'), needsConcept: true, build: (m) => ({ term: m[1]!, answer: m[2]! }) },
  { re: new RegExp(String.raw`^${TERM}\s*:\s+(.+)$`, 'iu'), needsConcept: true, build: (m) => ({ term: m[1]!, answer: m[2]! }) },
  { re: new RegExp(String.raw`^${LEAD}${TERM}\s+(is|are)\s+((?:an?|the|one)\s+.+)$`, 'iu'), needsConcept: true, build: (m) => ({ term: m[1]!, answer: m[3]!, plural: /^are$/i.test(m[2]!) }) },
];

/** The concept a term names: same words, or same stems. */
function conceptNamed(term: string, concepts: readonly ConceptScore[]): ConceptScore | null {
  const words = tokenize(term);
  if (words.length === 0) return null;
  for (const field of ['lower', 'stem'] as const) {
    const key = words.map((w) => w[field]).join(' ');
    const found = concepts.find((c) => tokenize(c.phrase).map((w) => w[field]).join(' ') === key);
    if (found) return found;
  }
  return null;
}

/** The definition a sentence gives, if it has the shape of one. */
export function findDefinition(text: string, concepts: readonly ConceptScore[]): Definition | null {
  const sentence = text.trim().replace(/\s+/g, ' ');
  for (const pattern of PATTERNS) {
    const match = pattern.re.exec(sentence);
    if (!match) continue;
    const built = pattern.build(match);
    const term = built.term.trim();
    const answer = built.answer.trim().replace(/[.!;:]+$/, '').trim();
    const termWords = term.match(WORD) ?? [];
    if (termWords.length === 0 || termWords.length > 6 || PRONOUN_START.test(term)) continue;
    if ((answer.match(WORD) ?? []).length < (built.alias ? 1 : 2)) continue;
    const concept = conceptNamed(term, concepts);
    if (pattern.needsConcept && !concept) continue;
    // As written in the sentence, minus a sentence-initial capital the concept does not have, and with the article
    // the sentence gave it: "The cell membrane is…" asks "What is the cell membrane?", not "What is cell membrane?".
    const article = /^(an?|the)\s/iu.exec(sentence)?.[1] && !/^(an?|the)\s/iu.test(term) ? `${/^(an?|the)/iu.exec(sentence)![1]!.toLowerCase()} ` : '';
    const lowered = concept && /^\p{Ll}/u.test(concept.phrase) ? term.charAt(0).toLowerCase() + term.slice(1) : term;
    const shown = article + lowered;
    const question = built.alias ? `What is ${shown} also called?` : `What ${built.plural ? 'are' : 'is'} ${shown}?`;
    return { question, answer, term: lowered, concept: concept?.phrase ?? null };
  }
  return null;
}

/**
 * A list item's number or bullet ("1. ", "(b) ", "iv) ", "• "), or a footnote's number printed against its first
 * word ("1The current…", a PDF's superscript read inline) or raised ("¹ The current…"), at the start of a sentence:
 * a card asks the sentence, not its place in a list ("1. lists may also be […]"). A number and a space before a word
 * stays: "2 people were hurt" and a footnote's "1 The…" read alike; so does an isotope's mass number ("¹⁴C dating").
 */
const LEADING_MARKER = /^(?:(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]|[•·▪◦‣∙●○■□–—*-])\s+(?=\S)|\d{1,2}(?=\p{Lu}\p{Ll})|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*(?=\p{Lu}\p{Ll}))/u;

/** The sentence as a card shows it: trimmed, without a list item's number or a footnote's glued on. */
export function cardText(sentence: string): string {
  const text = sentence.trim();
  // A footnote's mark after the full stop ("…Pelc.¹") points at a note the card does not show.
  const bare = text.replace(LEADING_MARKER, '').replace(/([.!?…]["'”’)\]]*)[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u, '$1');
  // A marker and nothing much after it ("1. Introduction") is the sentence itself.
  return (bare.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 3 ? bare : text;
}

/** The sentence before, in the same section, for a sentence that starts by pointing back at it. */
function leadInOf(doc: CardSourceDocument, index: number, text: string): { leadIn?: string } {
  if (!POINTS_BACK.test(text)) return {};
  const before = doc.sentences[index - 1];
  if (!before || before.section.join('\u0000') !== doc.sentences[index]!.section.join('\u0000')) return {};
  const leadIn = before.text.trim();
  // Only prose says what "it" is: not a table row ("Left ventricle | Pumps blood"), nor a callout's or a list's label.
  const prose = !leadIn.includes(' | ') && /[.!?…]["'”’)]*$/u.test(leadIn) && (leadIn.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 4;
  return prose ? { leadIn } : {};
}

/** The lead-in a card of the document's sentence `index` shows now (see StudyCard.leadIn): after a re-import the sentence before may be another. */
export function cardLeadIn(doc: CardSourceDocument, index: number): string | undefined {
  const sentence = doc.sentences[index];
  return sentence ? leadInOf(doc, index, sentence.text.trim()).leadIn : undefined;
}

function cardsForSentence(
  doc: CardSourceDocument,
  index: number,
  concepts: readonly ConceptScore[],
  manual: boolean,
  options: MakeCardsOptions,
  blanked: Map<string, number> = new Map(),
): StudyCard[] {
  const source = doc.sentences[index];
  if (!source) return [];
  const text = cardText(source.text);
  const tokens = tokenize(text);
  const base = {
    documentId: doc.id,
    sentenceId: source.id,
    manual,
    sentence: text,
    context: [...source.section],
    ...leadInOf(doc, index, text),
    salience: source.salience ?? 0,
    createdAt: options.now,
  };
  const cards: StudyCard[] = [];
  const cloze = chooseCloze(text, tokens, concepts, source.why, blanked);
  if (cloze) {
    const key = cloze.concept ?? gapKey(text, cloze.span, concepts);
    blanked.set(key, (blanked.get(key) ?? 0) + 1);
    cards.push({
      ...base,
      id: options.newId(),
      key: `cloze:${source.id}`,
      kind: 'cloze',
      prompt: `${text.slice(0, cloze.span.start)}${GAP}${text.slice(cloze.span.end)}`,
      answer: text.slice(cloze.span.start, cloze.span.end),
      concept: cloze.concept,
    });
  }
  const definition = findDefinition(text, concepts);
  if (definition) {
    cards.push({
      ...base,
      id: options.newId(),
      key: `qa:${source.id}`,
      kind: 'qa',
      prompt: definition.question,
      answer: definition.answer,
      concept: definition.concept ?? definition.term,
    });
  }
  return cards;
}

/** Cards for every key sentence of a document, in document order. */
export function makeCards(doc: CardSourceDocument, options: MakeCardsOptions): StudyCard[] {
  const concepts = rankedConcepts(doc.concepts);
  const cards: StudyCard[] = [];
  const blanked = new Map<string, number>();
  doc.sentences.forEach((sentence, index) => {
    if (sentence.selected) cards.push(...cardsForSentence(doc, index, concepts, false, options, blanked));
  });
  return cards;
}

/**
 * Whether "Make a card" would make one of the sentence: it has a fair gap or the shape of a definition. A fragment
 * the splitter cut off (`" said Calder.`) has neither, so it is no suggestion to accept.
 */
export function canMakeCardFrom(sentence: Pick<CardSourceSentence, 'text' | 'why'>, concepts: readonly ConceptScore[]): boolean {
  const text = cardText(sentence.text);
  const ranked = rankedConcepts(concepts);
  return chooseCloze(text, tokenize(text), ranked, sentence.why) !== null || findDefinition(text, ranked) !== null;
}

/** The reader's "make a card" on any sentence: its cloze, and its Q&A card when it defines something; [] when nothing can be asked. */
export function makeCardFromSentence(doc: CardSourceDocument, sentenceIndex: number, options: MakeCardsOptions): StudyCard[] {
  return cardsForSentence(doc, sentenceIndex, rankedConcepts(doc.concepts), true, options);
}

export interface CardReconciliation {
  /** Existing cards whose sentence survived: kept as they are, ids and history intact. */
  kept: StudyCard[];
  /** Fresh cards with no existing card of the same key. */
  added: StudyCard[];
  /** Existing cards whose sentence is gone. */
  removed: StudyCard[];
}

/**
 * After a re-import: which cards stay, which are new, which lost their sentence. `sentenceIds` are the
 * document's sentence ids after the import (plan-import keeps the id of every surviving sentence).
 */
export function reconcileCards(existing: readonly StudyCard[], fresh: readonly StudyCard[], sentenceIds: ReadonlySet<string>): CardReconciliation {
  const kept: StudyCard[] = [];
  const removed: StudyCard[] = [];
  const keys = new Set<string>();
  for (const card of existing) {
    if (sentenceIds.has(card.sentenceId)) {
      kept.push(card);
      keys.add(card.key);
    } else removed.push(card);
  }
  const added: StudyCard[] = [];
  for (const card of fresh) {
    if (keys.has(card.key) || !sentenceIds.has(card.sentenceId)) continue;
    keys.add(card.key);
    added.push(card);
  }
  return { kept, added, removed };
}
