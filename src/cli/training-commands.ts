/** `focal train` and `focal simulate`: retraining the per-user parameters from the command line. */
import { join } from 'node:path';
import { FocalError } from '../shared/errors';
import { parseParams, serializeParams, type AttentionParams } from '../core/attention/params';
import { evalFileNames, findEvalDir, loadBbcArticles } from '../core/eval/datasets';
import { readDocument, type AnalysisInput } from '../core/extraction/analyze-document';
import { articleInput, textInput } from '../core/extraction/eval-inputs';
import type { SentenceReward } from '../core/reward/sentence-reward';
import { retrainWithCheck, scoresAlike, trainingDocumentOf, type TrainingDocument } from '../core/training/train-user-params';
import { describeLearned, type LearnedSummary } from '../core/training/describe-learned';
import { defaultTastes, patternTaste, simulateLearners, summarizeSeeds, withSlips, type LearnerSummary, type SimulationDocument, type SimulationReport, type Taste } from '../core/training/simulate';
import { loadAttentionModel, type LoadedModel } from '../main/attention/attention-model';
import { repoModelsDir } from '../main/services/compose';
import { notParams, parse, positiveInteger, readDocumentLines, readJsonLines, readParamsText, refuseOutputOverInput, writeOutput, type Command } from './cli-support';

/** Sentences compared as a person would copy them: runs of whitespace (a line break inside a sentence) count as one space. */
const sameSpacing = (text: string) => text.trim().replace(/\s+/g, ' ');

async function readParams(path: string | undefined, fallback: AttentionParams): Promise<AttentionParams> {
  if (path === undefined) return fallback;
  const json = await readParamsText(path);
  try {
    return parseParams(json, fallback).params;
  } catch (error) {
    throw notParams(path, error);
  }
}

async function readForTraining(model: LoadedModel, id: string, input: AnalysisInput, params: AttentionParams): Promise<TrainingDocument & { sentences: string[] }> {
  const reading = await readDocument(input, model, params);
  const sentences = input.sentences.map((s) => s.text);
  return { ...trainingDocumentOf(sentences.map((_, i) => `${id}#${i}`), reading, params), sentences };
}

/** A line of the summary about some feedback lines, the first few with why; nothing when there are none. */
function linesNote(lines: ReadonlyArray<{ line: number; why: string }>, saying: (count: number) => string): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, 3).map(({ line, why }) => `line ${line}: ${why}`);
  const more = lines.length > shown.length ? `; and ${lines.length - shown.length} more` : '';
  return `${saying(lines.length)} (${shown.join('; ')}${more}).\n`;
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);

export const trainCommand: Command = {
  name: 'train',
  usage: 'focal train --docs <docs.jsonl> --feedback <feedback.jsonl> --out <params.json> [--base <params.json>] [--seed N] [--json]',
  summary: 'Retrain the per-user parameters from feedback lines {"doc","sentence","reward"}; prints the held-out check.',
  async run(args) {
    const { values } = parse(args, { docs: { type: 'string' }, feedback: { type: 'string' }, out: { type: 'string' }, base: { type: 'string' }, seed: { type: 'string', default: '1' } });
    if (!values.docs || !values.feedback || !values.out) throw new FocalError('usage', 'train needs --docs, --feedback and --out.');
    await refuseOutputOverInput(values.out, [['--docs', values.docs], ['--feedback', values.feedback], ['--base', values.base]]);
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new FocalError('usage', '--seed must be a whole number.');
    const docs = await readDocumentLines(values.docs);
    const feedback = (await readJsonLines(values.feedback, 'feedback')).map(({ line, record }) => {
      const { doc, sentence, reward } = (record ?? {}) as { doc?: unknown; sentence?: unknown; reward?: unknown };
      if ((typeof doc !== 'string' && typeof doc !== 'number') || typeof sentence !== 'string' || typeof reward !== 'number' || reward < -1 || reward > 1) {
        throw new FocalError('malformed', `${values.feedback} line ${line} needs {"doc", "sentence", "reward" in −1..1}.`);
      }
      return { line, doc: String(doc), sentence: sameSpacing(sentence), reward };
    });
    const model = await loadAttentionModel(repoModelsDir());
    try {
      const start = await readParams(values.base, model.baseParams);
      const documents = [];
      for (const doc of docs) documents.push(await readForTraining(model, doc.id, textInput(doc.text), start));
      const byDoc = new Map(documents.map((d, i) => [docs[i]!.id, d]));
      // By sentence: a sentence named on two lines is rewarded once, as its later line says.
      const rewardsById = new Map<string, SentenceReward & { line: number }>();
      const unmatched: Array<{ line: number; why: string }> = [];
      const repeated: Array<{ line: number; why: string }> = [];
      for (const line of feedback) {
        const document = byDoc.get(line.doc);
        const index = document?.sentences.findIndex((s) => sameSpacing(s) === line.sentence) ?? -1;
        if (!document || index < 0) {
          unmatched.push({ line: line.line, why: document ? `document "${line.doc}" has no sentence "${line.sentence}"` : `there is no document "${line.doc}" in ${values.docs}` });
          continue;
        }
        const sentenceId = document.sentenceIds[index]!;
        const earlier = rewardsById.get(sentenceId);
        if (earlier) repeated.push({ line: line.line, why: `the sentence of line ${earlier.line}` });
        rewardsById.delete(sentenceId);
        rewardsById.set(sentenceId, { sentenceId, reward: line.reward, evidence: 1, line: line.line });
      }
      const rewards: SentenceReward[] = [...rewardsById.values()].map(({ sentenceId, reward, evidence }) => ({ sentenceId, reward, evidence }));
      // Nothing to learn from: say why rather than write parameters that only copy the start.
      if (feedback.length === 0) throw new FocalError('empty', `${values.feedback} has no feedback lines: each line is {"doc","sentence","reward"}.`);
      if (rewards.length === 0) {
        throw new FocalError('malformed', `None of the ${feedback.length} feedback lines names a sentence of the documents; line ${unmatched[0]!.line}: ${unmatched[0]!.why}. A line gives a document's id and one of its sentences as written.`);
      }
      const check = retrainWithCheck({ base: model.baseParams, start, dims: model.dims, table: model.table, documents, rewards, seed });
      await writeOutput(values.out, serializeParams(check.trained.params, model.dims));
      return {
        provider: model.provider,
        events: feedback.length,
        eventsUsed: check.trained.usedRewards,
        unmatched: unmatched.length,
        unmatchedLines: unmatched,
        repeatedLines: repeated,
        heldOutSentences: check.heldOut,
        heldOut: { before: { auc: round(check.before.auc), pairs: check.before.pairs }, after: { auc: round(check.after.auc), pairs: check.after.pairs } },
        better: check.better,
        // Scored as it started on every document given: the feedback had nothing to teach (one kind of verdict only, say).
        learnedNothing: scoresAlike(check.trained.params, start, documents, model.dims, model.table),
        setting: check.setting,
        margin: round(check.margin),
        learned: describeLearned(check.trained.params, model.baseParams, model.table, { documents, dims: model.dims }),
        out: values.out,
        // The "before" figure ranks the held-out sentences with --base: fair only if --base never learned from them.
        fromBase: values.base !== undefined,
      };
    } finally {
      await model.release();
    }
  },
  describe: (r: {
    eventsUsed: number;
    events: number;
    unmatchedLines: Array<{ line: number; why: string }>;
    repeatedLines: Array<{ line: number; why: string }>;
    heldOut: { before: { auc: number | null }; after: { auc: number | null } };
    better: boolean;
    learnedNothing: boolean;
    learned: LearnedSummary;
    out: string;
    fromBase: boolean;
  }) =>
    linesNote(r.unmatchedLines, (n) => `Skipped ${n === 1 ? '1 feedback line that names' : `${n} feedback lines that name`} no sentence of the documents`) +
    linesNote(r.repeatedLines, (n) => `${n === 1 ? '1 feedback line names' : `${n} feedback lines name`} a sentence an earlier line named; the later reward counts`) +
    `Used ${r.eventsUsed} of ${r.events} feedback events. Held-out ranking (AUC, cross-validated): ${r.heldOut.before.auc ?? '—'} before, ${r.heldOut.after.auc ?? '—'} after` +
    ` — ${r.better ? 'better, document by document on average' : 'no better document by document, so the app would keep the old parameters'}. Wrote ${r.out}.` +
    (r.fromBase ? '\nThe "before" figure is the --base parameters on the held-out sentences: fair only if --base was not trained on this feedback.' : '') +
    (r.learnedNothing ? '\nThey score every sentence as the parameters it started from: this feedback gave nothing to learn (the model learns from wanted sentences beside unwanted ones).' : '') +
    (r.learned.words.length ? `\nLeans toward words like: ${r.learned.words.join(', ')}.` : '') +
    (r.learned.moreWeight.length ? `\nMore weight on: ${r.learned.moreWeight.join(', ')}.` : '') +
    (r.learned.lessWeight.length ? `\nLess weight on: ${r.learned.lessWeight.join(', ')}.` : ''),
};

/** Points with their sign, to one decimal; a loss that rounds to 0.0 reads +0.0. */
const signed = (points: number) => {
  const rounded = Number(points.toFixed(1)) || 0;
  return `${rounded >= 0 ? '+' : ''}${rounded.toFixed(1)}`;
};

/** `--slips`: the share of sentences a learner misjudges, from 0 up to (not including) a half, where a taste turns into its opposite. */
export function slipRate(spec: string): number {
  const rate = Number(spec);
  if (spec.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate >= 0.5) {
    throw new FocalError('usage', `--slips wants a share of sentences from 0 to below 0.5, such as 0.1; got "${spec}".`);
  }
  return rate;
}

/** `A-B` or `A,B,C` → those seeds (at most 20). */
export function seedRange(spec: string): number[] {
  const range = /^(\d+)-(\d+)$/.exec(spec.trim());
  const list = /^\s*\d+(\s*,\s*\d+)*\s*$/.test(spec) ? spec.split(',').map(Number) : [];
  const seeds = range ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i) : list;
  if (seeds.length === 0 || seeds.length > 20) {
    throw new FocalError('usage', `--seeds wants a range such as 1-4 or a list such as 1,2,7 (at most 20 seeds); got "${spec}".`);
  }
  return seeds;
}

/** `NAME=REGEX` → a learner who wants the sentences matching REGEX, case-insensitive. */
export function tasteFromSpec(spec: string): Taste {
  const at = spec.indexOf('=');
  const name = spec.slice(0, at).trim();
  if (at <= 0 || !name || at === spec.length - 1) throw new FocalError('usage', `--taste wants NAME=REGEX, e.g. "sport=\\b(match|team|goal)"; got "${spec}".`);
  try {
    return patternTaste(name, new RegExp(spec.slice(at + 1), 'i'));
  } catch (error) {
    throw new FocalError('usage', `--taste ${name}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

export const simulateCommand: Command = {
  name: 'simulate',
  usage: 'focal simulate [--seed N | --seeds A-B] [--limit N] [--taste NAME=REGEX ...] [--slips RATE] [--in-sequence] [--json]',
  summary:
    'Simulated learners with different tastes give feedback; precision@5 of what they prefer on unseen documents, before and after. ' +
    'Each --taste adds a learner who wants the sentences matching REGEX (case-insensitive), e.g. --taste "sport=\\b(match|team|goal)". ' +
    '--seeds 1-4 runs every learner with each seed (its own split and events) and sums up mean and worst gains. ' +
    '--slips 0.1 makes every learner judge a fixed 10 % of sentences the other way in review (precision still counts what they prefer). ' +
    '--in-sequence retrains at each checkpoint as a person pressing Retrain at each would: the learner reviews what the version in use shows, the check judges that version on the feedback it never learned from, and a retrain turned down leaves it in use.',
  async run(args) {
    const { values } = parse(args, {
      seed: { type: 'string', default: '1' },
      seeds: { type: 'string' },
      limit: { type: 'string' },
      taste: { type: 'string', multiple: true },
      slips: { type: 'string' },
      'in-sequence': { type: 'boolean', default: false },
    });
    const inSequence = values['in-sequence'] === true;
    const seeds = values.seeds === undefined ? null : seedRange(values.seeds);
    const slips = values.slips === undefined ? 0 : slipRate(values.slips);
    const asked = (values.taste ?? []).map(tasteFromSpec);
    const tastes = [...defaultTastes(), ...asked].map((taste) => (slips > 0 ? withSlips(taste, slips) : taste));
    const limit = positiveInteger(values.limit, '--limit');
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new FocalError('usage', '--seed must be a whole number.');
    const evalDir = findEvalDir();
    if (!evalDir) throw new FocalError('not-found', 'simulate needs ../shared/eval (the public dev data), which is not here.');
    const articles = loadBbcArticles(join(evalDir, evalFileNames.bbc), limit ? { limit } : {});
    const model = await loadAttentionModel(repoModelsDir());
    try {
      const documents: SimulationDocument[] = [];
      for (const article of articles) {
        const read = await readForTraining(model, article.id, articleInput(article.text, article.sentences), model.baseParams);
        documents.push({ ...read, labels: article.labels });
      }
      // A pattern that matches nothing (a typo, a word these news articles never use) has no learner to measure.
      const unmatched = asked.filter((taste) => !documents.some((document) => document.sentenceIds.some((_, i) => taste.prefers(document, i, model.dims))));
      if (unmatched.length > 0) {
        throw new FocalError('usage', `--taste ${unmatched.map((taste) => taste.name).join(', ')}: matches no sentence of the ${documents.length} articles, so there is nothing to learn or to measure.`);
      }
      const simulate = (seed: number) => simulateLearners({ base: model.baseParams, dims: model.dims, table: model.table, documents, tastes, seed, inSequence }, () => performance.now());
      if (seeds === null) return { provider: model.provider, inSequence, ...simulate(seed) };
      const reports = seeds.map((seed) => ({ seed, ...simulate(seed) }));
      return { provider: model.provider, inSequence, seeds, summary: summarizeSeeds(reports), reports };
    } finally {
      await model.release();
    }
  },
  describe: (report: { learners?: SimulationReport['learners']; seeds?: number[]; summary?: LearnerSummary[] }) =>
    report.summary
      ? `Gain in points of precision@5 over seeds ${report.seeds!.join(', ')}: mean / worst (retrains kept; the mean had all been kept) [share of the sentences shown before it that the learner kept]; "at most": the mean gain of a model that knew the taste exactly\n` +
        report.summary
          .map(
            (l) =>
              `${l.taste.padEnd(12)} at most ${signed(l.possibleGain)}  ${l.after
                .map((a) => `${a.events}: ${signed(a.meanGain)} / ${signed(a.worstGain)} (${a.kept} of ${a.seeds}${a.kept < a.seeds ? `; ${signed(a.meanGainIfKept)}` : ''}) [${(100 * a.meanShownKept).toFixed(0)}%]`)
                .join('  ')}`,
          )
          .join('\n')
      : (report.learners ?? [])
          .map((l) => {
            const after = l.after.map((a) => `${a.events}: ${(100 * a.precisionAt5).toFixed(1)} (${signed(a.gain)}${a.kept ? '' : `, old kept; new ${signed(a.gainIfKept)}`}) [${(100 * a.shownKept).toFixed(0)}%]`);
            return `${l.taste.padEnd(12)} before ${(100 * l.before.precisionAt5).toFixed(1)} (at most ${(100 * l.perfectPrecisionAt5).toFixed(1)})  ${after.join('  ')}`;
          })
          .join('\n'),
};
