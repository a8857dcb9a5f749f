/**
 * Jobs for one worker thread, one at a time: progress, an optional time limit, cancellation. Stopping a job
 * (cancel, time limit, crash) terminates the worker; the next job starts a fresh one. A job that awaits between
 * pieces of work can instead be asked to stop (`stopsWhenAsked`): it stops at its next progress report, and
 * the worker, with what it keeps, lives on. The parse worker and the retrain worker both run through this.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { FocalError, toFocalError, type ErrorData } from '../../shared/errors';
import type { TaskHandle, TaskUnit } from '../services/tasks';

/** What a worker sends back for a job. */
export type JobReply<Result> =
  | { id: number; type: 'progress'; done: number; total: number | null; unit: TaskUnit }
  | { id: number; type: 'done'; result: Result }
  | { id: number; type: 'failed'; error: ErrorData };

export interface JobOptions {
  task: TaskHandle;
  /** The job's words for errors: “Reading “cells.md””, “Retraining your model”. */
  what: string;
  /** Stopped with a timeout error after this long; no limit when absent. */
  limitMs?: number;
  /** Why the limit matters, added to the timeout message. */
  limitReason?: string;
  /** Buffers that move to the worker rather than being copied; never an empty one (see `pump`). */
  transfer?: ArrayBuffer[];
  /**
   * The job awaits between pieces of work (reading one document after another), so a cancel asks it to stop
   * at its next progress report rather than terminating the worker and everything it keeps. If it has not
   * stopped within CANCEL_GRACE_MS, the worker is terminated after all.
   */
  stopsWhenAsked?: boolean;
}

/** A message asking the worker to stop job `cancel` at its next progress report. */
export interface CancelMessage {
  cancel: number;
}

interface Job<Result> extends JobOptions {
  id: number;
  message: object;
  resolve: (result: Result) => void;
  reject: (error: FocalError) => void;
  /** Set when the job was asked to stop: how it ends, whatever the worker replies. */
  stopping?: FocalError;
}

/** How long a job asked to stop may take to reach its next progress report before its worker is terminated. */
const CANCEL_GRACE_MS = 2000;

/** Heap limit of a worker: room for a 1,000-page book's reading or a large library's kept readings. */
const WORKER_HEAP_MB = 3072;

export class WorkerJobs<Result> {
  private worker: Worker | undefined;
  private current: Job<Result> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: Job<Result>[] = [];
  /** Closed for good (main is quitting): no worker starts again. */
  private closed = false;
  private nextId = 1;

  /** `url` is the worker's module; `name` how errors call it (“Focal’s reader”). */
  constructor(
    private readonly url: URL,
    private readonly name: string,
  ) {}

  /** Runs `message` (with an `id` added) on the worker. */
  run(message: object, options: JobOptions): Promise<Result> {
    if (this.closed) return Promise.reject(new FocalError('cancelled', `${options.what} was not started: Focal is closing.`));
    return new Promise<Result>((resolve, reject) => {
      const job: Job<Result> = { ...options, id: this.nextId++, message, resolve, reject };
      options.task.signal.addEventListener('abort', () => this.stop(job, new FocalError('cancelled', `${options.what} was cancelled.`)), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /**
   * Stops the worker for good (main is quitting): the job it runs and those queued are cancelled, and no new worker
   * starts, now or for a later `run`. Its listeners go first, so its exit is not taken for a crash that would start
   * another worker while main shuts down.
   */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    worker?.removeAllListeners();
    const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    this.current = undefined;
    for (const job of jobs) job.reject(new FocalError('cancelled', `${job.what} was stopped: Focal is closing.`));
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.url, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on('message', (reply: JobReply<Result>) => this.onReply(reply));
    worker.on('error', (error) => this.onCrash(worker, error.message));
    worker.on('exit', (code) => this.onCrash(worker, `it stopped (exit code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.closed || this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    if (job.limitMs !== undefined) {
      const limit = job.limitMs;
      this.timer = setTimeout(() => {
        const seconds = Math.round(limit / 1000);
        this.stop(job, new FocalError('timeout', `${job.what} took longer than ${seconds} s and was stopped.${job.limitReason ? ` ${job.limitReason}` : ''}`));
      }, limit);
    }
    // Node drops a message silently when a buffer it would move was already moved (and so has no bytes left): the job
    // would wait for its time limit, or for ever. Such a job fails alone; the worker and the jobs after it go on.
    if ((job.transfer ?? []).some((buffer) => buffer.byteLength === 0)) {
      this.finish();
      job.reject(new FocalError('internal', `${job.what} could not start: its bytes were already handed to another job.`));
      return;
    }
    this.ensureWorker().postMessage({ ...job.message, id: job.id }, job.transfer ?? []);
  }

  private finish(): void {
    clearTimeout(this.timer);
    clearTimeout(this.graceTimer);
    this.current = undefined;
    this.pump();
  }

  private onReply(reply: JobReply<Result>): void {
    const job = this.current;
    if (!job || reply.id !== job.id) return;
    if (reply.type === 'progress') {
      job.task.progress(reply.done, reply.total, reply.unit);
      return;
    }
    this.finish();
    if (job.stopping) job.reject(job.stopping);
    else if (reply.type === 'done') job.resolve(reply.result);
    else job.reject(FocalError.fromData(reply.error));
  }

  private onCrash(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const job = this.current;
    if (!job) return;
    this.finish();
    job.reject(new FocalError('internal', `${this.name} stopped unexpectedly while ${job.what.charAt(0).toLowerCase()}${job.what.slice(1)}: ${why}.`));
  }

  /** Stops a job: a queued one leaves the queue; the running one takes the worker down with it. */
  private stop(job: Job<Result>, error: FocalError): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(error);
      return;
    }
    if (this.current !== job) return;
    if (job.stopsWhenAsked && error.code === 'cancelled' && this.worker) {
      if (job.stopping) return;
      job.stopping = error;
      const cancel: CancelMessage = { cancel: job.id };
      this.worker.postMessage(cancel);
      this.graceTimer = setTimeout(() => this.terminate(job, error), CANCEL_GRACE_MS);
      return;
    }
    this.terminate(job, error);
  }

  /** Ends the running job by taking its worker down. */
  private terminate(job: Job<Result>, error: FocalError): void {
    if (this.current !== job) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.finish();
    job.reject(error);
  }
}

/**
 * Bytes to send a job and the buffer that can move with them: a view of its whole buffer moves (main has no further
 * use for a file's bytes), a part of a larger one is copied. No bytes at all go as a fresh empty array, never moved: a
 * buffer moved before has none left, and Node drops a message that would move it again.
 */
export function movableBytes(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  if (bytes.byteLength === 0) return { bytes: new Uint8Array(), transfer: [] };
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return { bytes, transfer: whole ? [bytes.buffer as ArrayBuffer] : [] };
}

/** A worker's module beside `moduleUrl`: the tsx bootstrap `<name>-dev.mjs` when running from source, the built `<name>.js` in the app. */
export function workerModuleUrl(name: string, moduleUrl: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? `${name}-dev.mjs` : `${name}.js`, moduleUrl);
}

/** What a job worker reports as it goes. */
export type JobProgress = (done: number, total: number | null, unit: TaskUnit) => void;

/** The worker's side: answers each job a `WorkerJobs` posts with its progress, then its result or its error. */
export function serveJobs<Job extends { id: number }, Result>(handle: (job: Job, progress: JobProgress) => Promise<Result>): void {
  if (!parentPort) throw new Error('a job worker must run as a worker thread');
  const port = parentPort;
  // Jobs asked to stop: their next progress report throws, which ends them as failed (main knows why).
  const stopping = new Set<number>();
  port.on('message', (message: Job | CancelMessage) => {
    if ('cancel' in message) {
      stopping.add(message.cancel);
      return;
    }
    const job = message;
    const reply = (answer: JobReply<Result>) => port.postMessage(answer);
    const progress: JobProgress = (done, total, unit) => {
      if (stopping.has(job.id)) throw new FocalError('cancelled', 'Stopped when asked.');
      reply({ id: job.id, type: 'progress', done, total, unit });
    };
    handle(job, progress)
      .then((result) => reply({ id: job.id, type: 'done', result }))
      .catch((thrown: unknown) => reply({ id: job.id, type: 'failed', error: toFocalError(thrown).toData() }))
      .finally(() => stopping.delete(job.id));
  });
}
