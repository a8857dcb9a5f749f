/**
 * The parse worker: reads one file at a time off main's event loop — parsing, then the attention model's
 * reading — so a slow or hostile file can be stopped (the runner terminates this thread) without freezing
 * the app. The model is loaded once per worker and kept.
 */
import { parentPort } from 'node:worker_threads';
import { toFocalError } from '../../shared/errors';
import { parseParams } from '../../core/attention/params';
import { analyzeDocument } from '../../core/extraction/analyze-document';
import { parseDocument } from '../../core/text/parse-document';
import { loadAttentionModel, type LoadedModel } from '../attention/attention-model';
import type { ParseJob, WorkerReply } from './parse-messages';

if (!parentPort) throw new Error('parse-worker must run as a worker thread');
const port = parentPort;
let model: Promise<LoadedModel> | undefined;

async function run(job: ParseJob): Promise<void> {
  const reply = (message: WorkerReply) => port.postMessage(message);
  const document = await parseDocument(job.input, { onProgress: (done, total, unit) => reply({ id: job.id, type: 'progress', done, total, unit }) });
  if (job.analysis) {
    model ??= loadAttentionModel(job.analysis.modelsDir);
    const loaded = await model;
    const params = job.analysis.userParams ? parseParams(job.analysis.userParams).params : loaded.baseParams;
    document.analysis = await analyzeDocument(document, loaded, { params, ...(job.analysis.top ? { top: job.analysis.top } : {}) });
  }
  reply({ id: job.id, type: 'done', result: document });
}

port.on('message', (job: ParseJob) => {
  run(job).catch((thrown: unknown) => port.postMessage({ id: job.id, type: 'failed', error: toFocalError(thrown).toData() } satisfies WorkerReply));
});
