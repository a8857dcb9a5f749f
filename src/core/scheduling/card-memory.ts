/**
 * The scheduling data of one card, as stored: plain numbers and strings (times are epoch milliseconds), no
 * Date objects, no library types — what Dexie keeps and what the adapter converts to and from ts-fsrs.
 */

export type CardState = 'new' | 'learning' | 'review' | 'relearning';

/** The four answer buttons, numbered as FSRS and Anki number them. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Rating = (typeof Rating)[keyof typeof Rating];
export const RATINGS: readonly Rating[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A card's memory state and schedule (FSRS's card, minus the deprecated `elapsed_days`). */
export interface CardMemory {
  state: CardState;
  /** When the card is next due (epoch ms); a new card's creation time. */
  due: number;
  stability: number;
  difficulty: number;
  /** The interval the last answer scheduled, in whole days (0 on a (re)learning step shorter than a day). */
  scheduledDays: number;
  /** Which (re)learning step the card is on. */
  learningSteps: number;
  reps: number;
  lapses: number;
  /** When the card was last answered (epoch ms), null before the first answer. */
  lastReview: number | null;
}

export function newCardMemory(createdAt: number): CardMemory {
  return { state: 'new', due: createdAt, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null };
}

/**
 * A card made new again (Anki's "Forget"), due from `now`: its memory starts over. Its answer and lapse counts
 * stay, as Anki keeps them unless asked: they are what happened, and a leech reset to be learnt again is still one
 * until it is rewritten.
 */
export function resetCardMemory(card: CardMemory, now: number): CardMemory {
  return { ...newCardMemory(now), reps: card.reps, lapses: card.lapses };
}

/** Only the memory fields of a record that may carry more (a stored card row), in a fixed key order. */
export function cardMemoryOf(card: CardMemory): CardMemory {
  return {
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
  };
}

export function sameCardMemory(a: CardMemory, b: CardMemory): boolean {
  return (
    a.state === b.state &&
    a.due === b.due &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.scheduledDays === b.scheduledDays &&
    a.learningSteps === b.learningSteps &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.lastReview === b.lastReview
  );
}
