/**
 * Study days as the statistics name them ('YYYY-MM-DD', the local date a study day begins on) and as
 * numbers (whole days since 1970-01-01), for walking back from today and laying out weeks.
 */
import { DAY_MS, studyDayKey } from '../../../core/scheduling/study-day';

export const dayKey = studyDayKey;

export function dayNumber(key: string): number {
  return Math.round(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayOf(day: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((day + 3) % 7) + 7) % 7;
}

/** The day as a `Date` at UTC midnight: format it with `timeZone: 'UTC'` to get its own date back. */
export function dayDate(key: string): Date {
  return new Date(`${key}T00:00:00Z`);
}
