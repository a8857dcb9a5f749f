import { type Card, Rating as FsrsRating, createEmptyCard, fsrs, generatorParameters, get_fuzz_range } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory } from './card-memory';
import { DEFAULT_WEIGHTS, createMemoryModel, createScheduler } from './fsrs-adapter';
import { buildReviewQueue } from './review-queue';
import { resolveSchedulerSettings } from './scheduler-settings';
import { fixedUtcOffset, ianaUtcOffset, studyDayOf } from './study-day';

const START = Date.UTC(2024, 0, 1, 9, 0);
const MINUTE = 60_000;
const SEQUENCE = [Rating.Again, Rating.Good, Rating.Good, Rating.Hard, Rating.Easy, Rating.Good, Rating.Again, Rating.Good, Rating.Good];

/** Answers each rating when the card falls due, starting from a new card at START. */
function replay(ratings: readonly Rating[], settings = resolveSchedulerSettings({ fuzz: false })): { memory: CardMemory; at: number }[] {
  const scheduler = createScheduler(settings);
  let memory = newCardMemory(START);
  let now = START;
  return ratings.map((rating) => {
    memory = scheduler.answer({ ...memory, id: 'card-1' }, rating, now, 4000).memory;
    const at = now;
    now = memory.due;
    return { memory, at };
  });
}

describe('the FSRS adapter', () => {
  it('schedules Again, Good, Good, Hard, Easy, Good, Again, Good, Good exactly as ts-fsrs does (fuzz off)', () => {
    const f = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false, maximum_interval: 36500, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] }));
    let card: Card = createEmptyCard(new Date(START));
    let now = new Date(START);
    const expected = SEQUENCE.map((rating) => {
      card = f.next(card, now, rating as unknown as FsrsRating.Good).card;
      now = card.due;
      return card;
    });

    const ours = replay(SEQUENCE);
    ours.forEach(({ memory }, i) => {
      const theirs = expected[i]!;
      expect(memory.due).toBe(theirs.due.getTime());
      expect(memory.stability).toBe(theirs.stability);
      expect(memory.difficulty).toBe(theirs.difficulty);
      expect(memory.scheduledDays).toBe(theirs.scheduled_days);
      expect(memory.learningSteps).toBe(theirs.learning_steps);
      expect([memory.reps, memory.lapses]).toEqual([theirs.reps, theirs.lapses]);
    });
  });

  it('pins the intervals of that sequence: 1m, 10m, 1d, 1d, 5d, 14d, then a lapse to 10m, 2d, 4d', () => {
    const ours = replay(SEQUENCE);
    expect(ours.map(({ memory, at }) => (memory.due - at) / MINUTE)).toEqual([1, 10, 1440, 1440, 7200, 20160, 10, 2880, 5760]);
    expect(ours.map(({ memory }) => memory.state)).toEqual(['learning', 'learning', 'review', 'review', 'review', 'review', 'relearning', 'review', 'review']);
    expect(ours.at(-1)!.memory).toMatchObject({ reps: 9, lapses: 1, scheduledDays: 4 });
    expect(ours[0]!.memory.stability).toBeCloseTo(0.212, 6);
  });

  it('counts days between reviews in study days of the person’s time zone, not by UTC dates', () => {
    // New York in winter (UTC−5), the day starting at 4:00: 18:50 and 19:00:30 are one study day, though 19:00 is
    // midnight UTC. The second Good must schedule what it does at any other hour of that evening.
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false }), { utcOffset: fixedUtcOffset(-300) });
    const secondGood = (learnt: number, answered: number) => {
      const first = scheduler.answer({ ...newCardMemory(learnt), id: 'c' }, Rating.Good, learnt, 3000).memory;
      return scheduler.answer({ ...first, id: 'c' }, Rating.Good, answered, 3000).memory;
    };
    const evening = Date.UTC(2024, 0, 10, 19, 0); // 14:00 in New York
    const beforeMidnightUtc = Date.UTC(2024, 0, 10, 23, 50);
    const atHourly = secondGood(evening, evening + 10 * MINUTE);
    const acrossUtcMidnight = secondGood(beforeMidnightUtc, beforeMidnightUtc + 10.5 * MINUTE);
    expect(acrossUtcMidnight.scheduledDays).toBe(atHourly.scheduledDays);
    expect(acrossUtcMidnight.stability).toBe(atHourly.stability);
    expect(acrossUtcMidnight.due - (beforeMidnightUtc + 10.5 * MINUTE)).toBe(atHourly.due - (evening + 10 * MINUTE));
    // Without the zone (UTC), that evening's second answer counted as a day later and got a longer interval.
    const utc = createScheduler(resolveSchedulerSettings({ fuzz: false, dayStartHour: 0 }));
    const first = utc.answer({ ...newCardMemory(beforeMidnightUtc), id: 'c' }, Rating.Good, beforeMidnightUtc, 3000).memory;
    expect(utc.answer({ ...first, id: 'c' }, Rating.Good, beforeMidnightUtc + 10.5 * MINUTE, 3000).memory.scheduledDays).toBeGreaterThan(atHourly.scheduledDays);
    // A review's due and last-review times are real instants, whatever the zone.
    expect(acrossUtcMidnight.lastReview).toBe(beforeMidnightUtc + 10.5 * MINUTE);
  });

  it('puts a due date days away on the study day its interval says, across a change to or from summer time', () => {
    const newYork = ianaUtcOffset('America/New_York');
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false }), { utcOffset: newYork });
    const review: CardMemory = { ...newCardMemory(0), state: 'review', stability: 3, difficulty: 5, reps: 4, scheduledDays: 3, due: 0, lastReview: 0 };
    // Saturday 2 November 2024, 4:30 in New York (summer time ends the next night); and 9 March, before it begins.
    for (const answeredAt of [Date.UTC(2024, 10, 2, 8, 30), Date.UTC(2024, 2, 9, 9, 30)]) {
      const card = { ...review, id: 'c', due: answeredAt - 86_400_000, lastReview: answeredAt - 4 * 86_400_000 };
      const preview = scheduler.previewIntervals(card, answeredAt);
      for (const rating of [Rating.Hard, Rating.Good, Rating.Easy]) {
        const after = scheduler.answer(card, rating, answeredAt, 3000).memory;
        expect(after.scheduledDays).toBeGreaterThanOrEqual(1);
        expect(studyDayOf(after.due, 4, newYork) - studyDayOf(answeredAt, 4, newYork), `rating ${rating}`).toBe(after.scheduledDays);
        expect(preview[rating].due).toBe(after.due);
      }
    }
  });

  it('repeats the step the card is on for Hard past the first learning step, as Anki does', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: [1, 10, 60] }));
    const onSecondStep = scheduler.answer({ ...newCardMemory(START), id: 'c' }, Rating.Good, START, 3000).memory;
    expect(onSecondStep.learningSteps).toBe(1);
    const at = onSecondStep.due;
    const preview = scheduler.previewIntervals({ ...onSecondStep, id: 'c' }, at);
    expect([1, 2, 3].map((r) => preview[r as Rating].label)).toEqual(['1m', '10m', '1h']);
    expect(scheduler.answer({ ...onSecondStep, id: 'c' }, Rating.Hard, at, 3000).memory).toMatchObject({ learningSteps: 1, due: at + 10 * MINUTE });
    // On the first step Hard stays between Again and Good.
    expect(scheduler.previewIntervals({ ...newCardMemory(START), id: 'c' }, START)[Rating.Hard].label).toBe('6m');
    // With one step, half as long again, but at most a day more.
    const oneStep = (minutes: number) => createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: [minutes] })).previewIntervals({ ...newCardMemory(START), id: 'c' }, START)[Rating.Hard].intervalMs;
    expect(oneStep(10)).toBe(15 * MINUTE);
    expect(oneStep(3 * 1440)).toBe(4 * 1440 * MINUTE);
  });

  it('keeps a card on its last step when the steps were shortened since: Again goes back to the first step, Good graduates', () => {
    const longer = createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: [1, 10, 60] }));
    let card = longer.answer({ ...newCardMemory(START), id: 'c' }, Rating.Good, START, 3000).memory;
    card = longer.answer({ ...card, id: 'c' }, Rating.Good, card.due, 3000).memory;
    expect(card).toMatchObject({ state: 'learning', learningSteps: 2 });
    for (const steps of [[10], [1, 10]]) {
      const shorter = createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: steps }));
      const preview = shorter.previewIntervals({ ...card, id: 'c' }, card.due);
      expect(preview[Rating.Again].label).toBe(`${steps[0]}m`);
      expect(preview[Rating.Hard].label).toBe(steps.length === 1 ? '15m' : '10m');
      expect(shorter.answer({ ...card, id: 'c' }, Rating.Again, card.due, 3000).memory).toMatchObject({ state: 'learning', learningSteps: 0 });
      expect(shorter.answer({ ...card, id: 'c' }, Rating.Good, card.due, 3000).memory.state).toBe('review');
    }
    // Relearning steps shortened the same way: a lapsed card on its second step relearns from the first.
    const twoSteps = createScheduler(resolveSchedulerSettings({ fuzz: false, relearningStepsMinutes: [10, 60] }));
    let lapsed = twoSteps.answer({ ...card, id: 'c' }, Rating.Good, card.due, 3000).memory;
    lapsed = twoSteps.answer({ ...lapsed, id: 'c' }, Rating.Again, lapsed.due, 3000).memory;
    lapsed = twoSteps.answer({ ...lapsed, id: 'c' }, Rating.Good, lapsed.due, 3000).memory;
    expect(lapsed).toMatchObject({ state: 'relearning', learningSteps: 1 });
    const oneStep = createScheduler(resolveSchedulerSettings({ fuzz: false, relearningStepsMinutes: [10] }));
    expect(oneStep.previewIntervals({ ...lapsed, id: 'c' }, lapsed.due)[Rating.Again].label).toBe('10m');
  });

  it('keeps a card learning through a step of a day or more: failing it is no lapse, and Again goes back to the first step', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: [10, 1440] }));
    const tomorrow = scheduler.answer({ ...newCardMemory(START), id: 'c' }, Rating.Good, START, 3000).memory;
    expect(tomorrow).toMatchObject({ state: 'learning', learningSteps: 1, lapses: 0 });
    expect(tomorrow.due - START).toBe(1440 * MINUTE);
    // Due at 9 am tomorrow, it is in tomorrow's queue from the day's start (5 am here), not from 9 am.
    expect(tomorrow.scheduledDays).toBe(1);
    const earlyTomorrow = START + 20 * 60 * MINUTE;
    const queue = buildReviewQueue([{ ...tomorrow, id: 'c', salience: 0 }], { now: earlyTomorrow, settings: resolveSchedulerSettings(), utcOffset: fixedUtcOffset(0) });
    expect(queue.learning).toEqual(['c']);
    const preview = scheduler.previewIntervals({ ...tomorrow, id: 'c' }, tomorrow.due);
    expect([1, 2].map((r) => preview[r as Rating].label)).toEqual(['10m', '1d']);
    const failed = scheduler.answer({ ...tomorrow, id: 'c' }, Rating.Again, tomorrow.due, 3000).memory;
    expect(failed).toMatchObject({ state: 'learning', learningSteps: 0, lapses: 0, due: tomorrow.due + 10 * MINUTE });
    expect(scheduler.answer({ ...tomorrow, id: 'c' }, Rating.Hard, tomorrow.due, 3000).memory).toMatchObject({ state: 'learning', learningSteps: 1 });
    const graduated = scheduler.answer({ ...tomorrow, id: 'c' }, Rating.Good, tomorrow.due, 3000).memory;
    expect(graduated).toMatchObject({ state: 'review', lapses: 0 });
    // Relearning through a day step stays relearning, its lapse counted once.
    const relearning = createScheduler(resolveSchedulerSettings({ fuzz: false, relearningStepsMinutes: [1440] }));
    const lapsed = relearning.answer({ ...graduated, id: 'c' }, Rating.Again, graduated.due, 3000).memory;
    expect(lapsed).toMatchObject({ state: 'relearning', lapses: 1 });
    expect(relearning.answer({ ...lapsed, id: 'c' }, Rating.Again, lapsed.due, 3000).memory).toMatchObject({ state: 'relearning', lapses: 1 });
  });

  it('labels the rating buttons of a new card "1m", "6m", "10m", "8d"', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false }));
    const preview = scheduler.previewIntervals({ ...newCardMemory(START), id: 'c' }, START);
    expect([1, 2, 3, 4].map((r) => preview[r as Rating].label)).toEqual(['1m', '6m', '10m', '8d']);
    expect(preview[Rating.Good].due).toBe(START + 10 * MINUTE);
  });

  it('keeps Easy a day beyond Good once Good schedules in days, as Anki does', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false }));
    // Again, then Good on its step: FSRS gives Good and Easy both one day.
    let memory = newCardMemory(START);
    memory = scheduler.answer({ ...memory, id: 'card-1' }, Rating.Again, START, 4000).memory;
    memory = scheduler.answer({ ...memory, id: 'card-1' }, Rating.Good, memory.due, 4000).memory;
    const previews = scheduler.previewIntervals({ ...memory, id: 'card-1' }, memory.due);
    expect([previews[Rating.Good].label, previews[Rating.Easy].label]).toEqual(['1d', '2d']);
    const easy = scheduler.answer({ ...memory, id: 'card-1' }, Rating.Easy, memory.due, 4000).memory;
    expect(easy.due).toBe(previews[Rating.Easy].due);
    expect(easy.scheduledDays).toBe(2);
  });

  it('never schedules beyond the longest interval, whichever button, fuzz on or off', () => {
    for (const fuzz of [false, true]) {
      for (const maximumIntervalDays of [1, 2, 30]) {
        const scheduler = createScheduler(resolveSchedulerSettings({ fuzz, maximumIntervalDays }));
        const now = START + 40 * 86_400_000;
        // A mature card due today: stability 11 days, last answered 11 days ago.
        const card = { ...newCardMemory(START), id: 'mature', state: 'review' as const, stability: 11, difficulty: 5, reps: 4, scheduledDays: 11, lastReview: now - 11 * 86_400_000, due: now };
        const previews = scheduler.previewIntervals(card, now);
        for (const rating of [Rating.Hard, Rating.Good, Rating.Easy]) {
          const { memory } = scheduler.answer(card, rating, now, 1000);
          expect(memory.scheduledDays, `max ${maximumIntervalDays}, rating ${rating}, fuzz ${fuzz}`).toBeLessThanOrEqual(maximumIntervalDays);
          expect(memory.due - now).toBeLessThanOrEqual(maximumIntervalDays * 86_400_000);
          expect(previews[rating].due).toBe(memory.due);
        }
      }
    }
  });

  it('previews exactly what answering would do', () => {
    const scheduler = createScheduler(resolveSchedulerSettings());
    const card = { ...replay([Rating.Good, Rating.Good, Rating.Good], resolveSchedulerSettings()).at(-1)!.memory, id: 'card-1' };
    const now = card.due + 2 * 86_400_000;
    const preview = scheduler.previewIntervals(card, now);
    for (const rating of [1, 2, 3, 4] as Rating[]) expect(preview[rating].due).toBe(scheduler.answer(card, rating, now, 0).memory.due);
  });

  it('previews, when a card is shown, the fuzzed interval an answer seconds later schedules', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: true }));
    const base = replay([Rating.Good, Rating.Good, Rating.Good, Rating.Good], resolveSchedulerSettings({ fuzz: false })).at(-1)!.memory;
    for (let i = 0; i < 20; i++) {
      const card = { ...base, id: `card-${i}` };
      const shown = base.due + 3_600_000;
      const preview = scheduler.previewIntervals(card, shown);
      for (const rating of [2, 3, 4] as Rating[]) {
        const answered = scheduler.answer(card, rating, shown + 7_345, 7_345).memory;
        expect(Math.round((answered.due - shown) / 86_400_000), `card ${i}, rating ${rating}`).toBe(Math.round((preview[rating].due - shown) / 86_400_000));
      }
    }
  });

  it('fuzzes deterministically from the card, within ts-fsrs’s fuzz range', () => {
    const settings = resolveSchedulerSettings({ fuzz: true });
    const scheduler = createScheduler(settings);
    const plain = createScheduler(resolveSchedulerSettings({ fuzz: false }));
    const base = replay([Rating.Good, Rating.Good, Rating.Good, Rating.Good], resolveSchedulerSettings({ fuzz: false })).at(-1)!.memory;
    const now = base.due;
    const unfuzzed = plain.answer({ ...base, id: 'x' }, Rating.Good, now, 0).memory.scheduledDays;
    const { min_ivl, max_ivl } = get_fuzz_range(unfuzzed, (now - base.lastReview!) / 86_400_000, 36500);

    const intervals = Array.from({ length: 30 }, (_, i) => scheduler.answer({ ...base, id: `card-${i}` }, Rating.Good, now, 0).memory.scheduledDays);
    const again = Array.from({ length: 30 }, (_, i) => scheduler.answer({ ...base, id: `card-${i}` }, Rating.Good, now, 0).memory.scheduledDays);
    expect(again).toEqual(intervals);
    expect(new Set(intervals).size).toBeGreaterThan(1);
    for (const interval of intervals) {
      expect(interval).toBeGreaterThanOrEqual(min_ivl);
      expect(interval).toBeLessThanOrEqual(max_ivl);
    }
  });

  it('records an answer with the state before and after, the rating and the time taken', () => {
    const scheduler = createScheduler(resolveSchedulerSettings(), { newId: () => 'entry-1' });
    const before = newCardMemory(START);
    const { memory, entry } = scheduler.answer({ ...before, id: 'card-1', extra: 'ignored' } as never, Rating.Hard, START + 5000, 3456.6);
    expect(entry).toEqual({ kind: 'review', id: 'entry-1', cardId: 'card-1', time: START + 5000, rating: Rating.Hard, elapsedMs: 3457, before, after: memory });
  });

  it('predicts certain recall right after a review, less a month later, none for a new card', () => {
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false }));
    const card = { ...replay([Rating.Good, Rating.Good, Rating.Good]).at(-1)!.memory, id: 'c' };
    expect(scheduler.retrievability(card, card.lastReview!)).toBe(1);
    const later = scheduler.retrievability(card, card.lastReview! + 30 * 86_400_000);
    expect(later).toBeGreaterThan(0);
    expect(later).toBeLessThan(0.9);
    expect(scheduler.retrievability({ ...newCardMemory(START), id: 'n' }, START)).toBe(0);
  });

  it('schedules with optimised weights when given them', () => {
    const weights = [...DEFAULT_WEIGHTS];
    weights[2] = 5; // initial stability after Good
    const scheduler = createScheduler(resolveSchedulerSettings({ fuzz: false, learningStepsMinutes: [] }), { weights });
    expect(scheduler.weights[2]).toBe(5);
    const { memory } = scheduler.answer({ ...newCardMemory(START), id: 'c' }, Rating.Good, START, 0);
    expect(memory.stability).toBe(5);
    expect(memory.scheduledDays).toBe(5);
  });

  it('exposes the bare memory model in day units', () => {
    const model = createMemoryModel();
    const first = model.next(null, 0, Rating.Good);
    expect(first.stability).toBeCloseTo(DEFAULT_WEIGHTS[2]!, 6);
    expect(model.recall(first.stability, first.stability)).toBeCloseTo(0.9, 6);
  });
});
