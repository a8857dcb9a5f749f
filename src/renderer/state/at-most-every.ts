/**
 * A call that runs `run` at once, then at most once every `ms` however often it is made: a call made meanwhile
 * runs once when the wait is over, so the last call is always followed by a run. For the library list during an
 * import: re-reading every document after each of 300 files made each file slower than the last.
 */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
}

export function atMostEvery(ms: number, run: () => void, timers: Timers = globalThis): () => void {
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
  return () => {
    if (waiting) {
      calledMeanwhile = true;
      return;
    }
    run();
    wait();
  };
}
