import { describe, expect, it } from 'vitest';
import { cardsOnSentences, sentencesBySalience } from './panel-lists';

describe('the graph panel’s lists', () => {
  it('lists a concept’s sentences most salient first, unscored ones last, ties in reading order', () => {
    const sentences = [
      { id: 's-b', ordinal: 7, salience: 0.5 },
      { id: 's-none', ordinal: 1, salience: null },
      { id: 's-top', ordinal: 9, salience: 2 },
      { id: 's-a', ordinal: 3, salience: 0.5 },
    ];
    expect(sentencesBySalience(sentences).map((s) => s.id)).toEqual(['s-top', 's-a', 's-b', 's-none']);
  });

  it('lists the cards in their sentences’ order whatever the storage order, and leaves out cards on other sentences', () => {
    const cards = [
      { id: 'c9', sentenceId: 's2', key: 'qa:s2' },
      { id: 'c1', sentenceId: 'other', key: 'qa:other' },
      { id: 'c4', sentenceId: 's1', key: 'qa:s1' },
      { id: 'c2', sentenceId: 's2', key: 'cloze:s2' },
    ];
    const expected = ['c4', 'c2', 'c9'];
    expect(cardsOnSentences(cards, ['s1', 's2']).map((c) => c.id)).toEqual(expected);
    expect(cardsOnSentences([...cards].reverse(), ['s1', 's2']).map((c) => c.id)).toEqual(expected);
  });
});
