import { describe, expect, it } from 'vitest';
import { inflectionKey } from '../extraction/concept-key';
import { documentsMentioning } from './concept-mentions';

const texts = [
  { documentId: 'notes', text: 'Mitochondria make ATP. A mitochondrion has two membranes.' },
  { documentId: 'plants', text: 'Chloroplasts and mitochondria both hold their own DNA. The cell membrane is thin; cell membranes let water through.' },
  { documentId: 'history', text: 'The treaty was signed in 1648.' },
  { documentId: 'energy', text: 'Plants store energy. Energies differ.' },
  { documentId: 'geology', text: 'The formation of sedimentary layers is slow. Each new generation of geologists argues in general terms.' },
];

describe('documentsMentioning', () => {
  it('finds the documents that use a concept in any inflection, most mentions first, with where the first one starts', () => {
    expect(documentsMentioning('mitochondria', texts)).toEqual([
      { documentId: 'notes', count: 2, firstAt: 0 },
      { documentId: 'plants', count: 1, firstAt: texts[1]!.text.indexOf('mitochondria') },
    ]);
    expect(documentsMentioning('mitochondria', texts, new Set(['notes'])).map((m) => m.documentId)).toEqual(['plants']);
    expect(documentsMentioning('energy', texts)).toEqual([{ documentId: 'energy', count: 2, firstAt: texts[3]!.text.indexOf('energy') }]);
    expect(documentsMentioning('fly', [{ documentId: 'x', text: 'Flies carry germs.' }])).toMatchObject([{ documentId: 'x', count: 1 }]);
    // Irregular plurals, whatever their spelling shares with the singular.
    expect(documentsMentioning('mitochondrion', texts).map((m) => [m.documentId, m.count])).toEqual([['notes', 2], ['plants', 1]]);
    expect(documentsMentioning('life', [{ documentId: 'x', text: 'Nine lives.' }])).toMatchObject([{ documentId: 'x', count: 1 }]);
    expect(documentsMentioning('tooth', [{ documentId: 'x', text: 'Sharks lose teeth.' }])).toMatchObject([{ documentId: 'x', count: 1 }]);
  });

  it('matches a phrase as a run of words, possessives included', () => {
    expect(documentsMentioning('cell', [{ documentId: 'x', text: 'The cell’s wall.' }])).toMatchObject([{ documentId: 'x', count: 1 }]);
    expect(documentsMentioning('cell membranes', texts)).toMatchObject([{ documentId: 'plants', count: 2 }]);
    // "membrane" alone is in both; "cell membrane" only where the words stand together.
    expect(documentsMentioning('membrane', texts).map((m) => m.documentId)).toEqual(['plants', 'notes']);
  });

  it('does not take words that only share a stem for the concept', () => {
    expect(documentsMentioning('format', texts)).toEqual([]);
    expect(documentsMentioning('generation', texts)).toMatchObject([{ documentId: 'geology', count: 1 }]);
    expect(documentsMentioning('general', texts)).toMatchObject([{ documentId: 'geology', count: 1 }]);
    expect(documentsMentioning('generations', texts)).toMatchObject([{ documentId: 'geology', count: 1 }]);
  });

  it('finds nothing for a concept no text uses, or for an empty one', () => {
    expect(documentsMentioning('photosynthesis', texts)).toEqual([]);
    expect(documentsMentioning('', texts)).toEqual([]);
  });
});

describe('inflectionKey', () => {
  it('joins plurals and possessives, and leaves words that only look plural alone', () => {
    for (const [a, b] of [['cells', 'cell'], ['energies', 'energy'], ['boxes', 'box'], ['branches', 'branch'], ['classes', 'class']]) {
      expect(inflectionKey(a!), a).toBe(inflectionKey(b!));
    }
    for (const word of ['virus', 'analysis', 'glass', 'gas']) expect(inflectionKey(word)).toBe(word);
  });
});
