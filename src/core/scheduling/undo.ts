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

/** The stack after an answer: the step goes on top, the oldest falls off past the limit. */
export function pushAnswer(stack: UndoStack, entry: ReviewEntry): UndoStack {
  const step: UndoStep = { cardId: entry.cardId, entryId: entry.id, before: entry.before, after: entry.after };
  const steps = [...stack.steps, step];
  return { steps: steps.length > stack.limit ? steps.slice(steps.length - stack.limit) : steps, limit: stack.limit };
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
