import type { JobReply } from '../workers/worker-jobs';
import type { RetrainRequest, RetrainResult } from './retrain';

/** What main sends the retrain worker. */
export interface RetrainJob {
  id: number;
  modelsDir: string;
  request: RetrainRequest;
}

/** What the retrain worker sends back for a job. */
export type RetrainReply = JobReply<RetrainResult>;
