import type { JobReply } from '../workers/worker-jobs';
import type { PrepareRequest, PrepareResult, RetrainRequest, RetrainResult } from './retrain';

/** What main sends the retrain worker: read ahead, or retrain. */
export type RetrainJob = { id: number; modelsDir: string } & ({ kind: 'prepare'; request: PrepareRequest } | { kind: 'retrain'; request: RetrainRequest });

/** What the retrain worker sends back for a job. */
export type RetrainReply = JobReply<PrepareResult | RetrainResult>;
