import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory, resetCardMemory } from './card-memory';
import { cardHistories, memoryUnderWeights } from './card-histories';
import type { LogEntry } from './review-log';
import { createScheduler } from './fsrs-adapter';
import { resolveSchedulerSettings } from './scheduler-settings';
import { fixedUtcOffset } from './study-day';

const START = Date.UTC(2024, 0, 1, 9);

describe('each card’s memory under a set of weights', () => {
  it('is the memory the scheduler left, for the weights it used; other weights make other memory', () => {
    const settings = resolveSchedulerSettings({ fuzz: false });
    const scheduler = createScheduler(settings);
    const sequences = [
      [Rating.Good, Rating.Good, Rating.Good, Rating.Good],
      [Rating.Again, Rating.Good, Rating.Good, Rating.Hard, Rating.Easy, Rating.Good, Rating.Again, Rating.Good, Rating.Good],
      [Rating.Easy, Rating.Good, Rating.Good],
    ];
    for (const ratings of sequences) {
      let memory = newCardMemory(START);
      let now = START;
      const log = ratings.map((rating) => {
        const answered = scheduler.answer({ ...memory, id: 'card' }, rating, now, 1000);
        memory = answered.memory;
        now = Math.max(memory.due, now + 60_000);
        return answered.entry;
      });
      const replayed = memoryUnderWeights(log, scheduler.weights, settings, fixedUtcOffset(0)).get('card')!;
      expect(replayed.stability).toBeCloseTo(memory.stability, 9);
      expect(replayed.difficulty).toBeCloseTo(memory.difficulty, 9);
      // Twice the initial stability after any first answer.
      const other = scheduler.weights.map((w, i) => (i < 4 ? w * 2 : w));
      expect(memoryUnderWeights(log, other, settings, fixedUtcOffset(0)).get('card')!.stability).not.toBeCloseTo(memory.stability, 3);
    }
  });
});

describe('a card reset (Anki’s "Forget")', () => {
  const settings = resolveSchedulerSettings({ fuzz: false });
  const scheduler = createScheduler(settings);
  const answer = (memory: CardMemory, rating: Rating, now: number) => scheduler.answer({ ...memory, id: 'card' }, rating, now, 1000);

  it('starts its history over: FSRS learns only from the answers after the reset, and nothing while none follows', () => {
    const first = answer(newCardMemory(START), Rating.Good, START);
    const second = answer(first.memory, Rating.Good, first.memory.due);
    const resetTime = second.memory.due + 3_600_000;
    const reset: LogEntry = { kind: 'reset', id: 'r', cardId: 'card', time: resetTime, before: second.memory, after: resetCardMemory(second.memory, resetTime) };
    const log: LogEntry[] = [first.entry, second.entry, reset];
    expect(cardHistories(log, settings.dayStartHour, fixedUtcOffset(0))).toEqual([]);
    const again = answer(reset.after, Rating.Again, resetTime + 60_000);
    expect(cardHistories([...log, again.entry], settings.dayStartHour, fixedUtcOffset(0))).toEqual([[{ rating: Rating.Again, deltaT: 0 }]]);
    // Undone, the reset no longer divides the history.
    const undo: LogEntry = { kind: 'undo', id: 'u', cardId: 'card', time: resetTime + 1, undoes: 'r' };
    expect(cardHistories([...log, undo], settings.dayStartHour, fixedUtcOffset(0))[0]).toHaveLength(2);
  });
});
