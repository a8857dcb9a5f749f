import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory } from './card-memory';
import { createScheduler } from './fsrs-adapter';
import { type LogEntry, type ReviewEntry, countStudiedToday, rebuildCardState } from './review-log';
import { resolveSchedulerSettings } from './scheduler-settings';
import { type HideStep, emptyActionHistory, emptyUndoStack, popAction, pushAction, pushAnswer, undoHide, undoLastAnswer } from './undo';

const START = Date.UTC(2024, 4, 1, 8, 0);
const settings = resolveSchedulerSettings();

function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('undo', () => {
  it('restores the exact previous state and appends a marker instead of deleting the answer', () => {
    const scheduler = createScheduler(settings, { newId: ids('e') });
    const answers: ReviewEntry[] = [];
    let memory = newCardMemory(START);
    let stack = emptyUndoStack();
    for (const [i, rating] of [Rating.Good, Rating.Good].entries()) {
      const out = scheduler.answer({ ...memory, id: 'c' }, rating, START + i * 600_000, 2000);
      answers.push(out.entry);
      stack = pushAnswer(stack, out.entry);
      memory = out.memory;
    }
    const beforeLast = answers[1]!.before;

    const result = undoLastAnswer(stack, memory, START + 700_000, ids('u'));
    expect(result.kind).toBe('undone');
    if (result.kind !== 'undone') return;
    expect(result.restore).toEqual(beforeLast);
    expect(result.marker).toEqual({ kind: 'undo', id: 'u1', cardId: 'c', time: START + 700_000, undoes: answers[1]!.id });
    expect(result.stack.steps).toHaveLength(1);

    const log: LogEntry[] = [...answers, result.marker];
    expect(log).toHaveLength(3);
    expect(rebuildCardState('c', log, settings)).toEqual(result.restore);
  });

  it('keeps replay and the daily count in agreement after undo and a different answer', () => {
    const scheduler = createScheduler(settings, { newId: ids('e') });
    const log: LogEntry[] = [];
    const first = scheduler.answer({ ...newCardMemory(START), id: 'c' }, Rating.Again, START, 1000);
    log.push(first.entry);
    const undone = undoLastAnswer(pushAnswer(emptyUndoStack(), first.entry), first.memory, START + 5000, ids('u'));
    if (undone.kind !== 'undone') throw new Error('expected an undo');
    log.push(undone.marker);
    expect(countStudiedToday(log, START - 1000)).toEqual({ newCards: 0, reviews: 0 });

    const second = scheduler.answer({ ...undone.restore, id: 'c' }, Rating.Easy, START + 9000, 1000);
    log.push(second.entry);
    expect(rebuildCardState('c', log, settings)).toEqual(second.memory);
    expect(countStudiedToday(log, START - 1000)).toEqual({ newCards: 1, reviews: 0 });
  });

  it('undoes several answers in reverse order', () => {
    const scheduler = createScheduler(settings, { newId: ids('e') });
    let stack = emptyUndoStack();
    const states: CardMemory[] = [newCardMemory(START)];
    for (let i = 0; i < 3; i++) {
      const out = scheduler.answer({ ...states.at(-1)!, id: 'c' }, Rating.Good, START + i * 700_000, 0);
      stack = pushAnswer(stack, out.entry);
      states.push(out.memory);
    }
    let current = states.at(-1)!;
    const restored: CardMemory[] = [];
    for (let i = 0; i < 3; i++) {
      const result = undoLastAnswer(stack, current, START + 10_000_000, ids('u'));
      if (result.kind !== 'undone') throw new Error('expected an undo');
      restored.push(result.restore);
      stack = result.stack;
      current = result.restore;
    }
    expect(restored).toEqual([states[2], states[1], states[0]]);
    expect(undoLastAnswer(stack, current, START, ids('u'))).toEqual({ kind: 'empty' });
  });

  it('refuses when the card has changed since the answer', () => {
    const scheduler = createScheduler(settings);
    const out = scheduler.answer({ ...newCardMemory(START), id: 'c' }, Rating.Good, START, 0);
    const moved = { ...out.memory, due: out.memory.due + 1 };
    const result = undoLastAnswer(pushAnswer(emptyUndoStack(), out.entry), moved, START + 1, ids('u'));
    expect(result).toMatchObject({ kind: 'stale', cardId: 'c' });
  });

  it('forgets the oldest steps past its limit', () => {
    const scheduler = createScheduler(settings, { newId: ids('e') });
    let stack = emptyUndoStack(2);
    for (let i = 0; i < 4; i++) stack = pushAnswer(stack, scheduler.answer({ ...newCardMemory(START), id: `c${i}` }, Rating.Good, START, 0).entry);
    expect(stack.steps.map((s) => s.cardId)).toEqual(['c2', 'c3']);
  });
});

describe('undo of bury and suspend', () => {
  const bury: HideStep = { kind: 'bury', cardId: 'c', before: { suspended: false, buriedUntil: null }, after: { suspended: false, buriedUntil: START + 86_400_000 } };

  it('gives back the visibility the card had before', () => {
    expect(undoHide(bury, { suspended: false, buriedUntil: START + 86_400_000 })).toEqual({ kind: 'restore', visibility: { suspended: false, buriedUntil: null } });
  });

  it('refuses when the card is gone or was changed since', () => {
    expect(undoHide(bury, undefined)).toEqual({ kind: 'stale' });
    expect(undoHide(bury, { suspended: true, buriedUntil: START + 86_400_000 })).toEqual({ kind: 'stale' });
    expect(undoHide(bury, { suspended: false, buriedUntil: null })).toEqual({ kind: 'stale' });
  });

  it('takes actions back newest first, whatever their kind', () => {
    let history = emptyActionHistory();
    history = pushAction(history, { kind: 'answer' });
    history = pushAction(history, bury);
    history = pushAction(history, { kind: 'delete', cardId: 'd', record: 'f' });
    const kinds: string[] = [];
    for (let popped = popAction(history); popped; popped = popAction(popped.rest)) kinds.push(popped.action.kind);
    expect(kinds).toEqual(['delete', 'bury', 'answer']);
  });

  it('forgets the oldest actions past its limit', () => {
    let history = emptyActionHistory(2);
    for (const kind of ['answer', 'bury', 'delete'] as const) history = pushAction(history, kind === 'bury' ? bury : kind === 'delete' ? { kind, cardId: 'd', record: 'f' } : { kind });
    expect(history.actions.map((a) => a.kind)).toEqual(['bury', 'delete']);
  });
});
