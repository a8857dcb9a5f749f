import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resultOf, runInOwnProcess } from './own-process';
import type { Benchmark } from './harness';

const folder = mkdtempSync(join(tmpdir(), 'focal-bench-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A stand-in for `focal`: prints a line of noise, then the report `bench <name> --runs N --json` would print. */
function fakeFocal(body: string): string {
  const path = join(folder, `focal-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(path, body);
  return path;
}

const suite = (name: string): Benchmark => ({ name, run: () => Promise.reject(new Error('runs in the child, not here')) });

describe('a benchmark suite in its own process', () => {
  it('runs `bench <name> --runs N --json` in a fresh process and takes its result', async () => {
    const entry = fakeFocal(`
      const [, , command, name, , runs] = process.argv;
      console.log('loading the model…');
      console.log(JSON.stringify({ node: process.versions.node, runs: Number(runs), results: [{ name, description: command, medianMs: 42, runs: Number(runs), figures: { pid: process.pid } }] }));
    `);
    const result = await runInOwnProcess(suite('model.retrain'), 3, [entry]);
    expect(result).toMatchObject({ name: 'model.retrain', description: 'bench', medianMs: 42, runs: 3 });
    expect(result.figures?.['pid']).not.toBe(process.pid);
  });

  it('reports a suite that fails in its process as not run, with the reason, and goes on', async () => {
    const crashing = await runInOwnProcess(suite('graph.build'), 1, [fakeFocal(`console.error('out of memory'); process.exit(3);`)]);
    expect(crashing).toMatchObject({ name: 'graph.build', runs: 0, skipped: 'failed in its own process: exit 3; out of memory' });
    const silent = await runInOwnProcess(suite('graph.build'), 1, [fakeFocal(`console.log('{"node":"20","results":[]}');`)]);
    expect(silent.skipped).toBe('failed in its own process: exit 0; no output');
  });

  it('reads the last report line, ignoring what the suite printed around it', () => {
    const report = { node: '20', results: [{ name: 'a', description: '', medianMs: 1, runs: 1 }] };
    expect(resultOf(`noise\n{"node" is not here\n${JSON.stringify(report)}\n`, 'a')).toEqual(report.results[0]);
    expect(resultOf(JSON.stringify(report), 'b')).toBeNull();
    expect(resultOf('no report at all', 'a')).toBeNull();
  });
});
