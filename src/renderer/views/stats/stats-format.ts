/** How the stats screen writes durations, shares, interval bands and days. */
export { formatDuration } from '../../components/format';
import type { RetentionBand } from '../../../core/scheduling/statistics';
import { dayDate } from './calendar-days';

/** A share as a percentage with at most one decimal ("91.4%", "100%"); "—" for none. */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** "Under 1 day", "1–7 days", "Over 90 days": a band of days since the previous review, in words. */
export function bandLabel(band: Pick<RetentionBand, 'minDays' | 'maxDays'>): string {
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  if (band.maxDays === Infinity) return `Over ${days(band.minDays)}`;
  if (band.minDays === 0) return `Under ${days(band.maxDays)}`;
  return `${band.minDays}–${days(band.maxDays)}`;
}

/** Study days ('YYYY-MM-DD') and months in the reader's locale. */
export class DayFormat {
  private readonly shortDay: Intl.DateTimeFormat;
  private readonly longDay: Intl.DateTimeFormat;
  private readonly monthName: Intl.DateTimeFormat;
  private readonly weekdayName: Intl.DateTimeFormat;

  constructor(locale?: string) {
    this.shortDay = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    this.longDay = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    this.monthName = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    this.weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  }

  /** "Mar 4" */
  day(key: string): string {
    return this.shortDay.format(dayDate(key));
  }

  /** "Tue, Mar 4, 2025" */
  fullDay(key: string): string {
    return this.longDay.format(dayDate(key));
  }

  /** "Mar" for 2 */
  month(month: number): string {
    return this.monthName.format(Date.UTC(2000, month, 1));
  }

  /** "Mon" for 0 … "Sun" for 6 */
  weekday(weekday: number): string {
    // 2024-01-01 was a Monday.
    return this.weekdayName.format(Date.UTC(2024, 0, 1 + weekday));
  }
}
