import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { documentsMentioning } from './concept-mentions';

const texts = [
  { documentId: 'notes', text: 'Mitochondria make ATP. A mitochondrion has two membranes.' },
  { documentId: 'plants', text: 'Chloroplasts and mitochondria both hold their own DNA. The cell membrane is thin; cell membranes let water through.' },
  { documentId: 'history', text: 'The treaty was signed in 1648.' },
  { documentId: 'energy', text: 'Plants store energy. Energies differ.' },
];

describe('documentsMentioning', () => {
  it('finds the documents that use a concept in any inflection, most mentions first, leaving out those the graph already links', () => {
    expect(documentsMentioning([conceptKey('mitochondria')], texts)).toEqual([
      { documentId: 'notes', count: 1 },
      { documentId: 'plants', count: 1 },
    ]);
    expect(documentsMentioning([conceptKey('mitochondria')], texts, new Set(['notes']))).toEqual([{ documentId: 'plants', count: 1 }]);
    // A stem that is not a prefix of its word ("energi" from "energy") is still found.
    expect(documentsMentioning([conceptKey('energy')], texts)).toEqual([{ documentId: 'energy', count: 2 }]);
  });

  it('matches a phrase as a run of words, and counts a position once however many merged forms match there', () => {
    expect(documentsMentioning([conceptKey('cell membranes')], texts)).toEqual([{ documentId: 'plants', count: 2 }]);
    expect(documentsMentioning([conceptKey('cell membrane'), conceptKey('cell')], texts)).toEqual([{ documentId: 'plants', count: 2 }]);
    // "membrane" alone is in both; "cell membrane" only where the words stand together.
    expect(documentsMentioning([conceptKey('membrane')], texts).map((m) => m.documentId)).toEqual(['plants', 'notes']);
  });

  it('finds nothing for a concept no text uses, or for no keys at all', () => {
    expect(documentsMentioning([conceptKey('photosynthesis')], texts)).toEqual([]);
    expect(documentsMentioning([], texts)).toEqual([]);
    expect(documentsMentioning([''], texts)).toEqual([]);
  });
});
