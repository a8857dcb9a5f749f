import type { ParsedDocument } from '../../shared/document';
import type { ErrorData } from '../../shared/errors';

/** What the parse worker sends back for a job. */
export type WorkerReply =
  | { id: number; type: 'progress'; done: number; total: number | null; unit: 'bytes' | 'pages' | 'items' }
  | { id: number; type: 'done'; document: ParsedDocument }
  | { id: number; type: 'failed'; error: ErrorData };
