/**
 * The retrain worker: reads documents ahead, retrains a person's parameters and rescores documents under them
 * (retrain.ts), off main's event loop, so the app keeps answering (and can cancel) during the seconds these
 * take. It keeps the model and the documents' readings between jobs; cancelling terminates the thread, and
 * the next job starts a fresh one.
 */
import { parentPort } from 'node:worker_threads';
import { toFocalError } from '../../shared/errors';
import { ReadingCache, RETRAIN_READINGS_KEPT } from '../../core/training/reading-cache';
import { loadAttentionModel, type LoadedModel } from '../attention/attention-model';
import { prepare, rescore, retrain } from './retrain';
import type { RetrainJob, RetrainReply } from './retrain-messages';

if (!parentPort) throw new Error('retrain-worker must run as a worker thread');
const port = parentPort;
let model: Promise<LoadedModel> | undefined;
const readings = new ReadingCache(RETRAIN_READINGS_KEPT);

async function run(job: RetrainJob): Promise<void> {
  const reply = (message: RetrainReply) => port.postMessage(message);
  model ??= loadAttentionModel(job.modelsDir);
  const progress = (done: number, total: number, unit: 'items' | 'steps') => reply({ id: job.id, type: 'progress', done, total, unit });
  const loaded = await model;
  const result =
    job.kind === 'prepare'
      ? await prepare(job.request, loaded, readings, progress)
      : job.kind === 'rescore'
        ? await rescore(job.request, loaded, readings, progress)
        : await retrain(job.request, loaded, readings, progress);
  reply({ id: job.id, type: 'done', result });
}

port.on('message', (job: RetrainJob) => {
  run(job).catch((thrown: unknown) => port.postMessage({ id: job.id, type: 'failed', error: toFocalError(thrown).toData() } satisfies RetrainReply));
});
