import { describe, expect, it } from 'vitest';
import { DayFormat, bandLabel, formatDuration, formatPercent } from './stats-format';

describe('durations', () => {
  it('read as nothing, in seconds, then minutes and seconds, then minutes, then hours', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(400)).toBe('under 1 s');
    expect(formatDuration(45_400)).toBe('45 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(150_000)).toBe('2 min 30 s');
    expect(formatDuration(12 * 60_000 + 20_000)).toBe('12 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
  });
});

describe('percentages', () => {
  it('keep one decimal only when it says something', () => {
    expect(formatPercent(0.914)).toBe('91.4%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('interval bands', () => {
  it('are named in words', () => {
    expect(bandLabel({ minDays: 0, maxDays: 1 })).toBe('Under 1 day');
    expect(bandLabel({ minDays: 1, maxDays: 7 })).toBe('1–7 days');
    expect(bandLabel({ minDays: 90, maxDays: Infinity })).toBe('Over 90 days');
  });
});

describe('days', () => {
  it('are written as the date they are, whatever the host time zone', () => {
    const format = new DayFormat('en-US');
    expect(format.day('2025-03-04')).toBe('Mar 4');
    expect(format.fullDay('2025-03-04')).toBe('Tue, Mar 4, 2025');
    expect(format.month(0)).toBe('Jan');
    expect([0, 6].map((d) => format.weekday(d))).toEqual(['Mon', 'Sun']);
  });
});
