import { describe, expect, it } from 'vitest';
import { mostSalientFirst } from './salience-order';

describe('mostSalientFirst', () => {
  it('puts the highest salience first and unscored sentences last, leaving ties to the next comparison', () => {
    const rows = [{ salience: 0.2 }, { salience: null }, { salience: 3 }, { salience: -1 }, { salience: null }];
    expect([...rows].sort(mostSalientFirst).map((r) => r.salience)).toEqual([3, 0.2, -1, null, null]);
    expect(mostSalientFirst({ salience: null }, { salience: null })).toBe(0);
    expect(mostSalientFirst({ salience: 1 }, { salience: 1 })).toBe(0);
  });
});
