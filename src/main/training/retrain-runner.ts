/**
 * Runs the retrain worker's jobs (retrain-worker.ts: read ahead, retrain, rescore), one at a time, with
 * progress and cancellation: main stays free to answer the app meanwhile. The worker keeps the model and the
 * documents' readings between jobs; cancelling terminates it, so the next job reads afresh.
 */
import type { TaskHandle } from '../services/tasks';
import { WorkerJobs, workerModuleUrl } from '../workers/worker-jobs';
import type { PrepareRequest, PrepareResult, RescoreRequest, RescoreResult, RetrainRequest, RetrainResult } from './retrain';
import type { RetrainJob } from './retrain-messages';

export class RetrainRunner {
  private readonly jobs = new WorkerJobs<PrepareResult | RetrainResult | RescoreResult>(workerModuleUrl('retrain-worker', import.meta.url), 'Focal’s trainer');

  constructor(private readonly modelsDir: string) {}

  /** Reads ahead: a retrain that comes after finds these readings kept (jobs run one at a time, so it waits for this). */
  async prepare(request: PrepareRequest, task: TaskHandle): Promise<PrepareResult> {
    const message: Omit<RetrainJob, 'id'> = { kind: 'prepare', modelsDir: this.modelsDir, request };
    return (await this.jobs.run(message, { task, what: 'Preparing your model' })) as PrepareResult;
  }

  /** Salience and key sentences of each document under a person's parameters, from the kept readings. */
  async rescore(request: RescoreRequest, task: TaskHandle): Promise<RescoreResult> {
    const message: Omit<RetrainJob, 'id'> = { kind: 'rescore', modelsDir: this.modelsDir, request };
    return (await this.jobs.run(message, { task, what: 'Re-reading your documents' })) as RescoreResult;
  }

  async retrain(request: RetrainRequest, task: TaskHandle): Promise<RetrainResult> {
    const message: Omit<RetrainJob, 'id'> = { kind: 'retrain', modelsDir: this.modelsDir, request };
    return (await this.jobs.run(message, { task, what: 'Retraining your model' })) as RetrainResult;
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
