/**
 * The stats screen's numbers, read from Dexie and computed by the pure statistics core at a `now` passed in.
 *
 * What bounds the read: every card row (the forecast and the counts need each card's state, which has no
 * index), and the review log only from the first day of the heatmap's year on (`HISTORY_WEEKS` whole weeks
 * ending with this one), fetched through the `time` index; older answers are only asked whether they exist.
 * So years of history cost what one year of answers costs. IndexedDB hands back about one row per 10 µs,
 * so a heavy year (200,000 answers) still takes seconds: the numbers come in two steps, first from the cards
 * and the last `RECENT_DAYS` days (today, the time chart, the forecast), then from the whole year (heatmap,
 * retention, a longer streak), its months read as slices side by side.
 */
import type { LogEntry } from '../../core/scheduling/review-log';
import { DEFAULT_SCHEDULER_SETTINGS, validateSchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { collectStatistics, type Statistics } from '../../core/scheduling/statistics';
import { localUtcOffset, studyDayKey, studyDayOf, studyDayStart, type UtcOffset } from '../../core/scheduling/study-day';
import type { FocalDb } from '../db/focal-db';

/** Weeks of history the screen shows (the heatmap's columns) and reads from the log: a year and the rest of its first week. */
export const HISTORY_WEEKS = 53;
/** Days the first step reads: the time-spent chart's. */
export const RECENT_DAYS = 30;
/** The older part of the year is read in this many time slices at once, each its own read transaction. */
const LOG_SLICES = 4;
const SCHEDULER_SETTINGS_KEY = 'scheduler';

/** The study day (a day number) the shown history starts on: the Monday `weeks - 1` weeks before this week's. */
export function historyFirstDay(today: number, weeks = HISTORY_WEEKS): number {
  // Day 0 (1970-01-01) was a Thursday, so (day + 3) mod 7 counts from Monday.
  const weekday = (((today + 3) % 7) + 7) % 7;
  return today - weekday - (weeks - 1) * 7;
}

export interface StatisticsSnapshot extends Statistics {
  /** The first study day the log-based figures (activity, retention) cover, 'YYYY-MM-DD'; they run to today. */
  since: string;
  /** False for the first step, which covers only the last `RECENT_DAYS` days of the log. */
  complete: boolean;
  dayStartHour: number;
  /** Answers exist from before `since`: the person has history even when this year's is empty. */
  olderHistory: boolean;
}

/** Log entries with `from ≤ time < to`, in time order, read as `slices` ranges side by side. */
async function readLog(db: FocalDb, from: number, to: number, slices: number): Promise<LogEntry[]> {
  const span = Math.max(1, Math.ceil((to - from) / slices));
  const starts = Array.from({ length: slices }, (_, i) => from + i * span).filter((start) => start < to);
  const parts = await Promise.all(starts.map((start) => db.reviewLog.where('time').between(start, Math.min(to, start + span), true, false).toArray()));
  return parts.flat();
}

export class StatisticsState {
  snapshot = $state.raw<StatisticsSnapshot | null>(null);
  loading = $state(false);
  error = $state.raw<unknown>(null);
  /** Nothing answered yet, ever: the screen invites the person to review instead of drawing empty charts. */
  empty = $derived(this.snapshot !== null && this.snapshot.complete && this.snapshot.activity.length === 0 && !this.snapshot.olderHistory);
  private generation = 0;

  constructor(private readonly db: FocalDb) {}

  /** Reads and computes everything at `now`; a later call supersedes one still running. */
  async load(now: number, utcOffset: UtcOffset = localUtcOffset): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.loading = true;
    try {
      const db = this.db;
      const dayStartHour = await this.dayStartHour();
      const today = studyDayOf(now, dayStartHour, utcOffset);
      const firstDay = historyFirstDay(today);
      const since = studyDayStart(firstDay, dayStartHour, utcOffset);
      const recentDay = Math.max(firstDay, today - RECENT_DAYS + 1);
      const recentSince = studyDayStart(recentDay, dayStartHour, utcOffset);
      const options = { now, dayStartHour, utcOffset };

      // The year is asked for only after the first step: IndexedDB answers in order, so asking at once would delay it.
      const [cards, recent] = await Promise.all([db.cards.toArray(), db.reviewLog.where('time').aboveOrEqual(recentSince).toArray()]);
      if (!current()) return;
      this.snapshot = { ...collectStatistics(cards, recent, options), since: studyDayKey(recentDay), complete: false, dayStartHour, olderHistory: false };

      const year = (await readLog(db, since, recentSince, LOG_SLICES)).concat(recent);
      if (!current()) return;
      const statistics = collectStatistics(cards, year, options);
      const olderHistory = statistics.activity.length === 0 && (await db.reviewLog.where('time').below(since).first()) !== undefined;
      if (!current()) return;
      this.snapshot = { ...statistics, since: studyDayKey(firstDay), complete: true, dayStartHour, olderHistory };
      this.error = null;
    } catch (error) {
      if (current()) this.error = error;
      throw error;
    } finally {
      if (current()) this.loading = false;
    }
  }

  /** The person's day start from the scheduler settings row, else the default. */
  private async dayStartHour(): Promise<number> {
    const row = await this.db.settings.get(SCHEDULER_SETTINGS_KEY);
    const stored = typeof row?.value === 'object' && row.value !== null ? (row.value as Record<string, unknown>)['dayStartHour'] : undefined;
    const checked = validateSchedulerSettings({ dayStartHour: stored });
    return checked.ok ? checked.settings.dayStartHour : DEFAULT_SCHEDULER_SETTINGS.dayStartHour;
  }
}
