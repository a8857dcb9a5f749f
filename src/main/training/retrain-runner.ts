/**
 * Runs the retrain worker's jobs (retrain-worker.ts: read ahead, retrain, rescore), one at a time, with
 * progress and cancellation: main stays free to answer the app meanwhile. The worker keeps the model and the
 * documents' readings between jobs. Reading ahead and rescoring stop between documents when cancelled, keeping
 * what they read; a retrain, mostly one long computation, is stopped by terminating the worker, so the next
 * job reads afresh.
 */
import type { TaskHandle } from '../services/tasks';
import { WorkerJobs, workerModuleUrl } from '../workers/worker-jobs';
import type { PrepareRequest, PrepareResult, RescoreRequest, RescoreResult, RetrainRequest, RetrainResult } from './retrain';
import type { RetrainJob } from './retrain-messages';

type JobKind = RetrainJob['kind'];
type ResultOf<K extends JobKind> = { prepare: PrepareResult; rescore: RescoreResult; retrain: RetrainResult }[K];
type RequestOf<K extends JobKind> = Extract<RetrainJob, { kind: K }>['request'];

export class RetrainRunner {
  private readonly jobs = new WorkerJobs<ResultOf<JobKind>>(workerModuleUrl('retrain-worker', import.meta.url), 'Focal’s trainer');

  constructor(private readonly modelsDir: string) {}

  /** Reads ahead: a retrain that comes after finds these readings kept (jobs run one at a time, so it waits for this). */
  prepare(request: PrepareRequest, task: TaskHandle): Promise<PrepareResult> {
    return this.run('prepare', request, task, 'Preparing your model', true);
  }

  /** Salience and key sentences of each document under a person's parameters, from the kept readings. */
  rescore(request: RescoreRequest, task: TaskHandle): Promise<RescoreResult> {
    return this.run('rescore', request, task, 'Re-reading your documents', true);
  }

  retrain(request: RetrainRequest, task: TaskHandle): Promise<RetrainResult> {
    return this.run('retrain', request, task, 'Retraining your model');
  }

  close(): Promise<void> {
    return this.jobs.close();
  }

  private async run<K extends JobKind>(kind: K, request: RequestOf<K>, task: TaskHandle, what: string, stopsWhenAsked = false): Promise<ResultOf<K>> {
    return (await this.jobs.run({ kind, modelsDir: this.modelsDir, request }, { task, what, stopsWhenAsked })) as ResultOf<K>;
  }
}
