/** Long work in main as the person sees it: one entry per task, fed by the contract's progress events. */
import type { TaskProgress } from '../../shared/contract';

/** How long a finished task stays in view, so a quick one is still seen to have happened. */
export const FINISHED_VISIBLE_MS = 8000;

export class TaskTray {
  tasks = $state<TaskProgress[]>([]);
  running = $derived(this.tasks.filter((task) => task.state === 'running').length);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Tasks of the page's own (saving a file): main cannot cancel them, so the tray offers no Cancel. */
  private readonly pageTasks = new Set<string>();

  canCancel(taskId: string): boolean {
    return !this.pageTasks.has(taskId);
  }

  update(progress: TaskProgress, options: { fromPage?: boolean } = {}): void {
    if (options.fromPage) this.pageTasks.add(progress.taskId);
    // The same work run again with the person's answer (a PDF read with its password) takes the asking one's place.
    for (const task of this.tasks) if (task.state === 'asking' && task.title === progress.title && task.taskId !== progress.taskId) this.dismiss(task.taskId);
    const index = this.tasks.findIndex((task) => task.taskId === progress.taskId);
    // Work nobody asked for leaves without a "Done" card (opening Settings reads ahead for a retrain).
    if (progress.background && progress.state === 'done') {
      this.dismiss(progress.taskId);
      return;
    }
    if (index >= 0) this.tasks[index] = progress;
    else {
      // The next file of an import takes the place of the one read before it, once that one is done: a vault of
      // 300 notes left dozens of "Done" cards down the sidebar. One that failed or asks stays its while.
      if (progress.method) for (const task of this.tasks) if (task.method === progress.method && task.state === 'done') this.dismiss(task.taskId);
      this.tasks.push(progress);
    }
    // A finished task stays a moment, and so does one waiting for the person: its dialog asks them, and a skip
    // leaves no task behind saying "Waiting for you".
    if (progress.state !== 'running') {
      clearTimeout(this.timers.get(progress.taskId));
      this.timers.set(progress.taskId, setTimeout(() => this.dismiss(progress.taskId), FINISHED_VISIBLE_MS));
    }
  }

  /**
   * The person skipped what the tasks of `method` stopped to ask (a PDF's password): their "Waiting for you" goes at
   * once, not after the moment a finished task stays, so the tray does not ask on after the dialog closed.
   */
  skipped(method: string): void {
    for (const task of this.tasks) if (task.state === 'asking' && task.method === method) this.dismiss(task.taskId);
  }

  dismiss(taskId: string): void {
    clearTimeout(this.timers.get(taskId));
    this.timers.delete(taskId);
    this.pageTasks.delete(taskId);
    this.tasks = this.tasks.filter((task) => task.taskId !== taskId);
  }
}

/** How far the bar is filled: full once a task has ended, however (a failed or cancelled one shows full, in red). */
export function progressFraction(task: TaskProgress): number | null {
  if (task.state !== 'running') return 1;
  return task.total ? Math.min(1, task.done / task.total) : null;
}

/**
 * The tasks the tray shows while folded: at most `limit`, running ones first (they can be cancelled), then the
 * newest finished ones, in the tray's order. All of them when there are no more than `limit`.
 */
export function foldedTasks<T extends Pick<TaskProgress, 'state'>>(tasks: readonly T[], limit: number): T[] {
  if (tasks.length <= limit) return [...tasks];
  const running = tasks.filter((task) => task.state === 'running').slice(0, limit);
  const finished = tasks.filter((task) => task.state !== 'running');
  const keep = new Set([...running, ...finished.slice(finished.length - (limit - running.length))]);
  return tasks.filter((task) => keep.has(task));
}
