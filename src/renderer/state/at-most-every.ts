/**
 * A call that runs `run` at once, then at most once every `ms` however often it is made: a call made meanwhile
 * runs once when the wait is over, so the last call is always followed by a run. For the library list during an
 * import: re-reading every document after each of 300 files made each file slower than the last.
 */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
}

/** The throttled call, and `now`: a run at once, which stands for the calls made meanwhile (the last file stored). */
export interface Throttled {
  (): void;
  now(): void;
}

export function atMostEvery(ms: number, run: () => void, timers: Timers = globalThis): Throttled {
  let waiting = false;
  let calledMeanwhile = false;
  const wait = () => {
    waiting = true;
    timers.setTimeout(() => {
      waiting = false;
      if (!calledMeanwhile) return;
      calledMeanwhile = false;
      run();
      wait();
    }, ms);
  };
  const call = () => {
    if (waiting) {
      calledMeanwhile = true;
      return;
    }
    run();
    wait();
  };
  return Object.assign(call, {
    now() {
      calledMeanwhile = false;
      run();
    },
  });
}
