import { describe, expect, it } from 'vitest';
import { formatAmount, plural } from './format';

describe('formatAmount', () => {
  it('says how far a task is in its own units', () => {
    expect(formatAmount(3, 12, 'documents')).toBe('3 of 12 documents');
    expect(formatAmount(120, 500, 'steps')).toBe('120 of 500 steps');
    expect(formatAmount(7, null, 'pages')).toBe('7 pages');
  });

  it('says nothing before anything is counted or known, rather than “0 documents”', () => {
    expect(formatAmount(0, null, 'documents')).toBe('');
    expect(formatAmount(0, 4, 'documents')).toBe('0 of 4 documents');
  });

  it('puts the unit in the singular for one', () => {
    expect(formatAmount(1, 1, 'documents')).toBe('1 of 1 document');
    expect(formatAmount(0, 1, 'steps')).toBe('0 of 1 step');
    expect(formatAmount(1, null, 'pages')).toBe('1 page');
    expect(formatAmount(1, 2, 'documents')).toBe('1 of 2 documents');
  });

  it('shows bytes as sizes, with no unit word', () => {
    expect(formatAmount(512, 2048, 'bytes')).toBe('512 B of 2.0 KB');
    expect(formatAmount(1, null, 'bytes')).toBe('1 B');
  });
});

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(plural(1, 'sentence')).toBe('1 sentence');
    expect(plural(0, 'sentence')).toBe('0 sentences');
    expect(plural(2, 'key sentence')).toBe('2 key sentences');
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'copy', 'copies')).toBe('3 copies');
    expect(plural(1, 'copy', 'copies')).toBe('1 copy');
  });
});
