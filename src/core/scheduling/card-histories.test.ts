import { describe, expect, it } from 'vitest';
import { Rating, newCardMemory } from './card-memory';
import { memoryUnderWeights } from './card-histories';
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
