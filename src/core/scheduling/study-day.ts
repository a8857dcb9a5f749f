/**
 * Study days: the calendar day shifted by the day-start hour, so reviews done at 1 am count for the
 * evening before (Anki's "next day starts at"). Day numbers are whole days since 1970-01-01 in local
 * time; the time zone comes in as a `UtcOffset` so tests and the CLI can pin it.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY_MS = 86_400_000;

/** Minutes a clock is ahead of UTC at an instant (positive east of Greenwich), DST included. */
export type UtcOffset = (ms: number) => number;

/** The host's own time zone, as the Date object reports it. */
export const localUtcOffset: UtcOffset = (ms) => -new Date(ms).getTimezoneOffset();

export function fixedUtcOffset(minutes: number): UtcOffset {
  return () => minutes;
}

/** A named IANA zone ("Europe/Berlin") through Intl, independent of the host's zone. */
export function ianaUtcOffset(timeZone: string): UtcOffset {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (ms) => {
    const name = format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** The study day an instant falls in. */
export function studyDayOf(ms: number, dayStartHour: number, offset: UtcOffset): number {
  return Math.floor((ms + offset(ms) * MINUTE - dayStartHour * HOUR) / DAY_MS);
}

/** The instant a study day begins: `dayStartHour` o'clock local time on that date. */
export function studyDayStart(day: number, dayStartHour: number, offset: UtcOffset): number {
  const localStart = day * DAY_MS + dayStartHour * HOUR;
  // The offset depends on the instant we are solving for; two rounds settle it except inside a DST gap.
  let ms = localStart - offset(localStart) * MINUTE;
  ms = localStart - offset(ms) * MINUTE;
  return ms;
}

/** 'YYYY-MM-DD' of a study day (the local date on which it begins). */
export function studyDayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface StudyDayBounds {
  day: number;
  start: number;
  end: number;
}

export function studyDayBounds(ms: number, dayStartHour: number, offset: UtcOffset): StudyDayBounds {
  const day = studyDayOf(ms, dayStartHour, offset);
  return { day, start: studyDayStart(day, dayStartHour, offset), end: studyDayStart(day + 1, dayStartHour, offset) };
}

/**
 * Maps many instants to study days quickly: the day boundaries of a range are computed once, then an
 * instant's day is found by arithmetic and at most a step or two, with no Date object per instant.
 */
export class StudyCalendar {
  readonly firstDay: number;
  readonly dayCount: number;
  /** starts[i] is when day firstDay + i begins; one extra entry closes the last day. */
  private readonly starts: Float64Array;

  constructor(fromMs: number, toMs: number, dayStartHour: number, offset: UtcOffset) {
    this.firstDay = studyDayOf(Math.min(fromMs, toMs), dayStartHour, offset);
    const lastDay = studyDayOf(Math.max(fromMs, toMs), dayStartHour, offset);
    this.dayCount = lastDay - this.firstDay + 1;
    this.starts = new Float64Array(this.dayCount + 1);
    for (let i = 0; i <= this.dayCount; i++) this.starts[i] = studyDayStart(this.firstDay + i, dayStartHour, offset);
  }

  /** Index of the day holding `ms` (0 = firstDay), or -1 outside the range. */
  indexOf(ms: number): number {
    const starts = this.starts;
    if (ms < starts[0]! || ms >= starts[this.dayCount]!) return -1;
    let i = Math.floor((ms - starts[0]!) / DAY_MS);
    if (i >= this.dayCount) i = this.dayCount - 1;
    while (i > 0 && starts[i]! > ms) i--;
    while (i < this.dayCount - 1 && starts[i + 1]! <= ms) i++;
    return i;
  }

  startOf(index: number): number {
    return this.starts[index]!;
  }
}
