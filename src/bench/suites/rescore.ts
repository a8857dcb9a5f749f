import { serializeParams } from '../../core/attention/params';
import { readDocument } from '../../core/extraction/analyze-document';
import { personLikeParams } from '../../core/training/synthetic-library';
import { queryInSpan } from '../../core/training/train-user-params';
import { ReadingCache, RETRAIN_READINGS_KEPT } from '../../core/training/reading-cache';
import { loadAttentionModel } from '../../main/attention/attention-model';
import { repoModelsDir } from '../../main/services/compose';
import { prepare, rescore } from '../../main/training/retrain';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';
import { BENCH_LIBRARY, studyDocuments } from '../study-text';

const { documents: DOCUMENTS, sentencesPerDocument: SENTENCES_PER_DOCUMENT } = BENCH_LIBRARY;

/**
 * After a retrain the library is scored again under the person's new parameters (key sentences and
 * salience for every document). With the documents' readings kept by the retrain worker, that is the
 * parameters applied to each reading; readMs is what reading them all through the model costs when they are not kept.
 */
export const rescoreBenchmark: Benchmark = {
  name: 'model.rescore',
  async run({ runs }) {
    const model = await loadAttentionModel(repoModelsDir());
    const { documents, source } = studyDocuments(DOCUMENTS, SENTENCES_PER_DOCUMENT);
    // A person's parameters: a query and adapters of their own, so att is recomputed from each reading's blocks.
    // The query is moved into the span of w_q, where every retrain puts it.
    const person = personLikeParams(model.baseParams, 5);
    person.user_query.set(queryInSpan(person.user_query, model.baseParams.w_q, model.dims));
    const userParams = serializeParams(person, model.dims);
    // What rescoring without kept readings would cost: every document read through the model again.
    const readStarted = performance.now();
    for (const document of documents) await readDocument(document, model, model.baseParams);
    const readMs = performance.now() - readStarted;
    const readings = new ReadingCache(RETRAIN_READINGS_KEPT);
    await prepare({ documents }, model, readings, () => {});
    const timed = await timeRuns(() => rescore({ documents, userParams }, model, readings, () => {}), runs);
    await model.release();
    return {
      name: 'model.rescore',
      description: `Key sentences and salience of ${DOCUMENTS} documents of ${SENTENCES_PER_DOCUMENT} sentences (${source}) under a person's parameters, from kept readings; readMs is reading them through the model once`,
      ...timed,
      against: ratioAgainst(timed, 'reading every document through the model again (once)', { medianMs: readMs, runs: 1 }),
      figures: { documents: DOCUMENTS, sentences: DOCUMENTS * SENTENCES_PER_DOCUMENT, readMs: Math.round(readMs) },
    };
  },
};
