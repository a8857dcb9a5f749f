import { describe, expect, it } from 'vitest';
import { foldAccents, foldForSearch } from './fold-accents';

describe('text folded for search', () => {
  it('drops accents and case, whichever way an accent is encoded, and unfolds compatibility forms', () => {
    expect(foldAccents('Café CAFE\u0301 ﬁnal Ελληνική')).toBe('cafe cafe final ελληνικη');
  });

  it('writes every apostrophe as the straight one, so a search typed on a keyboard finds a curly one', () => {
    expect(foldAccents('Doesn’t SCHRÖDINGER’S ʼokina')).toBe("doesn't schrodinger's 'okina");
    expect(foldForSearch('It doesn’t')).toBe("it doesn't");
  });

  it('only lowercases (and straightens apostrophes in) a text with nothing to fold, and folds one with anything foldable as foldAccents does', () => {
    const plain = 'The cell’s “powerhouse” — it makes ATP…';
    expect(foldForSearch(plain)).toBe("the cell's “powerhouse” — it makes atp…");
    for (const text of ['Crème brûlée', 'cafe\u0301', 'ﬁnal', 'Περικλής', 'Ｆｕｌｌｗｉｄｔｈ', 'x²', 'Привет, мир']) expect(foldForSearch(text)).toBe(foldAccents(text));
  });
});
