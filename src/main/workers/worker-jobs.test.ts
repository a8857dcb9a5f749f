import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../shared/document';
import { TaskRegistry } from '../services/tasks';
import { movableBytes, WorkerJobs, workerModuleUrl } from './worker-jobs';

const jobs: WorkerJobs<ParsedDocument>[] = [];
afterEach(async () => {
  await Promise.all(jobs.splice(0).map((j) => j.close()));
});

function setup() {
  let n = 0;
  const tasks = new TaskRegistry(() => {}, () => `t${++n}`);
  // The parse worker as any job worker: a message in, a result or a typed error out.
  const worker = new WorkerJobs<ParsedDocument>(workerModuleUrl('parse-worker', new URL('../import/parse-runner.ts', import.meta.url).href), 'Focal’s reader');
  jobs.push(worker);
  const parse = (bytes: Uint8Array, transfer: ArrayBuffer[]) =>
    tasks.run('Reading a.md', 'bytes', null, (task) => worker.run({ input: { name: 'a.md', bytes } }, { task, what: 'Reading “a.md”', limitMs: 30_000, transfer }));
  return { parse };
}

describe('worker jobs', () => {
  it('fails a job whose bytes were already moved at once, where Node would drop its message, and runs the next', async () => {
    const { parse } = setup();
    const bytes = new TextEncoder().encode('Cells divide.');
    const sent = movableBytes(bytes);
    expect(sent.transfer).toEqual([bytes.buffer]);
    await expect(parse(sent.bytes, sent.transfer)).resolves.toMatchObject({ title: 'a' });
    expect(bytes.byteLength).toBe(0);
    await expect(parse(bytes, [bytes.buffer as ArrayBuffer])).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('already handed') });
    await expect(parse(new TextEncoder().encode('Again.'), [])).resolves.toMatchObject({ title: 'a' });
  });

  it('copies a view of part of a buffer and sends no bytes as a fresh empty array', () => {
    const whole = new Uint8Array(8);
    expect(movableBytes(whole.subarray(2)).transfer).toEqual([]);
    const moved = new Uint8Array(0);
    const sent = movableBytes(moved);
    expect(sent.transfer).toEqual([]);
    expect(sent.bytes).not.toBe(moved);
  });
});
