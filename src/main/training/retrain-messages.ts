import type { PrepareRequest, RescoreRequest, RetrainRequest } from './retrain';

/** What main sends the retrain worker: read ahead, retrain, or score documents under a person's parameters. */
export type RetrainJob = { id: number; modelsDir: string } & (
  | { kind: 'prepare'; request: PrepareRequest }
  | { kind: 'retrain'; request: RetrainRequest }
  | { kind: 'rescore'; request: RescoreRequest }
);
