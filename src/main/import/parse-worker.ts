/**
 * The parse worker: reads one file at a time off main's event loop, so a slow or hostile file can be
 * stopped (the runner terminates this thread) without freezing the app.
 */
import { parentPort } from 'node:worker_threads';
import { toFocalError } from '../../shared/errors';
import { parseDocument, type ParseInput } from '../../core/text/parse-document';
import type { WorkerReply } from './parse-messages';

if (!parentPort) throw new Error('parse-worker must run as a worker thread');
const port = parentPort;

port.on('message', (job: { id: number; input: ParseInput }) => {
  const reply = (message: WorkerReply) => port.postMessage(message);
  parseDocument(job.input, { onProgress: (done, total, unit) => reply({ id: job.id, type: 'progress', done, total, unit }) }).then(
    (document) => reply({ id: job.id, type: 'done', document }),
    (thrown: unknown) => reply({ id: job.id, type: 'failed', error: toFocalError(thrown).toData() }),
  );
});
