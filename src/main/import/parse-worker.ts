/**
 * The parse worker: reads one file at a time off main's event loop — parsing, then the attention model's
 * reading — so a slow or hostile file can be stopped (the runner terminates this thread) without freezing
 * the app. The model is loaded once per worker and kept.
 */
import type { ParsedDocument } from '../../shared/document';
import { parseParams } from '../../core/attention/params';
import { analyzeDocument } from '../../core/extraction/analyze-document';
import { parseDocument } from '../../core/text/parse-document';
import { keptModel } from '../attention/attention-model';
import { serveJobs } from '../workers/worker-jobs';
import type { ParseJob } from './parse-messages';

const model = keptModel();

serveJobs(async (job: ParseJob, progress): Promise<ParsedDocument> => {
  const document = await parseDocument(job.input, { onProgress: progress });
  if (job.analysis) {
    const loaded = await model.get(job.analysis.modelsDir);
    const params = job.analysis.userParams ? parseParams(job.analysis.userParams, loaded.baseParams).params : loaded.baseParams;
    document.analysis = await analyzeDocument(document, loaded, { params, ...(job.analysis.top ? { top: job.analysis.top } : {}) });
  }
  return document;
});
