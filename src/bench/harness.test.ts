import { describe, expect, it } from 'vitest';
import { chooseBenchmarks, median, ratioAgainst, runBenchmarks, timeRuns, type Benchmark } from './harness';

describe('the benchmark harness', () => {
  it('takes the median of odd and even sample counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('times each run after a warm-up with the clock it is given', async () => {
    const ticks = [0, 10, 10, 40, 40, 60];
    let calls = 0;
    const timed = await timeRuns(() => calls++, 3, () => ticks.shift()!);
    expect(calls).toBe(4);
    expect(timed).toEqual({ medianMs: 20, runs: 3 });
  });

  it('reports the ratio against a floor measured in the same run', () => {
    expect(ratioAgainst({ medianMs: 30, runs: 5 }, 'floor', { medianMs: 10, runs: 5 })).toEqual({ name: 'floor', medianMs: 10, ratio: 3 });
  });

  it('runs only the benchmarks named', async () => {
    const make = (name: string): Benchmark => ({ name, run: async ({ runs }) => ({ name, description: '', medianMs: 1, runs }) });
    const results = await runBenchmarks([make('a.one'), make('b.two')], { runs: 2, only: ['b'] });
    expect(results.map((r) => r.name)).toEqual(['b.two']);
    // By whole name parts: a suite's name does not also run the suites whose names it begins.
    const suites = [make('model.retrain'), make('model.retrain.books'), make('model.rescore')];
    expect((await runBenchmarks(suites, { runs: 1, only: ['model.retrain'] })).map((r) => r.name)).toEqual(['model.retrain']);
    expect((await runBenchmarks(suites, { runs: 1, only: ['model'] })).map((r) => r.name)).toHaveLength(3);
    expect(await runBenchmarks(suites, { runs: 1, only: ['model.re'] })).toEqual([]);
  });

  it('runs each chosen suite through the runner it is given, in order', async () => {
    const make = (name: string): Benchmark => ({ name, run: () => Promise.reject(new Error('not run here')) });
    const suites = [make('model.retrain'), make('model.rescore'), make('graph.build')];
    expect(chooseBenchmarks(suites, ['model']).map((b) => b.name)).toEqual(['model.retrain', 'model.rescore']);
    expect(chooseBenchmarks(suites)).toHaveLength(3);
    const ran: string[] = [];
    const results = await runBenchmarks(suites, {
      runs: 4,
      only: ['graph', 'model.rescore'],
      runSuite: async (benchmark, runs) => {
        ran.push(benchmark.name);
        return { name: benchmark.name, description: 'elsewhere', medianMs: 2, runs };
      },
    });
    expect(ran).toEqual(['model.rescore', 'graph.build']);
    expect(results.map((r) => [r.name, r.runs])).toEqual([['model.rescore', 4], ['graph.build', 4]]);
  });
});
