/**
 * Whether a segmented "sentence" reads as prose, so that it may become a key sentence and a card. Documents
 * keep every segment (the reader shows all their text in order); this only keeps fragments that are not
 * sentences out of selection: table rows, table-of-contents entries, caption labels, displayed equations and the labels,
 * dimensions and codes scattered over drawings, and the names, affiliations and labels of a title page.
 * Deliberately conservative: a segment that ends like a sentence (".", "!", "?") and has a word in lowercase
 * is always prose, however short or full of numbers.
 */

/** The boxes a Markdown task list item starts with in the text ("☑ read chapter 3"): a to-do, never a key sentence. */
export const TASK_DONE = '☑';
export const TASK_OPEN = '☐';
const task = /^(?:[☑☐]\s|(?:TODO|FIXME|TBD|WIP|XXX|DONE|DOING|LATER)\b)/u;
/**
 * "See also the cell membrane and Nucleus.", "See [[Cell membrane]] and [[Photosynthesis]].", "cf. chapter 3": a
 * pointer to other notes or pages, not something to remember.
 */
const crossReference = /^(?:see\s(?!(?:how|what|why|whether|if|that)\b)|cf\.\s)/iu;


/** An author as reference lists write them, surname first and initials after a comma: "Smith, J.", "van Dijk, T. A.". */
const COMMA_INITIALS = String.raw`(?:\p{Ll}{1,3}\s)?\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?,\s\p{Lu}\.(?:\s?-?\p{Lu}\.)*`;
/**
 * Forms prose shares, needing more evidence (below): initials without a comma ("Smith JK", and "Hepatitis B"), the
 * given name after a comma ("Alberts, Bruce", and "Berlin, Germany"), initials first ("A. Murray", and "U.S. Army").
 */
const LOOSE_AUTHOR = String.raw`(?:${COMMA_INITIALS}|\p{Lu}[\p{L}'’-]+\s(?![IVXLCDM]+\b)\p{Lu}{1,3}\b|\p{Lu}[\p{L}'’-]+,\s\p{Lu}\p{Ll}+(?:\s\p{Lu}\.)?|(?:\p{Lu}\.\s?)+\p{Lu}[\p{L}'’-]+)`;
const authors = (one: string) => String.raw`${one}(?:(?:,\s?|,?\s(?:&|and)\s)${one})*(?:,?\set\sal\.?)?`;
const YEAR = String.raw`(?:1[5-9]|20)\d{2}[a-z]?`;
const NUMBERED = String.raw`(?:(?:\[\d{1,3}\]|\d{1,3}\.)\s+)?`;
/** "Smith, J., & Jones, K. (2010). The cell cycle…", "Nurse, P. 2000. A long century…": initialled authors, then the year. */
const datedEntry = new RegExp(String.raw`^${NUMBERED}${authors(COMMA_INITIALS)}\s?(?:\(${YEAR}\)|${YEAR})\.\s`, 'u');
/** Authors, a title (another full stop follows), and the year closing the entry or before ";volume" (Vancouver). */
const titledEntry = new RegExp(String.raw`^${NUMBERED}${authors(LOOSE_AUTHOR)}\.\s(?=.*\.\s)(?:.*\b${YEAR}\)?\.?$|.*\b${YEAR}\s?;\s?\d)`, 'u');
/** What only a reference has: a volume and issue, pages, a DOI, an edition, "et al.", a publisher or journal. */
const publicationDetails = /\bdoi\b|\bvol\.|\bpp?\.\s?\d|\beds?\.|\bedition\b|\bet al\b|\bPress\b|\bPublish(?:ers?|ing)\b|\bJournal\b|\bProc(?:eedings\b|\.)|\bUniversity\b|\d\s?\(\d+\)|\d\s?[–-]\s?\d|;\s?\d|\bIn:\s/u;

/**
 * An entry of a reference list, which a block holds whole (the segmenter would cut it at every full stop into a
 * title that reads like a sentence): "Smith, J., & Jones, K. (2010). The cell cycle. Nature, 12(3), 45–67.",
 * "Alberts, Bruce, et al. Molecular Biology of the Cell. Garland, 2015.", "[3] A. Murray and T. Hunt. The Cell
 * Cycle. Oxford University Press, 1993.", "Smith JK, Jones A. Checkpoints. J Cell Biol. 2001;153(4):12-19."
 * Prose that cites ("Smith, J. (2010) found that…") has no full stop after the year, and a note that reads like
 * authors and a title ("Darwin, Charles. Proposed natural selection. Published it in 1859.") no publication details.
 */
export function isReferenceEntry(text: string): boolean {
  const trimmed = text.trim();
  // An entry is a line or three; a paragraph that starts with a name and a year is prose.
  if (trimmed.length > 600 || /\n\s*\n/u.test(trimmed)) return false;
  return datedEntry.test(trimmed) || (titledEntry.test(trimmed) && publicationDetails.test(trimmed));
}

/**
 * "¹ See Alberts (2015) for the details.": a footnote, its mark raised (the PDF reader writes a raised mark in
 * superscript digits). A mark in the body follows its sentence's full stop, so no sentence of the body starts with one.
 */
const footnote = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\p{Lu}?\p{Ll}/u;

/** Table cells joined by the readers (Markdown, HTML, DOCX, PDF tables) as "a | b | c". */
const tableCells = /\s\|\s/u;
/** "2.2 Figures and Tables", "1 Introduction 1": a numbered entry, or one ending in its page number. */
const numberedEntry = /^\d+(?:\.\d+)+\.?\s/u;
const entryWithPage = /^\d+(?:\.\d+)*\.?\s.*\s\d+$/u;
/** "Figure 1: Larger image set as a float", "Table 2. Results": a caption names a figure that a card cannot show. */
const captionLabel = /^(?:[Ff]ig(?:ure)?\.?|FIG(?:URE)?\.?|[Tt]able|TABLE|[Cc]hart|[Dd]iagram|[Pp]late)\s+(?:\d+(?:\.\d+)*[.:]?|[IVX]+[.:])\s/u;
/** A sentence's own end, before closing quotes or brackets and a footnote's mark; a colon introduces what follows. */
const sentenceEnd = /[.!?…:;。！？](?:["'”’»)\]]*)[¹²³⁴⁵⁶⁷⁸⁹⁰]*$/u;
/** Mathematical alphanumerics (𝑥, 𝐀) are symbols of a formula, not letters of words. */
const mathLetters = /[\u{1d400}-\u{1d7ff}\u{2100}-\u{214f}]/gu;
/** A word: two or more letters (with inner hyphens or apostrophes), or a single-letter word of prose. */
const word = /^(?:\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|[aAI])[.,;:!?"'”’)\]]*[¹²³⁴⁵⁶⁷⁸⁹⁰]*$/u;

/** "void transform( float m11, float m12 …)": a call or signature with typed parameters is code, not prose. */
const typedParameters = /[\p{L}\d_]\(\s*[\p{L}_][\w[\]]*\s+[\p{L}_]\w*\s*[,)]/u;
/** "void beginPath( )": a typed signature without parameters is code too, whatever ends it. */
const emptySignature = /(?:^|\s)(?:void|int|float|double|bool|boolean|string|char|long|var|let|const|function|def|fn|func)\s+[\p{L}_][\w.]*\s*\(\s*\)/u;
/**
 * "ctx.getContext()": a camelCase call is code when nothing ends it as a sentence; "The toString() method returns a
 * string." is prose about code, and stays a sentence.
 */
const camelCaseCall = /\b\p{Ll}+\p{Lu}\w*\s*\(\s*\)/u;
/** A web address, file path or encoded link ("k_%28detail%29.jpg/220px-Dodger_introduces…"). */
const addressLike = /:\/\/|^www\.|%[0-9A-F]{2}|(?:[\w.-]+\/){2,}|\.(?:jpe?g|png|gif|svg|pdf|html?)\b|\w_\w+_\w/u;
/** Five or more single letters in a row ("c r e a t i e v c"): letters spaced out on a drawing or a watermark. */
const spacedLetters = /(?:^|\s)(?:\p{L}\s){4,}\p{L}(?:\s|$)/u;
/** A numbered title-case line without an end ("3 Optimization Techniques in the Literature"): a contents entry or heading. */
const numberedTitle = /^\d+\.?\s+\p{Lu}/u;

/** Scripts written without spaces between words: a run of them is words, though it is one token. */
const unspacedWords = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]{4}/u;

/** The words of a segment, as prose counts them: tokens made of letters, not codes such as "X-12" or "A4.01". */
function proseWords(text: string): string[] {
  return text
    .replace(mathLetters, '#')
    .split(/\s+/u)
    .map((token) => token.replace(/^["'“‘(\[]+/u, ''))
    .filter((token) => word.test(token));
}

/**
 * Of the words written in a script with case, how many begin in lowercase: prose runs on lowercase words ("of",
 * "is", "the cell"); a list of names, affiliations or titles ("Kevin Crowston, Syracuse University") has almost
 * none. Null when too few words have case to say (Arabic, Hebrew, Devanagari have none).
 */
function lowercaseShare(words: readonly string[]): number | null {
  let cased = 0;
  let lower = 0;
  for (const w of words) {
    // A letter with case differs from its other case; compared, not matched: this runs on every segment of a library.
    const first = String.fromCodePoint(w.codePointAt(0)!);
    const lowered = first.toLowerCase();
    if (first !== lowered) cased++;
    else if (first !== first.toUpperCase()) {
      cased++;
      lower++;
    }
  }
  return cased >= 2 ? lower / cased : null;
}

/**
 * Below this share of lowercase words, a segment without a sentence's end is a list of names or a title
 * ("Mohammad Chuttur Indiana University, USA"; an editorial board), not a sentence. Title-case headings keep
 * their small words lowercase ("Overview of the Technology Acceptance Model": 2 in 6), which stays above it.
 */
const LEAST_LOWERCASE_SHARE = 0.25;

/**
 * A line of names, affiliations or titles, a label or a metadata line, as on a paper's title page ("Mohammad
 * Chuttur Indiana University, USA", "Editorial Board:", "Keywords: Technology Acceptance, TAM."): words, but
 * neither a sentence nor a source of concepts. A table row is not one (its cells name things).
 */
export function isNameOrLabelLine(text: string): boolean {
  const trimmed = text.trim();
  if (tableCells.test(trimmed) || unspacedWords.test(trimmed)) return false;
  return nameOrLabel(trimmed, trimmed.split(/\s+/u).filter(Boolean), proseWords(trimmed));
}

/**
 * A name or label line that reads like a title page's (isNameOrLabelLine, and punctuated as a list of names and
 * affiliations, a label or an address: a comma, a colon, "@", a web address). Concepts are not taken from these;
 * a note's title-case items ("Oxidative Phosphorylation") are not such lines, and name what the note is about.
 */
export function isTitlePageLine(text: string): boolean {
  return /[,:@]|https?:\/\/|www\./u.test(text) && isNameOrLabelLine(text);
}

function nameOrLabel(trimmed: string, tokens: readonly string[], words: readonly string[]): boolean {
  if (words.length === 0) return false;
  // "Editors:", "Advisory Board:": a label introducing a list, not a sentence introducing what follows.
  if (trimmed.endsWith(':') && tokens.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w))) return true;
  const lower = lowercaseShare(words);
  // Ended like a sentence, every word capitalised though the text has lowercase letters (a line in capitals
  // throughout is shouted prose).
  if (sentenceEnd.test(trimmed)) return lower === 0 && /\p{Ll}/u.test(trimmed);
  return lower !== null && lower < LEAST_LOWERCASE_SHARE;
}

/**
 * A segment that is mostly words, table cells or not: "Mitosis | Division of a nucleus into two" is, "15:20 |
 * 15:20 | Burn" and "Opeth 19:10 - 20:00 (50min)" are not. For documents with no prose at all (a glossary table).
 */
export function isMostlyWords(text: string): boolean {
  const trimmed = text.trim();
  const tokens = trimmed.split(/\s+/u).filter((token) => token && token !== '|');
  const wordList = proseWords(trimmed);
  const words = wordList.length;
  if (words < 3 || words < 0.6 * tokens.length) return false;
  if (task.test(trimmed) || crossReference.test(trimmed) || captionLabel.test(trimmed) || typedParameters.test(trimmed) || emptySignature.test(trimmed)) return false;
  if (isReferenceEntry(trimmed) || footnote.test(trimmed)) return false;
  if (camelCaseCall.test(trimmed) && !sentenceEnd.test(trimmed)) return false;
  if (tableCells.test(trimmed)) return true;
  // Outside a table: not a contents entry ("2.3 Block cipher modes") nor a list of names ("Biology index: Cell
  // Biology, Mitochondria, Krebs Cycle", an index note's line), which a document of only such lines is made of.
  return !numberedEntry.test(trimmed) && !entryWithPage.test(trimmed) && !numberedTitle.test(trimmed) && !nameOrLabel(trimmed, tokens, wordList);
}

/** Whether web addresses and file paths make up most of a segment’s text: a link list, not a sentence. */
function mostlyAddresses(tokens: readonly string[]): boolean {
  let inAddresses = 0;
  let all = 0;
  for (const token of tokens) {
    all += token.length;
    if (addressLike.test(token)) inAddresses += token.length;
  }
  return inAddresses > 0.5 * all;
}

export function isProseSentence(text: string): boolean {
  const trimmed = text.trim();
  if (tableCells.test(trimmed) || task.test(trimmed) || crossReference.test(trimmed) || isReferenceEntry(trimmed) || footnote.test(trimmed)) return false;
  if (unspacedWords.test(trimmed)) return true;
  const tokens = trimmed.split(/\s+/u).filter(Boolean);
  const wordList = proseWords(trimmed);
  const words = wordList.length;
  if (words === 0) return false;
  if (nameOrLabel(trimmed, tokens, wordList)) return false;
  // "Abstract.", "Matrices.": a lone word is a heading or a label, whatever ends it; a card needs a sentence.
  if (tokens.length === 1) return false;
  // Whatever ends them: code, link lists and a drawing's spaced-out letters and dimensions are not sentences.
  if (typedParameters.test(trimmed) || emptySignature.test(trimmed) || mostlyAddresses(tokens) || spacedLetters.test(trimmed)) return false;
  if (sentenceEnd.test(trimmed)) return true;
  if (camelCaseCall.test(trimmed)) return false;
  const cased = lowercaseShare(wordList);
  if (numberedTitle.test(trimmed) && tokens.length <= 10 && cased !== null && cased <= 0.4) return false;
  // "2 Symmetric ciphers": a section number without its full stop, and a few words: a heading or a contents entry.
  if (/^\d+\s+\p{Lu}/u.test(trimmed) && tokens.length <= 6) return false;
  // Without a sentence's end it must still read as words: not a numbered entry or a caption's label, not mostly
  // codes and symbols. (A caption written as a sentence, "Figure 2: The mitochondrion makes ATP.", stays prose.)
  if (numberedEntry.test(trimmed) && tokens.length <= 12) return false;
  if (captionLabel.test(trimmed)) return false;
  if (entryWithPage.test(trimmed) && tokens.length <= 12) return false;
  // "CROWN MOLDING", "SHEET TITLE": a few capitals without an end are a label on a drawing or a form.
  if (tokens.length <= 4 && !/\p{Ll}/u.test(trimmed)) return false;
  return words >= 2 && words >= 0.5 * tokens.length;
}
