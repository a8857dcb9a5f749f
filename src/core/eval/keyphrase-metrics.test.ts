import { describe, expect, it } from 'vitest';
import { distinctStemmedPhrases, macroAverageKeyphraseScores, scoreKeyphrases } from './keyphrase-metrics';

describe('keyphrase metrics', () => {
  it('count a phrase once when variants stem alike, so later phrases move up into the top 5', () => {
    expect(distinctStemmedPhrases(['Neural networks', 'neural network', 'graph', '—', 'Graphs'])).toEqual(['neural network', 'graph']);
    const ranked = ['neural networks', 'neural network', 'Neural Networks', 'a', 'b', 'c', 'graph'];
    // After dropping repeats the top 5 is: neural network, a, b, c, graph — both gold keys are in it.
    const scores = scoreKeyphrases(ranked, ['neural network', 'graphs']);
    expect(scores.precisionAt5).toBeCloseTo(2 / 5, 12);
    expect(scores.recallAt5).toBe(1);
    expect(scores.f1At5).toBeCloseTo(4 / 7, 12);
  });

  it('keep gold keys absent from the predictions in the gold, lowering recall', () => {
    const ranked = ['kalman filter', 'grid computing', 'x', 'y', 'z'];
    const scores = scoreKeyphrases(ranked, ['Kalman filters', 'grid computing', 'reservoir simulation', 'hydrocarbon']);
    expect(scores.precisionAt5).toBeCloseTo(2 / 5, 12);
    expect(scores.recallAt5).toBeCloseTo(2 / 4, 12);
    expect(scores.f1At5).toBeCloseTo(4 / 9, 12);
  });

  it('match whole phrases exactly, not their parts', () => {
    expect(scoreKeyphrases(['kalman', 'ensemble kalman filter'], ['kalman filter']).f1At5).toBe(0);
  });

  it('divide precision by the phrases returned when fewer than the cutoff', () => {
    const scores = scoreKeyphrases(['lawsuit', 'sprint'], ['lawsuit', 'Sprint', 'regulations', 'anti-spam act']);
    expect(scores.precisionAt10).toBe(1);
    expect(scores.recallAt10).toBe(0.5);
    expect(scores.f1At10).toBeCloseTo(2 / 3, 12);
    expect(scoreKeyphrases([], ['lawsuit']).f1At10).toBe(0);
  });

  it('score the top 10 separately from the top 5', () => {
    const ranked = ['a', 'b', 'c', 'd', 'e', 'gold one', 'f', 'g', 'h', 'i'];
    const scores = scoreKeyphrases(ranked, ['gold one']);
    expect(scores.f1At5).toBe(0);
    expect(scores.precisionAt10).toBeCloseTo(1 / 10, 12);
    expect(scores.f1At10).toBeCloseTo(2 / 11, 12);
  });

  it('macro-average documents in percent', () => {
    const perfect = scoreKeyphrases(['a'], ['a']);
    const miss = scoreKeyphrases(['b'], ['a']);
    expect(macroAverageKeyphraseScores([perfect, miss])).toMatchObject({ f1At5: 50, f1At10: 50, precisionAt5: 50 });
  });
});
