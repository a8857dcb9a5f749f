import { describe, expect, it } from 'vitest';
import { keySentenceCandidates } from './analyze-document';
import { defaultKeyCount, selectKeySentences } from './select-key-sentences';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

describe('choosing key sentences', () => {
  it('takes the most salient, in document order', () => {
    const vectors = Float32Array.from([...unit(1, 0, 0), ...unit(0, 1, 0), ...unit(0, 0, 1), ...unit(1, 1, 1)]);
    expect(selectKeySentences({ salience: [0.1, 2, 0.5, 3], vectors, dims: 3 }, 2)).toEqual([1, 3]);
  });

  it('passes over a near-duplicate of a chosen sentence', () => {
    const vectors = Float32Array.from([...unit(1, 0), ...unit(1, 0.01), ...unit(0, 1), ...unit(-1, 0)]);
    expect(selectKeySentences({ salience: [3, 2.9, 2.6, 0], vectors, dims: 2 }, 2)).toEqual([0, 2]);
    expect(selectKeySentences({ salience: [3, 2.9, 2.6, 0], vectors, dims: 2 }, 2, 1)).toEqual([0, 1]);
  });

  it('never takes the same sentence twice, even when nothing else is left (a pangram repeated down a page)', () => {
    const vectors = Float32Array.from([...unit(1, 0), ...unit(1, 0), ...unit(1, 0), ...unit(0, 1)]);
    const texts = ['The quick brown fox.', 'the quick  brown fox.', 'The quick brown fox.', 'Sphinx of black quartz.'];
    expect(selectKeySentences({ salience: [3, 3, 3, 1], vectors, dims: 2, texts }, 3, 1)).toEqual([0, 3]);
    expect(selectKeySentences({ salience: [3, 3, 3], vectors: vectors.slice(0, 6), dims: 2, texts: texts.slice(0, 3) }, 3)).toEqual([0]);
    // The same words in another order say something else: both may be chosen, though their pooled vectors are one.
    const swapped = ['Glucose is converted to pyruvate.', 'Pyruvate is converted to glucose.'];
    expect(selectKeySentences({ salience: [3, 3], vectors: vectors.slice(0, 4), dims: 2, texts: swapped }, 2, 1)).toEqual([0, 1]);
  });

  it('scales the default count with the length of the document', () => {
    expect(defaultKeyCount(2)).toBe(2);
    expect(defaultKeyCount(20)).toBe(5);
    expect(defaultKeyCount(2000)).toBe(54);
  });
});

describe('choosing key sentences among eligible ones', () => {
  it('never picks a sentence that is not eligible, however salient', () => {
    const vectors = Float32Array.from([...unit(1, 0, 0), ...unit(0, 1, 0), ...unit(0, 0, 1), ...unit(1, 1, 1)]);
    const eligible = [true, false, true, true];
    expect(selectKeySentences({ salience: [0.1, 9, 0.5, 3], vectors, dims: 3, eligible }, 2)).toEqual([2, 3]);
  });

  it('picks no more sentences than are eligible', () => {
    const vectors = Float32Array.from([...unit(1, 0), ...unit(0, 1), ...unit(1, 1)]);
    expect(selectKeySentences({ salience: [1, 2, 3], vectors, dims: 2, eligible: [false, true, false] }, 3)).toEqual([1]);
  });
});

describe('which sentences of a document are candidates', () => {
  it('are its prose sentences; a document with none (a timetable) has no key sentences at all', () => {
    expect(keySentenceCandidates(['11:25 | 11:25 | 11:25', '15:20 | 15:20 | 15:20 | Burn'])).toEqual({ eligible: [false, false], defaultCount: 0 });
    // A glossary table: its rows of words are what there is to study.
    const glossary = ['Mitosis | Division of a nucleus into two', 'Meiosis | Division that halves the chromosomes', 'Term | Meaning'];
    expect(keySentenceCandidates(glossary)).toEqual({ eligible: [true, true, false], defaultCount: 2 });
    expect(keySentenceCandidates(['11:25 | 11:25 | 11:25', 'Doors open at eleven, and the first band plays at half past.'])).toEqual({ eligible: [false, true], defaultCount: 1 });
  });

  it('leave out what a References or Bibliography section lists, but not a section on references that lists no sources', () => {
    const texts = [
      'Mitosis divides the nucleus in two.',
      'Cell biology: a short introduction for students of medicine, 2nd edition, 2015.',
      'Molecular biology of the gene, as told by its founders, https://example.org/gene.',
      'Mitosis is followed by cytokinesis.',
    ];
    expect(keySentenceCandidates(texts, [['Cells'], ['Cells', 'References'], ['7. Bibliography'], ['Cells', 'Division']]).eligible).toEqual([true, false, false, true]);
    // A C++ note's "References" section is about references: its sentences name no years or addresses.
    const cpp = ['A pointer holds an address.', 'A reference is another name for an object.', 'A reference must be bound when it is declared.'];
    expect(keySentenceCandidates(cpp, [['Pointers'], ['References'], ['References']]).eligible).toEqual([true, true, true]);
    // A note that is only a reading list has nothing to study, not even as mostly words.
    expect(keySentenceCandidates(['Alberts, molecular biology of the cell, 2015', 'Lodish, molecular cell biology, 2016'], [['Further reading'], ['Further reading']]).eligible).toEqual([false, false]);
    // "Sources" heads a vitamin's food sources as often as a list of works.
    expect(keySentenceCandidates(['Citrus fruits are rich in vitamin C.', 'Peppers hold even more of it.'], [['Vitamin C', 'Sources'], ['Vitamin C', 'Sources']]).eligible).toEqual([true, true]);
  });

  it('leave out questions, which ask rather than tell, unless the document holds nothing else', () => {
    const notes = ['Why does the heart have four chambers?', 'The two sides pump blood to the lungs and to the body separately.', 'What does the "left ventricle" do?”'];
    expect(keySentenceCandidates(notes).eligible).toEqual([false, true, false]);
    const quiz = ['What is mitosis?', 'What does meiosis halve?'];
    expect(keySentenceCandidates(quiz).eligible).toEqual([true, true]);
    // A quiz with a line of instructions is still a quiz: nearly all questions, so they stay.
    expect(keySentenceCandidates(['Answer each question in a sentence.', ...quiz, 'Where does the spindle attach?']).eligible).toEqual([true, true, true, true]);
  });

  it('are none in an index note of links or a contents page, though both are mostly words', () => {
    const index = ['Biology index: Cell Biology, Mitochondria, Krebs Cycle, Photosynthesis', 'Chemistry: Acids and Bases, Redox Reactions', 'TODO: sort the Physics notes'];
    expect(keySentenceCandidates(index)).toEqual({ eligible: [false, false, false], defaultCount: 0 });
    const contents = ['2 Symmetric ciphers', '2.3 Block cipher modes', '2.3.2 Cipher Block Chaining', '3 Hash functions and their uses 14'];
    expect(keySentenceCandidates(contents)).toEqual({ eligible: [false, false, false, false], defaultCount: 0 });
  });

  it('are none in a garbled text, whose words mix alphabets as a PDF with broken fonts gives them', () => {
    const garbled = Array.from({ length: 4 }, () => 'ÃçΦԱΣ ԠϳƌηϦ٫ϳ ҏçüąǫď ѕиρΩ ϣÃçΦ shows the ӻĶۮ ΰԔϸ forms of ËĶʆ ΣŷϚɰ.');
    expect(keySentenceCandidates(garbled)).toEqual({ eligible: [false, false, false, false], defaultCount: 0 });
  });
});
