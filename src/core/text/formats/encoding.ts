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
  if (decodesCleanly(sample, 'utf-8')) return 'utf-8';
  return guessLegacyEncoding(sample);
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

/**
 * chardet's candidates are tried in order of confidence: a confident guess that decodes without flaws wins
 * (multi-byte recognisers are reliable, single-byte ones less so). Otherwise the decoding with the fewest
 * flaws wins, and among those the one whose words read as words of one script (`oddWords`); windows-1252 — the
 * commonest legacy encoding, and one that maps every byte — on ties. Flaws alone chose windows-1252 for Russian in
 * windows-1251 or KOI8-R that chardet was unsure of: it maps every byte to a letter, so "Заметки" read "Çàìåòêè".
 */
function guessLegacyEncoding(sample: Uint8Array): string {
  const candidates = new Map<string, number>();
  for (const match of chardet.analyse(sample)) {
    const label = guessable[match.name];
    if (label && !candidates.has(label)) candidates.set(label, match.confidence);
  }
  const tolerated = Math.floor(sample.length / 1000);
  for (const [label, confidence] of candidates) {
    const confident = confidence >= (multiByte.has(label) ? 50 : 30);
    if (confident && flawsOf(sample, label) <= tolerated) return label;
  }
  let best = 'windows-1252';
  let bestScore = [flawsOf(sample, best), oddWords(sample, best)] as const;
  for (const label of candidates.keys()) {
    const flaws = flawsOf(sample, label);
    if (flaws > bestScore[0]) continue;
    const score = [flaws, oddWords(sample, label)] as const;
    if (score[0] < bestScore[0] || score[1] < bestScore[1]) [best, bestScore] = [label, score];
  }
  return best;
}

/**
 * Words of a decoding that no language writes: letters of two scripts in one word ("dйcembre": French read as
 * Cyrillic), a capital after a small letter in a word of another script than Latin, or a Latin word mostly of accented letters ("Çàìåòêè": Cyrillic read as Latin-1). French or Czech words
 * have an accented letter or two among plain ones.
 */
function oddWords(sample: Uint8Array, label: string): number {
  const text = new TextDecoder(label).decode(sample, { stream: true });
  let odd = 0;
  for (const word of text.match(/\p{L}{3,}/gu) ?? []) {
    if (/^[a-zA-Z]+$/.test(word)) continue;
    const latin = word.match(/\p{Script=Latin}/gu)?.length ?? 0;
    if (latin === 0) {
      // One script, and no capital after a small letter ("лМЕФЛБ": KOI8-R read as windows-1251, whose cases are swapped).
      if (!/^(\p{Script=Cyrillic}+|\p{Script=Greek}+|\p{Script=Arabic}+|\p{Script=Hebrew}+|\p{Script=Thai}+)$/u.test(word) || /\p{Ll}\p{Lu}/u.test(word)) odd++;
    } else if (latin < word.length || word.replace(/[a-zA-Z]/g, '').length * 2 > word.length) {
      odd++;
    }
  }
  return odd;
}

/** Replacement characters and control characters (other than tab, newline, form feed, carriage return): the marks of a wrong decoding. */
function flawsOf(sample: Uint8Array, label: string): number {
  const text = new TextDecoder(label).decode(sample, { stream: true });
  return text.match(/[\uFFFD\x00-\x08\x0B\x0E-\x1F\x7F-\x9F]/g)?.length ?? 0;
}

function decodesCleanly(sample: Uint8Array, label: string): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(sample: Uint8Array): boolean {
  return sample.some((byte) => byte >= 0x80);
}
