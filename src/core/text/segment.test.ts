import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import { MAX_SENTENCE_CHARS, segmentSentences } from './segment';

const split = (text: string, language = 'en') => segmentSentences(text, language).map((s) => text.slice(s.start, s.end));

describe('English sentences', () => {
  it('are not split at abbreviations, decimals, versions or initials', () => {
    expect(split('Dr. Smith paid $3.50 for e.g. apples in the U.S. yesterday. The value is 3.14 in v2.0 of the spec! J. R. R. Tolkien wrote it.')).toEqual([
      'Dr. Smith paid $3.50 for e.g. apples in the U.S. yesterday.',
      'The value is 3.14 in v2.0 of the spec!',
      'J. R. R. Tolkien wrote it.',
    ]);
  });

  it('end at a number that ends a sentence, and keep numbers that count items in a line with their line', () => {
    expect(split('The results are in part 1. Researchers measured the response. The meeting was held in room 12. Everyone attended.')).toEqual([
      'The results are in part 1.',
      'Researchers measured the response.',
      'The meeting was held in room 12.',
      'Everyone attended.',
    ]);
    expect(split('The experiment was repeated in trial 2. The second result agreed.')).toEqual(['The experiment was repeated in trial 2.', 'The second result agreed.']);
    expect(split('Bake it in three steps: 1. Mix the flour 2. Add the water 3. Bake for an hour. Then let it cool.')).toEqual([
      'Bake it in three steps: 1. Mix the flour 2. Add the water 3. Bake for an hour.',
      'Then let it cool.',
    ]);
    expect(split('Mitosis is covered in chapter 4. Meiosis is covered in chapter 5. Read both.')).toEqual([
      'Mitosis is covered in chapter 4.',
      'Meiosis is covered in chapter 5.',
      'Read both.',
    ]);
    expect(split('Reading 1. The cell cycle has four phases that every dividing cell passes through 2. Mitosis follows.')).toEqual([
      'Reading 1.',
      'The cell cycle has four phases that every dividing cell passes through 2.',
      'Mitosis follows.',
    ]);
    expect(split('The steps are 1. Mix the flour 2. Add the water. Serve it warm.')).toEqual(['The steps are 1. Mix the flour 2. Add the water.', 'Serve it warm.']);
  });

  it('keep a quotation with its speaker and inline enumerations together', () => {
    expect(split('"Is it true?" she asked. Then 1. first; 2. second. Done.')).toEqual(['"Is it true?" she asked.', 'Then 1. first; 2. second.', 'Done.']);
  });

  it('end at a lone capital or unit after a lowercase word, number or symbol', () => {
    expect(split('The union A ∪ B contains every element in A or B. The intersection holds the shared ones.')).toEqual([
      'The union A ∪ B contains every element in A or B.',
      'The intersection holds the shared ones.',
    ]);
    expect(split('Scurvy comes from a lack of vitamin C. Sailors ate limes.')).toEqual(['Scurvy comes from a lack of vitamin C.', 'Sailors ate limes.']);
    expect(split('It damages the liver like hepatitis B. The liver then swells.')).toEqual(['It damages the liver like hepatitis B.', 'The liver then swells.']);
    expect(split('The rod is 3.5 m. The value was measured twice.')).toEqual(['The rod is 3.5 m.', 'The value was measured twice.']);
    expect(split('Take A and B. The union is larger.')).toEqual(['Take A and B.', 'The union is larger.']);
    expect(split('Crude stocks fell to 294.3m. Prices rose.')).toEqual(['Crude stocks fell to 294.3m.', 'Prices rose.']);
  });

  it('keep initials after a name, another initial or a word that leads into a name', () => {
    expect(split('George W. Bush was president. The book is by J. K. Rowling. Watson, J. D. and Crick wrote it.')).toEqual([
      'George W. Bush was president.',
      'The book is by J. K. Rowling.',
      'Watson, J. D. and Crick wrote it.',
    ]);
    expect(split('[1] T. F. Abdelzaher, L. Sha and B. A. Huberman. Feedback control.')).toEqual(['[1] T. F. Abdelzaher, L. Sha and B. A. Huberman.', 'Feedback control.']);
  });

  it('are not split at an abbreviation before its number, in any case', () => {
    for (const sentence of [
      'See Fig. 2 for the cycle.',
      'See FIG. 2 and fig. 3 and Figs. 4 and 5 for the stages.',
      'It is derived as in Eq. 4 above.',
      'Read Campbell Biology, ch. 10 tonight.',
      'Compare Sec. 3.2 with Vol. 2 on pp. 10–12 and No. 5 today.',
      'Smith et al. 2019 showed it.',
      'We saw approx. 20 cells, cf. the table, e.g. ATP, i.e. energy.',
    ]) {
      expect(split(`${sentence} Then we move on.`)).toEqual([sentence, 'Then we move on.']);
    }
  });

  it('keep a footnote mark with the sentence whose full stop it follows', () => {
    expect(split('It was described by Howard and Pelc.¹ It has four phases.²³ ²³⁵U is fissile.')).toEqual([
      'It was described by Howard and Pelc.¹',
      'It has four phases.²³',
      '²³⁵U is fissile.',
    ]);
  });

  it('give trimmed offsets into the text and drop runs without letters or digits', () => {
    const text = '  Cells divide.   They grow. ';
    expect(segmentSentences(text, 'en')).toEqual([
      { start: 2, end: 15 },
      { start: 18, end: 28 },
    ]);
    expect(split('— … —', 'fr')).toEqual([]);
  });

  it('cut run-on text at a space rather than keeping a giant sentence', () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const parts = split(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= MAX_SENTENCE_CHARS)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });
});

describe('other languages', () => {
  it('split Chinese and Japanese at their sentence marks', () => {
    expect(split('光合作用是植物利用光能的过程。它发生在叶绿体中！为什么叶子是绿色的？', 'zh')).toEqual(['光合作用是植物利用光能的过程。', '它发生在叶绿体中！', '为什么叶子是绿色的？']);
    expect(split('細胞は生命の基本単位です。ミトコンドリアはエネルギーを作ります。', 'ja')).toEqual(['細胞は生命の基本単位です。', 'ミトコンドリアはエネルギーを作ります。']);
  });

  it('split a Chinese passage in an English note at its sentence marks', () => {
    expect(split('集合是由一些确定的对象组成的整体。空集是不含任何元素的集合。')).toEqual(['集合是由一些确定的对象组成的整体。', '空集是不含任何元素的集合。']);
    expect(split('Sets come first. 集合是整体。空集是集合！什么是集合？ Then we go on.')).toEqual([
      'Sets come first.',
      '集合是整体。',
      '空集是集合！',
      '什么是集合？',
      'Then we go on.',
    ]);
  });

  it('are told apart by script and function words', () => {
    expect(detectLanguage('光合作用是植物利用光能的过程。')).toBe('zh');
    expect(detectLanguage('細胞は生命の基本単位です。')).toBe('ja');
    expect(detectLanguage('세포는 생명의 기본 단위이다.')).toBe('ko');
    expect(detectLanguage('La cellule est l’unité de base de la vie et les mitochondries sont dans le cytoplasme.')).toBe('fr');
    expect(detectLanguage('The cell is the basic unit of life and it is made of molecules.')).toBe('en');
    expect(detectLanguage('DNA 是遗传信息的载体，RNA 把信息带到核糖体。')).toBe('zh');
    expect(detectLanguage('12345 !!!')).toBe('und');
  });

  it('does not take the letters of a glyph table for Portuguese or Italian articles', () => {
    const sampler = 'The quick brown fox jumps over the lazy dog. a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z o a e a o e';
    expect(detectLanguage(sampler)).toBe('en');
    // A Portuguese note still reads as Portuguese, its articles among words.
    expect(detectLanguage('A célula é a unidade básica da vida e o núcleo guarda o DNA de uma célula.')).toBe('pt');
  });
});

describe('a run of characters without a space', () => {
  it('is segmented around, keeping its offsets, with the sentences beside it as they are (pasted base64 took 31 s)', () => {
    const run = Array.from({ length: 20_000 }, (_, i) => 'Ab9+/x.Q'[i % 8]).join('');
    const text = `Cells divide by mitosis. Here it is: ${run} and that was all. Then the nucleus splits.`;
    const spans = segmentSentences(text, 'en');
    const sentences = spans.map((s) => text.slice(s.start, s.end));
    expect(sentences[0]).toBe('Cells divide by mitosis.');
    expect(sentences.at(-1)).toBe('Then the nucleus splits.');
    // Every character of the run is in some sentence, in order: nothing of the text is lost.
    expect(sentences.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    // A long link that ends a sentence still ends it.
    const link = `https://example.org/${'a'.repeat(120)}`;
    const linked = `Read more at ${link}. The mitochondrion makes ATP. It has two membranes.`;
    expect(segmentSentences(linked, 'en').map((s) => linked.slice(s.start, s.end))).toEqual([`Read more at ${link}.`, 'The mitochondrion makes ATP.', 'It has two membranes.']);
  });
});
