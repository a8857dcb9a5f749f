/**
 * Undo of answers. The log stays append-only: undoing appends an `undo` entry that names the cancelled
 * review, and the card gets back the exact `before` state that review recorded. Replay, statistics and
 * the daily counts skip cancelled reviews, so rebuilding from the log still gives the stored state.
 * (Deleting the entry instead would also agree, but would make a backup or a sync unable to tell a
 * retracted answer from one that was never synced.)
 */
import { type CardMemory, sameCardMemory } from './card-memory';
import type { ReviewEntry, UndoEntry } from './review-log';

export interface UndoStep {
  cardId: string;
  /** The review entry the step cancels. */
  entryId: string;
  /** The state to restore. */
  before: CardMemory;
  /** The state the answer produced: undo is refused if the card has moved on since. */
  after: CardMemory;
}

export interface UndoStack {
  readonly steps: readonly UndoStep[];
  readonly limit: number;
}

export function emptyUndoStack(limit = 50): UndoStack {
  return { steps: [], limit };
}

/** `items` with `item` on top, the oldest dropped past `limit`: both undo stacks keep their last `limit` entries. */
function pushBounded<T>(items: readonly T[], item: T, limit: number): T[] {
  const pushed = [...items, item];
  return pushed.length > limit ? pushed.slice(pushed.length - limit) : pushed;
}

/** The stack after an answer: the step goes on top, the oldest falls off past the limit. */
export function pushAnswer(stack: UndoStack, entry: ReviewEntry): UndoStack {
  const step: UndoStep = { cardId: entry.cardId, entryId: entry.id, before: entry.before, after: entry.after };
  return { steps: pushBounded(stack.steps, step, stack.limit), limit: stack.limit };
}

export function peekUndo(stack: UndoStack): UndoStep | null {
  return stack.steps.at(-1) ?? null;
}

export type UndoResult =
  | { kind: 'undone'; stack: UndoStack; cardId: string; restore: CardMemory; marker: UndoEntry }
  | { kind: 'empty' }
  /** The card's stored state is no longer what the answer left (changed elsewhere): nothing is undone. */
  | { kind: 'stale'; stack: UndoStack; cardId: string };

/**
 * Undoes the last answer at `now`: the caller writes `restore` to the card and appends `marker` to the
 * log, in one transaction. `current` is the card's stored state, checked against what the answer left.
 */
export function undoLastAnswer(stack: UndoStack, current: CardMemory | undefined, now: number, newId: () => string): UndoResult {
  const step = peekUndo(stack);
  if (!step) return { kind: 'empty' };
  const rest: UndoStack = { steps: stack.steps.slice(0, -1), limit: stack.limit };
  if (!current || !sameCardMemory(current, step.after)) return { kind: 'stale', stack: rest, cardId: step.cardId };
  return {
    kind: 'undone',
    stack: rest,
    cardId: step.cardId,
    restore: { ...step.before },
    marker: { kind: 'undo', id: newId(), cardId: step.cardId, time: now, undoes: step.entryId },
  };
}

/** Whether a card is hidden from the queue: what bury and suspend change. */
export interface CardVisibility {
  suspended: boolean;
  buriedUntil: number | null;
}

/** A bury or suspend: the card's visibility before, to restore, and after, to tell whether it moved on since. */
export interface HideStep {
  kind: 'bury' | 'suspend';
  cardId: string;
  before: CardVisibility;
  after: CardVisibility;
}

/**
 * One thing `u` can take back in a review session. Answers are undone through their own `UndoStack` (the
 * log's undo marker); a deletion names the card and the feedback record its delete made (`record`), which the
 * undo takes back with it.
 */
/** An edit of a card's text: what it read before and after, and the "card edited" record it made for the model. */
export interface EditStep {
  kind: 'edit';
  cardId: string;
  before: { prompt: string; answer: string; edited: boolean };
  after: { prompt: string; answer: string };
  record: string;
}

export type SessionAction = { kind: 'answer' } | HideStep | { kind: 'delete'; cardId: string; record: string | null } | EditStep;

export interface ActionHistory {
  readonly actions: readonly SessionAction[];
  readonly limit: number;
}

/** Same limit as the answer stack, so every answer in the history still has its step on that stack. */
export function emptyActionHistory(limit = 50): ActionHistory {
  return { actions: [], limit };
}

export function pushAction(history: ActionHistory, action: SessionAction): ActionHistory {
  return { actions: pushBounded(history.actions, action, history.limit), limit: history.limit };
}

/** The newest action and the history without it, or null when there is nothing to undo. */
export function popAction(history: ActionHistory): { action: SessionAction; rest: ActionHistory } | null {
  const action = history.actions.at(-1);
  return action ? { action, rest: { actions: history.actions.slice(0, -1), limit: history.limit } } : null;
}

/** Undoes a bury or suspend: the visibility to write back, or 'stale' when the card is gone or changed since. */
export function undoHide(step: HideStep, stored: CardVisibility | undefined): { kind: 'restore'; visibility: CardVisibility } | { kind: 'stale' } {
  if (!stored) return { kind: 'stale' };
  const now: CardVisibility = { suspended: stored.suspended, buriedUntil: stored.buriedUntil ?? null };
  if (now.suspended !== step.after.suspended || now.buriedUntil !== step.after.buriedUntil) return { kind: 'stale' };
  return { kind: 'restore', visibility: { ...step.before } };
}
