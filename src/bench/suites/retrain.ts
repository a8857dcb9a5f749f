import { sentenceRewards } from '../../core/reward/sentence-reward';
import { learnerEvents, numbersTaste } from '../../core/training/simulate';
import { ReadingCache, RETRAIN_READINGS_KEPT } from '../../core/training/reading-cache';
import { retrainWithCheck } from '../../core/training/train-user-params';
import { describeLearned } from '../../core/training/describe-learned';
import { loadAttentionModel } from '../../main/attention/attention-model';
import { repoModelsDir } from '../../main/services/compose';
import { readingOf } from '../../main/training/retrain';
import { ratioAgainst, timeRuns, type Benchmark, type BenchResult } from '../harness';
import { defaultKeyCount } from '../../core/extraction/select-key-sentences';
import { BENCH_LIBRARY, studyDocuments } from '../study-text';

const EVENTS = 10_000;

/**
 * "Retrain my model" on 10,000 feedback events, as the service runs it: the documents' readings (kept from the
 * read-ahead or the last retrain, see reading-cache.ts), rewards from the events, the cross-validated check (two
 * settings × three folds), the final training and the summary of what it learned. readMs is the read-ahead
 * (reading every document and filling what training caches on it); firstRetrainMs the first retrain after it,
 * before the median of later ones. The events come from a simulated learner who keeps sentences with numbers.
 */
export const retrainBenchmark: Benchmark = {
  name: 'model.retrain',
  run: ({ runs }) => retrainRun({ name: 'model.retrain', ...BENCH_LIBRARY, shown: 5, runs: Math.min(runs, 5), target: '≤ 5,000 ms' }),
};

/**
 * The same for a library of book-length documents (500 sentences, two blocks each), where the learner reviews
 * as many sentences per document as the app picks for it: the adapters' passes through a block grow with the
 * square of its length, and are bounded per training step (`adapterCellsPerStep`).
 */
export const bookRetrainBenchmark: Benchmark = {
  name: 'model.retrain.books',
  run: ({ runs }) => retrainRun({ name: 'model.retrain.books', documents: 100, sentencesPerDocument: 500, shown: defaultKeyCount(500), runs: Math.min(runs, 3) }),
};

async function retrainRun(input: { name: string; documents: number; sentencesPerDocument: number; shown: number; runs: number; target?: string }): Promise<BenchResult> {
  const { name, documents: count, sentencesPerDocument, shown } = input;
  const model = await loadAttentionModel(repoModelsDir());
  const { documents: stored, source } = studyDocuments(count, sentencesPerDocument);
  const readings = new ReadingCache(RETRAIN_READINGS_KEPT);
  // As the retrain worker reads them: the same kept objects on every run, as its caches rely on.
  const readAll = async () => {
    const documents = [];
    const pass = readings.newPass();
    for (const document of stored) documents.push((await readingOf(document, model, readings, pass)).document);
    return documents;
  };
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const readStarted = performance.now();
  const read = await readAll();
  const readMs = performance.now() - readStarted;
  const learnerDocuments = read.map((reading, d) => ({ ...reading, sentences: stored[d]!.sentences.map((s) => s.text) }));
  const events = learnerEvents({ taste: numbersTaste(), params: model.baseParams, dims: model.dims, table: model.table, documents: learnerDocuments, limit: EVENTS, seed: 1, startTime: 0, shown, handMadeRate: 0.5 });
  let better = false;
  const retrain = async () => {
    const documents = await readAll();
    const check = retrainWithCheck({ base: model.baseParams, start: model.baseParams, dims: model.dims, table: model.table, documents, rewards: sentenceRewards(events), seed: 1 });
    describeLearned(check.trained.params, model.baseParams, model.table, { documents, dims: model.dims });
    better = check.better;
  };
  // The person's first retrain after the read-ahead: the median below is of later ones, with the code warm.
  const firstStarted = performance.now();
  await retrain();
  const firstRetrainMs = performance.now() - firstStarted;
  const timed = await timeRuns(retrain, input.runs);
  // The kept readings and what training caches on them (projected words), as the retrain worker holds them
  // between retrains: measurable only with a full collection before and after (npm run bench passes --expose-gc).
  const gc = globalThis.gc;
  gc?.();
  const keptReadingsMiB = gc ? Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20) : null;
  await model.release();
  return {
    name,
    description: `Retrain on ${events.length} feedback events over ${count} documents of ${sentencesPerDocument} sentences (${source}), ${shown} shown per document, with the readings kept from the read-ahead: rewards, cross-validated check, final training; readMs is the read-ahead (reading every document once), firstRetrainMs the first retrain after it`,
    ...timed,
    // What the read-ahead costs, once: a retrain from kept readings against reading the library through the model.
    against: ratioAgainst(timed, 'reading every document through the model once (the read-ahead)', { medianMs: readMs, runs: 1 }),
    figures: { events: events.length, documents: count, readMs: Math.round(readMs), firstRetrainMs: Math.round(firstRetrainMs), ...(keptReadingsMiB !== null ? { keptReadingsMiB } : {}), keptAsBetter: better ? 1 : 0 },
    ...(input.target ? { target: input.target } : {}),
  };
}
