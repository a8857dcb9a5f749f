/**
 * Simulated learners: people with consistent tastes review the model's chosen sentences on training
 * documents (keeping what they like, dismissing the rest, now and then making a card by hand from a liked
 * sentence the model passed over); the model is retrained from their events, and the report compares
 * precision@5 of their preferred sentences on documents they never saw, before and after.
 */
import { HEAD_LEADING_TERMS, type AttentionDims, type AttentionParams } from '../attention/params';
import { FEATURE_NAMES } from '../extraction/sentence-features';
import type { EmbeddingTable } from '../attention/embedding-table';
import { seededRandom, shuffleInPlace } from '../seeded-random';
import { selectKeySentences } from '../extraction/select-key-sentences';
import { sentenceRewards, type SentenceEvent } from '../reward/sentence-reward';
import { sentencesFirstJudgedAfter } from '../reward/first-judged';
import { retrainWithCheck, salienceUnder, type TrainingDocument, type TrainingOptions, type TrainingSettingName } from './train-user-params';

/** Feature columns of sentence-features.ts in the head's inputs, after the head's leading terms. */
const DEFINITION_CUE = HEAD_LEADING_TERMS + FEATURE_NAMES.indexOf('definition-cue');
const NUMBERS = HEAD_LEADING_TERMS + FEATURE_NAMES.indexOf('numbers');

export interface SimulationDocument extends TrainingDocument {
  sentences: readonly string[];
  /** Reference-summary labels (BBC), for the general-quality check. */
  labels?: readonly (0 | 1)[];
}

/** A consistent taste: whether the learner wants a card from sentence `index` of `document`. */
export interface Taste {
  name: string;
  /** Whether the learner wants the sentence: what precision is counted against. */
  prefers(document: SimulationDocument, index: number, dims: AttentionDims): boolean;
  /** How the learner judges the sentence in review, where that differs from `prefers` (see `withSlips`). */
  judges?(document: SimulationDocument, index: number, dims: AttentionDims): boolean;
}

const TOPIC_WORDS =
  /\b(econom\w*|market\w*|bank\w*|price\w*|money|tax\w*|profit\w*|sales|growth|inflation|shares?|investor\w*|dollar\w*|pound|euro\w*|costs?|firms?|compan\w+|deal\w*|jobs?|oil|trade|spending|budget|debt)\b/i;

/** A deterministic draw in [0, 1) per sentence id and seed: the same each time the sentence comes up. */
function draw(id: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return seededRandom(h)();
}

/** Deterministic coin per sentence id and seed: a preference that is consistent but says nothing about content. */
function coin(id: string, seed: number): boolean {
  return draw(id, seed) < 0.5;
}

/**
 * The same taste, judged the other way on a fixed share `rate` of sentences (drawn per sentence, so the same
 * sentence is misjudged every time): a person who slips — keeps a sentence they do not care for, dismisses one
 * they would have wanted, makes a card of something off-topic. Precision is still counted against the taste.
 */
export function withSlips(taste: Taste, rate: number, seed = 11): Taste {
  const judges = taste.judges ?? taste.prefers;
  return { name: `${taste.name}~${Math.round(rate * 100)}%`, prefers: taste.prefers, judges: (doc, i, dims) => judges(doc, i, dims) !== (draw(doc.sentenceIds[i]!, seed) < rate) };
}

export function definitionsTaste(): Taste {
  return { name: 'definitions', prefers: (doc, i, dims) => doc.headInputs[i * (dims.F + 3) + DEFINITION_CUE]! > 0.5 };
}

export function numbersTaste(): Taste {
  return { name: 'numbers', prefers: (doc, i, dims) => doc.headInputs[i * (dims.F + 3) + NUMBERS]! > 0.5 };
}

/** Wants the sentences whose text matches `pattern`: a taste for words, names or punctuation. */
export function patternTaste(name: string, pattern: RegExp): Taste {
  // A global or sticky pattern would carry lastIndex from one sentence to the next.
  const matcher = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  return { name, prefers: (doc, i) => matcher.test(doc.sentences[i]!) };
}

/** Cares about money and the economy, by the words a sentence uses. */
export function topicTaste(words: RegExp = TOPIC_WORDS): Taste {
  return patternTaste('topic', words);
}

/** Keeps or dismisses at random, independent of content (a fixed coin per sentence). */
export function noPreferenceTaste(seed = 7): Taste {
  return { name: 'none', prefers: (doc, i) => coin(doc.sentenceIds[i]!, seed) };
}

export function defaultTastes(): Taste[] {
  return [definitionsTaste(), numbersTaste(), topicTaste(), noPreferenceTaste()];
}

export interface SimulationInput {
  base: AttentionParams;
  dims: AttentionDims;
  table: EmbeddingTable;
  documents: readonly SimulationDocument[];
  tastes?: readonly Taste[];
  /** Event counts after which the model is retrained and measured. */
  checkpoints?: readonly number[];
  seed: number;
  /** Start of the simulated clock (epoch ms); events are a minute apart. */
  startTime?: number;
  /** Share of documents kept unseen for measuring. */
  testShare?: number;
  /** How many sentences the model shows per document and precision is measured at. */
  shown?: number;
  /** Chance that a learner makes a card by hand from a liked sentence the model did not show. */
  handMadeRate?: number;
  training?: TrainingOptions;
  /**
   * Retrain at each checkpoint as a person who pressed Retrain at each does: the check judges the version then
   * in use (the newest kept one) on the sentences first judged after its feedback, and a retrain turned down
   * leaves that version in use. The learner reviews the documents as the version in use shows them, so what a kept
   * retrain learned changes the feedback after it. Otherwise each checkpoint is a first retrain on the feedback to
   * what the shipped model showed, judged against the shipped model.
   */
  inSequence?: boolean;
}

export interface CheckpointResult {
  events: number;
  /** Whether the retrained parameters were kept (the cross-validated check found them better). */
  kept: boolean;
  /** The check's chosen setting and its margin in standard errors (see `RetrainReport`). */
  setting: TrainingSettingName;
  margin: number | null;
  precisionAt5: number;
  /** Points (percentage) gained over the base parameters. */
  gain: number;
  /** Points the retrained parameters gain whatever the check said: `gain` when kept; what turning a retrain down cost, or saved, when not. */
  gainIfKept: number;
  /** How many events the version the check judged against had learned from: 0 for the shipped model. */
  judgedAgainst: number;
  /**
   * Share of the sentences shown on the training documents since the previous checkpoint that the learner kept:
   * how the model in use while they reviewed them (in sequence, the newest kept version) suited them. Documents are
   * reviewed whole, so the rest of one begun before the previous checkpoint (shown by the version before) counts here.
   */
  shownKept: number;
  goldPrecisionAt5: number | null;
  trainMs: number;
}

export interface LearnerReport {
  taste: string;
  /** Share of the unseen documents' sentences the learner prefers: precision of a random pick. */
  preferredShare: number;
  before: { precisionAt5: number; goldPrecisionAt5: number | null };
  /**
   * Precision@5 of a model that knows the taste exactly (the preferred sentences first, then by salience,
   * picked as the app picks): the most any retrain could reach, so `100 × (this − before)` is the largest
   * possible gain. A taste with few preferred sentences per document cannot gain much however well it is learnt.
   */
  perfectPrecisionAt5: number;
  after: CheckpointResult[];
}

export interface SimulationReport {
  trainingDocuments: number;
  testDocuments: number;
  learners: LearnerReport[];
}

const shuffled = <T,>(items: readonly T[], random: () => number): T[] => shuffleInPlace([...items], random);

function shownSentences(params: AttentionParams, document: SimulationDocument, dims: AttentionDims, table: EmbeddingTable, k: number): number[] {
  return selectKeySentences({ salience: salienceUnder(params, document, dims, table), vectors: document.vectors, dims: dims.D }, k);
}

/** Salience far above any the model gives: a preferred sentence always outranks one that is not. */
const PREFERRED_LIFT = 1e6;

/** The app's choice of k sentences when the preferred ones are lifted above all others: what a perfect model of the taste shows. */
function perfectSentences(
  params: AttentionParams,
  document: SimulationDocument,
  dims: AttentionDims,
  table: EmbeddingTable,
  k: number,
  prefers: (document: SimulationDocument, index: number) => boolean,
): number[] {
  const salience = salienceUnder(params, document, dims, table).map((s, i) => (prefers(document, i) ? s + PREFERRED_LIFT : s));
  return selectKeySentences({ salience, vectors: document.vectors, dims: dims.D }, k);
}

interface ReviewerInput {
  taste: Taste;
  dims: AttentionDims;
  table: EmbeddingTable;
  documents: readonly SimulationDocument[];
  seed: number;
  startTime: number;
  shown: number;
  handMadeRate: number;
}

/**
 * One learner going through the training documents in order. `reviewUntil(limit, params)` has them review whole
 * documents, as the model `params` shows them, until they have given at least `limit` events, and returns every
 * event so far: a retrain in between changes what the documents after it show, as it does in the app.
 */
export function learnerReviews(input: ReviewerInput): { reviewUntil(limit: number, params: AttentionParams): readonly SentenceEvent[] } {
  const { taste, dims } = input;
  const judges = taste.judges ?? taste.prefers;
  const random = seededRandom(input.seed);
  const events: SentenceEvent[] = [];
  const push = (kind: SentenceEvent['kind'], sentenceId: string) => events.push({ kind, sentenceId, time: input.startTime + events.length * 60_000 });
  let next = 0;
  return {
    reviewUntil(limit, params) {
      for (; next < input.documents.length && events.length < limit; next++) {
        const document = input.documents[next]!;
        const shown = shownSentences(params, document, dims, input.table, input.shown);
        for (const i of shown) push(judges(document, i, dims) ? 'candidate-accepted' : 'candidate-dismissed', document.sentenceIds[i]!);
        const missed = document.sentenceIds.flatMap((_, i) => (!shown.includes(i) && judges(document, i, dims) ? [i] : []));
        if (missed.length > 0 && random() < input.handMadeRate) push('card-made-by-hand', document.sentenceIds[missed[Math.floor(random() * missed.length)]!]!);
      }
      return events;
    },
  };
}

/** What one learner does on the training documents, in order, until `limit` events, all shown by `params`. */
export function learnerEvents(input: ReviewerInput & { params: AttentionParams; limit: number }): SentenceEvent[] {
  return learnerReviews(input).reviewUntil(input.limit, input.params).slice(0, input.limit);
}

/** Share of the sentences `pick` chooses in each document that are hits; null when some hit cannot be judged. */
function precisionOf(
  documents: readonly SimulationDocument[],
  pick: (document: SimulationDocument) => readonly number[],
  isHit: (document: SimulationDocument, index: number) => boolean | null,
): number | null {
  let hits = 0;
  let total = 0;
  for (const document of documents) {
    for (const i of pick(document)) {
      const hit = isHit(document, i);
      if (hit === null) return null;
      total++;
      if (hit) hits++;
    }
  }
  return total ? hits / total : 0;
}

function precisionAt(
  params: AttentionParams,
  documents: readonly SimulationDocument[],
  dims: AttentionDims,
  table: EmbeddingTable,
  k: number,
  isHit: (document: SimulationDocument, index: number) => boolean | null,
): number | null {
  return precisionOf(documents, (document) => shownSentences(params, document, dims, table, k), isHit);
}

/** Runs every learner; `now` is never read: timing uses `clock`, which the caller passes (e.g. performance.now). */
export function simulateLearners(input: SimulationInput, clock: () => number = () => 0): SimulationReport {
  const { base, dims, seed, table } = input;
  const tastes = input.tastes ?? defaultTastes();
  const checkpoints = input.checkpoints ?? [50, 200, 1000];
  const shown = input.shown ?? 5;
  const order = shuffled(input.documents, seededRandom(seed));
  const testCount = Math.round(order.length * (input.testShare ?? 0.33));
  const test = order.slice(0, testCount);
  const train = order.slice(testCount);
  const gold = (document: SimulationDocument, i: number) => (document.labels ? document.labels[i] === 1 : null);
  const goldBefore = precisionAt(base, test, dims, table, shown, gold);

  const learners = tastes.map((taste, t): LearnerReport => {
    const prefers = (document: SimulationDocument, i: number) => taste.prefers(document, i, dims);
    const before = precisionAt(base, test, dims, table, shown, prefers)!;
    let preferred = 0;
    let sentences = 0;
    for (const document of test) for (let i = 0; i < document.sentenceIds.length; i++, sentences++) if (prefers(document, i)) preferred++;
    const reviews = learnerReviews({
      taste,
      dims,
      table,
      documents: shuffled(train, seededRandom(seed + 101 * (t + 1))),
      seed: seed + t,
      startTime: input.startTime ?? 0,
      shown,
      handMadeRate: input.handMadeRate ?? 0.5,
    });
    // In sequence, the learner reviews what the version in use shows, up to each checkpoint; otherwise always the shipped model.
    let events: readonly SentenceEvent[] = input.inSequence ? [] : reviews.reviewUntil(Math.max(...checkpoints), base);
    const eventTime = (index: number) => events[index]!.time;
    // The version in use and how many events it learned from (the shipped model: none).
    let inUse = { params: base, events: 0 };
    let reviewed = 0;
    const after = checkpoints.map((count): CheckpointResult => {
      if (input.inSequence) events = reviews.reviewUntil(count, inUse.params);
      const started = clock();
      const feedback = events.slice(0, count);
      const answers = feedback.slice(reviewed).filter((e) => e.kind === 'candidate-accepted' || e.kind === 'candidate-dismissed');
      reviewed = feedback.length;
      const incumbent = input.inSequence ? inUse : { params: base, events: 0 };
      // As the app does: the retrained parameters replace the ones in use only when cross-validation says they are better.
      const check = retrainWithCheck({
        base,
        start: base,
        incumbent: incumbent.params,
        judgedSentences: incumbent.events > 0 ? sentencesFirstJudgedAfter(eventTime(incumbent.events - 1), feedback) : undefined,
        dims,
        table,
        documents: train,
        rewards: sentenceRewards(feedback),
        seed: seed + t,
        options: input.training,
      });
      const trainMs = clock() - started;
      if (check.better) inUse = { params: check.trained.params, events: Math.min(count, events.length) };
      const params = check.better ? check.trained.params : incumbent.params;
      const precision = precisionAt(params, test, dims, table, shown, prefers)!;
      const precisionIfKept = check.better ? precision : precisionAt(check.trained.params, test, dims, table, shown, prefers)!;
      return {
        events: Math.min(count, events.length),
        kept: check.better,
        setting: check.setting,
        margin: check.margin,
        precisionAt5: precision,
        gain: 100 * (precision - before),
        gainIfKept: 100 * (precisionIfKept - before),
        judgedAgainst: incumbent.events,
        shownKept: answers.length ? answers.filter((e) => e.kind === 'candidate-accepted').length / answers.length : 0,
        goldPrecisionAt5: precisionAt(params, test, dims, table, shown, gold),
        trainMs,
      };
    });
    return {
      taste: taste.name,
      preferredShare: sentences ? preferred / sentences : 0,
      before: { precisionAt5: before, goldPrecisionAt5: goldBefore },
      perfectPrecisionAt5: precisionOf(test, (document) => perfectSentences(base, document, dims, table, shown, prefers), prefers)!,
      after,
    };
  });
  return { trainingDocuments: train.length, testDocuments: test.length, learners };
}

export interface LearnerSummary {
  taste: string;
  /** Mean over the seeds of the largest possible gain in points (see `perfectPrecisionAt5`). */
  possibleGain: number;
  /**
   * Per checkpoint, over the seeds: mean and worst gain in points, in how many seeds the retrain was kept, the mean
   * gain had every retrain been kept, and the mean share of shown sentences kept since the previous checkpoint.
   */
  after: Array<{ events: number; meanGain: number; worstGain: number; kept: number; seeds: number; meanGainIfKept: number; meanShownKept: number }>;
}

/** The same learners run with several seeds (each its own split of documents and its own events), summed up. */
export function summarizeSeeds(reports: readonly SimulationReport[]): LearnerSummary[] {
  const first = reports[0];
  if (!first) return [];
  return first.learners.map((learner, l) => ({
    taste: learner.taste,
    possibleGain: reports.reduce((sum, report) => sum + 100 * (report.learners[l]!.perfectPrecisionAt5 - report.learners[l]!.before.precisionAt5), 0) / reports.length,
    after: learner.after.map((checkpoint, c) => {
      const gains = reports.map((report) => report.learners[l]!.after[c]!.gain);
      const mean = (values: number[]) => values.reduce((a, g) => a + g, 0) / values.length;
      return {
        events: checkpoint.events,
        meanGain: mean(gains),
        worstGain: Math.min(...gains),
        kept: reports.filter((report) => report.learners[l]!.after[c]!.kept).length,
        seeds: reports.length,
        meanGainIfKept: mean(reports.map((report) => report.learners[l]!.after[c]!.gainIfKept)),
        meanShownKept: mean(reports.map((report) => report.learners[l]!.after[c]!.shownKept)),
      };
    }),
  }));
}
