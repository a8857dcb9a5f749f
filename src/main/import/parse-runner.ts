/**
 * Runs parses in a worker thread, one at a time, with a time limit per file and cancellation (see
 * worker-jobs.ts: stopping a parse terminates the worker; the next parse starts a fresh one).
 */
import type { ParsedDocument } from '../../shared/document';
import type { ParseInput } from '../../core/text/parse-document';
import type { TaskHandle } from '../services/tasks';
import { WorkerJobs, movableBytes, workerModuleUrl } from '../workers/worker-jobs';
import type { AnalysisRequest, ParseJob } from './parse-messages';

/** Generous for real files (a 1,000-page book), short enough that a hostile one is not waited on for long. */
export function timeLimitFor(byteSize: number): number {
  return Math.min(300_000, 30_000 + Math.ceil(byteSize / (1024 * 1024)) * 2_000);
}

export class ParseRunner {
  private readonly jobs = new WorkerJobs<ParsedDocument>(workerModuleUrl('parse-worker', import.meta.url), 'Focal’s reader');

  constructor(private readonly limitFor: (byteSize: number) => number = timeLimitFor) {}

  /** Parses a file and, with `analysis`, reads it with the attention model too. */
  parse(input: ParseInput, task: TaskHandle, analysis?: AnalysisRequest): Promise<ParsedDocument> {
    const { bytes, transfer } = movableBytes(input.bytes);
    const message: Omit<ParseJob, 'id'> = { input: { ...input, bytes }, ...(analysis ? { analysis } : {}) };
    return this.jobs.run(message, {
      task,
      what: `Reading “${input.name}”`,
      limitMs: this.limitFor(bytes.byteLength),
      limitReason: 'The file may be damaged or unusually complex.',
      transfer,
    });
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
