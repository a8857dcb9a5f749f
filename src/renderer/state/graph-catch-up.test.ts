import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskProgress } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { graphCatchUpSoon } from './graph-catch-up';

describe('the graph catching up after an import', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(catchUp: (progress: (done: number, total: number) => void) => Promise<boolean>) {
    const shown: Array<Pick<TaskProgress, 'title' | 'state' | 'done' | 'total' | 'background' | 'message'>> = [];
    const runs = vi.fn(catchUp);
    const told = vi.fn();
    let importing = false;
    const soon = graphCatchUpSoon({
      graph: { catchUpInBackground: runs },
      tasks: { update: ({ title, state, done, total, background, message }) => void shown.push({ title, state, done, total, background, ...(message ? { message } : {}) }) },
      importing: () => importing,
      caughtUp: told,
      delayMs: 100,
    });
    return { soon, runs, shown, told, setImporting: (value: boolean) => (importing = value) };
  }

  it('starts once, a moment after the last change, and shows a background task while it runs', async () => {
    const { soon, runs, shown, told } = setup(async (progress) => (progress(0, 2), progress(2, 2), true));
    soon();
    await vi.advanceTimersByTimeAsync(60);
    soon();
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(shown.map((t) => [t.state, t.done, t.total])).toEqual([
      ['running', 0, 2],
      ['running', 2, 2],
      ['done', 1, 1],
    ]);
    expect(shown.every((t) => t.title === 'Updating the graph' && t.background === true)).toBe(true);
    // Focal's other windows are told, so their graph shows the documents too.
    expect(told).toHaveBeenCalledTimes(1);
  });

  it('waits for an import that started meanwhile, shows nothing when there was too little to take in, and says why it failed', async () => {
    const quiet = setup(async () => false);
    quiet.setImporting(true);
    quiet.soon();
    await vi.advanceTimersByTimeAsync(200);
    expect(quiet.runs).not.toHaveBeenCalled();
    quiet.setImporting(false);
    quiet.soon();
    await vi.advanceTimersByTimeAsync(200);
    expect(quiet.runs).toHaveBeenCalledTimes(1);
    expect(quiet.shown).toEqual([]);
    expect(quiet.told).not.toHaveBeenCalled();

    const failing = setup(async () => {
      throw new FocalError('storage-full', 'The disk is full.');
    });
    failing.soon();
    await vi.advanceTimersByTimeAsync(200);
    expect(failing.shown).toEqual([expect.objectContaining({ state: 'failed', message: 'The graph could not take in the changed documents: The disk is full.' })]);
  });
});
