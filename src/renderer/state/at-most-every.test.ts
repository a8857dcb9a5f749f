import { describe, expect, it } from 'vitest';
import { atMostEvery } from './at-most-every';

/** Timers a test moves by hand. */
function fakeTimers() {
  let now = 0;
  const due: Array<{ at: number; run: () => void }> = [];
  return {
    setTimeout: (run: () => void, ms: number) => due.push({ at: now + ms, run }),
    advance(ms: number) {
      now += ms;
      for (let next = due.findIndex((t) => t.at <= now); next >= 0; next = due.findIndex((t) => t.at <= now)) due.splice(next, 1)[0]!.run();
    },
  };
}

describe('atMostEvery', () => {
  it('runs at once, then once more after the wait for any number of calls made meanwhile', () => {
    const timers = fakeTimers();
    let runs = 0;
    const call = atMostEvery(1000, () => runs++, timers);
    call();
    expect(runs).toBe(1);
    call();
    call();
    call();
    expect(runs).toBe(1);
    timers.advance(1000);
    expect(runs).toBe(2);
    // Nothing called since: the next wait ends without a run, and the call after it runs at once.
    timers.advance(1000);
    expect(runs).toBe(2);
    call();
    expect(runs).toBe(3);
  });

  it('follows the last call of a long burst with a run', () => {
    const timers = fakeTimers();
    let runs = 0;
    const call = atMostEvery(1000, () => runs++, timers);
    for (let i = 0; i < 30; i++) {
      call();
      timers.advance(150);
    }
    // 4.5 s of calls: one at once and one at the end of each second.
    expect(runs).toBe(5);
    timers.advance(1000);
    expect(runs).toBe(6);
    timers.advance(5000);
    expect(runs).toBe(6);
  });

  it('runs at once when asked to, and that run stands for the calls made meanwhile', () => {
    const timers = fakeTimers();
    let runs = 0;
    const call = atMostEvery(1000, () => runs++, timers);
    call();
    call();
    call.now();
    expect(runs).toBe(2);
    timers.advance(1000);
    expect(runs).toBe(2);
  });
});
