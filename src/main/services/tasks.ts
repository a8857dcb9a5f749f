import type { MethodName, TaskProgress } from '../../shared/contract';
import { FocalError, toFocalError } from '../../shared/errors';

export type TaskUnit = TaskProgress['unit'];

/** Errors that end a task to ask the person something (the page asks for a PDF's password), not failures. */
const ASKS_THE_PERSON: ReadonlySet<string> = new Set(['encrypted', 'wrong-password']);

export interface TaskHandle {
  readonly id: string;
  /** Reports progress; events are thinned to whole-percent steps so a large file cannot flood the transport. */
  progress(done: number, total?: number | null, unit?: TaskUnit): void;
  /** Throws FocalError('cancelled') once the task was cancelled. */
  checkpoint(): void;
  readonly signal: AbortSignal;
}

/**
 * Long work in main: each task gets an id, reports progress as `task.progress` events and can be cancelled.
 * Ids come from the caller-supplied generator so tests are deterministic.
 */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly emit: (progress: TaskProgress) => void,
    private readonly newId: () => string,
  ) {}

  async run<T>(
    title: string,
    unit: TaskUnit,
    total: number | null,
    work: (task: TaskHandle) => Promise<T>,
    options: { background?: boolean; method?: MethodName } = {},
  ): Promise<T> {
    const id = this.newId();
    const controller = new AbortController();
    this.running.set(id, controller);
    let done = 0;
    let lastPercent = -1;
    const send = (state: TaskProgress['state'], message?: string) =>
      this.emit({ taskId: id, title, unit, done, total, state, ...(message ? { message } : {}), ...(options.background ? { background: true } : {}), ...(options.method ? { method: options.method } : {}) });

    const handle: TaskHandle = {
      id,
      signal: controller.signal,
      progress: (nextDone, nextTotal, nextUnit) => {
        done = nextDone;
        if (nextTotal !== undefined) total = nextTotal;
        if (nextUnit !== undefined && nextUnit !== unit) {
          unit = nextUnit;
          lastPercent = -1;
        }
        const percent = total ? Math.floor((100 * done) / total) : done;
        if (percent !== lastPercent) {
          lastPercent = percent;
          send('running');
        }
      },
      checkpoint: () => {
        if (controller.signal.aborted) throw new FocalError('cancelled', `“${title}” was cancelled.`);
      },
    };

    send('running');
    try {
      const result = await work(handle);
      handle.checkpoint();
      send('done');
      return result;
    } catch (thrown) {
      const error = toFocalError(thrown);
      send(error.code === 'cancelled' ? 'cancelled' : ASKS_THE_PERSON.has(error.code) ? 'asking' : 'failed', error.message);
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (!controller) return false;
    controller.abort();
    return true;
  }
}
