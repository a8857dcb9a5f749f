/**
 * Fits the base head of the attention model on the public BBC dev data (../shared/eval) and writes
 * models/head.json, which ships with the app. Reports 5-fold cross-validated figures first, so the model
 * card states how the head does on articles it was not fitted on.
 *
 *   node --import tsx scripts/fit-head.ts [--l2 0.01]
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSentences } from '../src/core/eval/run-eval';
import { evalFileNames, findEvalDir, loadBbcArticles, type BbcArticle } from '../src/core/eval/datasets';
import { fitHead, type HeadExample } from '../src/core/attention/fit-head';
import type { AttentionParams } from '../src/core/attention/params';
import { readDocument, type AttentionModel } from '../src/core/extraction/analyze-document';
import { articleInput, focalSentenceExtractor } from '../src/core/extraction/eval-inputs';
import { FEATURE_NAMES } from '../src/core/extraction/sentence-features';
import { loadAttentionModel, MODEL_FILES } from '../src/main/attention/attention-model';

const HEAD_INPUT_NAMES = ['attention-received', 'user-interest', 'centrality', ...FEATURE_NAMES];
/** The user-interest term stays 0 in the base head: nothing is known about the person yet. */
const FITTED = HEAD_INPUT_NAMES.map((name) => name !== 'user-interest');
const FOLDS = 5;

async function examplesOf(articles: readonly BbcArticle[], model: AttentionModel, params: AttentionParams): Promise<HeadExample[][]> {
  const width = model.dims.F + 3;
  const out: HeadExample[][] = [];
  for (const article of articles) {
    const reading = await readDocument(articleInput(article.text, article.sentences), model, params);
    out.push(article.labels.map((label, i) => ({ inputs: reading.headInputs.slice(i * width, (i + 1) * width), label })));
  }
  return out;
}

function withHead(params: AttentionParams, head: number[], bias: number): AttentionParams {
  return { ...params, head: Float32Array.from(head), head_bias: Float32Array.from([bias]) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { l2: { type: 'string', default: '0.01' } } });
  const l2 = Number(values.l2);
  const evalDir = findEvalDir();
  if (!evalDir) {
    console.error('fit-head: needs ../shared/eval (the public dev data) beside the checkout; it is not there.');
    process.exit(1);
  }
  const modelsDir = resolve(import.meta.dirname, '..', 'models');
  const model = await loadAttentionModel(modelsDir, { preferGpu: false });
  // Fit from the built base values, not from a previous head.json.
  const { parseParams } = await import('../src/core/attention/params');
  const { readFileSync } = await import('node:fs');
  const base = parseParams(readFileSync(join(modelsDir, MODEL_FILES.base), 'utf8')).params;
  const articles = loadBbcArticles(join(evalDir, evalFileNames.bbc));
  const perArticle = await examplesOf(articles, model, base);

  const folds: Array<Awaited<ReturnType<typeof evaluateSentences>>['systems'][number]> = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = perArticle.filter((_, i) => i % FOLDS !== fold).flat();
    const held = articles.filter((_, i) => i % FOLDS === fold);
    const fitted = fitHead(train, FITTED, { l2 });
    const report = await evaluateSentences(held, { focal: focalSentenceExtractor(model, withHead(base, fitted.head, fitted.bias)) });
    folds.push(report.systems[0]!);
  }
  const mean = (pick: (s: (typeof folds)[number]) => number) => Math.round((folds.reduce((sum, s) => sum + pick(s), 0) / FOLDS) * 100) / 100;
  const crossValidated = { rouge1: mean((s) => s.rouge1), rouge2: mean((s) => s.rouge2), sentenceF1: mean((s) => s.sentenceF1) };

  const fitted = fitHead(perArticle.flat(), FITTED, { l2 });
  const head = {
    format: 'focal-attention-head',
    version: 1,
    fittedOn: `${evalFileNames.bbc}: ${articles.length} articles, ${perArticle.flat().length} sentences (labels: sentence in the reference summary)`,
    method: `L2-regularised logistic regression (l2 = ${l2}), Newton's method; scripts/fit-head.ts`,
    inputs: HEAD_INPUT_NAMES,
    head: fitted.head.map((w) => Math.round(w * 1e6) / 1e6),
    head_bias: [Math.round(fitted.bias * 1e6) / 1e6],
    trainingLogLoss: Math.round(fitted.logLoss * 1e4) / 1e4,
    crossValidated5Fold: crossValidated,
  };
  writeFileSync(join(modelsDir, MODEL_FILES.head), JSON.stringify(head, null, 2) + '\n');
  console.log(JSON.stringify(head, null, 2));
  await model.release();
}

await main();
