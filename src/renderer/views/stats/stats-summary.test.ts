import { describe, expect, it } from 'vitest';
import type { DayActivity, RetentionBand } from '../../../core/scheduling/statistics';
import { cardsDetail, currentStreak, overallRetention, recentDays, summarise } from './stats-summary';

const day = (key: string, reviews = 1, timeMs = 10_000): DayActivity => ({ day: key, reviews, timeMs });
const band = (reviews: number, passed: number): RetentionBand => ({ label: 'x', minDays: 0, maxDays: 1, reviews, passed, retention: reviews ? passed / reviews : null });

describe('the streak', () => {
  it('counts consecutive days ending today', () => {
    expect(currentStreak([day('2025-03-10'), day('2025-03-12'), day('2025-03-13'), day('2025-03-14')], '2025-03-14')).toBe(3);
  });

  it('still counts when today has no reviews yet but yesterday had', () => {
    expect(currentStreak([day('2025-03-12'), day('2025-03-13')], '2025-03-14')).toBe(2);
  });

  it('is broken by a day without reviews before yesterday', () => {
    expect(currentStreak([day('2025-03-11'), day('2025-03-12')], '2025-03-14')).toBe(0);
    expect(currentStreak([], '2025-03-14')).toBe(0);
  });

  it('crosses month and year ends, and ignores days after today', () => {
    expect(currentStreak([day('2024-12-30'), day('2024-12-31'), day('2025-01-01'), day('2025-01-03')], '2025-01-01')).toBe(3);
    expect(currentStreak([day('2024-02-28'), day('2024-02-29'), day('2024-03-01')], '2024-03-01')).toBe(3);
  });
});

describe('the last days', () => {
  it('fill days without reviews with zeros and end with today', () => {
    const days = recentDays([day('2025-02-27', 4, 60_000), day('2025-03-01', 2, 5_000)], '2025-03-01', 4);
    expect(days).toEqual([
      { day: '2025-02-26', reviews: 0, timeMs: 0 },
      { day: '2025-02-27', reviews: 4, timeMs: 60_000 },
      { day: '2025-02-28', reviews: 0, timeMs: 0 },
      { day: '2025-03-01', reviews: 2, timeMs: 5_000 },
    ]);
  });
});

describe('the summary', () => {
  it('adds every band into one retention, none without reviews', () => {
    expect(overallRetention([band(10, 9), band(0, 0), band(30, 24)])).toEqual({ retention: 33 / 40, reviews: 40 });
    expect(overallRetention([band(0, 0)])).toEqual({ retention: null, reviews: 0 });
  });

  it("takes today's reviews and time, the streak, the card total and the retention", () => {
    const summary = summarise({
      today: '2025-03-14',
      since: '2024-03-11',
      activity: [day('2025-03-12'), day('2025-03-13'), day('2025-03-14', 5, 120_000)],
      retention: [band(5, 4)],
      counts: { total: 12 },
    });
    expect(summary).toEqual({ reviewsToday: 5, timeTodayMs: 120_000, streakDays: 3, streakAtLeast: false, totalCards: 12, retention: 0.8, retentionReviews: 5 });
  });

  it('says a streak reaching back to the first day read may be longer', () => {
    const activity = ['2025-03-11', '2025-03-12', '2025-03-13'].map((key) => day(key));
    expect(summarise({ today: '2025-03-14', since: '2025-03-11', activity, retention: [], counts: { total: 0 } })).toMatchObject({ reviewsToday: 0, streakDays: 3, streakAtLeast: true });
    expect(summarise({ today: '2025-03-14', since: '2025-03-10', activity, retention: [], counts: { total: 0 } }).streakAtLeast).toBe(false);
  });
});

describe('the line under the card total', () => {
  it('counts the new cards still to learn, and names the suspended and buried ones apart', () => {
    expect(cardsDetail({ new: 3, suspended: 1, buried: 2 })).toBe('3 new to learn · 1 suspended · 2 buried');
  });

  it('leaves out the kinds set aside that have no cards', () => {
    expect(cardsDetail({ new: 0, suspended: 0, buried: 1 })).toBe('0 new to learn · 1 buried');
    expect(cardsDetail({ new: 12, suspended: 0, buried: 0 })).toBe('12 new to learn');
  });
});
