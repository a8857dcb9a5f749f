/**
 * Runs retrains in a worker thread (retrain-worker.ts), one at a time, with progress and cancellation: main
 * stays free to answer the app during the seconds a retrain takes. The worker keeps the model and the
 * documents' readings between retrains; cancelling terminates it, so the next retrain reads afresh.
 */
import type { TaskHandle } from '../services/tasks';
import { WorkerJobs, workerModuleUrl } from '../workers/worker-jobs';
import type { RetrainRequest, RetrainResult } from './retrain';
import type { RetrainJob } from './retrain-messages';

export class RetrainRunner {
  private readonly jobs = new WorkerJobs<RetrainResult>(workerModuleUrl('retrain-worker', import.meta.url), 'Focal’s trainer');

  constructor(private readonly modelsDir: string) {}

  retrain(request: RetrainRequest, task: TaskHandle): Promise<RetrainResult> {
    const message: Omit<RetrainJob, 'id'> = { modelsDir: this.modelsDir, request };
    return this.jobs.run(message, { task, what: 'Retraining your model' });
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
