import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory, resetCardMemory } from './card-memory';
import { createScheduler } from './fsrs-adapter';
import { type LogEntry, type ReviewEntry, countStudiedToday, effectiveReviews, rebuildCardState } from './review-log';
import { resolveSchedulerSettings } from './scheduler-settings';

const START = Date.UTC(2024, 4, 1, 8, 0);
const HOUR = 3_600_000;

function ids() {
  let n = 0;
  return () => `e${++n}`;
}

/** Answers the ratings, each some hours after the card falls due, and returns the stored state and the log. */
function study(cardId: string, ratings: readonly Rating[], settings = resolveSchedulerSettings()) {
  const scheduler = createScheduler(settings, { newId: ids() });
  let memory: CardMemory = newCardMemory(START);
  let now = START;
  const log: ReviewEntry[] = [];
  ratings.forEach((rating, i) => {
    const outcome = scheduler.answer({ ...memory, id: cardId }, rating, now, 3000 + i);
    memory = outcome.memory;
    log.push(outcome.entry);
    now = memory.due + (i % 3) * 5 * HOUR;
  });
  return { memory, log };
}

describe('the review log', () => {
  it('replays to exactly the stored card state, fuzz included', () => {
    const ratings = [Rating.Good, Rating.Good, Rating.Good, Rating.Hard, Rating.Again, Rating.Good, Rating.Easy, Rating.Good, Rating.Good, Rating.Good];
    const settings = resolveSchedulerSettings({ fuzz: true });
    const { memory, log } = study('card-7', ratings, settings);
    expect(memory.scheduledDays).toBeGreaterThan(10);
    expect(rebuildCardState('card-7', log, settings)).toEqual(memory);
  });

  it('replays one card out of an interleaved log, in time order whatever the storage order', () => {
    const settings = resolveSchedulerSettings();
    const a = study('a', [Rating.Good, Rating.Good, Rating.Again, Rating.Good], settings);
    const b = study('b', [Rating.Easy, Rating.Hard, Rating.Good], settings);
    const mixed = [...a.log, ...b.log].sort((x, y) => x.time - y.time).reverse();
    expect(rebuildCardState('a', mixed, settings)).toEqual(a.memory);
    expect(rebuildCardState('b', mixed, settings)).toEqual(b.memory);
  });

  it('skips reviews cancelled by an undo entry', () => {
    const settings = resolveSchedulerSettings();
    const { log } = study('c', [Rating.Good, Rating.Good, Rating.Good], settings);
    const undo: LogEntry = { kind: 'undo', id: 'u1', cardId: 'c', time: log[2]!.time + 1000, undoes: log[2]!.id };
    expect(effectiveReviews([...log, undo]).map((e) => e.id)).toEqual([log[0]!.id, log[1]!.id]);
    expect(rebuildCardState('c', [...log, undo], settings)).toEqual(log[1]!.after);
  });

  it('replays from the last reset, which makes the card new again, unless an undo took it back', () => {
    const settings = resolveSchedulerSettings();
    const { memory, log } = study('d', [Rating.Good, Rating.Good, Rating.Again, Rating.Good], settings);
    const time = memory.due + HOUR;
    const reset: LogEntry = { kind: 'reset', id: 'r1', cardId: 'd', time, before: memory, after: resetCardMemory(memory, time) };
    expect(reset.after).toMatchObject({ state: 'new', due: time, stability: 0, reps: memory.reps, lapses: memory.lapses, lastReview: null });
    expect(rebuildCardState('d', [...log, reset], settings)).toEqual(reset.after);
    const scheduler = createScheduler(settings, { newId: ids() });
    const relearnt = scheduler.answer({ ...reset.after, id: 'd' }, Rating.Good, time + HOUR, 2000);
    expect(rebuildCardState('d', [...log, reset, relearnt.entry], settings)).toEqual(relearnt.memory);
    const undo: LogEntry = { kind: 'undo', id: 'u2', cardId: 'd', time: time + 1, undoes: 'r1' };
    expect(rebuildCardState('d', [...log, reset, undo], settings)).toEqual(memory);
    // Not an answer: today's counts and the effective reviews leave it out.
    expect(effectiveReviews([...log, reset]).map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(countStudiedToday([reset], time - HOUR)).toEqual({ newCards: 0, reviews: 0 });
  });

  it('has no state to rebuild for a card never answered, unless told its initial one', () => {
    const settings = resolveSchedulerSettings();
    expect(rebuildCardState('nobody', [], settings)).toBeNull();
    expect(rebuildCardState('nobody', [], settings, { initial: newCardMemory(START) })).toEqual(newCardMemory(START));
  });

  it('counts today’s new cards and reviews, not undone ones, not yesterday’s', () => {
    const review = (id: string, time: number, state: CardMemory['state']): LogEntry => ({
      kind: 'review',
      id,
      cardId: id,
      time,
      rating: Rating.Good,
      elapsedMs: 1000,
      before: { ...newCardMemory(0), state },
      after: newCardMemory(0),
    });
    const dayStart = START;
    const log: LogEntry[] = [
      review('old', dayStart - 1, 'new'),
      review('n1', dayStart + 1, 'new'),
      review('n2', dayStart + 2, 'new'),
      review('n3', dayStart + 3, 'new'),
      review('r1', dayStart + 4, 'review'),
      review('l1', dayStart + 5, 'learning'),
      { kind: 'undo', id: 'u', cardId: 'n3', time: dayStart + 6, undoes: 'n3' },
    ];
    expect(countStudiedToday(log, dayStart)).toEqual({ newCards: 2, reviews: 1 });
    // A learning card on a step of a day or more counts as a review, as Anki counts interday learning.
    const daySteps: LogEntry[] = [
      ...log,
      { ...(review('d1', dayStart + 7, 'learning') as ReviewEntry), before: { ...newCardMemory(0), state: 'learning', scheduledDays: 1 } },
      { ...(review('d2', dayStart + 8, 'relearning') as ReviewEntry), before: { ...newCardMemory(0), state: 'relearning', scheduledDays: 3 } },
    ];
    expect(countStudiedToday(daySteps, dayStart)).toEqual({ newCards: 2, reviews: 3 });
    // So does one on a minute step that ran from yesterday's study day into today's.
    const crossed = { ...(review('c1', dayStart + 9, 'learning') as ReviewEntry), before: { ...newCardMemory(0), state: 'learning' as const, lastReview: dayStart - HOUR, due: dayStart + HOUR } };
    expect(countStudiedToday([...daySteps, crossed], dayStart)).toEqual({ newCards: 2, reviews: 4 });
  });
});
