import { describe, expect, it } from 'vitest';
import { nounPhrases } from '../extraction/noun-phrases';
import { createTfidfRanker } from './tfidf-baseline';

describe('TF-IDF baseline', () => {
  it('takes noun phrases that end in a noun, keeping hyphenated words whole', () => {
    const phrases = nounPhrases('The new fuzzy-logic controllers were tested on noisy images. Results were good.');
    expect(phrases).toContain('fuzzy logic controllers');
    expect(phrases).toContain('noisy images');
    expect(phrases).not.toContain('good');
  });

  it('ranks a phrase frequent in the document and rare in the corpus first', () => {
    const corpus = [
      'Neural networks learn. Neural networks generalise. The system works.',
      'The system works well. The system is fast.',
      'The system fails. The system recovers.',
    ];
    const ranked = createTfidfRanker(corpus)(corpus[0]!);
    expect(ranked[0]).toBe('Neural networks');
    expect(ranked.indexOf('system')).toBeGreaterThan(0);
  });

  it('counts inflected forms of a phrase together and shows the first one written', () => {
    const corpus = ['Kalman filters help. A Kalman filter helps. The grid works.', 'The grid works.'];
    const ranked = createTfidfRanker(corpus)(corpus[0]!);
    expect(ranked.filter((phrase) => /kalman/i.test(phrase))).toEqual(['Kalman filters']);
  });
});
