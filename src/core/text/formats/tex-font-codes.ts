/**
 * TeX fonts embedded without a Unicode map (Type 3 bitmap fonts from dvips, and others) come out of the PDF
 * extractor as their raw character codes. Letters are plain ASCII there, but ligatures, quotes and dashes
 * are control characters: "signi\x1Cer" is "signifier" in the T1 (Cork) encoding, where 0x1C is "fi"; in the
 * older OT1 encoding "fi" is 0x0C. Read as spaces they made "signi er", "su ce", "e ect".
 *
 * Which encoding a document uses is told by where its ligature codes sit: after letters. A document with no
 * ligature code after a letter is left as it is (its control characters still read as spaces).
 */

export type TexEncoding = 'T1' | 'OT1';

/** T1 (Cork), codes 0x00–0x1F: accents (standing alone), quotes, dashes, dotless i and j, and the ligatures. */
const T1: readonly string[] = [
  '`', '´', 'ˆ', '˜', '¨', '˝', '˚', 'ˇ', '˘', '¯', '˙', '¸', '˛', '‚', '‹', '›',
  '“', '”', '„', '«', '»', '–', '—', '', '', 'ı', 'ȷ', 'ff', 'fi', 'fl', 'ffi', 'ffl',
];

/** OT1 (TeX's original text encoding), codes 0x00–0x1F: Greek capitals, the ligatures, accents and a few letters. */
const OT1: readonly string[] = [
  'Γ', 'Δ', 'Θ', 'Λ', 'Ξ', 'Π', 'Σ', 'Υ', 'Φ', 'Ψ', 'Ω', 'ff', 'fi', 'fl', 'ffi', 'ffl',
  'ı', 'ȷ', '`', '´', 'ˇ', '˘', '¯', '˚', '¸', 'ß', 'æ', 'œ', 'ø', 'Æ', 'Œ', 'Ø',
];

const TABLES: Record<TexEncoding, readonly string[]> = { T1, OT1 };

/** A ligature code after a letter: inside a word, or ending one ("o\x1B" is "off" in T1). Raw TeX letters are ASCII. */
const t1Ligature = /[A-Za-z][\x1b-\x1f]/g;
const ot1Ligature = /[A-Za-z][\x0b-\x0f]/g;
/** Below this share of ASCII among its letters, a text is not raw TeX codes (an unmapped font's glyph ids, say). */
const LEAST_ASCII_LETTERS = 0.9;

/** The TeX encoding the texts' control characters are in, or null when nothing says they are TeX codes. */
export function texEncodingOf(texts: Iterable<string>): TexEncoding | null {
  let t1 = 0;
  let ot1 = 0;
  let letters = 0;
  let ascii = 0;
  for (const text of texts) {
    t1 += text.match(t1Ligature)?.length ?? 0;
    ot1 += text.match(ot1Ligature)?.length ?? 0;
    letters += text.match(/\p{L}/gu)?.length ?? 0;
    ascii += text.match(/[A-Za-z]/g)?.length ?? 0;
  }
  if ((t1 === 0 && ot1 === 0) || ascii < LEAST_ASCII_LETTERS * letters) return null;
  return t1 >= ot1 ? 'T1' : 'OT1';
}

/** The text with its codes 0x00–0x1F read in `encoding` (tab and line feed stay whitespace). */
export function decodeTexCodes(text: string, encoding: TexEncoding): string {
  const table = TABLES[encoding];
  return text.replace(/[\x00-\x08\x0b-\x1f]/g, (code) => table[code.charCodeAt(0)]!);
}
