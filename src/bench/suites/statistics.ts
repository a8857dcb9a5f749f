/**
 * The stats screen's computation over years of history: 100,000 cards and 1,000,000 log entries (about four
 * years of heavy use, 1% of answers undone), made from a fixed seed so every run times the same data.
 */
import type { CardMemory, CardState, Rating } from '../../core/scheduling/card-memory';
import type { LogEntry } from '../../core/scheduling/review-log';
import { type StatisticsCard, collectStatistics } from '../../core/scheduling/statistics';
import { ianaUtcOffset } from '../../core/scheduling/study-day';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';
import { seededRandom } from '../../core/seeded-random';

const CARDS = 100_000;
const ENTRIES = 1_000_000;
const YEARS = 4;
const DAY = 86_400_000;
/** A fixed "now" (Friday 14 March 2025, noon UTC) and zone, so the data and the day boundaries never change. */
const NOW = Date.UTC(2025, 2, 14, 12);
const OPTIONS = { now: NOW, dayStartHour: 4, utcOffset: ianaUtcOffset('Europe/Berlin') };


function memory(state: CardState, due: number, lastReview: number | null): CardMemory {
  return { state, due, stability: 10, difficulty: 5, scheduledDays: 7, learningSteps: 0, reps: 4, lapses: 0, lastReview };
}

function syntheticHistory(seed = 42): { cards: StatisticsCard[]; entries: LogEntry[] } {
  const random = seededRandom(seed);
  const cards: StatisticsCard[] = [];
  for (let i = 0; i < CARDS; i++) {
    const r = random();
    const state: CardState = r < 0.15 ? 'new' : r < 0.18 ? 'learning' : r < 0.2 ? 'relearning' : 'review';
    cards.push({ state, due: NOW + Math.floor((random() - 0.1) * 60 * DAY), suspended: random() < 0.02, buriedUntil: random() < 0.01 ? NOW + DAY : null });
  }
  const entries: LogEntry[] = [];
  const start = NOW - YEARS * 365 * DAY;
  const step = (NOW - start) / ENTRIES;
  for (let i = 0; entries.length < ENTRIES; i++) {
    const time = Math.floor(start + i * step);
    const previous = entries[entries.length - 1];
    if (random() < 0.01 && previous?.kind === 'review') {
      entries.push({ kind: 'undo', id: `u${i}`, cardId: previous.cardId, time, undoes: previous.id });
      continue;
    }
    const cardId = `c${Math.floor(random() * CARDS)}`;
    const learnt = random() < 0.8;
    const interval = random() * random() * 200 * DAY;
    const rating = (random() < 0.1 ? 1 : 3) as Rating;
    const before = learnt ? memory('review', time, time - interval) : memory('new', time, null);
    entries.push({ kind: 'review', id: `r${i}`, cardId, time, rating, elapsedMs: 3_000 + Math.floor(random() * 12_000), before, after: memory('review', time + DAY, time) });
  }
  return { cards, entries };
}

export const statisticsBenchmark: Benchmark = {
  name: 'stats.compute',
  async run({ runs }) {
    const { cards, entries } = syntheticHistory();
    const timed = await timeRuns(() => collectStatistics(cards, entries, OPTIONS), runs);
    // What the screen computes: the last year of the log (it reads no more), with every card.
    const yearStart = NOW - 371 * DAY;
    const year = entries.filter((entry) => entry.time >= yearStart);
    const yearTimed = await timeRuns(() => collectStatistics(cards, year, OPTIONS), runs);
    // The floor: one pass over the log, counting answers by day, the least any of these figures needs.
    let days = 0;
    const floor = await timeRuns(() => {
      const perDay = new Map<number, number>();
      for (const entry of entries) {
        const day = Math.floor(entry.time / DAY);
        perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      days = perDay.size;
    }, runs);
    return {
      name: 'stats.compute',
      description:
        `collectStatistics (activity per day, 30-day forecast, retention by interval, card counts) over ${CARDS.toLocaleString('en')} cards and ` +
        `${ENTRIES.toLocaleString('en')} log entries (${YEARS} years). This is the computation only; reading IndexedDB and drawing the charts are exercised by e2e/stats.spec.ts`,
      ...timed,
      against: ratioAgainst(timed, 'one pass over the log counting answers by day', floor),
      figures: { cards: CARDS, entries: ENTRIES, yearEntries: year.length, yearMedianMs: Math.round(yearTimed.medianMs * 10) / 10, daysCountedByTheFloor: days },
      target: '≤ 500 ms',
    };
  },
};
