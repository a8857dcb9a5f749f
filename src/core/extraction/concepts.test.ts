import { describe, expect, it } from 'vitest';
import { decodeEmbeddingTable, encodeEmbeddingTable } from '../attention/embedding-table';
import { rankConcepts, type ConceptInput } from './concepts';
import { conceptKey } from './concept-key';

const D = 4;
/** A tiny table, most frequent first: function words, then a "learning" topic and a "weather" topic. */
const entries: Array<[string, number[]]> = [
  ['the', [1, 1, 1, 1]],
  ['a', [1, 1, 0.9, 1]],
  ['is', [0.9, 1, 1, 1]],
  ['it', [1, 0.9, 1, 1]],
  ['from', [1, 1, 1, 0.9]],
  ['during', [1, 1, 1, 0.8]],
  ['well', [0.8, 1, 1, 1]],
  ['learn', [1, 0.2, 0, 0]],
  ['examples', [0.8, 0.3, 0, 0]],
  ['report', [0, 0, 1, 0.2]],
  ['rained', [0, 0.1, 0.9, 0.3]],
  ['network', [1, 0, 0.1, 0]],
  ['networks', [1, 0.1, 0.1, 0]],
  ['neural', [0.9, 0.2, 0, 0.1]],
  ['weather', [0, 0, 1, 0.1]],
];
const table = decodeEmbeddingTable(encodeEmbeddingTable(entries.map(([word]) => word), entries.flatMap(([, vector]) => vector), D));

function inputOf(sentences: string[]): ConceptInput {
  let at = 0;
  return {
    text: sentences.join(' '),
    sentences: sentences.map((text) => {
      const sentence = { text, start: at, end: at + text.length };
      at += text.length + 1;
      return sentence;
    }),
  };
}

/** A reading whose every sentence points at the "learning" topic, the first ones most salient. */
function readingOf(count: number) {
  const unit = [1, 0.1, 0, 0].map((x) => x / Math.hypot(1, 0.1));
  return {
    salience: Float32Array.from({ length: count }, (_, i) => 1 - i / count),
    vectors: Float32Array.from({ length: count * D }, (_, i) => unit[i % D]!),
  };
}

const document = [
  'Neural networks learn from examples.',
  'A neural network generalises well.',
  'The neural network is robust.',
  'It rained during the weather report.',
];

describe('ranking concepts', () => {
  it('takes no concepts from a title page’s names and affiliations, only from the document’s prose', () => {
    const withTitlePage = ['Kevin Crowston, Syracuse University Michel Avital, University of Amsterdam', ...document];
    const phrases = rankConcepts(inputOf(withTitlePage), readingOf(withTitlePage.length), table, 20).map((c) => c.phrase.toLowerCase());
    expect(phrases).toContain('neural network');
    expect(phrases.filter((p) => /crowston|syracuse|amsterdam|university/.test(p))).toEqual([]);
    // A note's title-case items name its subject: their concepts stay.
    const glossary = ['Oxidative Phosphorylation', 'Substrate Level Phosphorylation', ...document];
    const fromGlossary = rankConcepts(inputOf(glossary), readingOf(glossary.length), table, 20).map((c) => c.phrase.toLowerCase());
    expect(fromGlossary).toContain('oxidative phosphorylation');
    // A document with no prose at all still has its concepts.
    expect(rankConcepts(inputOf(['Kevin Crowston, Syracuse University']), readingOf(1), table, 5).length).toBeGreaterThan(0);
  });

  it('merges phrases that stem the same, shown as most often written, with every sentence that mentions them', () => {
    const concepts = rankConcepts(inputOf(document), readingOf(document.length), table, 10);
    const network = concepts.filter((concept) => conceptKey(concept.phrase) === 'neural network');
    expect(network).toHaveLength(1);
    expect(network[0]!.phrase).toBe('neural network');
    expect(network[0]!.sentences).toEqual([0, 1, 2]);
    expect(concepts.find((concept) => concept.phrase === 'weather report')?.sentences).toEqual([3]);
  });

  it('keeps the capitals of names the document writes capitalised inside its sentences, and drops a first word’s', () => {
    const history = [
      'Napoleon Bonaparte crowned himself emperor in 1804.',
      'The French Revolution ended when Napoleon Bonaparte took power.',
      'Cells in G1 grow before the S phase copies their DNA.',
      'Neural networks learn from examples.',
      'Revolution was in the air, a neural network said.',
    ];
    const phrases = rankConcepts(inputOf(history), readingOf(history.length), table, 20).map((c) => c.phrase);
    expect(phrases).toEqual(expect.arrayContaining(['Napoleon Bonaparte', 'French Revolution', 'G1', 'DNA']));
    expect(phrases).toContain('neural networks');
    expect(phrases).not.toContain('Neural networks');
    // Nor a heading's glued to the sentence after it, or a word's after a colon.
    const glued = ['Membrane Structure\nThe plasma membrane holds proteins.', 'Note: Cholesterol stiffens the membrane.', 'The membrane bends.', 'Cholesterol is a lipid.'];
    const gluedPhrases = rankConcepts(inputOf(glued), readingOf(glued.length), table, 20).map((c) => c.phrase);
    expect(gluedPhrases.filter((p) => /membrane structure/i.test(p))).not.toContain('membrane Structure');
    expect(gluedPhrases).not.toContain('Cholesterol');
    // A run of capitalised words with a name in it is a name whole: not "charles Darwin" for a sentence's first word.
    const biology = [
      'Charles Darwin proposed natural selection.',
      'The voyage made Darwin famous.',
      'Schwann and Schleiden wrote the Cell Theory.',
      'Later the Cell Theory grew.',
      'Every cell comes from a cell, and a cell divides.',
    ];
    const biologyPhrases = rankConcepts(inputOf(biology), readingOf(biology.length), table, 20).map((c) => c.phrase);
    expect(biologyPhrases).toContain('Charles Darwin');
    expect(biologyPhrases).toContain('Cell Theory');
    expect(biologyPhrases.filter((p) => /^(charles Darwin|cell Theory)$/.test(p))).toEqual([]);
    // A title's capitals are not a name's.
    const titled = ['Optimal Control of Power Systems', ...document];
    expect(rankConcepts(inputOf(titled), readingOf(titled.length), table, 20).map((c) => c.phrase)).toContain('power systems');
  });

  it('leaves out an everyday word said once, when the document has other concepts', () => {
    const phrases = rankConcepts(inputOf(document), readingOf(document.length), table, 20).map((c) => c.phrase);
    // "examples" is among the table's commonest words and said once; "neural network" is said three times.
    expect(phrases).not.toContain('examples');
    expect(phrases).toContain('neural network');
    // A rare word said once stays; so does an everyday one in a document with nothing else.
    expect(rankConcepts(inputOf(['Mitochondria make ATP.']), readingOf(1), table, 5).map((c) => c.phrase)).toContain('mitochondria');
    expect(rankConcepts(inputOf(['Examples.']), readingOf(1), table, 5).map((c) => c.phrase)).toEqual(['examples']);
  });

  it('takes no concept from letters spaced out on a drawing or a word said over and over', () => {
    const debris = ['c r e', 'e v c', 'The sheet says test test test.', 'The gears turn the shaft.', 'Each of the gears has teeth.'];
    const phrases = rankConcepts(inputOf(debris), readingOf(debris.length), table, 20).map((c) => c.phrase.toLowerCase());
    expect(phrases.some((p) => /\b[a-z] [a-z]\b/.test(p) || p.includes('test test'))).toBe(false);
    expect(phrases).toContain('shaft');
  });

  it('puts the repeated, early phrase on the document topic first and the passing remark last', () => {
    const concepts = rankConcepts(inputOf(document), readingOf(document.length), table, 10);
    expect(concepts[0]!.phrase).toBe('neural network');
    expect(concepts.at(-1)!.phrase).toBe('weather report');
    for (let i = 1; i < concepts.length; i++) expect(concepts[i - 1]!.score).toBeGreaterThanOrEqual(concepts[i]!.score);
  });

  it('gives the same concepts for the same document, and no more than asked', () => {
    const first = rankConcepts(inputOf(document), readingOf(document.length), table, 2);
    expect(first).toHaveLength(2);
    expect(rankConcepts(inputOf(document), readingOf(document.length), table, 2)).toEqual(first);
    expect(rankConcepts(inputOf([]), readingOf(0), table, 5)).toEqual([]);
  });

  it('reads sentence texts when the offsets do not match the text', () => {
    const input = { text: '', sentences: inputOf(document).sentences };
    const concepts = rankConcepts(input, readingOf(document.length), table, 10);
    expect(concepts[0]!.phrase).toBe('neural network');
  });

  it('keys a phrase by its words without plurals, ignoring case and hyphens', () => {
    expect(conceptKey('Neural Networks')).toBe(conceptKey('neural network'));
    expect(conceptKey('fuzzy-logic controllers')).toBe('fuzzy logic controller');
    expect(conceptKey('energies')).toBe('energy');
    // Words of other meanings that share a Porter stem stay apart.
    for (const [a, b] of [['experiment', 'experience'], ['organ', 'organic'], ['general', 'generation'], ['university', 'universe']]) {
      expect(conceptKey(a!)).not.toBe(conceptKey(b!));
    }
    for (const word of ['virus', 'analysis', 'glass']) expect(conceptKey(word)).toBe(word);
  });

  it('joins plurals the endings cannot undo: Latin and Greek ones, "-es" after an "s", and common English ones', () => {
    const pairs = [
      ['viruses', 'virus'], ['Lenses', 'lens'], ['gases', 'gas'], ['nuclei', 'nucleus'], ['stimuli', 'stimulus'], ['hypotheses', 'hypothesis'],
      ['mitochondria', 'mitochondrion'], ['bacteria', 'bacterium'], ['criteria', 'criterion'], ['matrices', 'matrix'], ['vertebrae', 'vertebra'],
      ['heroes', 'hero'], ['children', 'child'], ['leaves', 'leaf'], ['teeth', 'tooth'],
    ];
    for (const [plural, singular] of pairs) expect(conceptKey(plural!)).toBe(conceptKey(singular!));
    expect(conceptKey('viral capsids of DNA viruses')).toBe(conceptKey('viral capsid of DNA virus'));
    // Words that only end alike are not taken for them: "causes" is not a plural of "caus".
    expect(conceptKey('causes')).toBe(conceptKey('cause'));
    expect(conceptKey('houses')).toBe('house');
  });
});
