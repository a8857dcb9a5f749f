import { readDocument } from '../../core/extraction/analyze-document';
import { articleInput } from '../../core/extraction/eval-inputs';
import { sentenceRewards } from '../../core/reward/sentence-reward';
import { learnerEvents, numbersTaste, type SimulationDocument } from '../../core/training/simulate';
import { retrainWithCheck, trainingDocumentOf } from '../../core/training/train-user-params';
import { loadAttentionModel } from '../../main/attention/attention-model';
import { repoModelsDir } from '../../main/services/compose';
import { timeRuns, type Benchmark } from '../harness';
import { studySentences } from '../study-text';

const EVENTS = 10_000;
const DOCUMENTS = 2_000;
const SENTENCES_PER_DOCUMENT = 25;

/**
 * "Retrain my model" on 10,000 feedback events, as the service runs it: rewards from the events, the
 * cross-validated check (two settings × three folds) and the final training. The documents are read by the
 * model once beforehand (readMs); the events come from a simulated learner who keeps sentences with numbers.
 */
export const retrainBenchmark: Benchmark = {
  name: 'model.retrain',
  async run({ runs }) {
    const model = await loadAttentionModel(repoModelsDir());
    const { input, source } = studySentences(DOCUMENTS * SENTENCES_PER_DOCUMENT);
    const readStarted = performance.now();
    const documents: SimulationDocument[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const texts = input.sentences.slice(d * SENTENCES_PER_DOCUMENT, (d + 1) * SENTENCES_PER_DOCUMENT).map((s) => s.text);
      const reading = await readDocument(articleInput(texts.join(' '), texts), model, model.baseParams);
      documents.push({ ...trainingDocumentOf(texts.map((_, i) => `${d}#${i}`), reading, model.baseParams), sentences: texts });
    }
    const readMs = performance.now() - readStarted;
    const events = learnerEvents({ taste: numbersTaste(), params: model.baseParams, dims: model.dims, table: model.table, documents, limit: EVENTS, seed: 1, startTime: 0, shown: 5, handMadeRate: 0.5 });
    let better = false;
    const timed = await timeRuns(() => {
      const check = retrainWithCheck({ base: model.baseParams, start: model.baseParams, dims: model.dims, table: model.table, documents, rewards: sentenceRewards(events), seed: 1 });
      better = check.better;
    }, Math.min(runs, 3));
    await model.release();
    return {
      name: 'model.retrain',
      description: `Retrain on ${events.length} feedback events over ${DOCUMENTS} documents of ${SENTENCES_PER_DOCUMENT} sentences (${source}): rewards, cross-validated check, final training; readMs is reading the documents first`,
      ...timed,
      figures: { events: events.length, documents: DOCUMENTS, readMs: Math.round(readMs), keptAsBetter: better ? 1 : 0 },
      target: '≤ 5,000 ms',
    };
  },
};
