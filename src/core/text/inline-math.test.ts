import { describe, expect, it } from 'vitest';
import { escapeLiteralDollars, mathSegments, mathSpans, textWithoutMath } from './inline-math';

describe('inline math in a sentence', () => {
  it('is each $…$ span as Pandoc reads it, the rest text', () => {
    expect(mathSegments('The energy is $E = mc^2$ and $\\{1, 2\\}$ a set.')).toEqual([{ text: 'The energy is ' }, { tex: 'E = mc^2' }, { text: ' and ' }, { tex: '\\{1, 2\\}' }, { text: ' a set.' }]);
    expect(mathSegments('$x$')).toEqual([{ tex: 'x' }]);
  });

  it('leaves prices, a lone dollar and text without dollars as text', () => {
    for (const text of ['It costs $5 and $10.', 'Pay $ 5 now, $ later.', 'No math here.', 'A lone $ sign.']) expect(mathSegments(text)).toEqual([{ text }]);
    expect(mathSegments('At $5 a unit, $x^2$ grows.')).toEqual([{ text: 'At $5 a unit, ' }, { tex: 'x^2' }, { text: ' grows.' }]);
  });

  it('shows an escaped dollar as a dollar sign, never as the start or end of math', () => {
    expect(mathSegments('The literal text \\$x\\$ and $y$.')).toEqual([{ text: 'The literal text $x$ and ' }, { tex: 'y' }, { text: '.' }]);
  });

  it('escapes the dollar signs of text that would read as math, and no others', () => {
    expect(escapeLiteralDollars('The literal text $x$ costs $5 and $10.')).toBe('The literal text \\$x\\$ costs $5 and $10.');
    expect(mathSegments(escapeLiteralDollars('Between $a and b$ there.'))).toEqual([{ text: 'Between $a and b$ there.' }]);
    expect(escapeLiteralDollars('No dollars.')).toBe('No dollars.');
  });

  it('tells where the math lies, and what the words are without it', () => {
    const text = 'The rate $v = \\frac{V_{max}[S]}{K_m + [S]}$ costs $5 and \\$x\\$.';
    expect(mathSpans(text)).toEqual([{ start: 9, end: 43 }]);
    expect(text.slice(9, 43)).toBe('$v = \\frac{V_{max}[S]}{K_m + [S]}$');
    expect(textWithoutMath(text)).toBe('The rate   costs $5 and $x$.');
    expect(textWithoutMath('No math here.')).toBe('No math here.');
  });
});
