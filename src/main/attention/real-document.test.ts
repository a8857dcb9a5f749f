/**
 * The ONNX graph and the TypeScript reference agree on real documents too, not only on random inputs:
 * every block the app feeds the model while reading the sample notes (and a long multi-block text) is
 * replayed through the reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttentionBlockInputs, AttentionBlockOutputs } from '../../core/attention/graph-builder';
import { forwardReference } from '../../core/attention/forward-reference';
import { analyzeDocument, readDocument } from '../../core/extraction/analyze-document';
import { articleInput } from '../../core/extraction/eval-inputs';
import { parseDocument } from '../../core/text/parse-document';
import { DEFAULT_TRAINING, salienceUnder, trainingDocumentOf, trainUserParams, type TrainingDocument } from '../../core/training/train-user-params';
import type { SentenceReward } from '../../core/reward/sentence-reward';
import { seededRandom } from '../../core/seeded-random';
import { personLikeParams } from '../../core/training/synthetic-library';
import { poolingWeights, wordBucket } from '../../core/attention/token-vectors';
import { repoModelsDir } from '../services/compose';
import { loadAttentionModel, type LoadedModel } from './attention-model';

const samples = join(import.meta.dirname, '..', '..', '..', 'resources', 'samples');
let model: LoadedModel;

beforeAll(async () => {
  model = await loadAttentionModel(repoModelsDir(), { preferGpu: false });
});
afterAll(async () => model.release());

function maxDifference(actual: Float32Array, expected: number[]): number {
  let max = 0;
  expected.forEach((value, i) => (max = Math.max(max, Math.abs(value - actual[i]!))));
  return max;
}

async function blocksOf(input: Parameters<typeof readDocument>[0]): Promise<Array<{ block: AttentionBlockInputs; output: AttentionBlockOutputs }>> {
  const seen: Array<{ block: AttentionBlockInputs; output: AttentionBlockOutputs }> = [];
  const recording = { ...model, run: async (block: AttentionBlockInputs) => {
    const output = await model.run(block);
    seen.push({ block, output });
    return output;
  } };
  await readDocument(input, recording, model.baseParams);
  return seen;
}

describe('the pooling weights worked out from the words', () => {
  it('are the attention the graph gives each word of a sentence, so "why this sentence?" needs no second reading', async () => {
    const document = await parseDocument({ name: 'cell-biology.md', bytes: readFileSync(join(samples, 'cell-biology.md')) });
    const reading = await readDocument(document, model, model.baseParams);
    reading.tokens.forEach((words, i) => {
      const worked = poolingWeights(model.table, model.baseParams.pool_query, words);
      worked.forEach((weight, t) => expect(Math.abs(weight - reading.tokenAttention[i]![t]!)).toBeLessThanOrEqual(1e-4));
    });
    // A pool query, were one trained, is taken into account.
    const query = Float32Array.from({ length: model.dims.D }, (_, d) => (d % 7) / 10);
    const reread = await readDocument(document, model, { ...model.baseParams, pool_query: query });
    const words = reread.tokens[0]!;
    poolingWeights(model.table, query, words).forEach((weight, t) => expect(Math.abs(weight - reread.tokenAttention[0]![t]!)).toBeLessThanOrEqual(1e-4));
  });
});

describe('the quality warning', () => {
  it('is given for text the vectors barely know, and not for a note of only a heading (no words at all)', async () => {
    const onlyHeading = await parseDocument({ name: 'Probability.md', bytes: new TextEncoder().encode('# Probability\n') });
    expect(onlyHeading.sentences).toHaveLength(0);
    expect((await analyzeDocument(onlyHeading, model, { params: model.baseParams })).reducedQuality).toBe(false);
    const unknown = await parseDocument({ name: 'x.txt', bytes: new TextEncoder().encode('Zqxv brlmt wqpz. Hrtz vlqm xzkp frwq.\n') });
    expect((await analyzeDocument(unknown, model, { params: model.baseParams })).reducedQuality).toBe(true);
  });

  it('goes with no key sentences and no concepts for a garbled text (a PDF whose fonts map letters wrongly)', async () => {
    const line = 'ÃçΦԱΣ ԠϳƌηϦ٫ϳ ҏçüąǫď ѕиρΩ ϣÃçΦ shows the ӻĶۮ ΰԔϸ forms of ËĶʆ ΣŷϚɰ.';
    const garbled = await parseDocument({ name: 'x.txt', bytes: new TextEncoder().encode(Array.from({ length: 6 }, () => line).join(' ') + '\n') });
    const analysis = await analyzeDocument(garbled, model, { params: model.baseParams });
    expect(analysis.sentences.filter((s) => s.selected)).toEqual([]);
    expect(analysis.concepts).toEqual([]);
  });
});

describe('the attention graph on real documents', () => {
  it.each(['cell-biology.md', 'photosynthesis.md'])('matches the reference within 1e-4 on %s', async (file) => {
    const document = await parseDocument({ name: file, bytes: readFileSync(join(samples, file)) });
    for (const { block, output } of await blocksOf(document)) {
      const reference = forwardReference(block, model.dims);
      expect(maxDifference(output.salience, reference.salience)).toBeLessThanOrEqual(1e-4);
      expect(maxDifference(output.attention, reference.attention)).toBeLessThanOrEqual(1e-4);
      expect(maxDifference(output.tokenAttention, reference.tokenAttention)).toBeLessThanOrEqual(1e-4);
      expect(maxDifference(output.sentenceVectors, reference.sentenceVectors)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('matches the reference on every block of a long document read in blocks with summaries', async () => {
    const document = await parseDocument({ name: 'cells.md', bytes: readFileSync(join(samples, 'cell-biology.md')) });
    const texts = Array.from({ length: 600 }, (_, i) => document.sentences[i % document.sentences.length]!.text);
    const blocks = await blocksOf(articleInput(texts.join(' '), texts));
    expect(blocks.length).toBe(3);
    expect(blocks.every(({ block }) => block.summaryCount === 2)).toBe(true);
    for (const { block, output } of blocks) {
      expect(maxDifference(output.salience, forwardReference(block, model.dims).salience)).toBeLessThanOrEqual(1e-4);
    }
  });

  /** Parameters as a person's look after a few retrains: a query, adapters, word weights and head weights of their own. */
  function personParams(): typeof model.baseParams {
    const params = personLikeParams(model.baseParams, 17);
    params.head[0] = 0.8;
    params.head[1] = 1.3;
    params.head[6] = 0.9;
    return params;
  }

  it('scores sentences as the trainer assumes, for a person’s trained query, adapters and head', async () => {
    const document = await parseDocument({ name: 'cells.md', bytes: readFileSync(join(samples, 'cell-biology.md')) });
    const params = personParams();
    const reading = await readDocument(document, model, params);
    // The trainer's documents are read with the start parameters; here the base, so att must be recomputed with the adapters.
    const base = await readDocument(document, model, model.baseParams);
    const training = { sentenceIds: document.sentences.map((_, i) => String(i)), vectors: base.vectors, headInputs: base.headInputs, tokens: base.tokens, blocks: base.blocks };
    const expected = salienceUnder(params, training, model.dims, model.table);
    expect(maxDifference(reading.salience, Array.from(expected))).toBeLessThanOrEqual(1e-3);
    // The person's word weights reach this document: the graph's lookup and the trainer's agree on them too.
    expect(base.tokens.flat().filter((token) => params.user_words[wordBucket(token)] !== 0).length).toBeGreaterThan(10);
  });

  it('trains from a reading made with the base parameters as from one made with the person’s, so a retrain can keep its readings', async () => {
    const document = await parseDocument({ name: 'cells.md', bytes: readFileSync(join(samples, 'cell-biology.md')) });
    const params = personParams();
    const ids = document.sentences.map((_, i) => `s${i}`);
    const asPerson = trainingDocumentOf(ids, await readDocument(document, model, params), params);
    const asBase = trainingDocumentOf(ids, await readDocument(document, model, model.baseParams), model.baseParams);
    const random = seededRandom(5);
    const rewards = ids.map((sentenceId) => ({ sentenceId, reward: random() < 0.4 ? 1 : -1, evidence: 1 }));
    const trained = (reading: typeof asBase) =>
      trainUserParams({ base: model.baseParams, start: params, dims: model.dims, table: model.table, documents: [reading], rewards, seed: 4, options: { trainAdapters: false, iterations: 40 } }).params;
    const fromPerson = trained(asPerson);
    const fromBase = trained(asBase);
    // Both moved from the start by the same steps, up to the graph's float rounding of att.
    expect(maxDifference(fromBase.head, Array.from(fromPerson.head))).toBeLessThanOrEqual(1e-3);
    expect(maxDifference(fromBase.user_query, Array.from(fromPerson.user_query))).toBeLessThanOrEqual(1e-3);
    expect(maxDifference(fromPerson.head, Array.from(params.head))).toBeGreaterThan(0.01);
  });

  it('bounds the adapters’ work per step on book-length documents, still training them, and changes nothing for short ones', async () => {
    const sample = await parseDocument({ name: 'cells.md', bytes: readFileSync(join(samples, 'cell-biology.md')) });
    const random = seededRandom(8);
    const judged = (document: TrainingDocument, texts: readonly string[], share: number) =>
      document.sentenceIds.flatMap((sentenceId, i) => (random() < share ? [{ sentenceId, reward: /membrane|energy/i.test(texts[i]!) ? 1 : -1, evidence: 1 }] : []));
    const train = (documents: TrainingDocument[], rewards: SentenceReward[], adapterCellsPerStep: number) =>
      trainUserParams({ base: model.baseParams, start: model.baseParams, dims: model.dims, table: model.table, documents, rewards, seed: 2, options: { iterations: 30, adapterCellsPerStep } }).params;
    const adapters = (params: typeof model.baseParams) => [...params.b_q, ...params.b_k];
    // Four 600-sentence documents of three blocks (200 × 202 cells each): the default budget of long-block
    // cells lets one episode's three passes into a step, where its four episodes (one per document) ask for twelve.
    const long = await Promise.all(
      [0, 7, 13, 21].map(async (offset, d) => {
        const texts = Array.from({ length: 600 }, (_, i) => sample.sentences[(i + offset) % sample.sentences.length]!.text);
        const document = trainingDocumentOf(texts.map((_, i) => `long${d}-${i}`), await readDocument(articleInput(texts.join(' '), texts), model, model.baseParams), model.baseParams);
        return { document, rewards: judged(document, texts, 0.2) };
      }),
    );
    const longTrained = (adapterCellsPerStep: number) => train(long.map((l) => l.document), long.flatMap((l) => l.rewards), adapterCellsPerStep);
    const bounded = adapters(longTrained(DEFAULT_TRAINING.adapterCellsPerStep));
    expect(Math.hypot(...bounded)).toBeGreaterThan(0.01);
    // The bound applies here: some episodes kept their att and gave the adapters nothing.
    expect(bounded).not.toEqual(adapters(longTrained(Infinity)));
    // A short document's block (64 sentences or fewer) always trains the adapters: exactly as without a bound.
    const short = trainingDocumentOf(sample.sentences.map((_, i) => `short-${i}`), await readDocument(sample, model, model.baseParams), model.baseParams);
    const shortRewards = judged(short, sample.sentences.map((s) => s.text), 1);
    expect(adapters(train([short], shortRewards, DEFAULT_TRAINING.adapterCellsPerStep))).toEqual(adapters(train([short], shortRewards, Infinity)));
    expect(Math.hypot(...adapters(train([short], shortRewards, Infinity)))).toBeGreaterThan(0.01);
  });
});
