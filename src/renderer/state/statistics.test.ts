import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type CardMemory, type CardState, newCardMemory } from '../../core/scheduling/card-memory';
import type { LogEntry } from '../../core/scheduling/review-log';
import { fixedUtcOffset } from '../../core/scheduling/study-day';
import { type CardRow, FocalDb } from '../db/focal-db';
import { HISTORY_WEEKS, StatisticsState, historyFirstDay } from './statistics.svelte';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = fixedUtcOffset(0);
// Friday 14 March 2025, noon UTC.
const NOW = Date.UTC(2025, 2, 14, 12);

function card(id: string, state: CardState, due: number, extra: Partial<CardRow> = {}): CardRow {
  return {
    ...newCardMemory(0),
    id,
    documentId: 'd',
    sentenceId: `s-${id}`,
    key: `cloze:s-${id}`,
    kind: 'cloze',
    manual: false,
    prompt: 'p',
    answer: 'a',
    sentence: 's',
    context: [],
    concept: null,
    salience: 0,
    createdAt: 0,
    state,
    due,
    suspended: false,
    buriedUntil: null,
    edited: false,
    ...extra,
  };
}

let n = 0;
function review(time: number, rating: 1 | 3, before: Partial<CardMemory> = {}): LogEntry {
  n++;
  return { kind: 'review', id: `r${n}`, cardId: 'c1', time, rating, elapsedMs: 20_000, before: { ...newCardMemory(0), ...before }, after: newCardMemory(0) };
}

async function database(cards: CardRow[], log: LogEntry[], scheduler?: unknown): Promise<FocalDb> {
  const db = new FocalDb(`statistics-${Math.random()}`);
  await db.cards.bulkAdd(cards);
  await db.reviewLog.bulkAdd(log);
  if (scheduler !== undefined) await db.settings.put({ key: 'scheduler', value: scheduler });
  return db;
}

describe('the statistics state', () => {
  it('starts the shown history on the Monday a year of weeks back', () => {
    const today = Math.floor(NOW / DAY);
    const first = historyFirstDay(today);
    expect(new Date(first * DAY).getUTCDay()).toBe(1);
    expect(today - first).toBe((HISTORY_WEEKS - 1) * 7 + 4);
  });

  it("computes from every card and this year's log at the given time", async () => {
    const learnt = { state: 'review' as const, lastReview: NOW - 10 * DAY };
    const db = await database(
      [card('a', 'review', NOW + DAY), card('b', 'new', NOW), card('c', 'review', NOW - DAY, { suspended: true }), card('d', 'learning', NOW + HOUR)],
      [review(NOW - 800 * DAY, 1, learnt), review(NOW - DAY, 3, learnt), review(NOW - HOUR, 1, learnt), review(NOW - 2 * HOUR, 3)],
    );
    const stats = new StatisticsState(db);
    await stats.load(NOW, utc);
    const snapshot = stats.snapshot!;
    expect(snapshot.today).toBe('2025-03-14');
    expect(snapshot.since).toBe('2024-03-11');
    expect(snapshot).toMatchObject({ dayStartHour: 4, complete: true });
    expect(snapshot.activity).toEqual([
      { day: '2025-03-13', reviews: 1, timeMs: 20_000 },
      { day: '2025-03-14', reviews: 2, timeMs: 40_000 },
    ]);
    // The answer from two years ago is outside what was read: two review-state answers, one passed.
    expect(snapshot.retention.reduce((sum, band) => sum + band.reviews, 0)).toBe(2);
    expect(snapshot.counts).toMatchObject({ new: 1, learning: 1, review: 1, suspended: 1, total: 4 });
    expect(snapshot.forecast[0]).toBe(1);
    expect(snapshot.forecast[1]).toBe(1);
    expect(stats.empty).toBe(false);
    expect(stats.loading).toBe(false);
    db.close();
  });

  it('reads the day start from the scheduler settings, and the default when it is not valid', async () => {
    // 02:00 UTC belongs to the day before when days start at 4, to the same day when they start at 0.
    const log = [review(Date.UTC(2025, 2, 14, 2), 3)];
    const early = await database([], log, { dayStartHour: 0, newCardsPerDay: 'many' });
    const stats = new StatisticsState(early);
    await stats.load(NOW, utc);
    expect(stats.snapshot).toMatchObject({ dayStartHour: 0, activity: [{ day: '2025-03-14' }] });
    early.close();

    const wrong = await database([], log, { dayStartHour: 30 });
    const fallback = new StatisticsState(wrong);
    await fallback.load(NOW, utc);
    expect(fallback.snapshot).toMatchObject({ dayStartHour: 4, activity: [{ day: '2025-03-13' }] });
    wrong.close();
  });

  it('is empty before the first review, but not when all reviews are older than a year', async () => {
    const fresh = await database([card('a', 'new', NOW)], []);
    const freshStats = new StatisticsState(fresh);
    await freshStats.load(NOW, utc);
    expect(freshStats.empty).toBe(true);
    fresh.close();

    const old = await database([], [review(NOW - 500 * DAY, 3)]);
    const oldStats = new StatisticsState(old);
    await oldStats.load(NOW, utc);
    expect(oldStats.snapshot?.activity).toEqual([]);
    expect(oldStats.empty).toBe(false);
    old.close();
  });
});
