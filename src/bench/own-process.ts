/**
 * Runs one benchmark suite in a fresh Node process (`focal bench <name> --json`), as `npm run bench` does when it
 * runs several: a suite then starts from an empty heap, not from the garbage and warmed code of the suites before
 * it, so its figure does not depend on where it sits in the list. The app does the same for the heavy work: a
 * retrain and a PDF parse run in workers of their own.
 */
import { spawn } from 'node:child_process';
import type { Benchmark, BenchResult } from './harness';

export function runInOwnProcess(
  benchmark: Benchmark,
  runs: number,
  // The same Node, flags (tsx's loader, --expose-gc) and entry script as this process.
  entry: readonly string[] = [...process.execArgv, process.argv[1]!],
): Promise<BenchResult> {
  const args = [...entry, 'bench', benchmark.name, '--runs', String(runs), '--json'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    const failed = (why: string): BenchResult => ({ name: benchmark.name, description: '', medianMs: 0, runs: 0, skipped: `failed in its own process: ${why}` });
    child.on('error', (error) => resolve(failed(error.message)));
    child.on('close', (code) => {
      const result = resultOf(out, benchmark.name);
      if (code === 0 && result) resolve(result);
      else resolve(failed(`exit ${code}; ${(errors.trim().split('\n').at(-1) ?? '').slice(0, 300) || 'no output'}`));
    });
  });
}

/** The suite's result from the JSON report `focal bench --json` printed last, or null if there is none. */
export function resultOf(printed: string, name: string): BenchResult | null {
  const line = printed.split('\n').findLast((l) => l.startsWith('{"node"'));
  if (!line) return null;
  try {
    const report = JSON.parse(line) as { results?: BenchResult[] };
    return report.results?.find((r) => r.name === name) ?? null;
  } catch {
    return null;
  }
}
