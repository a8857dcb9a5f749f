import type { ParsedDocument } from '../../shared/document';
import type { ParseInput } from '../../core/text/parse-document';
import type { JobReply } from '../workers/worker-jobs';

/** Reading the document with the attention model after parsing it. */
export interface AnalysisRequest {
  modelsDir: string;
  /** The person's parameters (params JSON); the base model when absent. */
  userParams?: string;
  top?: number;
}

/** What main sends the parse worker. */
export interface ParseJob {
  id: number;
  input: ParseInput;
  analysis?: AnalysisRequest;
}

/** What the parse worker sends back for a job. */
export type WorkerReply = JobReply<ParsedDocument>;
