/**
 * The retrain worker's three jobs, free of threads so that a test can run them directly: reading documents
 * ahead of a retrain (`prepare`), "Retrain my model" itself (`retrain`: the person's events become rewards, the
 * documents they touch are read or taken from the kept readings, and the parameters are retrained with the
 * cross-validated check), and scoring documents under a person's parameters (`rescore`).
 */
import { parseParams, serializeParams } from '../../core/attention/params';
import { poolingWeights } from '../../core/attention/token-vectors';
import { compareStrings } from '../../core/compare-strings';
import { keySentenceCandidates, readDocument } from '../../core/extraction/analyze-document';
import { sentenceRewards } from '../../core/reward/sentence-reward';
import { sentencesFirstJudgedAfter } from '../../core/reward/first-judged';
import { ReadingCache, readingKey } from '../../core/training/reading-cache';
import { asWritten, describeLearned, type LearnedSummary } from '../../core/training/describe-learned';
import { retrainWithCheck, salienceUnder, scoresAlike, trainingDocumentOf, warmTrainingCaches, type TrainingDocument } from '../../core/training/train-user-params';
import { selectKeySentences } from '../../core/extraction/select-key-sentences';
import type { MethodOutput, ValidInput } from '../../shared/contract';
import type { LoadedModel } from '../attention/attention-model';

export type RetrainRequest = ValidInput<'model.retrain'>;
export type RetrainResult = MethodOutput<'model.retrain'>;

/** Where a retrain is: reading documents, then gradient steps of the check and the final training. */
export type RetrainProgress = (done: number, total: number, unit: 'documents' | 'steps') => void;

export type PrepareRequest = ValidInput<'model.prepareRetrain'>;
export type PrepareResult = MethodOutput<'model.prepareRetrain'>;

/**
 * Read with the base parameters, which serve any person's (see reading-cache.ts), so the reading can be kept;
 * what training caches on it is filled at once, so that the read-ahead, not the person's first retrain, pays for it.
 */
export function readingOf(document: RetrainRequest['documents'][number], model: LoadedModel, readings: ReadingCache, pass?: number) {
  return readings.get(readingKey(document.id, document), async () => {
    const reading = trainingDocumentOf(document.sentences.map((s) => s.id), await readDocument(document, model, model.baseParams), model.baseParams);
    warmTrainingCaches(reading, model.baseParams, model.dims, model.table);
    keyCandidatesOf(reading, document);
    return reading;
  }, pass);
}

/**
 * Which sentences may be key sentences, per kept reading: they follow from the text alone (its sentences and their
 * sections), as the reading does, which is kept per exact content. Worked out again at every rescore, they took 0.9 s
 * of a 2,000-document rescore's 2 s, more than scoring the sentences.
 */
const keyCandidates = new WeakMap<TrainingDocument, ReturnType<typeof keySentenceCandidates>>();

function keyCandidatesOf(reading: TrainingDocument, document: RetrainRequest['documents'][number]): ReturnType<typeof keySentenceCandidates> {
  let candidates = keyCandidates.get(reading);
  if (!candidates) {
    candidates = keySentenceCandidates(
      document.sentences.map((s) => s.text),
      document.sentences.map((s) => s.section),
    );
    keyCandidates.set(reading, candidates);
  }
  return candidates;
}

/** Reads the documents a coming retrain will use and keeps their readings. */
export async function prepare(request: PrepareRequest, model: LoadedModel, readings: ReadingCache, progress: RetrainProgress): Promise<PrepareResult> {
  let read = 0;
  let alreadyRead = 0;
  const pass = readings.newPass();
  for (const [index, document] of request.documents.entries()) {
    if ((await readingOf(document, model, readings, pass)).cached) alreadyRead++;
    else read++;
    progress(index + 1, request.documents.length, 'documents');
  }
  return { read, alreadyRead };
}

export type RescoreRequest = ValidInput<'model.rescore'>;
export type RescoreResult = MethodOutput<'model.rescore'>;

/**
 * Each document's salience and key sentences under `userParams` (the base when null), as an import under
 * those parameters would choose them, from the kept readings: the person's query, adapters and head are
 * applied to a reading made once with the base parameters, so only documents not read before go through the model.
 */
export async function rescore(request: RescoreRequest, model: LoadedModel, readings: ReadingCache, progress: RetrainProgress): Promise<RescoreResult> {
  const params = request.userParams ? parseParams(request.userParams, model.baseParams).params : model.baseParams;
  const results: RescoreResult = [];
  const pass = readings.newPass();
  for (const [index, document] of request.documents.entries()) {
    const { document: reading } = await readingOf(document, model, readings, pass);
    // A trained query is scored on the projected words the reading holds; any other on words packed afresh and
    // not kept (keeping them for every sentence of a library would cost ~10 KB a sentence).
    const salience = salienceUnder(params, reading, model.dims, model.table, false, model.baseParams.w_q);
    const texts = document.sentences.map((s) => s.text);
    const { eligible, defaultCount } = keyCandidatesOf(reading, document);
    const chosen = new Set(selectKeySentences({ salience, vectors: reading.vectors, dims: model.dims.D, texts, ...(eligible ? { eligible } : {}) }, defaultCount));
    const selected = [...chosen].sort((a, b) => a - b);
    results.push({
      documentId: document.id,
      selected: selected.map((i) => document.sentences[i]!.id),
      salience: Array.from(salience, (value) => Math.round(value * 1e4) / 1e4),
      // As an import shows it (analyze-document.ts): each word of a key sentence with the attention it got in
      // pooling, worked out from its words rather than kept with every reading (an array for each kept sentence).
      why: selected.map((i) => {
        const weights = poolingWeights(model.table, params.pool_query, reading.tokens[i]!);
        return reading.tokens[i]!.map((token, t) => ({ token, weight: weights[t]! }));
      }),
    });
    progress(index + 1, request.documents.length, 'documents');
  }
  return results;
}

function byContent(a: { id: string; text: string }, b: { id: string; text: string }): number {
  return compareStrings(a.text, b.text) || compareStrings(a.id, b.id);
}

/**
 * New parameters from the person's feedback, trained from the base on all of it, the held-out check of the
 * parameters in use against them, and what they learned.
 */
export async function retrain(request: RetrainRequest, model: LoadedModel, readings: ReadingCache, progress: RetrainProgress): Promise<RetrainResult> {
  const { documents, events, histories, inUse, seed } = request;
  const rewards = sentenceRewards(events, histories);
  const rewarded = new Set(rewards.map((r) => r.sentenceId));
  // In content order, not the order storage gave (ids are random): the check's folds and the training's
  // batches follow this order, so the same library and feedback always retrain the same way.
  const relevant = documents.filter((d) => d.sentences.some((s) => rewarded.has(s.id))).sort(byContent);
  const incumbent = inUse ? parseParams(inUse.params, model.baseParams).params : model.baseParams;
  const training: TrainingDocument[] = [];
  progress(0, relevant.length, 'documents');
  const pass = readings.newPass();
  for (const [index, document] of relevant.entries()) {
    training.push((await readingOf(document, model, readings, pass)).document);
    progress(index + 1, relevant.length, 'documents');
  }
  const check = retrainWithCheck({
    base: model.baseParams,
    start: model.baseParams,
    incumbent,
    judgedSentences: inUse ? sentencesFirstJudgedAfter(inUse.trainedAt, events, histories) : undefined,
    dims: model.dims,
    table: model.table,
    documents: training,
    rewards,
    seed,
    onProgress: (done, total) => progress(done, total, 'steps'),
  });
  return {
    // Kept with each version and every backup: what the retrain left as the base's is written as such.
    params: serializeParams(check.trained.params, model.dims, model.baseParams),
    rewardedSentences: rewards.length,
    eventsUsed: check.trained.usedRewards,
    heldOut: { before: check.before.auc, after: check.after.auc, pairs: check.after.pairs, documents: check.judgedDocuments },
    better: check.better,
    learnedNothing: scoresAlike(check.trained.params, model.baseParams, training, model.dims, model.table),
    learned: writtenAsInDocuments(describeLearned(check.trained.params, model.baseParams, model.table, { documents: training, dims: model.dims }), relevant),
  };
}

/** The summary's words as the documents write them ("Havel", not the reading's "havel"). */
function writtenAsInDocuments(learned: LearnedSummary, documents: RetrainRequest['documents']): LearnedSummary {
  function* sentences() {
    for (const document of documents) for (const sentence of document.sentences) yield sentence.text;
  }
  return { ...learned, words: asWritten(learned.words, sentences()) };
}
