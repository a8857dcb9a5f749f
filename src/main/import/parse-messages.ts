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
