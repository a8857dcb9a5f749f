import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskProgress } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { FocalDb } from '../db/focal-db';
import { SettingsRepository } from '../db/settings-repository';
import { Notices } from './notices.svelte';
import { hashFor, routeFromHash } from './router.svelte';
import { FINISHED_VISIBLE_MS, TaskTray, foldedTasks, progressFraction } from './tasks.svelte';
import { ThemeState } from './theme.svelte';

const progress = (over: Partial<TaskProgress>): TaskProgress => ({
  taskId: 'a',
  title: 'Reading notes.md',
  unit: 'bytes',
  done: 0,
  total: 100,
  state: 'running',
  ...over,
});

describe('sections in the address', () => {
  it('map hashes to sections and anything unknown to Today', () => {
    expect(routeFromHash('#/library')).toEqual({ section: 'library', path: [] });
    expect(routeFromHash('#graph')).toEqual({ section: 'graph', path: [] });
    expect(routeFromHash('#/nowhere/x')).toEqual({ section: 'today', path: [] });
    expect(routeFromHash('')).toEqual({ section: 'today', path: [] });
  });

  it('carry a document and a sentence for "show source", round-tripping odd characters', () => {
    const hash = hashFor('library', ['doc 1', 'sent/2']);
    expect(routeFromHash(hash)).toEqual({ section: 'library', path: ['doc 1', 'sent/2'] });
  });
});

describe('the task tray', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('updates a task in place and keeps a finished one in view for a while', () => {
    const tray = new TaskTray();
    tray.update(progress({ done: 10 }));
    tray.update(progress({ done: 60 }));
    expect(tray.tasks).toHaveLength(1);
    expect(progressFraction(tray.tasks[0]!)).toBeCloseTo(0.6);
    expect(tray.running).toBe(1);
    tray.update(progress({ done: 100, state: 'done' }));
    expect(tray.running).toBe(0);
    vi.advanceTimersByTime(FINISHED_VISIBLE_MS - 1);
    expect(tray.tasks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(tray.tasks).toHaveLength(0);
  });

  it('lets the next task of the same kind take the place of a finished one, but not of one that failed', () => {
    const tray = new TaskTray();
    const reading = (taskId: string, state: TaskProgress['state']) => progress({ taskId, title: `Reading ${taskId}.md`, method: 'library.parse', state });
    tray.update(reading('one', 'done'));
    tray.update(reading('two', 'failed'));
    tray.update(progress({ taskId: 'save', title: 'Saving book.pdf', state: 'done' }));
    tray.update(reading('three', 'running'));
    expect(tray.tasks.map((task) => task.taskId)).toEqual(['two', 'save', 'three']);
    tray.update(reading('three', 'done'));
    tray.update(reading('four', 'running'));
    expect(tray.tasks.map((task) => task.taskId)).toEqual(['two', 'save', 'four']);
  });

  it('shows work nobody asked for while it runs or if it fails, and not once it is done', () => {
    const tray = new TaskTray();
    tray.update(progress({ taskId: 'ahead', title: 'Preparing your model', background: true }));
    expect(tray.tasks).toHaveLength(1);
    tray.update(progress({ taskId: 'ahead', title: 'Preparing your model', background: true, state: 'done', done: 100 }));
    expect(tray.tasks).toHaveLength(0);
    tray.update(progress({ taskId: 'again', title: 'Preparing your model', background: true, state: 'failed', message: 'Out of memory' }));
    expect(tray.tasks.map((task) => task.state)).toEqual(['failed']);
  });

  it('shows a task that stopped to ask for a password a moment, until the reading starts again with it', () => {
    const tray = new TaskTray();
    tray.update(progress({ taskId: 'first', title: 'Reading locked.pdf', state: 'asking' }));
    expect(tray.tasks.map((task) => task.state)).toEqual(['asking']);
    tray.update(progress({ taskId: 'retry', title: 'Reading locked.pdf', done: 1 }));
    expect(tray.tasks.map((task) => [task.taskId, task.state])).toEqual([['retry', 'running']]);
    // Left unanswered, it goes like any finished task.
    tray.update(progress({ taskId: 'other', title: 'Reading other.pdf', state: 'asking' }));
    vi.advanceTimersByTime(FINISHED_VISIBLE_MS);
    expect(tray.tasks.map((task) => task.taskId)).toEqual(['retry']);
    // Skipped, it goes at once; a task of another method that asks stays.
    tray.update(progress({ taskId: 'third', title: 'Reading third.pdf', state: 'asking', method: 'library.parse' }));
    tray.update(progress({ taskId: 'elsewhere', title: 'Something else', state: 'asking', method: 'model.retrain' }));
    tray.skipped('library.parse');
    expect(tray.tasks.map((task) => task.taskId)).toEqual(['retry', 'elsewhere']);
  });

  it('shows an unknown total as indeterminate', () => {
    expect(progressFraction(progress({ total: null, done: 5 }))).toBeNull();
  });

  it('folds a long tray to the running tasks first, then the newest finished ones, in the tray’s order', () => {
    const tasks = ['done', 'failed', 'running', 'done', 'running', 'done', 'cancelled'].map((state, i) => ({ id: i, state: state as TaskProgress['state'] }));
    expect(foldedTasks(tasks, 4).map((t) => t.id)).toEqual([2, 4, 5, 6]);
    expect(foldedTasks(tasks, 1).map((t) => t.id)).toEqual([2]);
    expect(foldedTasks(tasks.slice(0, 3), 4)).toEqual(tasks.slice(0, 3));
  });
});

describe('notices', () => {
  it('show typed errors with their code and skip cancellations', () => {
    const notices = new Notices();
    notices.report('Could not read x', new FocalError('too-large', 'x is too big.'));
    notices.report('Stopped', new FocalError('cancelled', 'You cancelled.'));
    notices.report('Oops', new Error('boom'));
    expect(notices.items.map((n) => n.code)).toEqual(['too-large', 'internal']);
    notices.report('Could not save', Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    expect(notices.items.at(-1)).toMatchObject({ code: 'storage-full', message: expect.stringMatching(/Nothing was changed/) });
    notices.dismiss(notices.items[0]!.id);
    expect(notices.items).toHaveLength(2);
  });

  it('say once that main cannot be reached, and do not repeat the same failure', () => {
    const notices = new Notices();
    const gone = new FocalError('unreachable', 'Focal’s web host cannot be reached.');
    notices.report('Could not ask Focal about itself', gone);
    notices.report('Could not prepare your documents for a retrain', gone);
    notices.report('Could not save', new FocalError('too-large', 'x is too big.'));
    notices.report('Could not save', new FocalError('too-large', 'x is too big.'));
    expect(notices.items.map((n) => [n.title, n.code])).toEqual([
      ['Focal cannot reach its main process', 'unreachable'],
      ['Could not save', 'too-large'],
    ]);
  });
});

describe('the theme', () => {
  function fakeWindow(dark: boolean) {
    const listeners: Array<() => void> = [];
    const query = { matches: dark, addEventListener: (_: string, l: () => void) => listeners.push(l), removeEventListener: () => {} };
    return { window: { matchMedia: () => query } as unknown as Window, setDark: (value: boolean) => ((query.matches = value), listeners.forEach((l) => l())) };
  }

  it('follows the system until the person picks one, and remembers the pick', async () => {
    const db = new FocalDb(`theme-${Math.random()}`);
    const theme = new ThemeState(new SettingsRepository(db));
    const os = fakeWindow(true);
    await theme.attach(os.window);
    flushSync();
    expect(theme.resolved).toBe('dark');
    os.setDark(false);
    expect(theme.resolved).toBe('light');
    await theme.choose('dark');
    expect(theme.resolved).toBe('dark');

    const reopened = new ThemeState(new SettingsRepository(db));
    await reopened.attach(fakeWindow(false).window);
    expect(reopened.preference).toBe('dark');
    expect(reopened.resolved).toBe('dark');
    db.close();
  });

  it('falls back to the system when the stored value is not a theme', async () => {
    const db = new FocalDb(`theme-${Math.random()}`);
    await db.settings.put({ key: 'theme', value: 'purple' });
    const theme = new ThemeState(new SettingsRepository(db));
    await theme.attach(fakeWindow(false).window);
    expect(theme.preference).toBe('system');
    db.close();
  });
});
