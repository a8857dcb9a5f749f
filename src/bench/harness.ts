/**
 * The benchmark harness behind `npm run bench`: each figure is the median of several timed runs, and a
 * benchmark with a peer or floor times that too, in the same run, and reports the ratio.
 */
export interface Timed {
  /** Median wall time of one run, in milliseconds. */
  medianMs: number;
  runs: number;
}

export interface BenchResult {
  name: string;
  description: string;
  medianMs: number;
  runs: number;
  /** Extra figures in their own units (throughput, memory…). */
  figures?: Record<string, number>;
  /** The peer or floor measured in the same run, and ours divided by it (below 1 = faster than it). */
  against?: { name: string; medianMs: number; ratio: number };
  target?: string;
  /** Why the benchmark did not run here (e.g. its data is absent); no figures then. */
  skipped?: string;
}

export interface Benchmark {
  name: string;
  run(options: { runs: number }): Promise<BenchResult>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Times `work` `runs` times after one warm-up run; `now` is passed in so tests can drive the clock. */
export async function timeRuns(
  work: () => Promise<unknown> | unknown,
  runs: number,
  now: () => number = () => performance.now(),
): Promise<Timed> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    await work();
    samples.push(now() - start);
  }
  return { medianMs: median(samples), runs };
}

export function ratioAgainst(ours: Timed, name: string, theirs: Timed): NonNullable<BenchResult['against']> {
  return { name, medianMs: theirs.medianMs, ratio: theirs.medianMs > 0 ? ours.medianMs / theirs.medianMs : Infinity };
}

/** How a chosen suite is run: here, unless the caller runs each in a process of its own (`npm run bench`, several suites). */
export type SuiteRunner = (benchmark: Benchmark, runs: number) => Promise<BenchResult>;

/** The suites `only` names, in their order; all of them when it names none. */
export function chooseBenchmarks(benchmarks: readonly Benchmark[], only: readonly string[] = []): Benchmark[] {
  // A suite's own name is that suite alone ("model.retrain", not model.retrain.books too); a group's, every suite in it
  // by whole name parts ("graph": graph.build and graph.first-frame).
  const named = (name: string) => (benchmarks.some((b) => b.name === name) ? (b: Benchmark) => b.name === name : (b: Benchmark) => b.name.startsWith(`${name}.`));
  const picks = only.map(named);
  return picks.length ? benchmarks.filter((b) => picks.some((pick) => pick(b))) : [...benchmarks];
}

export async function runBenchmarks(
  benchmarks: Benchmark[],
  options: { runs: number; only?: string[]; runSuite?: SuiteRunner },
): Promise<BenchResult[]> {
  const runSuite = options.runSuite ?? ((benchmark: Benchmark, runs: number) => benchmark.run({ runs }));
  const results: BenchResult[] = [];
  for (const benchmark of chooseBenchmarks(benchmarks, options.only)) results.push(await runSuite(benchmark, options.runs));
  return results;
}
