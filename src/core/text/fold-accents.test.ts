import { describe, expect, it } from 'vitest';
import { foldAccents, foldForSearch } from './fold-accents';

describe('text folded for search', () => {
  it('drops accents and case, whichever way an accent is encoded, and unfolds compatibility forms', () => {
    expect(foldAccents('Café CAFE\u0301 ﬁnal Ελληνική')).toBe('cafe cafe final ελληνικη');
  });

  it('only lowercases a text with nothing to fold, and folds one with anything foldable as foldAccents does', () => {
    const plain = 'The cell’s “powerhouse” — it makes ATP…';
    expect(foldForSearch(plain)).toBe(plain.toLowerCase());
    for (const text of ['Crème brûlée', 'cafe\u0301', 'ﬁnal', 'Περικλής', 'Ｆｕｌｌｗｉｄｔｈ', 'x²', 'Привет, мир']) expect(foldForSearch(text)).toBe(foldAccents(text));
  });
});
