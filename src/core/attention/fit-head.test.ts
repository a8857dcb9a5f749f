import { describe, expect, it } from 'vitest';
import { fitHead, type HeadExample } from './fit-head';

describe('fitting the head', () => {
  it('finds the input that separates key sentences and ignores the ones it is told to', () => {
    const examples: HeadExample[] = [];
    for (let i = 0; i < 200; i++) {
      const signal = (i % 10) / 10;
      const noise = ((i * 7919) % 13) / 13;
      examples.push({ inputs: [signal, noise, 5], label: signal + 0.05 * noise > 0.5 ? 1 : 0 });
    }
    const fitted = fitHead(examples, [true, true, false], { l2: 1e-4 });
    expect(fitted.head[0]!).toBeGreaterThan(5);
    expect(Math.abs(fitted.head[1]!)).toBeLessThan(fitted.head[0]! / 3);
    expect(fitted.head[2]).toBe(0);
    expect(fitted.logLoss).toBeLessThan(0.3);
  });

  it('gives the same weights every time', () => {
    const examples: HeadExample[] = [0, 1, 2, 3].map((i) => ({ inputs: [i, i * i], label: (i > 1 ? 1 : 0) as 0 | 1 }));
    expect(fitHead(examples, [true, true])).toEqual(fitHead(examples, [true, true]));
  });
});
