import { describe, expect, it } from 'vitest';
import { attentionSegments } from './attention-segments';
import { keepMathWhole } from './attention-math';

describe('the attended sentence with its maths', () => {
  it('keeps a formula whole, weighted by the tokens read inside it', () => {
    const text = 'The rate is $v = V_{max}$ at most.';
    const shown = keepMathWhole(text, attentionSegments(text, [{ token: 'rate', weight: 0.5 }, { token: 'v', weight: 0.2 }, { token: 'max', weight: 0.1 }, { token: 'most', weight: 0.2 }]));
    expect(shown.map((s) => s.text).join('')).toBe(text);
    const formula = shown.find((s) => s.math)!;
    expect(formula.text).toBe('$v = V_{max}$');
    expect(formula.weight).toBeCloseTo(0.3);
    expect(shown.filter((s) => s.math)).toHaveLength(1);
    expect(shown.find((s) => s.text === 'rate')).toMatchObject({ weight: 0.5, math: false });
  });

  it('leaves a formula no token reached unweighted', () => {
    const text = 'So $x^2$ grows.';
    const shown = keepMathWhole(text, attentionSegments(text, [{ token: 'grows', weight: 1 }]));
    expect(shown.find((s) => s.math)).toMatchObject({ text: '$x^2$', weight: null });
  });

  it('cuts a token that runs into a formula at its edge', () => {
    const text = 'ab$x$';
    const shown = keepMathWhole(text, [{ text: 'ab$x', weight: 0.4 }, { text: '$', weight: null }]);
    expect(shown).toEqual([
      { text: 'ab', weight: 0.4, math: false },
      { text: '$x$', weight: 0.4, math: true },
    ]);
  });

  it('changes nothing in a sentence without maths but its escaped dollars', () => {
    const text = 'It costs \\$5 and $10.';
    const shown = keepMathWhole(text, attentionSegments(text, [{ token: 'costs', weight: 1 }]));
    expect(shown.every((s) => !s.math)).toBe(true);
    expect(shown.map((s) => s.text).join('')).toBe('It costs $5 and $10.');
  });
});
