/**
 * Runs parses in a worker thread, one at a time, with a time limit per file and cancellation.
 * Stopping a parse (cancel, time limit, crash) terminates the worker; the next parse starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedDocument } from '../../shared/document';
import { FocalError } from '../../shared/errors';
import type { ParseInput } from '../../core/text/parse-document';
import type { TaskHandle } from '../services/tasks';
import type { AnalysisRequest, ParseJob, WorkerReply } from './parse-messages';

/** Generous for real files (a 1,000-page book), short enough that a hostile one is not waited on for long. */
export function timeLimitFor(byteSize: number): number {
  return Math.min(300_000, 30_000 + Math.ceil(byteSize / (1024 * 1024)) * 2_000);
}

/** The worker's file beside this module: a tsx bootstrap when running from source, the built .js in the app. */
function workerUrl(): URL {
  const file = import.meta.url.endsWith('.ts') ? 'parse-worker-dev.mjs' : 'parse-worker.js';
  return new URL(file, import.meta.url);
}

interface Job {
  id: number;
  input: ParseInput;
  analysis: AnalysisRequest | undefined;
  task: TaskHandle;
  limitMs: number;
  resolve: (document: ParsedDocument) => void;
  reject: (error: FocalError) => void;
}

export class ParseRunner {
  private worker: Worker | undefined;
  private current: Job | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly limitFor: (byteSize: number) => number = timeLimitFor) {}

  /** Parses a file and, with `analysis`, reads it with the attention model too. */
  parse(input: ParseInput, task: TaskHandle, analysis?: AnalysisRequest): Promise<ParsedDocument> {
    return new Promise<ParsedDocument>((resolve, reject) => {
      const job: Job = { id: this.nextId++, input, analysis, task, limitMs: this.limitFor(input.bytes.byteLength), resolve, reject };
      task.signal.addEventListener('abort', () => this.stop(job, new FocalError('cancelled', `Reading “${input.name}” was cancelled.`)), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl(), { resourceLimits: { maxOldGenerationSizeMb: 3072 } });
    worker.on('message', (reply: WorkerReply) => this.onReply(reply));
    worker.on('error', (error) => this.onCrash(worker, error.message));
    worker.on('exit', (code) => this.onCrash(worker, `the reader stopped (exit code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    this.timer = setTimeout(() => {
      const seconds = Math.round(job.limitMs / 1000);
      this.stop(job, new FocalError('timeout', `Reading “${job.input.name}” took longer than ${seconds} s and was stopped. The file may be damaged or unusually complex.`));
    }, job.limitMs);
    const bytes = job.input.bytes;
    // The bytes move to the worker rather than being copied; main has no further use for them.
    const transferable = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    const message: ParseJob = { id: job.id, input: job.input, ...(job.analysis ? { analysis: job.analysis } : {}) };
    this.ensureWorker().postMessage(message, transferable ? [bytes.buffer as ArrayBuffer] : []);
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.current = undefined;
    this.pump();
  }

  private onReply(reply: WorkerReply): void {
    const job = this.current;
    if (!job || reply.id !== job.id) return;
    if (reply.type === 'progress') {
      job.task.progress(reply.done, reply.total, reply.unit);
      return;
    }
    this.finish();
    if (reply.type === 'done') job.resolve(reply.document);
    else job.reject(FocalError.fromData(reply.error));
  }

  private onCrash(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const job = this.current;
    if (!job) return;
    this.finish();
    job.reject(new FocalError('internal', `Focal’s reader stopped unexpectedly while reading “${job.input.name}”: ${why}.`));
  }

  /** Stops a job: a queued one leaves the queue; the running one takes the worker down with it. */
  private stop(job: Job, error: FocalError): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(error);
      return;
    }
    if (this.current !== job) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.finish();
    job.reject(error);
  }
}
