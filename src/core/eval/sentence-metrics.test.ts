import { describe, expect, it } from 'vitest';
import { countSentenceMatches, macroAverageSentenceScores, rougeNF1, scoreChosenSentences, tokenSetDice } from './sentence-metrics';

describe('ROUGE-N F1', () => {
  const chosen = ['The cat sat.', 'A dog ran.'];
  const gold = ['The cat sat down.', 'The dog ran.'];

  it('pools bigrams within sentences: 3 shared of 4 chosen and 5 gold gives 2/3', () => {
    // Chosen bigrams: the cat, cat sat, a dog, dog ran ("sat a" spans a boundary and is not one).
    expect(scoreChosenSentences(chosen, gold).rouge2).toBeCloseTo(2 / 3, 12);
  });

  it('pools unigrams: 5 shared of 6 chosen and 7 gold gives 10/13', () => {
    expect(scoreChosenSentences(chosen, gold).rouge1).toBeCloseTo(10 / 13, 12);
  });

  it('clips a repeated n-gram to its count in the reference', () => {
    expect(rougeNF1([['the', 'the', 'the']], [['the', 'cat']], 1)).toBeCloseTo(2 / 5, 12);
  });

  it('is 1 for identical text and 0 without shared n-grams', () => {
    expect(scoreChosenSentences(gold, gold)).toEqual({ rouge1: 1, rouge2: 1, sentenceF1: 1 });
    expect(rougeNF1([['a', 'b']], [['c', 'd']], 2)).toBe(0);
    expect(rougeNF1([['a']], [['a']], 2)).toBe(0);
  });
});

describe('sentence F1', () => {
  it('matches at a token-set Dice of exactly 0.8', () => {
    expect(tokenSetDice(new Set(['a', 'b', 'c', 'd', 'e']), new Set(['a', 'b', 'c', 'd', 'f']))).toBe(0.8);
    expect(scoreChosenSentences(['red green blue black white'], ['red green blue black pink']).sentenceF1).toBe(1);
  });

  it('does not match just below 0.8', () => {
    // 2·4 / (5 + 6) = 0.727…
    expect(scoreChosenSentences(['red green blue black white'], ['red green blue black pink grey']).sentenceF1).toBe(0);
  });

  it('lets each gold sentence be matched once', () => {
    const result = scoreChosenSentences(['The market rose today.', 'The market rose today.'], ['The market rose today.']);
    // One match: precision 1/2, recall 1/1.
    expect(result.sentenceF1).toBeCloseTo(2 / 3, 12);
  });

  it('gives a chosen sentence the unused gold sentence it overlaps most', () => {
    const chosen = [['a', 'b', 'c', 'd', 'e']];
    const gold = [['a', 'b', 'c', 'd', 'f'], ['a', 'b', 'c', 'd', 'e']];
    expect(countSentenceMatches([...chosen, ['a', 'b', 'c', 'd', 'f']], gold)).toBe(2);
  });

  it('is 0 when nothing was chosen', () => {
    expect(scoreChosenSentences([], ['A gold sentence.'])).toEqual({ rouge1: 0, rouge2: 0, sentenceF1: 0 });
  });
});

describe('macro average', () => {
  it('is the mean of each score over articles', () => {
    const mean = macroAverageSentenceScores([
      { rouge1: 1, rouge2: 0.5, sentenceF1: 0 },
      { rouge1: 0, rouge2: 0.25, sentenceF1: 1 },
    ]);
    expect(mean).toEqual({ rouge1: 0.5, rouge2: 0.375, sentenceF1: 0.5 });
  });

  it('is zero over no articles', () => {
    expect(macroAverageSentenceScores([])).toEqual({ rouge1: 0, rouge2: 0, sentenceF1: 0 });
  });
});
