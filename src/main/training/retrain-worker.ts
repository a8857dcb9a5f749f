/**
 * The retrain worker: reads documents ahead, retrains a person's parameters and rescores documents under them
 * (retrain.ts), off main's event loop, so the app keeps answering (and can cancel) during the seconds these
 * take. It keeps the model and the documents' readings between jobs; a cancelled read-ahead or rescore stops
 * between documents and keeps them, a cancelled retrain terminates the thread and the next job starts a fresh one.
 */
import { ReadingCache, RETRAIN_READINGS_KEPT } from '../../core/training/reading-cache';
import { keptModel } from '../attention/attention-model';
import { serveJobs } from '../workers/worker-jobs';
import { prepare, rescore, retrain } from './retrain';
import type { RetrainJob } from './retrain-messages';

const model = keptModel();
const readings = new ReadingCache(RETRAIN_READINGS_KEPT);

serveJobs(async (job: RetrainJob, progress) => {
  const loaded = await model.get(job.modelsDir);
  if (job.kind === 'prepare') return prepare(job.request, loaded, readings, progress);
  if (job.kind === 'rescore') return rescore(job.request, loaded, readings, progress);
  return retrain(job.request, loaded, readings, progress);
});
