/**
 * Text as search compares it: lowercase, accents and other combining marks removed, compatibility forms unfolded
 * ("ﬁ" → "fi"). "cafe" finds "Café", and so does "café" typed with a combining accent (as macOS and pasted text
 * write it); Greek typed without its tonos finds the accented word.
 */
export function foldAccents(text: string): string {
  return foldApostrophes(text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase());
}

/** Curly and modifier apostrophes as the straight one: "doesn't" typed finds "doesn’t" as PDFs, Word and smart quotes write it. */
const APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;
function foldApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

/**
 * Characters folding may change: letters with accents or a compatibility form, the combining marks of the scripts
 * Focal reads (Latin, Greek, Cyrillic, Hebrew, Arabic, Indic), CJK compatibility forms. General punctuation (curly
 * quotes, dashes, the ellipsis) is left out: its compatibility forms never make or break a word. Ranges, not \p{M}:
 * a Unicode property class scans about five times slower.
 */
const FOLDABLE = /[\u00a0-\u024f\u0300-\u04ff\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u1e00-\u1fff\u2070-\u2bff\u3000-\u33ff\ufb00-\uffef]/;

/**
 * A document's text folded for search: as foldAccents, but a text with nothing to fold is only lowercased. Unicode
 * decomposition costs several times a lowercasing (eight times on nine million characters here), and many of a
 * library's texts have no accent at all.
 */
export function foldForSearch(text: string): string {
  return FOLDABLE.test(text) ? foldAccents(text) : foldApostrophes(text.toLowerCase());
}
