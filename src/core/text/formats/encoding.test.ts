import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, bytes) => bytes[i % 2 === 0 ? i + 1 : i - 1]!);
const join = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from(parts.flatMap((part) => [...part]));

// "café – naïve résumé" in windows-1252 (0x96 is the en dash, which Latin-1 lacks).
const windows1252 = [0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x20, 0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9];
// "学习是一个不断积累知识的过程。" in GB18030.
const gb18030 = [209, 167, 207, 176, 202, 199, 210, 187, 184, 246, 178, 187, 182, 207, 187, 253, 192, 219, 214, 170, 202, 182, 181, 196, 185, 253, 179, 204, 161, 163];
// "日本語の文章を読むのは楽しいです。" in Shift_JIS.
const shiftJis = [147, 250, 150, 123, 140, 234, 130, 204, 149, 182, 143, 205, 130, 240, 147, 199, 130, 222, 130, 204, 130, 205, 138, 121, 130, 181, 130, 162, 130, 197, 130, 183, 129, 66];
// "學習是一個不斷累積知識的過程。" in Big5.
const big5 = [190, 199, 178, 223, 172, 79, 164, 64, 173, 211, 164, 163, 194, 95, 178, 214, 191, 110, 170, 190, 195, 209, 170, 186, 185, 76, 181, 123, 161, 67];
// "Привет, как дела? Это тест." in windows-1251.
const windows1251 = [207, 240, 232, 226, 229, 242, 44, 32, 234, 224, 234, 32, 228, 229, 235, 224, 63, 32, 221, 242, 238, 32, 242, 229, 241, 242, 46];

/** Text in a single-byte encoding, by inverting the decoder's table (Node encodes only UTF-8 and UTF-16). */
function singleByte(label: string, text: string): Uint8Array {
  const byteOf = new Map<string, number>();
  const decoder = new TextDecoder(label);
  for (let byte = 255; byte >= 0; byte--) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Uint8Array.from([...text].map((char) => byteOf.get(char)!));
}

describe('decodeText', () => {
  it('reads UTF-8 and strips its BOM', () => {
    expect(decodeText(join([0xef, 0xbb, 0xbf], utf8('héllo wörld')))).toEqual({ text: 'héllo wörld', encoding: 'utf-8' });
    expect(decodeText(utf8('plain ascii'))).toEqual({ text: 'plain ascii', encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM in either byte order', () => {
    expect(decodeText(join([0xff, 0xfe], utf16le('Grüße, 世界')))).toEqual({ text: 'Grüße, 世界', encoding: 'utf-16le' });
    expect(decodeText(join([0xfe, 0xff], utf16be('Grüße, 世界')))).toEqual({ text: 'Grüße, 世界', encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by its zero bytes', () => {
    expect(decodeText(utf16le('Notes on the French Revolution, 1789.'))).toEqual({
      text: 'Notes on the French Revolution, 1789.',
      encoding: 'utf-16le',
    });
    expect(decodeText(utf16be('Notes on cells.')).encoding).toBe('utf-16be');
  });

  it('reads windows-1252 text that is not valid UTF-8, en dash included', () => {
    expect(decodeText(Uint8Array.from(windows1252))).toEqual({ text: 'café – naïve résumé', encoding: 'windows-1252' });
  });

  it('reads Chinese in GB18030 and Big5, Japanese in Shift_JIS, Russian in windows-1251', () => {
    expect(decodeText(Uint8Array.from(gb18030))).toEqual({ text: '学习是一个不断积累知识的过程。', encoding: 'gb18030' });
    expect(decodeText(Uint8Array.from(big5))).toEqual({ text: '學習是一個不斷累積知識的過程。', encoding: 'big5' });
    expect(decodeText(Uint8Array.from(shiftJis))).toEqual({ text: '日本語の文章を読むのは楽しいです。', encoding: 'shift_jis' });
    expect(decodeText(Uint8Array.from(windows1251))).toEqual({ text: 'Привет, как дела? Это тест.', encoding: 'windows-1251' });
  });

  it('reads Russian notes in windows-1251 or KOI8-R that chardet is unsure of as Russian, not as accented Latin letters', () => {
    const note = '# Заметки по биологии\n\nМитохондрии производят большую часть энергии клетки. Рибосомы собирают белки из аминокислот. Хлоропласты улавливают свет.\n';
    for (const label of ['windows-1251', 'koi8-r', 'iso-8859-5']) expect(decodeText(singleByte(label, note))).toEqual({ text: note, encoding: label });
    // Latin-script languages keep their encodings.
    const czech = 'Příliš žluťoučký kůň úpěl ďábelské ódy. Buňka je základní jednotka života.';
    expect(decodeText(singleByte('windows-1250', czech))).toEqual({ text: czech, encoding: 'windows-1250' });
    const french = "L'été dernier, nous avons étudié la biologie cellulaire à Paris. Déjà vu.";
    expect(decodeText(singleByte('windows-1252', french))).toEqual({ text: french, encoding: 'windows-1252' });
  });

  it('never leaves replacement characters when a clean decoding exists', () => {
    for (const bytes of [windows1252, gb18030, shiftJis, big5, windows1251]) {
      expect(decodeText(Uint8Array.from(bytes)).text).not.toContain('\uFFFD');
    }
  });

  it('normalises line endings to \\n and text to NFC', () => {
    const decomposed = 'cafe\u0301\r\nline two\rline three';
    expect(decodeText(utf8(decomposed)).text).toBe('caf\u00e9\nline two\nline three');
  });

  it('drops an incomplete character cut off at the end of the file', () => {
    const cut = utf8('日本').subarray(0, 5);
    expect(decodeText(cut)).toEqual({ text: '日', encoding: 'utf-8' });
  });

  it('reads a file whose only non-ASCII byte ends it as legacy text, not as UTF-8 cut short', () => {
    // 0xE9 ends "café" in windows-1252; read as a cut UTF-8 sequence it was dropped, and the note read "caf".
    expect(decodeText(singleByte('windows-1252', 'café'))).toEqual({ text: 'café', encoding: 'windows-1252' });
  });

  it('reads short notes in legacy encodings, where chardet guesses only multi-byte ones (a title, a line)', () => {
    const notes: Array<[string, string]> = [
      ['Урок 3: Фотосинтез', 'koi8-r'], // was Shift_JIS: "ﾏﾋ 3: 賺ﾔﾏﾓﾉﾎﾔﾅﾚ"
      ['Урок 3: Фотосинтез', 'windows-1251'], // was Big5
      ['ФОТОСИНТЕЗ И ДЫХАНИЕ', 'koi8-r'], // capitals in KOI8-R are small letters in windows-1251
      ['Клетка', 'koi8-r'],
      ['Клетка', 'windows-1251'],
      ['Глава 1', 'windows-1251'],
      ['Митоз и мейоз', 'windows-1251'], // was Greek: "Μθςξη θ μειξη"
      ['Клітина є основною одиницею життя.', 'windows-1251'],
      ['Φωτοσύνθεση', 'windows-1253'],
      ['Κεφάλαιο 3: Το κύτταρο', 'windows-1253'],
      ['À retenir', 'windows-1252'],
      ['Leçon sur la mitose et la méiose', 'windows-1252'],
      ['Übung: Fotosynthese', 'windows-1252'],
      ['Buňka je základní jednotka života.', 'windows-1250'], // not "Buòka": no language writes ò with ž
      ['Zażółć gęślą jaźń', 'windows-1250'],
      ['Příliš žluťoučký kůň', 'windows-1250'],
    ];
    for (const [note, label] of notes) expect([note, decodeText(singleByte(label, note))]).toEqual([note, { text: note, encoding: label }]);
  });

  it('reads short Chinese, Japanese with kana and Korean with spaces in their encodings', () => {
    const gb = [209, 167, 207, 176, 202, 199, 210, 187, 184, 246, 178, 187, 182, 207]; // 学习是一个不断
    expect(decodeText(Uint8Array.from(gb)).text).toBe('学习是一个不断');
    expect(decodeText(Uint8Array.from(shiftJis.slice(0, 8))).text).toBe('日本語の'); // was windows-1252
    // "ノート" in EUC-JP, and "세포 구조" ("cell structure") in EUC-KR, were read as windows-1252 and Big5.
    expect(decodeText(Uint8Array.of(0xa5, 0xce, 0xa1, 0xbc, 0xa5, 0xc8))).toEqual({ text: 'ノート', encoding: 'euc-jp' });
    expect(decodeText(Uint8Array.of(0xbc, 0xbc, 0xc6, 0xf7, 0x20, 0xb1, 0xb8, 0xc1, 0xb6))).toEqual({ text: '세포 구조', encoding: 'euc-kr' });
  });

  it('follows a declared charset that decodes cleanly, but not one the bytes contradict', () => {
    expect(decodeText(Uint8Array.from(gb18030), 'gbk').text).toBe('学习是一个不断积累知识的过程。');
    expect(decodeText(utf8('naïve café'), 'iso-8859-1')).toEqual({ text: 'naïve café', encoding: 'utf-8' });
    expect(decodeText(utf8('plain'), 'no-such-charset').encoding).toBe('utf-8');
  });

  it('reads an empty file as empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});
