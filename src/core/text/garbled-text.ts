/**
 * Whether a text read from a file looks garbled: a PDF whose fonts map their glyphs to the wrong characters gives
 * "ÃçΦԱΣ ԠϳƌηϦ٫ϳ" for Arabic calligraphy, letters of several alphabets inside one word. Real words keep to one
 * script (Japanese mixes kanji and kana, counted as one), so a text where many words mix scripts is not text.
 */
const SCRIPTS: readonly RegExp[] = [
  /\p{Script=Latin}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Armenian}/u,
  /\p{Script=Hebrew}/u,
  /\p{Script=Arabic}/u,
  /\p{Script=Syriac}/u,
  /\p{Script=Thaana}/u,
  /\p{Script=Nko}/u,
  /\p{Script=Devanagari}/u,
  /\p{Script=Bengali}/u,
  /\p{Script=Gurmukhi}/u,
  /\p{Script=Gujarati}/u,
  /\p{Script=Tamil}/u,
  /\p{Script=Telugu}/u,
  /\p{Script=Kannada}/u,
  /\p{Script=Malayalam}/u,
  /\p{Script=Sinhala}/u,
  /\p{Script=Thai}/u,
  /\p{Script=Lao}/u,
  /\p{Script=Tibetan}/u,
  /\p{Script=Myanmar}/u,
  /\p{Script=Georgian}/u,
  /\p{Script=Hangul}/u,
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
];

const WORD = /[\p{L}\p{M}]{2,}/gu;

/** How many words are looked at: enough to judge a book by its first pages, cheap for any size. */
const SAMPLE_WORDS = 4000;
/** Fewer words than this say too little either way. */
const FEWEST_WORDS = 20;
/**
 * The share of words mixing scripts above which the text is garbled. Real text has a few ("μm", a Greek letter
 * beside a Latin one in a formula); the garbled PDF of the evaluation set has about 60 %.
 */
const MOST_MIXED = 0.25;

export function looksGarbled(texts: Iterable<string>): boolean {
  let words = 0;
  let mixed = 0;
  outer: for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) {
      let scripts = 0;
      for (const script of SCRIPTS) if (script.test(word) && ++scripts > 1) break;
      words++;
      if (scripts > 1) mixed++;
      if (words >= SAMPLE_WORDS) break outer;
    }
  }
  return words >= FEWEST_WORDS && mixed / words > MOST_MIXED;
}
