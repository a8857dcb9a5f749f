import type { ParsedDocument } from '../../shared/document';
import type { ErrorData } from '../../shared/errors';
import type { ParseInput } from '../../core/text/parse-document';

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
export type WorkerReply =
  | { id: number; type: 'progress'; done: number; total: number | null; unit: 'bytes' | 'pages' | 'items' }
  | { id: number; type: 'done'; document: ParsedDocument }
  | { id: number; type: 'failed'; error: ErrorData };
