import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory } from './card-memory';
import { DEFAULT_WEIGHTS, createMemoryModel, createScheduler } from './fsrs-adapter';
import { type ComputeWeights, MIN_TRAINING_REVIEWS, cardHistories, evaluateWeights, optimiseParameters, trainingItems } from './optimise';
import type { LogEntry, ReviewEntry } from './review-log';
import { resolveSchedulerSettings } from './scheduler-settings';
import { fixedUtcOffset } from './study-day';
import { seededRandom } from '../seeded-random';

const utcOffset = fixedUtcOffset(0);
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 2, 10);
const settings = resolveSchedulerSettings({ fuzz: false });

/** A learner whose memory is stronger than FSRS's defaults assume: the defaults under-predict their recall. */
const TRUE_WEIGHTS = DEFAULT_WEIGHTS.map((w, i) => (i < 4 ? w * 3 : i === 8 ? w + 0.4 : w));


/** A year of study: the scheduler picks the times, the "true" memory model decides what is recalled. */
function simulateHistory(cards: number, seed: number): LogEntry[] {
  const random = seededRandom(seed);
  const scheduler = createScheduler(settings, {});
  const truth = createMemoryModel(TRUE_WEIGHTS);
  const log: LogEntry[] = [];
  for (let c = 0; c < cards; c++) {
    let memory: CardMemory = newCardMemory(START);
    let now = START + Math.floor(random() * 60) * DAY;
    let trueMemory: { stability: number; difficulty: number } | null = null;
    let lastDay = 0;
    for (let r = 0; r < 12 && now < START + 400 * DAY; r++) {
      const day = Math.floor(now / DAY);
      const gap = trueMemory ? day - lastDay : 0;
      const recalled = !trueMemory || random() < truth.recall(gap, trueMemory.stability);
      const rating = recalled ? (random() < 0.15 ? Rating.Easy : Rating.Good) : Rating.Again;
      trueMemory = truth.next(trueMemory, gap, rating);
      lastDay = day;
      const out = scheduler.answer({ ...memory, id: `card-${c}` }, rating, now, 4000);
      log.push(out.entry);
      memory = out.memory;
      now = memory.due;
    }
  }
  return log;
}

const failIfCalled: ComputeWeights = () => {
  throw new Error('the optimiser should not run');
};

describe('optimising FSRS parameters', () => {
  it('says plainly that there is too little history instead of fitting', async () => {
    const result = await optimiseParameters(simulateHistory(5, 1), settings, { utcOffset, computeWeights: failIfCalled });
    expect(result.kind).toBe('too-little-history');
    expect(result).toMatchObject({ required: MIN_TRAINING_REVIEWS });
    expect(result.kind === 'too-little-history' && result.message).toMatch(/Too little history/);
  });

  it('keeps the current weights when the fitted ones predict the history worse', async () => {
    const log = simulateHistory(120, 2);
    const bad = DEFAULT_WEIGHTS.map((w, i) => (i < 4 ? 0.05 : w));
    const result = await optimiseParameters(log, settings, { utcOffset, computeWeights: async () => bad });
    expect(result.kind).toBe('kept-current');
    if (result.kind === 'too-little-history') return;
    expect(result.weights).toEqual([...DEFAULT_WEIGHTS]);
    expect(result.candidate.logLoss).toBeGreaterThan(result.current.logLoss);
  });

  it('adopts fitted weights that predict the history better', async () => {
    const log = simulateHistory(120, 3);
    const result = await optimiseParameters(log, settings, { utcOffset, computeWeights: async () => [...TRUE_WEIGHTS] });
    expect(result.kind).toBe('improved');
    if (result.kind === 'too-little-history') return;
    expect(result.weights).toEqual(TRUE_WEIGHTS);
    expect(result.candidate.rmse).toBeLessThan(result.current.rmse);
    expect(result.fittedAreDefaults).toBe(false);
  });

  it('fits weights with fsrs-rs that beat the defaults on a learner who remembers better than they assume', async () => {
    const log = simulateHistory(150, 4);
    const result = await optimiseParameters(log, settings, { utcOffset });
    expect(result.kind).toBe('improved');
    if (result.kind === 'too-little-history') return;
    expect(result.fitted).toHaveLength(21);
    expect(result.fitted.every(Number.isFinite)).toBe(true);
    expect(result.trainingReviews).toBeGreaterThanOrEqual(MIN_TRAINING_REVIEWS);
    expect(result.candidate.logLoss).toBeLessThan(result.current.logLoss);
  }, 60_000);
});

describe('turning the log into training data', () => {
  const entry = (cardId: string, time: number, rating: Rating, state: CardMemory['state'], id = `${cardId}@${time}`): ReviewEntry => ({
    kind: 'review',
    id,
    cardId,
    time,
    rating,
    elapsedMs: 0,
    before: { ...newCardMemory(0), state },
    after: newCardMemory(0),
  });

  it('measures gaps in study days: 11 pm to 5 am the next morning is a day, 1 am to 3 am is not', () => {
    const log: LogEntry[] = [
      entry('a', Date.UTC(2024, 0, 1, 23), Rating.Good, 'new'),
      entry('a', Date.UTC(2024, 0, 2, 5), Rating.Good, 'learning'),
      entry('a', Date.UTC(2024, 0, 4, 1), Rating.Again, 'review'),
      entry('a', Date.UTC(2024, 0, 4, 3), Rating.Good, 'relearning'),
    ];
    expect(cardHistories(log, 4, utcOffset)).toEqual([
      [
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 1 },
        { rating: 1, deltaT: 1 },
        { rating: 3, deltaT: 0 },
      ],
    ]);
  });

  it('leaves out undone answers and starts each card at its last time as new', () => {
    const log: LogEntry[] = [
      entry('b', Date.UTC(2024, 0, 1, 12), Rating.Good, 'new'),
      entry('b', Date.UTC(2024, 0, 5, 12), Rating.Again, 'review'),
      entry('b', Date.UTC(2024, 0, 6, 12), Rating.Good, 'new'),
      entry('b', Date.UTC(2024, 0, 9, 12), Rating.Good, 'review', 'undone'),
      { kind: 'undo', id: 'u', cardId: 'b', time: Date.UTC(2024, 0, 9, 13), undoes: 'undone' },
      entry('b', Date.UTC(2024, 0, 10, 12), Rating.Hard, 'review'),
    ];
    expect(cardHistories(log, 4, utcOffset)).toEqual([
      [
        { rating: 3, deltaT: 0 },
        { rating: 2, deltaT: 4 },
      ],
    ]);
  });

  it('makes one item per answer after the first, once the history spans a day', () => {
    const history = [
      { rating: Rating.Good, deltaT: 0 },
      { rating: Rating.Good, deltaT: 0 },
      { rating: Rating.Good, deltaT: 1 },
      { rating: Rating.Again, deltaT: 3 },
    ];
    expect(trainingItems([history]).map((item) => item.length)).toEqual([3, 4]);
  });

  it('scores predictions by log-loss and RMSE, only for answers a day or more apart', () => {
    const history = [
      { rating: Rating.Good, deltaT: 0 },
      { rating: Rating.Good, deltaT: 0 },
      { rating: Rating.Good, deltaT: 3 },
    ];
    const score = evaluateWeights([history], DEFAULT_WEIGHTS);
    expect(score.predictions).toBe(1);
    expect(score.logLoss).toBeGreaterThan(0);
    // One recalled answer predicted at p: log-loss −ln p, RMSE 1 − p.
    expect(score.rmse).toBeCloseTo(1 - Math.exp(-score.logLoss), 10);
  });
});
