import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/contract';
import { TaskRegistry } from '../services/tasks';
import { ParseRunner, timeLimitFor } from './parse-runner';

const notes = (text: string) => new TextEncoder().encode(text);

function setup(limitFor?: (bytes: number) => number) {
  const events: TaskProgress[] = [];
  let n = 0;
  const tasks = new TaskRegistry((p) => events.push(p), () => `t${++n}`);
  const runner = new ParseRunner(limitFor);
  runners.push(runner);
  const parse = (name: string, bytes: Uint8Array) => tasks.run(`Reading ${name}`, 'bytes', bytes.byteLength, (task) => runner.parse({ name, bytes }, task));
  return { tasks, runner, events, parse };
}

const runners: ParseRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe('the parse runner', () => {
  it('parses in a worker thread and reports progress', async () => {
    const { parse, events } = setup();
    const document = await parse('cells.md', notes('# Cells\n\nCells divide. They grow.\n'));
    expect(document.sentences.map((s) => s.text)).toEqual(['Cells divide.', 'They grow.']);
    expect(events.at(-1)).toMatchObject({ state: 'done' });
  });

  it('parses one file after another on the same worker', async () => {
    const { parse } = setup();
    const [a, b] = await Promise.all([parse('a.md', notes('Alpha one.')), parse('b.md', notes('Beta two.'))]);
    expect([a.title, b.title]).toEqual(['a', 'b']);
  });

  it('passes typed errors from the reader through', async () => {
    const { parse } = setup();
    await expect(parse('picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).rejects.toMatchObject({ code: 'unsupported-format' });
    await expect(parse('nothing.md', new Uint8Array())).rejects.toMatchObject({ code: 'empty' });
  });

  it('stops a file that takes longer than its limit with a timeout error, and keeps working after', async () => {
    const slow = setup(() => 1);
    const big = notes('Sentence number one is here. '.repeat(200_000));
    await expect(slow.parse('huge.txt', big)).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('huge.txt') });
    const normal = setup();
    await expect(normal.parse('ok.md', notes('Fine.'))).resolves.toMatchObject({ title: 'ok' });
  });

  it('cancels a running parse at once and stores nothing', async () => {
    const { parse, tasks, events } = setup();
    const running = parse('huge.txt', notes('Sentence number one is here. '.repeat(200_000)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
  });

  it('closing stops the file being read and those waiting, starts no new worker, and refuses later files', async () => {
    const { parse, runner } = setup();
    const big = notes('Cells divide. '.repeat(200_000));
    const outcomes = Promise.allSettled([parse('a.md', big), parse('b.md', notes('# B\n\nText.\n'))]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.close();
    expect((await outcomes).map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code: string }).code : 'parsed'))).toEqual(['cancelled', 'cancelled']);
    await expect(parse('c.md', notes('C.'))).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('allows more time for bigger files, within bounds', () => {
    expect(timeLimitFor(0)).toBe(30_000);
    expect(timeLimitFor(10 * 1024 * 1024)).toBe(50_000);
    expect(timeLimitFor(10 * 1024 * 1024 * 1024)).toBe(300_000);
  });
});
