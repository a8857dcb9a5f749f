import { newCardMemory, RATINGS } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { buildReviewQueue, type QueueCard } from '../../core/scheduling/review-queue';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import { seededRandom } from '../../core/seeded-random';
import { createEmptyCard, fsrs, generatorParameters, Rating as FsrsRating, type Grade } from 'ts-fsrs';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';

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
    // The peer: the plain way, the cards not suspended sorted by due (the queue picks today's without sorting them all).
    let sorted = 0;
    const floor = await timeRuns(() => {
      sorted = cards.filter((card) => !card.suspended).sort((a, b) => a.due - b.due).length;
    }, runs);
    return {
      name: 'review.queue',
      description: `Building today's queue from ${CARDS.toLocaleString('en')} cards (limits, buried, suspended, salience order), against sorting the cards not suspended by due`,
      ...timed,
      against: ratioAgainst(timed, 'the cards not suspended, sorted by due', floor),
      figures: { cards: CARDS, queued: size, sortedByTheFloor: sorted },
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
    // The peer: ts-fsrs alone, one repeat per answer (every rating's outcome, which a preview and an answer both need).
    const library = fsrs(generatorParameters({ enable_short_term: true }));
    const fsrsCard = { ...createEmptyCard(new Date(NOW - 10 * 86_400_000)), state: 2, stability: 12, difficulty: 5, scheduled_days: 10, reps: 6, last_review: new Date(NOW - 10 * DAY), due: new Date(NOW) };
    const grades: Grade[] = [FsrsRating.Again, FsrsRating.Hard, FsrsRating.Good, FsrsRating.Easy];
    const peer = await timeRuns(() => {
      for (let i = 0; i < answers; i++) void library.repeat(fsrsCard, new Date(NOW + i))[grades[i % 4]!].card;
    }, runs);
    return {
      name: 'review.answer',
      description: `Scheduling an answer with its interval previews (FSRS), ${answers} times, against ts-fsrs's repeat alone; the Dexie write that follows is one small transaction`,
      ...timed,
      against: ratioAgainst(timed, 'ts-fsrs repeat (no study day, steps or limits)', peer),
      figures: { msPerAnswer: Math.round((timed.medianMs / answers) * 1000) / 1000 },
      target: '≤ 10 ms per answer',
    };
  },
};
