import { describe, expect, it } from 'vitest';
import { type CardMemory, type Rating, newCardMemory } from './card-memory';
import type { LogEntry } from './review-log';
import { RETENTION_BANDS, type StatisticsCard, cardCounts, collectStatistics, dailyActivity, dueForecast, retentionByInterval, undoneIn } from './statistics';
import { fixedUtcOffset, ianaUtcOffset, studyDayOf } from './study-day';
import { seededRandom } from '../seeded-random';

const utcOffset = fixedUtcOffset(0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2024, 2, 20, 12);
const options = { now: NOW, dayStartHour: 4, utcOffset };

let counter = 0;
function review(time: number, rating: Rating, before: Partial<CardMemory> = {}, elapsedMs = 10_000): LogEntry {
  counter++;
  return { kind: 'review', id: `e${counter}`, cardId: `c${counter}`, time, rating, elapsedMs, before: { ...newCardMemory(0), ...before }, after: newCardMemory(0) };
}

describe('statistics', () => {
  it('count reviews and time per study day, a 2 am review on the evening before, undone answers not at all', () => {
    const log: LogEntry[] = [
      review(Date.UTC(2024, 2, 18, 9), 3, {}, 5_000),
      review(Date.UTC(2024, 2, 18, 22), 1, {}, 7_000),
      review(Date.UTC(2024, 2, 19, 2), 3, {}, 1_000),
      review(Date.UTC(2024, 2, 20, 10), 4, {}, 2_000),
      review(Date.UTC(2024, 2, 20, 11), 3, {}, 9_000),
    ];
    log.push({ kind: 'undo', id: 'u', cardId: 'x', time: Date.UTC(2024, 2, 20, 11, 1), undoes: log[4]!.id });
    expect(dailyActivity(log, options)).toEqual([
      { day: '2024-03-18', reviews: 3, timeMs: 13_000 },
      { day: '2024-03-20', reviews: 1, timeMs: 2_000 },
    ]);
    expect(dailyActivity([], options)).toEqual([]);
  });

  it('find the answers undone, right after them, far after them, or listed before them', () => {
    const answers = Array.from({ length: 200 }, (_, i) => review(Date.UTC(2024, 2, 18, 9) + i * 1000, 3));
    const undo = (undoes: string, i: number): LogEntry => ({ kind: 'undo', id: `u${i}`, cardId: 'x', time: Date.UTC(2024, 2, 19), undoes });
    // One undo right after its answer, one 150 entries later, one before it (a log read out of order), one of nothing.
    const log = [undo(answers[199]!.id, 0), ...answers.slice(0, 100), undo(answers[99]!.id, 1), ...answers.slice(100, 199), undo(answers[10]!.id, 2), undo('gone', 3), answers[199]!];
    const undone = undoneIn(log)!;
    expect([...undone.keys()].filter((i) => undone[i] === 1).map((i) => log[i]!.id)).toEqual([answers[10]!.id, answers[99]!.id, answers[199]!.id]);
    expect(undoneIn(answers)).toBeNull();
    expect(dailyActivity(log, options)).toEqual([{ day: '2024-03-18', reviews: 197, timeMs: 1_970_000 }]);
  });

  it('forecast what falls due over the next 30 days, overdue cards today, new and suspended cards never', () => {
    const cards: StatisticsCard[] = [
      { state: 'review', due: NOW - 3 * DAY },
      { state: 'review', due: NOW + 2 * HOUR },
      { state: 'learning', due: NOW + 10 * 60_000 },
      { state: 'review', due: Date.UTC(2024, 2, 21, 3) }, // before 4 am: still today
      { state: 'review', due: Date.UTC(2024, 2, 21, 5) },
      { state: 'review', due: NOW + 29 * DAY },
      { state: 'review', due: NOW + 40 * DAY },
      { state: 'new', due: NOW - DAY },
      { state: 'review', due: NOW, suspended: true },
    ];
    const forecast = dueForecast(cards, options);
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toBe(4);
    expect(forecast[1]).toBe(1);
    expect(forecast[29]).toBe(1);
    expect(forecast.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('forecast a buried card on the day it comes back, as Today asks it, and a bury that has ended as if there were none', () => {
    const tomorrow = Date.UTC(2024, 2, 21, 4);
    const forecast = dueForecast(
      [
        { state: 'review', due: NOW - DAY, buriedUntil: tomorrow },
        { state: 'review', due: NOW + 3 * DAY, buriedUntil: tomorrow },
        { state: 'review', due: NOW - DAY, buriedUntil: NOW - HOUR },
      ],
      options,
    );
    expect(forecast.slice(0, 4)).toEqual([1, 1, 0, 1]);
  });

  it('measure true retention by interval band among review-state answers, in study days', () => {
    const reviewed = (daysAgo: number) => ({ state: 'review' as const, lastReview: NOW - daysAgo * DAY });
    const log: LogEntry[] = [
      review(NOW, 3, reviewed(0.25)),
      review(NOW, 1, reviewed(3)),
      review(NOW, 3, reviewed(3)),
      review(NOW, 2, reviewed(6.1)),
      review(NOW, 4, reviewed(7)),
      review(NOW, 1, reviewed(45)),
      review(NOW, 3, reviewed(400)),
      review(NOW, 1, { state: 'learning', lastReview: NOW - 3 * DAY }),
      review(NOW, 1, {}),
    ];
    const bands = retentionByInterval(log, options);
    expect(bands.map((b) => [b.label, b.reviews, b.passed])).toEqual([
      ['<1d', 1, 1],
      ['1–7d', 3, 2],
      ['7–30d', 1, 1],
      ['30–90d', 1, 0],
      ['>90d', 1, 1],
    ]);
    expect(bands[1]!.retention).toBeCloseTo(2 / 3, 10);
    expect(retentionByInterval([], options)[0]!.retention).toBeNull();
    // Answered the next study day, a few hours later (studied at 23:00, due and answered at 9:00): 1 day, not "<1d".
    const nextMorning = retentionByInterval([review(NOW - 3 * HOUR, 3, { state: 'review', lastReview: NOW - 13 * HOUR })], options);
    expect(nextMorning.map((b) => b.reviews)).toEqual([0, 1, 0, 0, 0]);
  });

  it('band each answer by study days in the person’s zone across a change of clocks, as counting each answer’s days would', () => {
    const berlin = { dayStartHour: 4, utcOffset: ianaUtcOffset('Europe/Berlin') };
    const random = seededRandom(3);
    // Answers around the spring change of 2024 (31 March), at any hour, after gaps of 0 to 120 days.
    const log = Array.from({ length: 400 }, () => {
      const time = Date.UTC(2024, 2, 31) + Math.round((random() - 0.5) * 20 * DAY);
      return review(time, random() < 0.2 ? 1 : 3, { state: 'review', lastReview: time - Math.round(random() * 120 * DAY) });
    });
    const dayOf = (ms: number) => studyDayOf(ms, berlin.dayStartHour, berlin.utcOffset);
    const expected = RETENTION_BANDS.map((band) => {
      const inBand = log.filter((entry) => {
        if (entry.kind !== 'review') return false;
        const days = dayOf(entry.time) - dayOf(entry.before.lastReview!);
        return days >= band.minDays && days < band.maxDays;
      });
      return [band.label, inBand.length, inBand.filter((entry) => entry.kind === 'review' && entry.rating !== 1).length];
    });
    expect(retentionByInterval(log, berlin).map((b) => [b.label, b.reviews, b.passed])).toEqual(expected);
  });

  it('count cards by state, suspended and buried apart', () => {
    const cards: StatisticsCard[] = [
      { state: 'new', due: 0 },
      { state: 'new', due: 0 },
      { state: 'learning', due: 0 },
      { state: 'review', due: 0 },
      { state: 'relearning', due: 0 },
      { state: 'review', due: 0, suspended: true },
      { state: 'review', due: 0, buriedUntil: NOW + HOUR },
      { state: 'review', due: 0, buriedUntil: NOW - HOUR },
    ];
    expect(cardCounts(cards, NOW)).toEqual({ new: 2, learning: 1, review: 2, relearning: 1, suspended: 1, buried: 1, total: 8 });
  });

  it('gather everything for the statistics screen in one call', () => {
    const stats = collectStatistics([{ state: 'review', due: NOW }], [review(NOW - HOUR, 3)], options);
    expect(stats.today).toBe('2024-03-20');
    expect(stats.activity).toEqual([{ day: '2024-03-20', reviews: 1, timeMs: 10_000 }]);
    expect(stats.forecast[0]).toBe(1);
    expect(stats.counts.review).toBe(1);
  });
});
