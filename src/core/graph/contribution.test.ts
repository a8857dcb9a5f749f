import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { type ContributionSource, documentContribution, unitVector } from './contribution';
import { NOTE_A } from './fixtures/notes';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function source(over: Partial<ContributionSource['document']>, sentences = NOTE_A.sentences): ContributionSource {
  return { ...NOTE_A, document: { ...NOTE_A.document, ...over }, sentences };
}

describe('what a document contributes to the graph', () => {
  it('keys concepts by stem, keeping the better-scored spelling and every sentence of both', () => {
    const contribution = documentContribution(
      source({
        concepts: [
          { phrase: 'neural network', score: 0.5, sentences: [0] },
          { phrase: 'Neural networks', score: 0.9, sentences: [3] },
        ],
      }),
    );
    expect(contribution.concepts).toHaveLength(1);
    expect(contribution.concepts[0]).toMatchObject({ key: conceptKey('neural network'), phrase: 'Neural networks', score: 0.9, sentenceIds: ['a0', 'a3'] });
  });

  it('turns sentence indices into sentence ids and keeps the key sentences apart', () => {
    const calvin = documentContribution(NOTE_A).concepts.find((c) => c.phrase === 'Calvin cycle')!;
    expect(calvin.sentenceIds).toEqual(['a1', 'a2', 'a3']);
    expect(calvin.keySentenceIds).toEqual(['a1', 'a3']);
  });

  it('pairs concepts that share key sentences, each shared sentence adding sigmoid(salience)', () => {
    const { pairs } = documentContribution(NOTE_A);
    const weight = (a: string, b: string) => {
      const [x, y] = [conceptKey(a), conceptKey(b)].sort();
      return pairs.find((p) => p.a === x && p.b === y)?.weight;
    };
    expect(weight('photosynthesis', 'chlorophyll')).toBeCloseTo(sigmoid(2), 12);
    expect(weight('light reactions', 'Calvin cycle')).toBeCloseTo(sigmoid(0), 12);
    expect(weight('carbon fixation', 'Calvin cycle')).toBeCloseTo(sigmoid(-1), 12);
    // Sentence a2 mentions both but is not a key sentence.
    expect(weight('photosynthesis', 'Calvin cycle')).toBeUndefined();
    expect(pairs.every((p) => p.a < p.b)).toBe(true);
  });

  it('adds up a pair over every key sentence it shares', () => {
    const contribution = documentContribution(
      source({
        concepts: [
          { phrase: 'photosynthesis', score: 1, sentences: [0, 1] },
          { phrase: 'chlorophyll', score: 1, sentences: [0, 1] },
        ],
      }),
    );
    expect(contribution.pairs).toHaveLength(1);
    expect(contribution.pairs[0]!.weight).toBeCloseTo(sigmoid(2) + sigmoid(0), 12);
  });

  it('scales vectors to unit length and leaves out missing, empty and zero ones', () => {
    const v = unitVector([3, 4])!;
    expect(v).toEqual([0.6, 0.8]);
    expect(unitVector(undefined)).toBeNull();
    expect(unitVector([])).toBeNull();
    expect(unitVector([0, 0])).toBeNull();
    expect(unitVector([Number.NaN, 1])).toBeNull();
    const contribution = documentContribution({ ...NOTE_A, vectors: new Map([['chlorophyll', [0, 2, 0]]]) });
    expect(contribution.concepts.find((c) => c.phrase === 'chlorophyll')!.vector).toEqual([0, 1, 0]);
    expect(contribution.concepts.find((c) => c.phrase === 'photosynthesis')!.vector).toBeNull();
  });

  it('drops repeated tags and links whatever their case, and the # of a tag', () => {
    const contribution = documentContribution(source({ tags: ['#Biology', 'biology', 'plants'], links: ['Cells', 'cells', ' '] }));
    expect(contribution.tags).toEqual(['Biology', 'plants']);
    expect(contribution.links).toEqual(['Cells']);
  });

  it('ignores concept sentences that the document does not have', () => {
    const contribution = documentContribution(source({ concepts: [{ phrase: 'photosynthesis', score: 1, sentences: [0, 99] }] }));
    expect(contribution.concepts[0]!.sentenceIds).toEqual(['a0']);
  });
});
