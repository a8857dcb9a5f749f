import chardet from 'chardet';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1252`, `gb18030`, `utf-16le`, …). */
  encoding: string;
}

/** Detection looks at this much of a file; decoding always covers all of it. */
const sampleBytes = 64 * 1024;

/** chardet's names mapped to TextDecoder labels: the encodings Focal is willing to guess. */
const guessable: Record<string, string> = {
  'ISO-8859-1': 'windows-1252', // WHATWG decodes Latin-1 as windows-1252, its superset.
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'ISO-8859-5': 'iso-8859-5',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-6': 'iso-8859-6',
  'windows-1256': 'windows-1256',
  'ISO-8859-7': 'iso-8859-7',
  'windows-1253': 'windows-1253',
  'ISO-8859-8': 'iso-8859-8',
  'windows-1255': 'windows-1255',
  'ISO-8859-9': 'windows-1254',
  'windows-1254': 'windows-1254',
  'windows-1257': 'windows-1257',
  'windows-1258': 'windows-1258',
  'windows-874': 'windows-874',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-2022-JP': 'iso-2022-jp',
};

const multiByte = new Set(['gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'iso-2022-jp']);

/**
 * Decodes a text file whose encoding is unknown: a BOM wins, then a `declared` charset (HTML meta, XML
 * prolog) that decodes cleanly, then UTF-16 without a BOM (zero bytes in alternate positions), then valid
 * UTF-8, then chardet's guess among the encodings above, checked by decoding. The result has no BOM,
 * `\n` line endings and NFC normalisation. An incomplete sequence at the very end (a cut file) is dropped.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const bom = bomOf(bytes);
  const encoding = bom?.encoding ?? chooseEncoding(bytes, declared);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const text = decoder
    .decode(body, { stream: true })
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  return { text, encoding: decoder.encoding };
}

/**
 * The text without stray control characters (a NUL left by a broken editor or sync tool): they are no part of any
 * sentence. Tab, line feed and form feed stay, as line breaks and page breaks.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(/[\x00-\x08\x0B\x0E-\x1F\x7F]/g, '');
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function chooseEncoding(bytes: Uint8Array, declared: string | undefined): string {
  const sample = bytes.subarray(0, sampleBytes);
  const fromDeclaration = declared ? usableDeclaration(sample, declared) : null;
  if (fromDeclaration) return fromDeclaration;
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return utf16;
  if (decodesCleanly(sample, 'utf-8') && !onlyACutSequence(sample, sample.length === bytes.length)) return 'utf-8';
  return guessLegacyEncoding(sample);
}

/**
 * Whether the sample's only non-ASCII bytes are one incomplete UTF-8 sequence at the end of the whole file: "café"
 * in windows-1252 ends in 0xE9, which UTF-8 would read as a cut sequence and drop. A file cut mid-character
 * still reads as UTF-8 when it has a complete sequence before the cut.
 */
function onlyACutSequence(sample: Uint8Array, wholeFile: boolean): boolean {
  if (!wholeFile || decodesCleanly(sample, 'utf-8', false)) return false;
  let start = sample.length - 1;
  while (start > 0 && (sample[start]! & 0xc0) === 0x80) start--;
  return !hasNonAscii(sample.subarray(0, start));
}

/** A declared charset is trusted unless it fails to decode, or it names a single-byte encoding while the bytes are valid non-ASCII UTF-8. */
function usableDeclaration(sample: Uint8Array, declared: string): string | null {
  let label: string;
  try {
    label = new TextDecoder(declared.trim()).encoding;
  } catch {
    return null;
  }
  if (label === 'utf-16le' || label === 'utf-16be') return utf16WithoutBom(sample) === label ? label : null;
  if (!decodesCleanly(sample, label)) return null;
  const singleByte = label !== 'utf-8' && !multiByte.has(label);
  if (singleByte && hasNonAscii(sample) && decodesCleanly(sample, 'utf-8')) return 'utf-8';
  return label;
}

/** UTF-16 text that is mostly ASCII has a zero in every other byte; text that is mostly CJK needs a BOM. */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const even = evenZeros / pairs;
  const odd = oddZeros / pairs;
  const label = odd >= 0.2 && even <= 0.02 ? 'utf-16le' : even >= 0.2 && odd <= 0.02 ? 'utf-16be' : null;
  return label && decodesCleanly(sample, label) ? label : null;
}

/** Multi-byte encodings in the order they win ties: by how much legacy text each holds (GB18030 the most). */
const MULTI_BYTE_ON_TIES = ['gb18030', 'shift_jis', 'big5', 'euc-kr', 'euc-jp', 'iso-2022-jp'];

/**
 * The commonest legacy encodings of notes, tried on every sample besides chardet's own guesses: on a short
 * sample — a title, a line or two — chardet names only multi-byte encodings, each at confidence 10, and "Урок 3:
 * Фотосинтез" in KOI8-R came out as Shift_JIS.
 */
const alwaysTried = ['windows-1252', 'windows-1250', 'windows-1251', 'koi8-r', 'windows-1253', 'iso-8859-5', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr'];

/** Below this many non-ASCII bytes chardet's confidence says little ("Митоз и мейоз" in windows-1251: Greek at 30), and every decoding is scored. */
const TRUSTED_NON_ASCII = 64;

/**
 * A confident chardet guess that decodes without flaws wins on a sample with enough non-ASCII text (multi-byte
 * recognisers are reliable, single-byte ones less so). Otherwise the decoding with the fewest flaws wins, and among
 * those the one that reads most like text (`implausibleCharacters`); on ties windows-1252 — the commonest legacy
 * encoding, and one that maps every byte — then the other single-byte encodings, then the multi-byte ones. Flaws alone chose
 * windows-1252 for Russian in windows-1251 or KOI8-R that chardet was unsure of: it maps every byte to a letter, so
 * "Заметки" read "Çàìåòêè".
 */
function guessLegacyEncoding(sample: Uint8Array): string {
  const guessed = new Map<string, number>();
  for (const match of chardet.analyse(sample)) {
    const label = guessable[match.name];
    if (label && !guessed.has(label)) guessed.set(label, match.confidence);
  }
  const tolerated = Math.floor(sample.length / 1000);
  if (nonAsciiCount(sample) >= TRUSTED_NON_ASCII) {
    for (const [label, confidence] of guessed) {
      const confident = confidence >= (multiByte.has(label) ? 50 : 30);
      if (confident && flawsIn(decodedAs(sample, label)) <= tolerated) return label;
    }
  }
  // On ties, single-byte encodings first, the commonest first (chardet's single-byte guesses say little on a short
  // sample): a short text that reads as well in Russian as in Chinese is far more often Russian in windows-1251
  // (decoded as Chinese, its pairs of bytes mostly land on characters in use) than Chinese that reads as Russian.
  const singleByte = [...new Set(['windows-1252', ...alwaysTried, ...guessed.keys()])].filter((l) => !multiByte.has(l));
  let best = '';
  let bestScore: readonly number[] = [Infinity];
  for (const label of [...singleByte, ...MULTI_BYTE_ON_TIES]) {
    const text = decodedAs(sample, label);
    const flaws = flawsIn(text);
    if (flaws > bestScore[0]!) continue;
    // Then Japanese with kana over a Chinese reading of the same bytes: GB2312 has the kana at EUC-JP's places.
    // Last, the reading with more of its script's common letters: KOI8-R in capitals reads as small letters in
    // windows-1251, "ФОТОСИНТЕЗ" as "жпфпуйофеъ", and both are words of one script.
    const score = [flaws, implausibleCharacters(text, label), JAPANESE.has(label) && KANA.test(text) ? 0 : 1, -commonLetters(text)];
    if (isLess(score, bestScore)) [best, bestScore] = [label, score];
  }
  return best;
}

/** The letters that make up about four in five of Russian, of Greek and of English text. */
const COMMON_LETTERS = new Set('оеаинтсрвлкмдпу' + 'αοιετσςνηυρπκμλω' + 'etaoinsrhldcum');

function commonLetters(text: string): number {
  let count = 0;
  for (const letter of text.toLowerCase().normalize('NFD')) if (COMMON_LETTERS.has(letter)) count++;
  return count;
}

const JAPANESE = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp']);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < (b[i] ?? Infinity);
  return false;
}

/**
 * How many characters of a decoding no text would hold, as a wrong decoding makes them:
 * - letters of two scripts in one word ("dйcembre": French read as Cyrillic);
 * - in a word of a script other than Latin, a capital after a small letter ("лМЕФЛБ": KOI8-R read as
 *   windows-1251, whose cases are swapped) or a small letter after two capitals ("ММЦї");
 * - a Latin word mostly of accented letters ("Çàìåòêè": Cyrillic read as Latin-1; French or Czech words have an
 *   accented letter or two among plain ones);
 * - in a Chinese, Japanese or Korean reading, characters outside that encoding's everyday ones
 *   (`everydayCharacters`: Russian read as Big5 gives "婜襜鼨艜樄", characters no one writes);
 * - half-width katakana, box-drawing characters, private-use characters and the rarer Latin-1 signs (¤, ¸, ¹,
 *   º…): what bytes of another script become in Shift_JIS, KOI8-R, Big5 and windows-1252;
 * - Serbian and Macedonian letters, and a Greek final sigma inside a word, where Russian read as windows-1251 or
 *   Greek lands;
 * - accented Latin letters no one language has together (`lettersOfNoOneLanguage`).
 * Each odd word counts once; each rare character once.
 */
function implausibleCharacters(text: string, label: string): number {
  let odd = text.match(RARE_SIGNS)?.length ?? 0;
  // Letters run together with signs ("Ñ§Ï°±Ê¼Ç": Chinese read as windows-1252), outside Chinese, Japanese and Korean.
  for (const run of text.match(/[^\x00-\x7F\s]{3,}/g) ?? []) if (NOT_CJK_LETTER.test(run) && /[^\p{L}\p{M}]/u.test(run)) odd++;
  // Words of hanzi or kanji apart with spaces: Korean is written so, Chinese and Japanese are not.
  if (label !== 'euc-kr') odd += text.match(/\p{Script=Han} +(?=\p{Script=Han})/gu)?.length ?? 0;
  const inUse = everydayCharacters(label);
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    if (/^[a-zA-Z]+$/.test(word)) continue;
    if (CJK_WORD.test(word)) {
      for (const character of word) {
        if (HALF_WIDTH_KANA.test(character) || (inUse && !inUse.has(character) && character !== 'ー')) odd++;
      }
      continue;
    }
    const latin = word.match(/\p{Script=Latin}/gu)?.length ?? 0;
    if (latin === 0) {
      if (!ONE_OTHER_SCRIPT.test(word) || /\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}/u.test(word)) odd++;
      else odd += (word.match(RARE_CYRILLIC)?.length ?? 0) + (/ς./u.test(word) ? 1 : 0);
    } else if (latin < [...word].length || accentedLatinWord(word)) {
      odd++;
    }
  }
  return odd + lettersOfNoOneLanguage(text);
}

/**
 * The accented Latin letters a text holds that no one language writes together with the rest: "Buòka … základní …
 * života" (Czech read as windows-1252) has ò beside á, í and ž, which no language has all of; "Buňka" is Czech.
 */
function lettersOfNoOneLanguage(text: string): number {
  const accented = new Set(text.toLowerCase().match(/(?![a-z])\p{Script=Latin}/gu) ?? []);
  if (accented.size === 0) return 0;
  let fewest = Infinity;
  for (const letters of LANGUAGE_LETTERS) {
    let missing = 0;
    for (const letter of accented) if (!letters.includes(letter)) missing++;
    fewest = Math.min(fewest, missing);
  }
  return fewest;
}

/** The accented letters of the languages written in the Latin legacy encodings (windows-1250, -1252, -1254, -1257). */
const LANGUAGE_LETTERS = [
  'àâæçéèêëîïôœùûüÿ', // French
  'äöüß', // German
  'áéíñóúü', // Spanish
  'àáâãçéêíóôõú', // Portuguese
  'àèéìíîòóùú', // Italian
  'àçèéíïòóúü·', // Catalan
  'áéíóúëïöü', // Dutch, Afrikaans
  'åäöéü', // Swedish, Finnish
  'æøåéó', // Danish, Norwegian
  'áðéíóúýþæö', // Icelandic
  'áčďéěíňóřšťúůýž', // Czech
  'áäčďéíĺľňóôŕšťúýž', // Slovak
  'ąćęłńóśźż', // Polish
  'áéíóöőúüű', // Hungarian
  'ăâîșțşţ', // Romanian
  'čćđšž', // Croatian, Bosnian, Serbian (Latin), Slovene
  'çğıöşüâî', // Turkish
  'äõöüšž', // Estonian
  'āčēģīķļņšūž', // Latvian
  'ąčęėįšųūž', // Lithuanian
];

/** A Latin word of three letters or more, three in four accented ("Çàìåòêè"), or two accented ones ("Œê"); "é", "où" and "Zażółć" are not. */
function accentedLatinWord(word: string): boolean {
  const accented = word.replace(/[a-zA-Z]/g, '').length;
  return word.length >= 3 ? accented * 4 >= word.length * 3 : word.length === 2 && accented === 2;
}

/** Serbian and Macedonian letters, where windows-1251 puts its rarer bytes: Russian read from another encoding meets them often. */
const RARE_CYRILLIC = /[ЂЃЌЋЏђѓќћџЉЊљњЈјЅѕ]/g;

const ONE_OTHER_SCRIPT = /^(\p{Script=Cyrillic}+|\p{Script=Greek}+|\p{Script=Arabic}+|\p{Script=Hebrew}+|\p{Script=Thai}+)$/u;
/** Chinese, Japanese (kanji, kana and the long-vowel mark) or Korean: one word however the scripts mix. */
const CJK_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆]+$/u;
const NOT_CJK_LETTER = /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])\p{L}/u;
const HALF_WIDTH_KANA = /[\uFF66-\uFF9F]/;
const RARE_SIGNS = /[\u2500-\u25FF\u2320\u2321\u2219\u221A\u2248\u2264\u2265\u00A4\u00A6\u00A8\u00AA\u00AC\u00AF\u00B4\u00B8\u00B9\u00BA\uFF61-\uFF65\uE000-\uF8FF]/g;

/** Where each multi-byte encoding keeps the characters of everyday use (see `everydayCharacters`). */
const EVERYDAY_ROWS: Readonly<Record<string, { leads: [number, number]; trails: Array<[number, number]>; also?: [number, number] }>> = {
  gb18030: { leads: [0xb0, 0xd7], trails: [[0xa1, 0xfe]] },
  big5: { leads: [0xa4, 0xc6], trails: [[0x40, 0x7e], [0xa1, 0xfe]] },
  shift_jis: { leads: [0x88, 0x98], trails: [[0x40, 0x7e], [0x80, 0xfc]], also: [0x82, 0x83] },
  'euc-jp': { leads: [0xb0, 0xcf], trails: [[0xa1, 0xfe]], also: [0xa4, 0xa5] },
  'euc-kr': { leads: [0xb0, 0xc8], trails: [[0xa1, 0xfe]] },
};

/** Per multi-byte encoding, the characters of it in everyday use, read once. */
const everyday = new Map<string, Set<string>>();

/**
 * The characters in everyday use in text written in `label`, read from the encoding's own table: GB2312's first
 * level (3,755 hanzi), JIS X 0208's kana and first level (2,965 kanji), Big5's frequent characters (5,401), KS X
 * 1001's 2,350 Hangul syllables (Korean text seldom holds hanja); null for an encoding without such a table (a
 * single-byte one, ISO-2022-JP). Text in another encoding read as this one lands on the rarer rest as often as not.
 */
function everydayCharacters(label: string): Set<string> | null {
  const known = everyday.get(label);
  if (known) return known;
  const rows = EVERYDAY_ROWS[label];
  if (!rows) return null;
  const { leads, trails, also } = rows;
  const bytes: number[] = [];
  for (const [from, to] of also ? [also, leads] : [leads]) {
    for (let lead = from; lead <= to; lead++) for (const [first, last] of trails) for (let trail = first; trail <= last; trail++) bytes.push(lead, trail);
  }
  const characters = new Set(new TextDecoder(label).decode(Uint8Array.from(bytes)));
  characters.delete('\uFFFD');
  everyday.set(label, characters);
  return characters;
}

/** The sample read as `label`, a character cut at its end left out. */
function decodedAs(sample: Uint8Array, label: string): string {
  return new TextDecoder(label).decode(sample, { stream: true });
}

/** Replacement characters and control characters (other than tab, newline, form feed, carriage return): the marks of a wrong decoding. */
function flawsIn(text: string): number {
  return text.match(/[\uFFFD\x00-\x08\x0B\x0E-\x1F\x7F-\x9F]/g)?.length ?? 0;
}

/** `stream`: whether an incomplete sequence at the end is allowed (the sample may end mid-character). */
function decodesCleanly(sample: Uint8Array, label: string, stream = true): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(sample, { stream });
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(sample: Uint8Array): boolean {
  return sample.some((byte) => byte >= 0x80);
}

function nonAsciiCount(sample: Uint8Array): number {
  let count = 0;
  for (const byte of sample) if (byte >= 0x80) count++;
  return count;
}
