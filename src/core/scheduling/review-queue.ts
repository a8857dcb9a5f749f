/**
 * Today's review queue at `now`: learning cards that are due (learning first, soonest first), then review
 * cards due today (by due date, or by relative overdueness), then new cards, most salient first. Limits
 * as in Anki: the daily new limit minus new cards already introduced today, the daily review limit minus
 * reviews already done, and (unless new cards ignore it, as Anki's option says) the review limit caps new cards
 * too: new cards introduced today count against it, and only what the due reviews leave of it is offered as new
 * cards; (re)learning cards are never held back by a limit, except those on a step of a day or more (Anki's "interday
 * learning"): they are due on their day, not at their minute, come before the reviews and share the review limit.
 * Suspended cards, cards buried until later, and cards outside `scope` are left out.
 *
 * Built for 100,000 cards in a few milliseconds: one pass over plain records with numeric times, then a
 * bounded heap picks the top k of each kind, so only the cards that make the queue are sorted.
 */
import type { CardState } from './card-memory';
import type { StudiedToday } from './review-log';
import type { SchedulerSettings } from './scheduler-settings';
import { DAY_MS, type UtcOffset, localUtcOffset, studyDayBounds } from './study-day';

export interface QueueCard {
  id: string;
  state: CardState;
  due: number;
  /** How much the card's sentence matters (the model's salience); new cards are introduced highest first. */
  salience: number;
  suspended?: boolean;
  /** Hidden until this instant (burying sets it to the next day's start); absent, null or past: not buried. */
  buriedUntil?: number | null;
  /** The last scheduled interval, used by the 'overdueness' order. */
  scheduledDays?: number;
  /** The sentence it was made from: cards of one sentence (its question and its cloze) are siblings. */
  sentenceId?: string;
  /** When it was last answered: a learning step that ran into a later study day is due on that day (isInterdayLearning). */
  lastReview?: number | null;
}

/**
 * New cards come first cards of every sentence first, then second ones (Anki's "card type, then order gathered"):
 * in salience order alone, a sentence's question and cloze have one salience and came back to back, each giving
 * away the other's answer. Salience orders them within a rank; this is far above any salience's size.
 */
const SIBLING_RANK_STEP = 1e12;

/**
 * A (re)learning card on a step of a day or more ("10m 1d"), or on a shorter one that ran past the end of the study day
 * it was answered on (a 12-hour step, a 10-minute one at 3:55 am): due from the start of its day, as a review is, and
 * counted against the review limit, as Anki's interday learning is. Otherwise a step is due at its minute. `dayStart`
 * is the start of the study day asked about; without it only the step's length tells.
 */
export function isInterdayLearning(card: Pick<QueueCard, 'state' | 'scheduledDays' | 'due' | 'lastReview'>, dayStart?: number): boolean {
  if (card.state !== 'learning' && card.state !== 'relearning') return false;
  if ((card.scheduledDays ?? 0) >= 1) return true;
  return dayStart !== undefined && card.lastReview != null && card.lastReview < dayStart && card.due >= dayStart;
}

/** 'due': oldest due date first. 'overdueness': most overdue relative to its interval first (Anki's "relative overdueness"). */
export type ReviewOrder = 'due' | 'overdueness';

export interface QueueOptions {
  now: number;
  settings: Pick<SchedulerSettings, 'newCardsPerDay' | 'reviewsPerDay' | 'dayStartHour' | 'learnAheadMinutes'> & Partial<Pick<SchedulerSettings, 'newCardsIgnoreReviewLimit'>>;
  /** The user's time zone; the host's when absent. */
  utcOffset?: UtcOffset;
  /** What was studied earlier today (see countStudiedToday). */
  studiedToday?: StudiedToday;
  /** Only these cards ("study this neighbourhood"). */
  scope?: ReadonlySet<string>;
  reviewOrder?: ReviewOrder;
}

export interface ReviewQueue {
  now: number;
  dayStart: number;
  dayEnd: number;
  /** Learning cards due (or within the learn-ahead window), soonest first; then interday learning cards due today. */
  learning: string[];
  reviews: string[];
  newCards: string[];
  /** The order to study in: learning, then reviews, then new cards. */
  order: string[];
  /** Review cards due today, before the review limit cut. */
  reviewsDue: number;
  /** Cards due today that the review limit leaves for later days: reviews and interday learning cards. */
  heldByReviewLimit: number;
  /** New cards that could be introduced, before the new limit cut. */
  newAvailable: number;
  /** What the daily limits still allow (new cards: the new limit's part, before the review limit caps it). */
  remaining: { newCards: number; reviews: number };
  /** New cards the new limit would still allow that the review limit holds back. */
  newHeldByReviewLimit: number;
  /** What was studied today already, as the limits count it (uncapped: it may exceed a limit lowered since). */
  studiedToday: { newCards: number; reviews: number };
  /** Learning cards on steps of minutes not yet due (beyond the learn-ahead window), and when the first of them is. */
  learningLater: number;
  nextLearningDue: number | null;
}

/** Indices of the k smallest keys (ties: lower index first), in order; a bounded max-heap, O(n log k). */
export function smallestK(indices: readonly number[], keys: readonly number[], k: number): number[] {
  const n = indices.length;
  if (k <= 0 || n === 0) return [];
  // Worse = larger key, or same key and larger index.
  const worse = (a: number, b: number) => keys[a]! > keys[b]! || (keys[a] === keys[b] && indices[a]! > indices[b]!);
  const byRank = (a: number, b: number) => keys[a]! - keys[b]! || indices[a]! - indices[b]!;
  if (k >= n) return Array.from({ length: n }, (_, p) => p).sort(byRank).map((p) => indices[p]!);

  const heap = new Int32Array(k);
  let size = 0;
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < size && worse(heap[l]!, heap[top]!)) top = l;
      if (r < size && worse(heap[r]!, heap[top]!)) top = r;
      if (top === i) return;
      const t = heap[i]!;
      heap[i] = heap[top]!;
      heap[top] = t;
      i = top;
    }
  };
  for (let p = 0; p < n; p++) {
    if (size < k) {
      let i = size++;
      heap[i] = p;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        const t = heap[i]!;
        heap[i] = heap[parent]!;
        heap[parent] = t;
        i = parent;
      }
    } else if (worse(heap[0]!, p)) {
      heap[0] = p;
      siftDown(0);
    }
  }
  return Array.from(heap).sort(byRank).map((p) => indices[p]!);
}

export function buildReviewQueue(cards: readonly QueueCard[], options: QueueOptions): ReviewQueue {
  const { now, settings, scope } = options;
  const { start: dayStart, end: dayEnd } = studyDayBounds(now, settings.dayStartHour, options.utcOffset ?? localUtcOffset);
  const learnAheadUntil = now + settings.learnAheadMinutes * 60_000;
  const studied = options.studiedToday ?? { newCards: 0, reviews: 0 };
  const reviewLimitCapsNew = settings.newCardsIgnoreReviewLimit !== true;
  const remaining = {
    newCards: Math.max(0, settings.newCardsPerDay - studied.newCards),
    reviews: Math.max(0, settings.reviewsPerDay - studied.reviews - (reviewLimitCapsNew ? studied.newCards : 0)),
  };
  const byOverdueness = options.reviewOrder === 'overdueness';

  const learningIdx: number[] = [];
  const learningKey: number[] = [];
  const interdayIdx: number[] = [];
  const interdayKey: number[] = [];
  const reviewIdx: number[] = [];
  const reviewKey: number[] = [];
  const newIdx: number[] = [];
  const newKey: number[] = [];
  let learningLater = 0;
  let nextLearningDue = Infinity;
  // A new card's rank among its siblings counts those already introduced too: once a sentence's question is in
  // learning, its cloze is a second card, not the first new one of its sentence (the queue is built again after
  // every answer, and the cloze came straight after its question).
  const siblingsBefore = new Map<string, number>();
  for (const card of cards) {
    if (card.sentenceId !== undefined && card.state !== 'new') siblingsBefore.set(card.sentenceId, (siblingsBefore.get(card.sentenceId) ?? 0) + 1);
  }

  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    if (card.suspended === true) continue;
    const buried = card.buriedUntil;
    if (buried != null && buried > now) continue;
    if (scope !== undefined && !scope.has(card.id)) continue;
    const state = card.state;
    if (state === 'review') {
      if (card.due < dayEnd) {
        reviewIdx.push(i);
        reviewKey.push(byOverdueness ? -(now - card.due) / (Math.max(1, card.scheduledDays ?? 1) * DAY_MS) : card.due);
      }
    } else if (state === 'new') {
      const salience = card.salience;
      let rank = 0;
      if (card.sentenceId !== undefined) {
        rank = siblingsBefore.get(card.sentenceId) ?? 0;
        siblingsBefore.set(card.sentenceId, rank + 1);
      }
      newIdx.push(i);
      newKey.push(rank * SIBLING_RANK_STEP + (salience === salience ? -salience : SIBLING_RANK_STEP / 2));
    } else if (isInterdayLearning(card, dayStart)) {
      // Due later than today: it comes with that day's reviews, not as a card that "comes back at" some minute.
      if (card.due < dayEnd) {
        interdayIdx.push(i);
        interdayKey.push(card.due);
      }
    } else if (card.due <= learnAheadUntil) {
      learningIdx.push(i);
      learningKey.push(card.due);
    } else {
      learningLater++;
      if (card.due < nextLearningDue) nextLearningDue = card.due;
    }
  }

  const ids = (picked: number[]) => picked.map((i) => cards[i]!.id);
  const interday = ids(smallestK(interdayIdx, interdayKey, remaining.reviews));
  const learning = [...ids(smallestK(learningIdx, learningKey, learningIdx.length)), ...interday];
  const reviews = ids(smallestK(reviewIdx, reviewKey, remaining.reviews - interday.length));
  const reviewLimitLeft = remaining.reviews - interday.length - reviews.length;
  const newCap = reviewLimitCapsNew ? Math.min(remaining.newCards, reviewLimitLeft) : remaining.newCards;
  const newCards = ids(smallestK(newIdx, newKey, newCap));
  return {
    now,
    dayStart,
    dayEnd,
    learning,
    reviews,
    newCards,
    order: [...learning, ...reviews, ...newCards],
    reviewsDue: reviewIdx.length,
    heldByReviewLimit: reviewIdx.length + interdayIdx.length - interday.length - reviews.length,
    newAvailable: newIdx.length,
    newHeldByReviewLimit: Math.min(newIdx.length, remaining.newCards) - newCards.length,
    remaining,
    studiedToday: studied,
    learningLater,
    nextLearningDue: nextLearningDue === Infinity ? null : nextLearningDue,
  };
}

/**
 * When a queue read at `queue.now` stops being true without anything done: the study day ends (tomorrow's reviews
 * and new cards come), or a learning card comes within the learn-ahead window. Today reads its counts again then.
 */
export function queueStaleAt(queue: Pick<ReviewQueue, 'dayEnd' | 'nextLearningDue'>, learnAheadMinutes: number): number {
  const learningComes = queue.nextLearningDue === null ? Infinity : queue.nextLearningDue - learnAheadMinutes * 60_000;
  return Math.min(queue.dayEnd, learningComes);
}

/** When a card buried now comes back: the start of the next study day. */
export function buriedUntilTomorrow(now: number, dayStartHour: number, utcOffset: UtcOffset = localUtcOffset): number {
  return studyDayBounds(now, dayStartHour, utcOffset).end;
}
