import { describe, expect, it } from 'vitest';
import { formatAmount } from './format';

describe('formatAmount', () => {
  it('says how far a task is in its own units', () => {
    expect(formatAmount(3, 12, 'items')).toBe('3 of 12 items');
    expect(formatAmount(120, 500, 'steps')).toBe('120 of 500 steps');
    expect(formatAmount(7, null, 'pages')).toBe('7 pages');
  });

  it('says nothing before anything is counted or known, rather than “0 items”', () => {
    expect(formatAmount(0, null, 'items')).toBe('');
    expect(formatAmount(0, 4, 'items')).toBe('0 of 4 items');
  });
});
