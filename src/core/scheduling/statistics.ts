/**
 * Statistics for the stats screen, computed from the card records and the review log: activity per study
 * day (the heatmap and the time spent), the due forecast, true retention by interval, and card counts.
 * Each is one or two passes with typed-array counters and no Date per entry, so years of history
 * (a million log entries) take tens of milliseconds.
 */
import type { CardState } from './card-memory';
import type { LogEntry } from './review-log';
import { DAY_MS, StudyCalendar, type UtcOffset, localUtcOffset, studyDayKey, studyDayOf } from './study-day';

export interface StatisticsOptions {
  now: number;
  dayStartHour: number;
  utcOffset?: UtcOffset;
}

/** The fields of a card record statistics read. */
export interface StatisticsCard {
  state: CardState;
  due: number;
  suspended?: boolean;
  buriedUntil?: number | null;
}

export interface DayActivity {
  /** The study day, 'YYYY-MM-DD'. */
  day: string;
  reviews: number;
  timeMs: number;
}

export interface RetentionBand {
  label: string;
  /** Study days since the previous review: minDays ≤ elapsed < maxDays. */
  minDays: number;
  maxDays: number;
  reviews: number;
  /** Reviews not rated Again. */
  passed: number;
  /** passed / reviews; null with no reviews in the band. */
  retention: number | null;
}

export interface CardCounts {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  suspended: number;
  buried: number;
  total: number;
}

export const RETENTION_BANDS: ReadonlyArray<Pick<RetentionBand, 'label' | 'minDays' | 'maxDays'>> = [
  { label: '<1d', minDays: 0, maxDays: 1 },
  { label: '1–7d', minDays: 1, maxDays: 7 },
  { label: '7–30d', minDays: 7, maxDays: 30 },
  { label: '30–90d', minDays: 30, maxDays: 90 },
  { label: '>90d', minDays: 90, maxDays: Infinity },
];

/** How far back from an undo its answer is looked for first: an undo follows the answer it takes back closely. */
const UNDO_REACH = 64;

/**
 * Which entries an undo took back, by index (1: undone), or null when the log has no undo (the common case). Each
 * undo's answer is looked for just before it, and in the whole log only when it is not there: a lookup by id for
 * every entry of a million-entry log cost more than all the counting.
 */
export function undoneIn(entries: readonly LogEntry[]): Uint8Array | null {
  let undone: Uint8Array | null = null;
  let elsewhere: Set<string> | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind !== 'undo') continue;
    undone ??= new Uint8Array(entries.length);
    let j = i - 1;
    while (j >= 0 && i - j <= UNDO_REACH && entries[j]!.id !== entry.undoes) j--;
    if (j >= 0 && i - j <= UNDO_REACH) undone[j] = 1;
    else (elsewhere ??= new Set()).add(entry.undoes);
  }
  if (elsewhere) for (let i = 0; i < entries.length; i++) if (elsewhere.has(entries[i]!.id)) undone![i] = 1;
  return undone;
}

/** Reviews and time spent per study day, for days with any review, oldest first (heatmap and time-per-day chart). */
export function dailyActivity(entries: readonly LogEntry[], options: StatisticsOptions, undone = undoneIn(entries)): DayActivity[] {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < entries.length; i++) {
    const time = entries[i]!.time;
    if (time < first) first = time;
    if (time > last) last = time;
  }
  if (first === Infinity) return [];
  const calendar = new StudyCalendar(first, last, options.dayStartHour, options.utcOffset ?? localUtcOffset);
  const reviews = new Uint32Array(calendar.dayCount);
  const time = new Float64Array(calendar.dayCount);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind !== 'review' || (undone !== null && undone[i] === 1)) continue;
    const day = calendar.indexOf(entry.time);
    reviews[day]!++;
    time[day]! += entry.elapsedMs;
  }
  const result: DayActivity[] = [];
  for (let d = 0; d < calendar.dayCount; d++) {
    if (reviews[d]! > 0) result.push({ day: studyDayKey(calendar.firstDay + d), reviews: reviews[d]!, timeMs: time[d]! });
  }
  return result;
}

/**
 * Cards falling due on each of the next `days` study days; overdue cards count on today (index 0). New and suspended
 * cards are not due; a buried card is due the day it comes back, as Today's queue asks it (not today).
 */
export function dueForecast(cards: readonly StatisticsCard[], options: StatisticsOptions, days = 30): number[] {
  const counts = new Array<number>(days).fill(0);
  if (days <= 0) return counts;
  const offset = options.utcOffset ?? localUtcOffset;
  const calendar = new StudyCalendar(options.now, options.now + (days + 1) * DAY_MS, options.dayStartHour, offset);
  const horizon = calendar.startOf(Math.min(days, calendar.dayCount));
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    if (card.state === 'new' || card.suspended === true) continue;
    const due = Math.max(card.due, card.buriedUntil ?? card.due);
    if (due >= horizon) continue;
    const day = due < options.now ? 0 : calendar.indexOf(due);
    if (day >= 0 && day < days) counts[day]!++;
  }
  return counts;
}

/**
 * True retention by interval band: among answers to cards in review state, the share not rated Again,
 * banded by the study days since the previous answer (a card due the next day and answered then is 1 day, however
 * few hours passed: as the scheduler counts it).
 */
export function retentionByInterval(
  entries: readonly LogEntry[],
  days: Pick<StatisticsOptions, 'dayStartHour' | 'utcOffset'>,
  bands = RETENTION_BANDS,
  undone = undoneIn(entries),
): RetentionBand[] {
  type Counted = Extract<LogEntry, { kind: 'review' }> & { before: { lastReview: number } };
  // The answers that count, found once: the undone check is a lookup per answer, and a million answers add up.
  const counted: Counted[] = [];
  // Study days from one calendar of the whole span, not from the time zone at every answer: asking the zone twice
  // per answer made a million-answer log take 5 s instead of under one.
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind !== 'review' || entry.before.state !== 'review' || entry.before.lastReview === null || (undone !== null && undone[i] === 1)) continue;
    counted.push(entry as Counted);
    const lastReview = entry.before.lastReview;
    if (lastReview < first) first = lastReview;
    if (entry.time < first) first = entry.time;
    if (lastReview > last) last = lastReview;
    if (entry.time > last) last = entry.time;
  }
  const calendar = first <= last ? new StudyCalendar(first, last, days.dayStartHour, days.utcOffset ?? localUtcOffset) : null;
  const reviews = new Float64Array(bands.length);
  const passed = new Float64Array(bands.length);
  for (let i = 0; i < counted.length && calendar; i++) {
    const entry = counted[i]!;
    const elapsedDays = calendar.indexOf(entry.time) - calendar.indexOf(entry.before.lastReview);
    for (let b = 0; b < bands.length; b++) {
      if (elapsedDays < bands[b]!.maxDays) {
        if (elapsedDays >= bands[b]!.minDays) {
          reviews[b]!++;
          if (entry.rating !== 1) passed[b]!++;
        }
        break;
      }
    }
  }
  return bands.map((band, b) => ({ ...band, reviews: reviews[b]!, passed: passed[b]!, retention: reviews[b]! > 0 ? passed[b]! / reviews[b]! : null }));
}

/** Cards by state; a suspended or buried card counts there instead of under its state. */
export function cardCounts(cards: readonly StatisticsCard[], now: number): CardCounts {
  const counts: CardCounts = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0, total: cards.length };
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    if (card.suspended === true) counts.suspended++;
    else if (card.buriedUntil != null && card.buriedUntil > now) counts.buried++;
    else counts[card.state]++;
  }
  return counts;
}

export interface Statistics {
  today: string;
  activity: DayActivity[];
  forecast: number[];
  retention: RetentionBand[];
  counts: CardCounts;
}

export function collectStatistics(cards: readonly StatisticsCard[], entries: readonly LogEntry[], options: StatisticsOptions): Statistics {
  const undone = undoneIn(entries);
  return {
    today: studyDayKey(studyDayOf(options.now, options.dayStartHour, options.utcOffset ?? localUtcOffset)),
    activity: dailyActivity(entries, options, undone),
    forecast: dueForecast(cards, options),
    retention: retentionByInterval(entries, options, RETENTION_BANDS, undone),
    counts: cardCounts(cards, options.now),
  };
}
