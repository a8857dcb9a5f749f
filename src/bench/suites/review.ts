import { newCardMemory, RATINGS } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { buildReviewQueue, type QueueCard } from '../../core/scheduling/review-queue';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import { seededRandom } from '../../core/seeded-random';
import { timeRuns, type Benchmark } from '../harness';

const CARDS = 100_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29, 9);

/** 100,000 cards in every state, deterministic: a collection after a few years of study. */
function collection(): QueueCard[] {
  const random = seededRandom(7);
  return Array.from({ length: CARDS }, (_, i) => {
    const r = random();
    const state = r < 0.3 ? 'new' : r < 0.33 ? 'learning' : r < 0.35 ? 'relearning' : 'review';
    return {
      id: `card-${i}`,
      state,
      due: state === 'new' ? NOW - 100 * DAY : NOW + Math.round((random() - 0.2) * 60 * DAY),
      salience: random() * 4 - 2,
      suspended: random() < 0.02,
      buriedUntil: random() < 0.01 ? NOW + DAY : null,
      scheduledDays: Math.round(random() * 90),
    };
  });
}

export const reviewQueueBenchmark: Benchmark = {
  name: 'review.queue',
  async run({ runs }) {
    const cards = collection();
    let size = 0;
    const timed = await timeRuns(() => {
      size = buildReviewQueue(cards, { now: NOW, settings: DEFAULT_SCHEDULER_SETTINGS, studiedToday: { newCards: 5, reviews: 40 } }).order.length;
    }, runs);
    return {
      name: 'review.queue',
      description: `Building today's queue from ${CARDS.toLocaleString('en')} cards (limits, buried, suspended, salience order)`,
      ...timed,
      figures: { cards: CARDS, queued: size },
      target: '≤ 50 ms',
    };
  },
};

export const reviewAnswerBenchmark: Benchmark = {
  name: 'review.answer',
  async run({ runs }) {
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS }, { newId: () => 'entry' });
    const card = { id: 'card-1', ...newCardMemory(NOW - DAY), state: 'review' as const, stability: 12, difficulty: 5, scheduledDays: 10, reps: 6, lastReview: NOW - 10 * DAY, due: NOW };
    const answers = 1000;
    const timed = await timeRuns(() => {
      for (let i = 0; i < answers; i++) {
        scheduler.previewIntervals(card, NOW + i);
        scheduler.answer(card, RATINGS[i % 4]!, NOW + i, 4000);
      }
    }, runs);
    return {
      name: 'review.answer',
      description: `Scheduling an answer with its interval previews (FSRS), ${answers} times; the Dexie write that follows is one small transaction`,
      ...timed,
      figures: { msPerAnswer: Math.round((timed.medianMs / answers) * 1000) / 1000 },
      target: '≤ 10 ms per answer',
    };
  },
};
