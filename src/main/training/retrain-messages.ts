import type { JobReply } from '../workers/worker-jobs';
import type { PrepareRequest, PrepareResult, RescoreRequest, RescoreResult, RetrainRequest, RetrainResult } from './retrain';

/** What main sends the retrain worker: read ahead, retrain, or score documents under a person's parameters. */
export type RetrainJob = { id: number; modelsDir: string } & (
  | { kind: 'prepare'; request: PrepareRequest }
  | { kind: 'retrain'; request: RetrainRequest }
  | { kind: 'rescore'; request: RescoreRequest }
);

/** What the retrain worker sends back for a job. */
export type RetrainReply = JobReply<PrepareResult | RetrainResult | RescoreResult>;
