import { describe, expect, it } from 'vitest';
import { isMostlyWords, isNameOrLabelLine, isProseSentence, isReferenceEntry, isTitlePageLine } from './sentence-shape';

describe('which segments read as prose', () => {
  it('keeps real sentences, short ones and ones full of numbers included', () => {
    for (const sentence of [
      'Mitosis produces two identical daughter cells.',
      'Cells divide.',
      'It works!',
      'Is it true?',
      'In 2010, revenue rose 7% to EUR 295.6 million.',
      'If 𝑛 > 2, then there are no non-zero integers 𝑎, 𝑏, 𝑐 such that 𝑎𝑛 + 𝑏𝑛 = 𝑐𝑛.',
      'An aligned set of equations:',
      'Chlorophyll absorbs red and blue light',
      'THIS WORK IS AVAILABLE UNDER A CREATIVE COMMONS LICENSE.',
      '光合作用把光能转化为化学能',
      'He said "the cell is the unit of life."',
    ]) {
      expect(isProseSentence(sentence), sentence).toBe(true);
    }
  });

  it('leaves out table rows, header rows included', () => {
    expect(isProseSentence('Process | Daughter cells | Chromosome number')).toBe(false);
    expect(isProseSentence('Mitosis | 2 | unchanged')).toBe(false);
    expect(isProseSentence("2' | 4' | 12'")).toBe(false);
  });

  it('leaves out table-of-contents entries', () => {
    expect(isProseSentence('2.2 Figures and Tables')).toBe(false);
    expect(isProseSentence('2.2.1 Substitution-permutation networks')).toBe(false);
    expect(isProseSentence('1 Introduction 1')).toBe(false);
  });

  it('leaves out figure and table captions that are labels, not those written as sentences', () => {
    for (const caption of ['Figure 1: Larger image set as a float', 'Fig. 3 Cross-section of a leaf', 'Table 2.1 Daughter cells per division']) {
      expect(isProseSentence(caption), caption).toBe(false);
    }
    expect(isProseSentence('Figure 2: The mitochondrion makes most of the cell’s ATP.')).toBe(true);
    expect(isProseSentence('Table salt dissolves in water')).toBe(true);
    expect(isProseSentence('Figure I drew of the cell')).toBe(true);
    expect(isProseSentence('Table IV: Results per division')).toBe(false);
  });

  it('leaves out displayed equations', () => {
    expect(isProseSentence('𝑓(𝑥) = sin 𝑥 + cos 𝑥 𝑓′(𝑥) = cos 𝑥 − sin 𝑥 (2.1)')).toBe(false);
  });

  it('leaves out the codes, dimensions and labels of drawings', () => {
    for (const debris of ['X-12 X-12', '12 12 12 12', 'F-80', 'A1.1', 'CROWN MOLDING', '01/08/2013 12:56:45']) {
      expect(isProseSentence(debris), debris).toBe(false);
    }
  });

  it('leaves out code signatures, link lists and spaced-out letters, whatever ends them, and numbered title-case entries', () => {
    for (const debris of [
      'void transform( float m11, float m12, float m21, float m22, float dx, float dy)',
      'Return Name void drawImage( Object image, float dx, float dy) Argument "image" can be of type HTMLImageElement.',
      'k_%28detail%29.jpg/220px-Dodger_introduces_Oliver_to_the_Jew.jpg …',
      'Sources https://en.wikipedia.org/wiki/Oliver_Twist and https://example.org/a/b/c.',
      '16\' 16\' N 136 c r e a t i e v c THESE DRAWINGS ARE FREE FOR YOU TO SHARE, MODIFY, AND DUPLICATE.',
      '3 Optimization Techniques in the Literature',
      'Return Name void beginPath( )',
      'Call canvas.getContext() first',
      'TODO: review flashcards',
      'DONE: read chapter three of the textbook.',
    ]) {
      expect(isProseSentence(debris), debris).toBe(false);
    }
    for (const prose of [
      'The function f(x, y) is continuous on the whole plane.',
      'Input/output devices connect the computer to the world.',
      'Use snake_case_names for variables in Python.',
      'The values were 1, 2, 3, 4, 5, 6 and 7.',
      'The toString() method returns a string that represents the object.',
      '1. Mix the flour and the water',
      'Read more at https://example.org if you like.',
      'The function returns nothing ( ) when it fails.',
    ]) {
      expect(isProseSentence(prose), prose).toBe(true);
    }
  });

  it('leaves out footnotes, which start with their raised mark, but keeps a sentence ending in one', () => {
    for (const note of ['¹ See Alberts (2015) for the details.', '¹The current tagging markup is partial.', '²³ Translated by the author.']) {
      expect(isProseSentence(note), note).toBe(false);
      expect(isMostlyWords(note), note).toBe(false);
    }
    for (const text of ['Cells divide.¹²', 'It was described by Howard and Pelc.¹', '¹⁴C dating measures decay.', '²³⁵U is fissile.']) expect(isProseSentence(text), text).toBe(true);
  });

  it('leaves out the entries of a reference list, in the usual styles, but not prose that cites', () => {
    const entries = [
      'Smith, J., & Jones, K. (2010). The cell cycle and its checkpoints. Nature Reviews Molecular Cell Biology, 12(3), 45–67.',
      'Alberts, B. (2015). Molecular Biology of the Cell (6th ed.). Garland Science.',
      'van Dijk, T. A. (1998). Ideology. London: Sage.',
      'Nurse, P. 2000. A long twentieth century of the cell cycle and beyond. Cell 100: 71–78. doi:10.1016/S0092-8674(00)81684-0',
      'Alberts, Bruce, et al. Molecular Biology of the Cell. Garland Science, 2015.',
      'Smith JK, Jones A. Checkpoints in mitosis. J Cell Biol. 2001;153(4):12-19.',
      '[3] A. Murray and T. Hunt. The Cell Cycle: An Introduction. Oxford University Press, New York, 1993.',
      '12. Hartwell, L. H., & Weinert, T. A. (1989). Checkpoints. Science, 246, 629–634.',
    ];
    for (const entry of entries) {
      expect(isReferenceEntry(entry), entry).toBe(true);
      expect(isProseSentence(entry), entry).toBe(false);
      expect(isMostlyWords(entry), entry).toBe(false);
    }
    const prose = [
      'Smith, J. (2010) found that checkpoints fail in 40–60% of tumours.',
      'In 1953, Watson and Crick described the double helix.',
      'Darwin, C. wrote On the Origin of Species in 1859.',
      '1. The cell cycle has four phases, described first in 1953.',
      'Paris, France (2019). The city hosted the summit.',
      'World War II. The war ended in 1945.',
      'U.S. Army. The army was founded in 1775.',
      'Henry VIII. He reigned until 1547.',
      'Darwin, Charles. Proposed natural selection. Published On the Origin of Species in 1859.',
      'Berlin, Germany. Capital since 1990. The Wall fell in 1989.',
      'Hepatitis B (1965). Blumberg discovered the surface antigen.',
      'Model T 1908. Ford sold fifteen million of them.',
      'Cold War US. Tensions rose after 1945. The Berlin Wall fell in 1989.',
      '3. U.S. Army. The army was founded in 1775. It first fought in 1776.',
      '35. J. F. Kennedy. He was elected in 1960. He was shot in 1963.',
    ];
    for (const text of prose) expect(isReferenceEntry(text), text).toBe(false);
  });

  it('leaves out the names, affiliations, labels and metadata of a title page', () => {
    for (const line of [
      'Mohammad Chuttur Indiana University, USA',
      'Michel Avital, University of Amsterdam Kevin Crowston, Syracuse University',
      'Permanent URL: http://sprouts.aisnet.org/9-37',
      'Copyright: Creative Commons Attribution-Noncommercial-No Derivative Works License',
      'Editorial Board:',
      'Editors:',
      'Keywords: Technology Acceptance, Information System Deployment, TAM, Information System Theory.',
      'Reference: Chuttur M.Y. (2009).',
      'Replacements: Kalman, Regan, Hyde, Rigney, McMillan, Rock, Vickerman.',
    ]) {
      expect(isProseSentence(line), line).toBe(false);
      expect(isNameOrLabelLine(line), line).toBe(true);
    }
    // A cross-reference points elsewhere.
    for (const pointer of ['See also the cell membrane and Nucleus.', 'cf. chapter 3 for the proof.', 'See Cell membrane and how plants make energy.', 'See Figure 3.2 for the cycle.']) {
      expect(isProseSentence(pointer), pointer).toBe(false);
    }
    expect(isProseSentence('Seeds need water to sprout.')).toBe(true);
    expect(isProseSentence('See how the cell divides during mitosis.')).toBe(true);
    expect(isProseSentence('Seeing is believing, the saying goes.')).toBe(true);
    // A task from a Markdown list is a to-do.
    for (const task of ['☑ read chapter 3', '☐ Revise the Krebs cycle before Friday.']) expect(isProseSentence(task), task).toBe(false);
    // A lone word is a heading, whatever ends it.
    for (const word of ['Abstract.', 'Matrices.', 'Perfection!']) expect(isProseSentence(word), word).toBe(false);
    // Of these, a title page's lines are punctuated as names and addresses; a note's title-case item is not one.
    expect(isTitlePageLine('Michel Avital, University of Amsterdam Kevin Crowston, Syracuse University')).toBe(true);
    expect(isTitlePageLine('Permanent URL: http://sprouts.aisnet.org/9-37')).toBe(true);
    expect(isTitlePageLine('Oxidative Phosphorylation')).toBe(false);
    expect(isNameOrLabelLine('Oxidative Phosphorylation')).toBe(true);
    // A table row is no sentence either, but its cells name things: it is not such a line.
    expect(isNameOrLabelLine('Process | Daughter Cells | Chromosome Number')).toBe(false);
  });

  it('keeps sentences without an end that read as prose, title-case ones with small words, and scripts without case', () => {
    for (const line of [
      'Mitochondria make most of the cell’s ATP',
      'Overview of the Technology Acceptance Model',
      'Die Zelle ist die kleinste Einheit des Lebens',
      'البناء الضوئي يحول الطاقة الضوئية',
      'An aligned set of equations:',
    ]) {
      expect(isProseSentence(line), line).toBe(true);
      expect(isNameOrLabelLine(line), line).toBe(false);
    }
  });
});
