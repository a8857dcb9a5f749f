/**
 * The review log: append-only. An answer appends a `review` entry holding the card's memory before and
 * after; a reset (Anki's "Forget") appends a `reset` entry, the card made new again; undo appends an `undo`
 * entry naming the review or reset it cancels (see undo.ts). Nothing is ever edited or deleted, so the log
 * replays to the stored card state and backs up as a plain list.
 */
import { type CardMemory, type Rating, cardMemoryOf, resetCardMemory } from './card-memory';
import { type SchedulerOptions, createScheduler } from './fsrs-adapter';
import { isInterdayLearning } from './review-queue';
import type { SchedulerSettings } from './scheduler-settings';

export interface ReviewEntry {
  kind: 'review';
  id: string;
  cardId: string;
  /** When the answer was given (epoch ms). */
  time: number;
  rating: Rating;
  /** How long the user looked at the card before answering, in ms. */
  elapsedMs: number;
  before: CardMemory;
  after: CardMemory;
}

export interface UndoEntry {
  kind: 'undo';
  id: string;
  cardId: string;
  time: number;
  /** The id of the review or reset entry this cancels. */
  undoes: string;
}

/**
 * The person made the card new again (Anki's "Forget"): its memory starts over, and what FSRS learns of it counts
 * from here (`cardHistories` reads a card's answers since it was last new). Not an answer: statistics, streaks and
 * the daily limits skip it, as Anki's do.
 */
export interface ResetEntry {
  kind: 'reset';
  id: string;
  cardId: string;
  time: number;
  before: CardMemory;
  after: CardMemory;
}

export type LogEntry = ReviewEntry | UndoEntry | ResetEntry;

/** The log entry of making a card new again at `time`, from the memory it had. */
export function resetEntry(id: string, cardId: string, memory: CardMemory, time: number): ResetEntry {
  return { kind: 'reset', id, cardId, time, before: cardMemoryOf(memory), after: resetCardMemory(memory, time) };
}

/** Ids of reviews (and resets) cancelled by an undo entry. */
export function undoneReviewIds(entries: readonly LogEntry[]): Set<string> {
  const undone = new Set<string>();
  for (const entry of entries) if (entry.kind === 'undo') undone.add(entry.undoes);
  return undone;
}

/** The reviews that still count, in log order: undo entries and the reviews they cancel removed. */
export function effectiveReviews(entries: readonly LogEntry[]): ReviewEntry[] {
  const undone = undoneReviewIds(entries);
  const result: ReviewEntry[] = [];
  for (const entry of entries) if (entry.kind === 'review' && !undone.has(entry.id)) result.push(entry);
  return result;
}

/** The reviews and resets that still count, in log order: undo entries and what they cancel removed. */
export function effectiveLog(entries: readonly LogEntry[]): Array<ReviewEntry | ResetEntry> {
  const undone = undoneReviewIds(entries);
  return entries.filter((entry): entry is ReviewEntry | ResetEntry => entry.kind !== 'undo' && !undone.has(entry.id));
}

/** Sort key for replay: answer time, then log position (entries are appended in time order). */
function chronological<T extends { time: number }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.time - b.item.time || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * A card's state by replaying its effective reviews through the scheduler from its first state (the
 * `before` of its first review, i.e. the new card): with the settings the answers were given under,
 * this equals the stored state exactly. `initial` stands in when the card has no reviews; otherwise null.
 */
export function rebuildCardState(
  cardId: string,
  entries: readonly LogEntry[],
  settings: SchedulerSettings,
  options: Pick<SchedulerOptions, 'weights' | 'utcOffset'> & { initial?: CardMemory } = {},
): CardMemory | null {
  const own = entries.filter((entry) => entry.cardId === cardId);
  const counted = chronological(effectiveLog(own));
  // A reset starts the card over: only what follows the last one replays, from the new card it made.
  const lastReset = counted.findLastIndex((entry) => entry.kind === 'reset');
  const reviews = counted.slice(lastReset + 1) as ReviewEntry[];
  const first = reviews[0];
  if (!first) return lastReset >= 0 ? counted[lastReset]!.after : (options.initial ?? null);
  // In the zone the answers were given in: days between them are study days there.
  const scheduler = createScheduler(settings, { ...(options.weights ? { weights: options.weights } : {}), ...(options.utcOffset ? { utcOffset: options.utcOffset } : {}) });
  let memory: CardMemory = lastReset >= 0 ? counted[lastReset]!.after : first.before;
  for (const review of reviews) memory = scheduler.answer({ ...memory, id: cardId }, review.rating, review.time, review.elapsedMs).memory;
  return memory;
}

export interface StudiedToday {
  /** New cards introduced (first answered) since the day began. */
  newCards: number;
  /** Answers to cards that were in review state, or on a learning step of a day or more (as Anki counts them). */
  reviews: number;
}

/** What was studied since `dayStart`, undone answers not counted: what the queue subtracts from the daily limits. */
export function countStudiedToday(entries: readonly LogEntry[], dayStart: number): StudiedToday {
  // An undo always follows the review it cancels, so today's undos are among today's entries.
  const today = entries.filter((entry) => entry.time >= dayStart);
  const undone = undoneReviewIds(today);
  let newCards = 0;
  let reviews = 0;
  for (const entry of today) {
    if (entry.kind !== 'review' || undone.has(entry.id)) continue;
    if (entry.before.state === 'new') newCards++;
    else if (entry.before.state === 'review' || isInterdayLearning(entry.before, dayStart)) reviews++;
  }
  return { newCards, reviews };
}
