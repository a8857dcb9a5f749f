import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { TaskRegistry } from './tasks';

function registry() {
  const events: TaskProgress[] = [];
  let n = 0;
  const tasks = new TaskRegistry((p) => events.push(p), () => `task-${++n}`);
  return { tasks, events };
}

describe('tasks', () => {
  it('report start, whole-percent steps and completion', async () => {
    const { tasks, events } = registry();
    await tasks.run('Counting', 'documents', 1000, async (task) => {
      for (let i = 1; i <= 1000; i++) task.progress(i);
    });
    expect(events[0]).toMatchObject({ taskId: 'task-1', title: 'Counting', done: 0, state: 'running' });
    expect(events.at(-1)).toMatchObject({ done: 1000, total: 1000, state: 'done' });
    // 1,000 updates become one event per percent, not one per update.
    expect(events.filter((e) => e.state === 'running').length).toBeLessThanOrEqual(102);
    await tasks.run('Reading ahead', 'documents', 1, async () => {}, { background: true });
    expect(events.filter((e) => e.title === 'Reading ahead').every((e) => e.background === true)).toBe(true);
    expect(events.filter((e) => e.title === 'Counting').some((e) => 'background' in e)).toBe(false);
  });

  it('name the method whose call runs a task on every event, so a view finds its task by what it is, not by its words', async () => {
    const { tasks, events } = registry();
    await tasks.run('Retraining your model', 'steps', 2, async (task) => task.progress(1), { method: 'model.retrain' });
    expect(events.map((e) => e.method)).toEqual(['model.retrain', 'model.retrain', 'model.retrain']);
    await tasks.run('Counting', 'steps', 1, async () => {});
    expect(events.filter((e) => e.title === 'Counting').some((e) => 'method' in e)).toBe(false);
  });

  it('stop a cancelled task at its next checkpoint with a cancelled error and event', async () => {
    const { tasks, events } = registry();
    const running = tasks.run('Long work', 'steps', 3, async (task) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      task.checkpoint();
      return 'finished';
    });
    expect(tasks.cancel('task-1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(tasks.cancel('task-1')).toBe(false);
  });

  it('mark a failing task failed and pass its typed error on', async () => {
    const { tasks, events } = registry();
    await expect(
      tasks.run('Broken', 'steps', null, async () => {
        throw new FocalError('too-large', 'Too big.');
      }),
    ).rejects.toMatchObject({ code: 'too-large' });
    expect(events.at(-1)).toMatchObject({ state: 'failed', message: 'Too big.' });
  });

  it('end a task that stops to ask for a password as asking, not failed, and still pass the error on', async () => {
    const { tasks, events } = registry();
    await expect(
      tasks.run('Reading locked.pdf', 'bytes', 10, async () => {
        throw new FocalError('encrypted', '“locked.pdf” is protected by a password.');
      }),
    ).rejects.toMatchObject({ code: 'encrypted' });
    expect(events.at(-1)).toMatchObject({ state: 'asking', message: '“locked.pdf” is protected by a password.' });
  });
});
