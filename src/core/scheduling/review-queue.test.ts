import { describe, expect, it } from 'vitest';
import { type QueueCard, buildReviewQueue, buriedUntilTomorrow, queueStaleAt, smallestK } from './review-queue';
import { resolveSchedulerSettings } from './scheduler-settings';
import { fixedUtcOffset } from './study-day';

const utcOffset = fixedUtcOffset(0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2024, 5, 10, 14, 0); // 2 pm; the study day runs 4 am to 4 am
const settings = resolveSchedulerSettings();

const card = (id: string, over: Partial<QueueCard> = {}): QueueCard => ({ id, state: 'new', due: NOW - DAY, salience: 0, ...over });

describe('the review queue', () => {
  it('puts due learning cards first, then reviews by due date, then new cards by salience', () => {
    const cards = [
      card('new-low', { salience: -1 }),
      card('rev-late', { state: 'review', due: NOW - HOUR }),
      card('learn-2', { state: 'learning', due: NOW - 1000 }),
      card('new-high', { salience: 2.5 }),
      card('rev-old', { state: 'review', due: NOW - 5 * DAY }),
      card('relearn-1', { state: 'relearning', due: NOW - 60_000 }),
      card('new-mid', { salience: 0.3 }),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(queue.learning).toEqual(['relearn-1', 'learn-2']);
    expect(queue.reviews).toEqual(['rev-old', 'rev-late']);
    expect(queue.newCards).toEqual(['new-high', 'new-mid', 'new-low']);
    expect(queue.order).toEqual([...queue.learning, ...queue.reviews, ...queue.newCards]);
  });

  it('introduces the first card of every sentence before any second one, so siblings never come back to back', () => {
    const cards = [
      card('a-question', { salience: 3, sentenceId: 'a' }),
      card('a-cloze', { salience: 3, sentenceId: 'a' }),
      card('b-question', { salience: 2, sentenceId: 'b' }),
      card('b-cloze', { salience: 2, sentenceId: 'b' }),
      card('c-cloze', { salience: 1, sentenceId: 'c' }),
      card('anki-card', { salience: -40_000 }),
    ];
    expect(buildReviewQueue(cards, { now: NOW, settings, utcOffset }).newCards).toEqual(['a-question', 'b-question', 'c-cloze', 'anki-card', 'a-cloze', 'b-cloze']);
    // With a limit of 3 a day, today brings three sentences, not a sentence and its sibling.
    const limited = buildReviewQueue(cards, { now: NOW, settings: { ...settings, newCardsPerDay: 3 }, utcOffset });
    expect(limited.newCards).toEqual(['a-question', 'b-question', 'c-cloze']);
    // Built again after the question is answered (it is learning now): its cloze is still a second card, not next.
    const answered = cards.map((c) => (c.id === 'a-question' ? { ...c, state: 'learning' as const, due: NOW + 10 * 60_000 } : c));
    expect(buildReviewQueue(answered, { now: NOW, settings, utcOffset }).newCards).toEqual(['b-question', 'c-cloze', 'anki-card', 'a-cloze', 'b-cloze']);
  });

  it('introduces at most the daily new limit minus the new cards already introduced today', () => {
    const cards = Array.from({ length: 50 }, (_, i) => card(`n${i}`, { salience: i }));
    const fresh = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(fresh.newCards).toHaveLength(20);
    expect(fresh.newCards[0]).toBe('n49');
    expect(fresh.newAvailable).toBe(50);

    const later = buildReviewQueue(cards, { now: NOW, settings, utcOffset, studiedToday: { newCards: 15, reviews: 0 } });
    expect(later.newCards).toEqual(['n49', 'n48', 'n47', 'n46', 'n45']);
    const past = buildReviewQueue(cards, { now: NOW, settings, utcOffset, studiedToday: { newCards: 25, reviews: 0 } });
    expect(past.newCards).toEqual([]);
    // What was studied is reported as it is, beyond the limit too (Today says how many reviews were done).
    expect(past.studiedToday).toEqual({ newCards: 25, reviews: 0 });
    expect(past.remaining.newCards).toBe(0);
  });

  it('keeps reviews within the review limit, most overdue first, and never holds back learning cards', () => {
    const small = resolveSchedulerSettings({ reviewsPerDay: 3 });
    const cards = [
      ...Array.from({ length: 10 }, (_, i) => card(`r${i}`, { state: 'review', due: NOW - i * DAY })),
      ...Array.from({ length: 5 }, (_, i) => card(`l${i}`, { state: 'learning', due: NOW - i * 1000 })),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings: small, utcOffset, studiedToday: { newCards: 0, reviews: 1 } });
    expect(queue.reviews).toEqual(['r9', 'r8']);
    expect(queue.reviewsDue).toBe(10);
    expect(queue.learning).toHaveLength(5);
    expect(queue.remaining).toEqual({ newCards: 20, reviews: 2 });
  });

  it('lets the review limit cap new cards too, as Anki does unless new cards ignore it', () => {
    const limited = resolveSchedulerSettings({ reviewsPerDay: 30 });
    const cards = [
      ...Array.from({ length: 25 }, (_, i) => card(`r${i}`, { state: 'review', due: NOW - i * HOUR })),
      ...Array.from({ length: 40 }, (_, i) => card(`n${i}`, { salience: i })),
    ];
    // 25 reviews due leave 5 of the 30: 5 new cards, not 20.
    const queue = buildReviewQueue(cards, { now: NOW, settings: limited, utcOffset });
    expect(queue.reviews).toHaveLength(25);
    expect(queue.newCards).toEqual(['n39', 'n38', 'n37', 'n36', 'n35']);
    expect(queue.newHeldByReviewLimit).toBe(15);
    // New cards introduced today count against it: after 3 new and 20 reviews, 5 reviews and 2 new cards are left.
    const later = buildReviewQueue(cards.slice(20), { now: NOW, settings: limited, utcOffset, studiedToday: { newCards: 3, reviews: 20 } });
    expect(later.reviews).toHaveLength(5);
    expect(later.newCards).toHaveLength(2);
    expect(later.remaining).toEqual({ newCards: 17, reviews: 7 });
    // Ignoring the review limit, new cards have only their own.
    const ignoring = buildReviewQueue(cards, { now: NOW, settings: { ...limited, newCardsIgnoreReviewLimit: true }, utcOffset });
    expect(ignoring.newCards).toHaveLength(20);
    expect(ignoring.newHeldByReviewLimit).toBe(0);
  });

  it('orders reviews by relative overdueness when asked', () => {
    const cards = [
      card('long-interval', { state: 'review', due: NOW - 10 * DAY, scheduledDays: 100 }),
      card('short-interval', { state: 'review', due: NOW - 2 * DAY, scheduledDays: 1 }),
    ];
    expect(buildReviewQueue(cards, { now: NOW, settings, utcOffset }).reviews).toEqual(['long-interval', 'short-interval']);
    expect(buildReviewQueue(cards, { now: NOW, settings, utcOffset, reviewOrder: 'overdueness' }).reviews).toEqual(['short-interval', 'long-interval']);
  });

  it('leaves out suspended cards and cards buried until later, but not cards whose burial has passed', () => {
    const cards = [
      card('suspended', { state: 'review', suspended: true }),
      card('buried', { state: 'review', buriedUntil: NOW + HOUR }),
      card('unburied', { state: 'review', buriedUntil: NOW - HOUR }),
      card('buried-new', { buriedUntil: buriedUntilTomorrow(NOW, 4, utcOffset) }),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(queue.order).toEqual(['unburied']);
  });

  it('takes review cards due any time before 4 am tomorrow, and learning cards only when (almost) due', () => {
    const cards = [
      card('due-tonight', { state: 'review', due: Date.UTC(2024, 5, 11, 3, 59) }),
      card('due-tomorrow', { state: 'review', due: Date.UTC(2024, 5, 11, 4, 0) }),
      card('learn-soon', { state: 'learning', due: NOW + 15 * 60_000 }),
      card('learn-later', { state: 'learning', due: NOW + 45 * 60_000 }),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(queue.reviews).toEqual(['due-tonight']);
    expect(queue.learning).toEqual(['learn-soon']);
    expect(queue.learningLater).toBe(1);
    expect(queue.nextLearningDue).toBe(NOW + 45 * 60_000);
    expect([queue.dayStart, queue.dayEnd]).toEqual([Date.UTC(2024, 5, 10, 4), Date.UTC(2024, 5, 11, 4)]);
  });

  it('takes a learning card on a step of a day or more any time on its day, before the reviews, within the review limit', () => {
    const cards = [
      card('rev', { state: 'review', due: NOW - DAY }),
      card('rev-2', { state: 'review', due: NOW - 2 * DAY }),
      // A "1d" step answered yesterday at 8 pm: due at 8 pm today, but from the start of today, as in Anki.
      card('day-step', { state: 'learning', scheduledDays: 1, due: Date.UTC(2024, 5, 10, 20, 0) }),
      card('relearn-days', { state: 'relearning', scheduledDays: 2, due: Date.UTC(2024, 5, 10, 23, 0) }),
      card('day-step-tomorrow', { state: 'learning', scheduledDays: 1, due: Date.UTC(2024, 5, 11, 9, 0) }),
      card('minute-step', { state: 'learning', scheduledDays: 0, due: NOW + 45 * 60_000 }),
      card('new', { salience: 1 }),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(queue.learning).toEqual(['day-step', 'relearn-days']);
    expect(queue.reviews).toEqual(['rev-2', 'rev']);
    // Tomorrow's day step comes with tomorrow's reviews; only the minute step "comes back at" a time today.
    expect(queue.learningLater).toBe(1);
    expect(queue.nextLearningDue).toBe(NOW + 45 * 60_000);

    // A limit of 3 reviews: the two day steps take two of them, one review is left for later, and no new card comes.
    const limited = buildReviewQueue(cards, { now: NOW, settings: { ...settings, reviewsPerDay: 3 }, utcOffset });
    expect(limited.learning).toEqual(['day-step', 'relearn-days']);
    expect(limited.reviews).toEqual(['rev-2']);
    expect(limited.heldByReviewLimit).toBe(1);
    expect(limited.newCards).toEqual([]);
    // Limit reached: day steps wait too, and say so; minute steps never wait.
    const spent = buildReviewQueue(cards, { now: NOW + HOUR, settings: { ...settings, reviewsPerDay: 3 }, utcOffset, studiedToday: { newCards: 0, reviews: 3 } });
    expect(spent.learning).toEqual(['minute-step']);
    expect(spent.heldByReviewLimit).toBe(4);
  });

  it('takes a minute step that ran past the end of the day it was answered on as due on its day, as Anki does', () => {
    const cards = [
      // A long step answered at 11 pm yesterday, due this evening: it ran into today's study day, so it is due from its start.
      card('crossed', { state: 'learning', scheduledDays: 0, lastReview: Date.UTC(2024, 5, 9, 23, 0), due: Date.UTC(2024, 5, 10, 20, 0) }),
      // The same step answered this morning stays at its minute.
      card('same-day', { state: 'learning', scheduledDays: 0, lastReview: Date.UTC(2024, 5, 10, 8, 0), due: Date.UTC(2024, 5, 10, 20, 0) }),
    ];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset });
    expect(queue.learning).toEqual(['crossed']);
    expect(queue.learningLater).toBe(1);
  });

  it('says how many due cards the review limit holds back', () => {
    const cards = Array.from({ length: 5 }, (_, i) => card(`r${i}`, { state: 'review', due: NOW - i * HOUR }));
    expect(buildReviewQueue(cards, { now: NOW, settings: { ...settings, reviewsPerDay: 2 }, utcOffset }).heldByReviewLimit).toBe(3);
    expect(buildReviewQueue(cards, { now: NOW, settings, utcOffset }).heldByReviewLimit).toBe(0);
  });

  it('starts a new study day at 4 am: at 3 am the day (and its limits) is still yesterday’s', () => {
    const atThree = Date.UTC(2024, 5, 11, 3, 0);
    const atFive = Date.UTC(2024, 5, 11, 5, 0);
    expect(buildReviewQueue([], { now: atThree, settings, utcOffset }).dayStart).toBe(Date.UTC(2024, 5, 10, 4));
    expect(buildReviewQueue([], { now: atFive, settings, utcOffset }).dayStart).toBe(Date.UTC(2024, 5, 11, 4));
    const dueAtNine = card('r', { state: 'review', due: Date.UTC(2024, 5, 11, 9) });
    expect(buildReviewQueue([dueAtNine], { now: atThree, settings, utcOffset }).reviews).toEqual([]);
    expect(buildReviewQueue([dueAtNine], { now: atFive, settings, utcOffset }).reviews).toEqual(['r']);
  });

  it('studies only the cards in scope', () => {
    const cards = [card('a', { salience: 1 }), card('b', { salience: 3 }), card('c', { state: 'review' }), card('d', { state: 'review' })];
    const queue = buildReviewQueue(cards, { now: NOW, settings, utcOffset, scope: new Set(['a', 'd']) });
    expect(queue.order).toEqual(['d', 'a']);
  });

  it('keeps input order among equal salience and equal due dates', () => {
    const cards = [card('x'), card('y'), card('z')];
    expect(buildReviewQueue(cards, { now: NOW, settings, utcOffset }).newCards).toEqual(['x', 'y', 'z']);
  });
});

describe('when today’s counts go stale', () => {
  it('is when the study day ends, or sooner when a learning card comes within the learn-ahead window', () => {
    const dayEnd = 1_000_000_000;
    expect(queueStaleAt({ dayEnd, nextLearningDue: null }, 20)).toBe(dayEnd);
    expect(queueStaleAt({ dayEnd, nextLearningDue: dayEnd - 3_600_000 }, 20)).toBe(dayEnd - 3_600_000 - 20 * 60_000);
    expect(queueStaleAt({ dayEnd, nextLearningDue: dayEnd + 3_600_000 }, 20)).toBe(dayEnd);
  });
});

describe('picking the k best', () => {
  it('returns the k smallest keys in order, ties by position', () => {
    const keys = [5, 1, 4, 1, 9, 2, 6];
    const indices = keys.map((_, i) => i * 10);
    expect(smallestK(indices, keys, 3)).toEqual([10, 30, 50]);
    expect(smallestK(indices, keys, 100)).toEqual([10, 30, 50, 20, 0, 60, 40]);
    expect(smallestK(indices, keys, 0)).toEqual([]);
  });
});
