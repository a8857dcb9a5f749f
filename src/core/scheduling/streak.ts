/**
 * The study streak: consecutive study days with at least one answer, counting back from today (or from
 * yesterday, so a streak is not lost before today's reviews are done).
 */
import { effectiveReviews, type LogEntry } from './review-log';
import { studyDayOf, type UtcOffset } from './study-day';

export function studyStreak(entries: readonly LogEntry[], now: number, dayStartHour: number, offset: UtcOffset): number {
  const days = new Set(effectiveReviews(entries).map((entry) => studyDayOf(entry.time, dayStartHour, offset)));
  return streakEndingAt(days, studyDayOf(now, dayStartHour, offset));
}

/** The streak over numbered days that had study (any consecutive numbering): back from `today`, or from the day before it. */
export function streakEndingAt(studied: ReadonlySet<number>, today: number): number {
  let day = studied.has(today) ? today : today - 1;
  let streak = 0;
  while (studied.has(day)) {
    streak++;
    day--;
  }
  return streak;
}

/** Typical seconds per answer from recent history, with sensible defaults before there is any. */
export function secondsPerAnswer(entries: readonly LogEntry[]): { review: number; new: number } {
  const recent = effectiveReviews(entries).slice(-300);
  const average = (list: number[], fallback: number) => (list.length >= 10 ? list.reduce((a, b) => a + b, 0) / list.length / 1000 : fallback);
  return {
    review: average(recent.filter((e) => e.before.state !== 'new').map((e) => e.elapsedMs), 10),
    new: average(recent.filter((e) => e.before.state === 'new').map((e) => e.elapsedMs), 20),
  };
}
