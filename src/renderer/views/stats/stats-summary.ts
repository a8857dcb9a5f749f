/** The headline numbers above the charts, and the per-day series the charts draw, from computed statistics. */
import type { CardCounts, DayActivity, RetentionBand } from '../../../core/scheduling/statistics';
import { dayKey, dayNumber } from './calendar-days';
import { streakEndingAt } from '../../../core/scheduling/streak';

/**
 * Consecutive study days with at least one review, ending today, or yesterday when today has none yet (a
 * streak is not lost before today's reviews are done). `activity` is oldest first, days with reviews only.
 */
export function currentStreak(activity: readonly DayActivity[], today: string): number {
  return streakEndingAt(new Set(activity.filter((day) => day.reviews > 0).map((day) => dayNumber(day.day))), dayNumber(today));
}

/** The last `count` study days up to and including today, oldest first, days without reviews as zeros. */
export function recentDays(activity: readonly DayActivity[], today: string, count: number): DayActivity[] {
  const byDay = new Map(activity.map((day) => [day.day, day]));
  const last = dayNumber(today);
  const days: DayActivity[] = [];
  for (let day = last - count + 1; day <= last; day++) {
    const key = dayKey(day);
    days.push(byDay.get(key) ?? { day: key, reviews: 0, timeMs: 0 });
  }
  return days;
}

/** Answers not rated Again over all answers to review cards, every band together; null without any. */
export function overallRetention(bands: readonly RetentionBand[]): { retention: number | null; reviews: number } {
  let reviews = 0;
  let passed = 0;
  for (const band of bands) {
    reviews += band.reviews;
    passed += band.passed;
  }
  return { retention: reviews > 0 ? passed / reviews : null, reviews };
}

export interface StatsSummary {
  reviewsToday: number;
  timeTodayMs: number;
  streakDays: number;
  /** The streak reaches back to the first day read, so it may be longer than counted. */
  streakAtLeast: boolean;
  totalCards: number;
  retention: number | null;
  retentionReviews: number;
}

export function summarise(stats: { today: string; since: string; activity: readonly DayActivity[]; retention: readonly RetentionBand[]; counts: { total: number } }): StatsSummary {
  const today = stats.activity.at(-1)?.day === stats.today ? stats.activity.at(-1)! : null;
  const streakDays = currentStreak(stats.activity, stats.today);
  const streakEnd = dayNumber(stats.today) - (today ? 0 : 1);
  const overall = overallRetention(stats.retention);
  return {
    reviewsToday: today?.reviews ?? 0,
    timeTodayMs: today?.timeMs ?? 0,
    streakDays,
    streakAtLeast: streakDays > 0 && streakEnd - streakDays + 1 <= dayNumber(stats.since),
    totalCards: stats.counts.total,
    retention: overall.retention,
    retentionReviews: overall.reviews,
  };
}

/**
 * The line under the card total. A suspended or buried card is counted there, not as new, whether or not it was
 * ever studied, so the new ones are those still to learn and the set-aside ones are named beside them.
 */
export function cardsDetail(counts: Pick<CardCounts, 'new' | 'suspended' | 'buried'>): string {
  const parts = [`${counts.new.toLocaleString()} new to learn`];
  if (counts.suspended > 0) parts.push(`${counts.suspended.toLocaleString()} suspended`);
  if (counts.buried > 0) parts.push(`${counts.buried.toLocaleString()} buried`);
  return parts.join(' · ');
}
