import { describe, expect, it } from 'vitest';
import { ratingButtonName, spokenInterval } from './rating-names';

describe('the rating buttons’ spoken names', () => {
  it('say each interval label in words, one and many', () => {
    expect(spokenInterval('<1m')).toBe('less than a minute');
    expect(spokenInterval('1m')).toBe('1 minute');
    expect(spokenInterval('10m')).toBe('10 minutes');
    expect(spokenInterval('1.5h')).toBe('1.5 hours');
    expect(spokenInterval('1d')).toBe('1 day');
    expect(spokenInterval('1.5mo')).toBe('1.5 months');
    expect(spokenInterval('1mo')).toBe('1 month');
    expect(spokenInterval('2y')).toBe('2 years');
  });

  it('keep a label they do not know as it is', () => {
    expect(spokenInterval('soon')).toBe('soon');
  });

  it('lead with the action, then the interval and the key', () => {
    expect(ratingButtonName('Again', '1m', '1')).toBe('Again, in 1 minute (key 1)');
    expect(ratingButtonName('Good', '3d', '3')).toBe('Good, in 3 days (key 3)');
  });
});
