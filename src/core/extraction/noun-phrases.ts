/**
 * Candidate concepts: noun phrases (adjectives and nouns ending in a noun), found with wink-nlp's
 * part-of-speech tagger — the classic keyphrase candidate pattern (Hulth 2003). `nounPhrases` is that
 * pattern as the reference TF-IDF baseline uses it; `phraseOccurrences` is the refined pattern Focal's
 * concepts use, tagging a document once and placing every phrase in its sentence.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** Longer runs of adjectives and nouns are mostly tagging debris (tables, reference lists). */
export const MAX_PHRASE_WORDS = 4;

/**
 * Adjectives that refer, quantify or praise rather than say what kind of thing it is ("other methods",
 * "a novel algorithm"): dropped from the start of a phrase, as keyphrase stoplists do.
 */
const LEADING_STOP_ADJECTIVES = new Set(
  (
    'other different new same many such original good several particular simple given possible large small existing ' +
    'various actual corresponding more most much best better bad basic following suitable traditional own typical ' +
    'relevant certain well-known first last next appropriate current reasonable main effective efficient few previous ' +
    'recent novel further each present specific whole entire additional necessary useful important significant similar ' +
    'respective successful proper overall higher highest lower lowest usual general'
  ).split(' '),
);

let tagger: ReturnType<typeof winkNLP> | undefined;

const NOUN = new Set(['NOUN', 'PROPN']);
const MODIFIER = new Set(['ADJ', 'NOUN', 'PROPN']);
/** After a gerund these mean it governs an object ("methods using the …"), so it is a verb, not a noun. */
const VERB_OBJECT = new Set(['DET', 'NOUN', 'PROPN', 'ADJ', 'PRON', 'NUM', 'ADV']);
/**
 * Words that start a verb's object ("measures the …", "controls what enters", "costs $5"), and do not follow a
 * noun phrase's last word as "whose", "each", "which" or "where" can.
 */
const OBJECT_STARTS = new Set('the a an its their his her our my your this these those some what how whether'.split(' '));
/**
 * An amount as a verb's object: a price ("costs $5", "weighs £3.50"), or a number of something ("contains 46
 * chromosomes"). A bare number after a plural may be the plural's own number: "lecture notes 3 and 4", "the summer
 * months 2020".
 */
const CURRENCY = /^\p{Sc}/u;
const NUMBER = /^(\p{N}|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|several|many|dozens)$)/iu;
/**
 * Verbs that take a "that" clause ("the cell theory states that …", "fossils show that …"): before "that" they are
 * verbs, not plurals ("the plant cells that divide" keeps its noun: "cells" is not one of them).
 */
const THAT_VERBS = new Set(
  'states shows show suggests suggest says say claims claim explains explain describes describe predicts predict proposes propose argues argue means mean implies imply requires require ensures ensure assumes assume indicates indicate demonstrates demonstrate reveals reveal concludes conclude notes note believes believe finds find holds hold'.split(' '),
);
const COORDINATORS = new Set(['and', 'or']);
/** Pronouns that can be a verb's subject ("we propose, design and evaluate"); "their mean and variance" has a noun. */
const SUBJECT_PRONOUNS = new Set('i you he she it we they who which that'.split(' '));
/** Adjectives by their ending ("electrical", "believable", "potential"): in a list of nouns they still describe. */
const ADJECTIVE_ENDING = /(al|ble|ive|ous|ic|ful|less|ant|ent|ary|ory)$/u;
/** What a verb's object may hold up to the next "and" or comma: a noun phrase, a possessive, prepositional phrases. */
const OBJECT_TAGS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'ADP', 'PRON', 'PART']);
const RELATIVES = new Set(['that', 'which', 'who', 'whom', 'whose', 'where', 'when']);
const POSSESSIVES = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your']);
/** The most words an object spans between two joined verbs ("substances against their concentration gradient": 5). */
const OBJECT_SPAN_LIMIT = 8;
const LETTER = /\p{L}/u;
const RAGGED = /^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u;
const CAPITALISED = /^\p{Lu}/u;

function isWord(token: string): boolean {
  return /[a-z]/i.test(token);
}

interface Tagged {
  words: string[];
  tags: string[];
  starts: number[];
  ends: number[];
}

/** wink-nlp's tokens and part-of-speech tags, with their offsets into `text`. */
function tag(text: string): Tagged {
  // Sentence breaking would not change the tags, and costs a tenth of the time.
  tagger ??= winkNLP(model, ['pos']);
  const tokens = tagger.readDoc(text).tokens();
  const words = tokens.out() as string[];
  const tags = tokens.out(tagger.its.pos) as string[];
  const spaces = tokens.out(tagger.its.precedingSpaces) as string[];
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    at += spaces[i]!.length;
    // wink's values are slices of the text; should one not be, find it again so later offsets stay right.
    if (!text.startsWith(word, at)) at = Math.max(at, text.indexOf(word, at));
    starts.push(at);
    at += word.length;
    ends.push(at);
  }
  return { words, tags, starts, ends };
}

/**
 * "fuzzy-logic", "end-to-end" and "model-based" are tagged in pieces around '-': they are joined into one
 * word, a noun when its last piece is a noun and a modifier otherwise. So is a number with letters glued on.
 */
function joinHyphenated(tagged: Tagged): Tagged {
  const { words, tags, starts, ends } = tagged;
  const joined: Tagged = { words: [], tags: [], starts: [], ends: [] };
  for (let i = 0; i < words.length; i++) {
    const start = starts[i]!;
    let word = words[i]!;
    let wordTag = tags[i]!;
    let end = ends[i]!;
    const joinsNext = () =>
      i + 2 < words.length && words[i + 1] === '-' && starts[i + 1] === end && starts[i + 2] === end + 1 && !RAGGED.test(word) && !RAGGED.test(words[i + 2]!);
    while (joinsNext()) {
      word += '-' + words[i + 2]!;
      wordTag = tags[i + 2]!;
      end = ends[i + 2]!;
      i += 2;
    }
    // "70S", "5HT": a number with letters glued to it is one name, which wink splits ("70" and a lone "S" began the
    // concept "s ribosomes").
    if (tags[i] === 'NUM' && /^\d+$/u.test(word) && i + 1 < words.length && starts[i + 1] === end && /^\p{L}+$/u.test(words[i + 1]!)) {
      word += words[i + 1]!;
      wordTag = 'NOUN';
      end = ends[i + 1]!;
      i += 1;
    }
    if (word.includes('-')) wordTag = NOUN.has(wordTag) ? 'NOUN' : LETTER.test(word) ? 'ADJ' : wordTag;
    joined.words.push(word);
    joined.tags.push(wordTag);
    joined.starts.push(start);
    joined.ends.push(end);
  }
  return joined;
}

export interface PhraseOccurrence {
  /** The phrase's words as written; hyphenated compounds are one word. */
  words: string[];
  sentence: number;
  /** 1-based position of its first word among the document's words (PositionRank's position). */
  position: number;
}

/** A phrase ends in a noun and does not start with a stop adjective; null when nothing is left or it is too long. */
function trimRun(words: string[], tags: string[], positions: number[], sentence: number): PhraseOccurrence | null {
  let first = 0;
  let last = words.length - 1;
  while (last >= first && !NOUN.has(tags[last]!)) last--;
  while (first <= last && LEADING_STOP_ADJECTIVES.has(words[first]!.toLowerCase())) first++;
  while (last >= first && !NOUN.has(tags[last]!)) last--;
  const length = last - first + 1;
  if (length < 1 || length > MAX_PHRASE_WORDS) return null;
  return { words: words.slice(first, last + 1), sentence, position: positions[first]! };
}

/**
 * Whether `verb`, after `noun`, agrees with it as a verb would: "-s" after a singular ("the nucleus stores"), none
 * after a plural ("chromosomes line up"). A noun in "-ics" may be either: a field of study ("thermodynamics studies
 * energy") or a plural ("the statistics show a trend").
 */
function agreesAsVerb(noun: string, verb: string): boolean {
  if (/ics$/iu.test(noun)) return true;
  return /[^su]s$/u.test(noun) ? !/s$/u.test(verb) : /[^su]s$/u.test(verb);
}

/** A verb's -s form, or a plural: "releases", "cells" (not "-ss": "process"). */
const inSVerbForm = (word: string) => /[^s]s$/u.test(word);

/** Words that open a subordinate clause, which has a verb. */
const SUBORDINATORS = new Set('when whenever while once if unless because although though whereas'.split(' '));
/** Words that open a subordinate clause or a prepositional phrase ("before a cell divides", "before mitosis"). */
const SUBORDINATORS_OR_PREPOSITIONS = new Set('before after since until as'.split(' '));

/**
 * The verb of a clause the tagger found none in, where the clause is one a verb must be in:
 * - after "and", when the clause before has its verb and ends in it or in a comma ("the chromosomes condense and the
 *   spindle forms."; not "combines the wavelet packet and the total variation approaches");
 * - after "so that" or a subordinator that is no preposition too ("so that memory cells form without disease");
 * - the main clause after a subordinate one that opens the sentence, has its verb and ends in a comma ("Before a cell
 *   divides, DNA polymerase copies each strand."; not "Before mitosis, …").
 * A bare comma may start a list or an apposition ("the nucleus, ribosomes, and the cell membranes."), so no clause
 * after one counts otherwise. The subject comes first (after a phrase such as "in telophase" and an article); its last
 * lowercase word that agrees with the noun before it as a verb would, followed by a preposition, an article or the
 * sentence's end, is the verb.
 */
function verbsOfVerblessClauses(words: readonly string[], tags: readonly string[], starts: readonly number[], bounds: readonly number[], sentences: readonly string[]): Set<number> {
  const verbs = new Set<number>();
  // Participles and gerunds after a noun, preposition or article describe ("proteins called cyclins"); "to" verbs are infinitives.
  const finite = (i: number) =>
    tags[i] === 'AUX' || (tags[i] === 'VERB' && tags[i - 1] !== 'PART' && !(/(ing|ed)$/u.test(words[i]!) && /^(NOUN|PROPN|ADP|DET)$/u.test(tags[i - 1] ?? '')));
  let sentence = 0;
  let first = 0;
  const endSentence = (to: number) => {
    if (to > first && /[.!?]["'”’)]*$/u.test(sentences[sentence]!.trim())) clausesOf(first, to);
  };
  for (let i = 0; i < words.length; i++) {
    if (sentence + 1 >= bounds.length || starts[i]! < bounds[sentence + 1]!) continue;
    endSentence(i);
    while (sentence + 1 < bounds.length && starts[i]! >= bounds[sentence + 1]!) sentence++;
    first = i;
  }
  endSentence(words.length);
  return verbs;

  /** Splits tokens [from, to) into clauses and looks for the verb in each that qualifies. */
  function clausesOf(from: number, to: number): void {
    type Opener = 'start' | 'and' | 'subordinator' | 'opening' | 'comma';
    const clauses: Array<{ start: number; end: number; after: Opener }> = [];
    let start = from;
    let after: Opener = 'start';
    for (let i = from; i < to; i++) {
      const word = words[i]!.toLowerCase();
      const opens =
        COORDINATORS.has(word) && /^(DET|ADP|PRON)$/u.test(tags[i + 1] ?? '')
          ? 'and'
          : SUBORDINATORS.has(word) || (word === 'that' && words[i - 1]?.toLowerCase() === 'so')
            ? 'subordinator'
            : i === from && SUBORDINATORS_OR_PREPOSITIONS.has(word)
              ? 'opening'
              : /^[,;:]$/u.test(word)
                ? 'comma'
                : null;
      if (!opens) continue;
      if (i > start) clauses.push({ start, end: i, after });
      start = i + 1;
      after = opens;
    }
    if (to > start) clauses.push({ start, end: to, after });
    clauses.forEach((clause, c) => {
      const previous = clauses[c - 1];
      const qualifies =
        clause.after === 'subordinator' ||
        (clause.after === 'and' && previous !== undefined && range(previous).some(finite) && (endsInVerb(previous) || words[clause.start - 2] === ',')) ||
        (clause.after === 'comma' && previous !== undefined && /^(subordinator|opening)$/u.test(previous.after) && previous.start - 1 === from && range(previous).some(finite));
      if (!qualifies || range(clause).some(finite)) return;
      let i = clause.start;
      // A phrase before the subject ("in telophase"), then its article and adjectives.
      if (tags[i] === 'ADP') {
        let j = i + 1;
        while (j < clause.end && /^(ADJ|NOUN|PROPN|NUM)$/u.test(tags[j]!)) j++;
        if (tags[j] === 'DET') i = j;
      }
      while (i < clause.end && /^(DET|ADJ|ADV|NUM)$/u.test(tags[i]!)) i++;
      let verb = -1;
      for (let j = i + 1; j < clause.end && NOUN.has(tags[j]!) && NOUN.has(tags[j - 1]!); j++) {
        const follows = /^(ADP|DET)$/u.test(tags[j + 1] ?? '') || (j + 2 === to && /^[.!?]$/u.test(words[j + 1]!));
        if (/^\p{Ll}+$/u.test(words[j]!) && agreesAsVerb(words[j - 1]!, words[j]!) && follows) verb = j;
      }
      if (verb >= 0) verbs.add(verb);
    });
  }

  function endsInVerb(clause: { start: number; end: number }): boolean {
    let last = clause.end - 1;
    while (last > clause.start && (tags[last] === 'ADV' || tags[last] === 'ADP')) last--;
    return finite(last);
  }

  function range(clause: { start: number; end: number }): number[] {
    return Array.from({ length: clause.end - clause.start }, (_, k) => clause.start + k);
  }
}

/**
 * The verbs the tagger took for nouns in sentences it found no verb in (an infinitive aside), though they end as
 * sentences do: "Diffusion moves molecules from high to low concentration.", "Plant cells store starch.". In the
 * first run of nouns that has one, the last lowercase word that agrees with the noun before it as a verb would and
 * goes on to more words on its line ("store", not "cells", in "Plant cells store starch").
 */
function verbsAmongNouns(
  words: readonly string[],
  tags: readonly string[],
  starts: readonly number[],
  ends: readonly number[],
  bounds: readonly number[],
  sentences: readonly string[],
  text: string,
  hasVerbBeforeObject: (i: number) => boolean,
): Set<number> {
  const bySentence: number[][] = sentences.map(() => []);
  let sentence = 0;
  for (let i = 0; i < words.length; i++) {
    while (sentence + 1 < bounds.length && starts[i]! >= bounds[sentence + 1]!) sentence++;
    bySentence[sentence]!.push(i);
  }
  const verbs = new Set<number>();
  bySentence.forEach((tokens, s) => {
    if (!/[.!?]["'”’)]*$/u.test(sentences[s]!.trim())) return;
    const hasVerb = tokens.some((i) => tags[i] === 'AUX' || (tags[i] === 'VERB' && tags[i - 1] !== 'PART') || hasVerbBeforeObject(i));
    if (hasVerb) return;
    let best = -1;
    for (const i of tokens) {
      // A sentence's tokens are consecutive: the one before is in it unless this is its first.
      const inRun = i > tokens[0]! && NOUN.has(tags[i - 1]!) && tags[i] === 'NOUN';
      if (!inRun) {
        if (best >= 0) break;
        continue;
      }
      const goesOn = i < tokens.at(-1)! && LETTER.test(words[i + 1]!) && !text.slice(ends[i], starts[i + 1]).includes('\n');
      if (/^\p{Ll}+$/u.test(words[i]!) && agreesAsVerb(words[i - 1]!, words[i]!) && goesOn) best = i;
    }
    if (best >= 0) verbs.add(best);
  });
  return verbs;
}

/**
 * Every candidate phrase of a document, in order, repeats included: runs of adjectives and nouns ending in a
 * noun, of at most MAX_PHRASE_WORDS words, that never cross a sentence. A run also ends at a line break
 * before a capitalised word (a title or heading line, a line of authors). A gerund after a modifier is a
 * noun ("adaptive filtering") unless it takes an object. Leading LEADING_STOP_ADJECTIVES are dropped.
 * `sentences` are the texts in order, with their original line breaks where known; the document is tagged
 * once, which is much faster than tagging sentence by sentence.
 */
export function phraseOccurrences(sentences: readonly string[]): PhraseOccurrence[] {
  const text = sentences.join('\n');
  const bounds: number[] = [];
  let offset = 0;
  for (const sentence of sentences) {
    bounds.push(offset);
    offset += sentence.length + 1;
  }
  // Line breaks are read as spaces, which keeps the offsets: wink would make each break a token of its own.
  const { words, tags, starts, ends } = joinHyphenated(tag(text.replace(/[\r\n]/g, ' ')));
  const occurrences: PhraseOccurrence[] = [];
  let runWords: string[] = [];
  let runTags: string[] = [];
  let runPositions: number[] = [];
  let runSentence = 0;
  let sentence = 0;
  let position = 0;
  const close = () => {
    if (runWords.length === 0) return;
    const occurrence = trimRun(runWords, runTags, runPositions, runSentence);
    if (occurrence) occurrences.push(occurrence);
    runWords = [];
    runTags = [];
    runPositions = [];
  };
  /** Word `j` is an article or possessive in lowercase on the same line: what starts a verb's object, not a title's next line. */
  const sameLine = (j: number) => !text.slice(ends[j - 1], starts[j]).includes('\n');
  const countsSomething = (j: number) => NUMBER.test(words[j]!) && j + 1 < words.length && NOUN.has(tags[j + 1]!) && sameLine(j + 1);
  const startsObject = (j: number) => j < words.length && (OBJECT_STARTS.has(words[j]!) || CURRENCY.test(words[j]!) || countsSomething(j)) && sameLine(j);
  // "The pH scale measures the …": a word in -s after a noun, before an article, a possessive, "what" or an amount
  // on the same line, is the verb the tagger took for a plural noun. (Any word there would be wrong: "During the cell cycle the
  // chromosomes condense" has its phrase before an article too.)
  // "The cell theory states that …", "the animal cell swells and may burst": a verb before a "that" clause, or one in
  // -s joined to another verb ("and may", "or divides") on the same line.
  const beforeClause = (i: number) => THAT_VERBS.has(words[i]!) && words[i + 1] === 'that' && sameLine(i + 1);
  const joinedToVerb = (i: number) =>
    inSVerbForm(words[i]!) && COORDINATORS.has(words[i + 1] ?? '') && (tags[i + 2] === 'AUX' || tags[i + 2] === 'VERB') && sameLine(i + 1) && sameLine(i + 2);
  const verbBeforeObject = (i: number) =>
    tags[i] === 'NOUN' && i > 0 && MODIFIER.has(tags[i - 1]!) && ((inSVerbForm(words[i]!) && startsObject(i + 1)) || beforeClause(i) || joinedToVerb(i));
  /** A lowercase word the tagger took for a noun: what may be a misread verb. */
  const lowercaseNoun = (i: number) => tags[i] === 'NOUN' && /^\p{Ll}+$/u.test(words[i]!);
  const separates = (j: number) => j >= 0 && (words[j] === ',' || COORDINATORS.has(words[j]!)) && sameLine(j) && sameLine(j + 1);
  // A list's first verb is a clause's: after "to", an adverb, an auxiliary, a subject pronoun, or a noun it agrees with
  // as a verb would ("the apparatus modifies", not "the input mean and variance"; a name may be plural: "Mitochondria produce").
  const isClauseVerb = (j: number) => {
    if (/(ing|ed)$/u.test(words[j]!) || j === 0) return false;
    const before = tags[j - 1]!;
    if (before === 'PART' || before === 'ADV' || before === 'AUX' || before === 'PROPN') return true;
    if (before === 'PRON') return SUBJECT_PRONOUNS.has(words[j - 1]!.toLowerCase());
    return before === 'NOUN' && agreesAsVerb(words[j - 1]!, words[j]!);
  };
  // "modifies, sorts and packages proteins", "produce and store energy": a lowercase word the tagger took for a noun,
  // in a list of single words joined by commas, "and" or "or" whose first is a clause's verb of the same form (in -s
  // or not), is a verb too. A list that begins with a noun ("buys apples, pears and oranges") is a list of nouns.
  const listedWithVerb = (i: number) => {
    if (!lowercaseNoun(i) || /(ing|ed)$/u.test(words[i]!)) return false;
    // A list has "and" or "or" in it: a comma alone may end a clause ("As these figures suggest, women are …").
    let coordinated = COORDINATORS.has(words[i + 1] ?? '') || (words[i + 1] === ',' && COORDINATORS.has(words[i + 2] ?? ''));
    for (let j = i - 1; separates(j); ) {
      for (; separates(j); j--) if (COORDINATORS.has(words[j]!)) coordinated = true;
      if (j < 0) return false;
      if (tags[j] === 'VERB') return coordinated && isClauseVerb(j) && inSVerbForm(words[j]!) === inSVerbForm(words[i]!);
      if (tags[j] !== 'NOUN') return false;
      j--;
    }
    return false;
  };
  // "heat, light and sound", "water, light, and carbon dioxide": an adjective alone between the commas of a list whose
  // items on both sides are nouns is a noun too ("small, round and smooth" stays a list of adjectives), unless its
  // ending says it describes ("communication, electrical, computer science").
  const listedWithNouns = (i: number) => {
    if (tags[i] !== 'ADJ' || ADJECTIVE_ENDING.test(words[i]!) || !separates(i - 1) || !separates(i + 1)) return false;
    let before = i - 1;
    while (separates(before)) before--;
    let after = i + 1;
    while (separates(after)) after++;
    return before >= 0 && NOUN.has(tags[before]!) && NOUN.has(tags[after] ?? '');
  };
  // A verb's object, as far as the next "and", "or" or comma: a noun phrase and its prepositional phrases ("substances
  // against their concentration gradient"), on one line, ending in a noun; `from` and `to` are inclusive.
  const isObjectSpan = (from: number, to: number) => {
    if (to < from || to - from >= OBJECT_SPAN_LIMIT) return false;
    for (let j = from; j <= to; j++) if (!OBJECT_TAGS.has(tags[j]!) || !sameLine(j)) return false;
    return NOUN.has(tags[to]!);
  };
  // An object begins with an article, a possessive, a number, a noun, or an adjective before a noun: not a relative
  // "that" ("provides experiences and resources that would…"), "to", or a participle ("costs involved in").
  const startsBareObject = (j: number): boolean => {
    if (j >= words.length || !sameLine(j) || RELATIVES.has(words[j]!.toLowerCase())) return false;
    const tag = tags[j]!;
    if (tag === 'PRON') return POSSESSIVES.has(words[j]!.toLowerCase());
    if (tag === 'ADJ') return MODIFIER.has(tags[j + 1] ?? '') && startsBareObject(j + 1);
    return tag === 'DET' || tag === 'NUM' || NOUN.has(tag);
  };
  // "The cycle releases carbon dioxide and loads the carriers", "the reticulum folds proteins and makes lipids": a
  // word in -s after a singular noun, with an object, then "and" and another verb in -s, is a verb. (Without the -s
  // nearly every noun could be a plural's verb: "speech enhancement algorithm".)
  const verbBeforeJoinedVerb = (i: number) => {
    if (!lowercaseNoun(i) || !inSVerbForm(words[i]!) || !NOUN.has(tags[i - 1] ?? '') || !agreesAsVerb(words[i - 1]!, words[i]!)) return false;
    if (!startsBareObject(i + 1)) return false;
    for (let j = i + 2; j < words.length && j - i <= OBJECT_SPAN_LIMIT + 1; j++) {
      if (!COORDINATORS.has(words[j]!)) continue;
      // "… directions This study reviews and synthesizes": the word before "and" is the verb joined to the next one.
      const lastIsVerb = j - 2 > i && NOUN.has(tags[j - 2]!) && inSVerbForm(words[j - 1]!) && agreesAsVerb(words[j - 2]!, words[j - 1]!);
      return isObjectSpan(i + 1, j - 1) && !lastIsVerb && tags[j + 1] === 'VERB' && sameLine(j + 1) && inSVerbForm(words[j + 1]!);
    }
    return false;
  };
  // "it uses oxygen and releases carbon dioxide", "passes electrons to oxygen, pumps protons": a word in -s after "and"
  // or a comma, with an object, that follows a clause's verb in -s and its object, is a verb. After ", and" a new
  // clause may begin ("the heart pumps blood, and veins return it").
  const verbAfterJoinedVerb = (i: number) => {
    if (!lowercaseNoun(i) || !inSVerbForm(words[i]!) || !startsBareObject(i + 1)) return false;
    const joiner = words[i - 1];
    if (!(joiner === ',' || COORDINATORS.has(joiner ?? '')) || (joiner !== ',' && words[i - 2] === ',') || !sameLine(i)) return false;
    for (let j = i - 2; j >= 0 && i - j <= OBJECT_SPAN_LIMIT + 2; j--) {
      if (tags[j] !== 'VERB') continue;
      return isClauseVerb(j) && isObjectSpan(j + 1, i - 2) && inSVerbForm(words[j]!) === inSVerbForm(words[i]!);
    }
    return false;
  };
  // "proteins floating in it", "ions moving across": a gerund after a plural in -s, then a preposition, describes the
  // plural; after a singular or an adjective it is a noun ("signal processing", "adaptive filtering").
  // A compound in -s is no plural: "inverse-dynamics learning", "multi-axis machining".
  const participleAfterPlural = (i: number) => tags[i - 1] === 'NOUN' && /^[^-]*[^sui]s$/u.test(words[i - 1]!) && !/ics$/u.test(words[i - 1]!) && tags[i + 1] === 'ADP';
  const verbs = verbsAmongNouns(words, tags, starts, ends, bounds, sentences, text, verbBeforeObject);
  for (const verb of verbsOfVerblessClauses(words, tags, starts, bounds, sentences)) verbs.add(verb);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    while (sentence + 1 < bounds.length && starts[i]! >= bounds[sentence + 1]!) sentence++;
    if (sentence !== runSentence) close();
    else if (i > 0 && CAPITALISED.test(word) && text.slice(ends[i - 1], starts[i]).includes('\n')) close();
    runSentence = sentence;
    const isWordToken = LETTER.test(word);
    if (isWordToken) position++;
    let wordTag = tags[i]!;
    if (wordTag === 'VERB' && runWords.length > 0 && word.endsWith('ing') && !VERB_OBJECT.has(tags[i + 1] ?? '') && !participleAfterPlural(i)) wordTag = 'NOUN';
    else if ((runWords.length > 0 && verbBeforeObject(i)) || verbs.has(i) || listedWithVerb(i) || verbBeforeJoinedVerb(i) || verbAfterJoinedVerb(i)) wordTag = 'VERB';
    else if (listedWithNouns(i)) wordTag = 'NOUN';
    if (MODIFIER.has(wordTag) && isWordToken && !RAGGED.test(word)) {
      runWords.push(word);
      runTags.push(wordTag);
      runPositions.push(position);
    } else {
      close();
    }
  }
  close();
  return occurrences;
}

/** The noun phrases of a text in order of occurrence, repeats included, as they are written. */
export function nounPhrases(text: string): string[] {
  const { words, tags } = tag(text);
  const phrases: string[] = [];
  let run: string[] = [];
  let runTags: string[] = [];
  const close = () => {
    // A phrase ends in a noun: drop trailing adjectives, then keep the last few words.
    while (runTags.length > 0 && !NOUN.has(runTags.at(-1)!)) {
      run.pop();
      runTags.pop();
    }
    if (run.length > 0 && run.length <= MAX_PHRASE_WORDS) phrases.push(run.join(' '));
    run = [];
    runTags = [];
  };
  words.forEach((word, i) => {
    const wordTag = tags[i]!;
    // "fuzzy-logic" is tagged word, '-', word: the hyphen joins, it does not end the phrase.
    if (word === '-' && run.length > 0 && MODIFIER.has(tags[i + 1] ?? '')) return;
    if (MODIFIER.has(wordTag) && isWord(word)) {
      run.push(word);
      runTags.push(wordTag);
    } else {
      close();
    }
  });
  close();
  return phrases;
}
