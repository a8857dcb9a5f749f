import { describe, expect, it } from 'vitest';
import { newCardMemory } from './card-memory';
import type { LogEntry } from './review-log';
import { fixedUtcOffset } from './study-day';
import { secondsPerAnswer, studyStreak } from './streak';

const DAY = 86_400_000;
const noon = Date.UTC(2026, 10, 29, 12);
const review = (id: string, time: number, elapsedMs = 5000, state: 'new' | 'review' = 'review'): LogEntry => ({
  kind: 'review',
  id,
  cardId: 'c',
  time,
  rating: 3,
  elapsedMs,
  before: { ...newCardMemory(0), state },
  after: { ...newCardMemory(0), state: 'review' },
});

describe('the study streak', () => {
  const utc = fixedUtcOffset(0);

  it('counts consecutive days back from today', () => {
    expect(studyStreak([review('a', noon - 2 * DAY), review('b', noon - DAY), review('c', noon)], noon, 4, utc)).toBe(3);
  });

  it('is kept until today is over, and broken by a missed day', () => {
    expect(studyStreak([review('a', noon - 2 * DAY), review('b', noon - DAY)], noon, 4, utc)).toBe(2);
    expect(studyStreak([review('a', noon - 3 * DAY), review('b', noon - DAY)], noon, 4, utc)).toBe(1);
    expect(studyStreak([review('a', noon - 3 * DAY)], noon, 4, utc)).toBe(0);
  });

  it('ignores answers that were undone', () => {
    expect(studyStreak([review('a', noon), { kind: 'undo', id: 'u', cardId: 'c', time: noon + 1, undoes: 'a' }], noon, 4, utc)).toBe(0);
  });
});

describe('time per answer', () => {
  it('uses defaults until there is history, then the average', () => {
    expect(secondsPerAnswer([])).toEqual({ review: 10, new: 20 });
    const history = Array.from({ length: 12 }, (_, i) => review(`r${i}`, noon + i, 6000));
    expect(secondsPerAnswer(history).review).toBe(6);
  });
});
