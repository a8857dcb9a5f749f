/**
 * Runs extractors over an evaluation set and reports the protocol's macro figures per system, as plain
 * JSON-able objects. Extractors run one at a time, in order, so timings do not overlap.
 */
import type { BbcArticle, KeyphraseDatasetKind, KeyphraseDocument } from './datasets';
import { goldSentences } from './datasets';
import { macroAverageKeyphraseScores, scoreKeyphrases, type KeyphraseScores } from './keyphrase-metrics';
import { publishedFiguresFor, type PublishedFigure } from './published-figures';
import { macroAverageSentenceScores, scoreChosenSentences, type SentenceScores } from './sentence-metrics';

/** Chooses k of an article's sentences, by index. */
export type SentenceExtractor = (sentences: readonly string[], k: number) => number[] | Promise<number[]>;
/** Ranks a document's phrases, best first. */
export type KeyphraseExtractor = (text: string) => string[] | Promise<string[]>;

/**
 * What stands in for a missing choice. 'lead': an extractor that throws gets Lead-k for that article, and
 * one that returns fewer than k valid indices has its choice filled with the earliest sentences it left
 * out — the protocol always scores k sentences. 'none': score what was returned (nothing after a throw).
 */
export type SentenceFallback = 'lead' | 'none';

export interface EvalOptions {
  /** Milliseconds from any fixed origin, for timing (e.g. performance.now); without it no times are reported. */
  clock?: () => number;
}

export interface SentenceEvalOptions extends EvalOptions {
  fallback?: SentenceFallback;
}

export interface ConceptEvalOptions extends EvalOptions {
  /** Which data set the documents come from, to attach the published figures for it. */
  dataset?: KeyphraseDatasetKind;
}

export interface Timing {
  totalMs: number;
  perItemMs: number;
}

export interface SentenceSystemReport {
  system: string;
  /** Macro averages over articles, in percent. */
  rouge1: number;
  rouge2: number;
  sentenceF1: number;
  failures: {
    /** Articles where the extractor threw or returned something other than a list. */
    threw: number;
    /** Articles where it gave fewer than k valid, distinct indices. */
    short: number;
    /** Entries dropped: not an integer index into the article, or repeated. */
    invalid: number;
    /** Articles where it gave more than k indices (the first k are kept). */
    overlong: number;
  };
  /** Up to three distinct error messages, for diagnosis. */
  errors: string[];
  timing?: Timing;
}

export interface SentenceReport {
  task: 'key-sentences';
  articles: number;
  fallback: SentenceFallback;
  systems: SentenceSystemReport[];
}

export interface KeyphraseSystemReport {
  system: string;
  /** Macro averages over documents, in percent. */
  f1At5: number;
  f1At10: number;
  precisionAt5: number;
  recallAt5: number;
  precisionAt10: number;
  recallAt10: number;
  /** Documents where the extractor threw or returned something other than a list; they score 0. */
  failures: { threw: number };
  errors: string[];
  timing?: Timing;
}

export interface KeyphraseReport {
  task: 'concepts';
  dataset: KeyphraseDatasetKind | null;
  documents: number;
  systems: KeyphraseSystemReport[];
  /** Test-split figures from the literature for the same data set; these documents are dev documents. */
  published: PublishedFigure[];
}

const MAX_ERRORS = 3;

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

function percent(fraction: number): number {
  return round(100 * fraction, 2);
}

function noteError(errors: string[], error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (errors.length < MAX_ERRORS && !errors.includes(message)) errors.push(message);
}

/** Times `run` with the clock when there is one. */
async function timed<T>(clock: (() => number) | undefined, spent: { ms: number }, run: () => Promise<T>): Promise<T> {
  const start = clock?.();
  try {
    return await run();
  } finally {
    if (clock && start !== undefined) spent.ms += clock() - start;
  }
}

function timing(clock: (() => number) | undefined, spent: { ms: number }, items: number): Timing | undefined {
  if (!clock) return undefined;
  return { totalMs: round(spent.ms, 1), perItemMs: round(spent.ms / Math.max(items, 1), 2) };
}

export interface SettledChoice {
  indices: number[];
  invalid: number;
  short: boolean;
  overlong: boolean;
}

/**
 * An extractor's answer made into k distinct indices: invalid and repeated entries dropped, extras cut,
 * and — with the 'lead' fallback — gaps filled with the earliest sentences not yet chosen.
 */
export function settleChoice(answer: readonly unknown[], sentenceCount: number, k: number, fallback: SentenceFallback = 'lead'): SettledChoice {
  const want = Math.min(k, sentenceCount);
  const seen = new Set<number>();
  let invalid = 0;
  for (const entry of answer) {
    if (typeof entry === 'number' && Number.isInteger(entry) && entry >= 0 && entry < sentenceCount && !seen.has(entry)) seen.add(entry);
    else invalid++;
  }
  const indices = [...seen].slice(0, want);
  const short = indices.length < want;
  if (short && fallback === 'lead') {
    for (let index = 0; indices.length < want; index++) if (!seen.has(index)) indices.push(index);
  }
  return { indices, invalid, short, overlong: seen.size > want };
}

export async function evaluateSentences(
  articles: readonly BbcArticle[],
  extractors: Record<string, SentenceExtractor>,
  options: SentenceEvalOptions = {},
): Promise<SentenceReport> {
  const fallback = options.fallback ?? 'lead';
  const golds = articles.map(goldSentences);
  const systems: SentenceSystemReport[] = [];
  for (const [system, extract] of Object.entries(extractors)) {
    const failures = { threw: 0, short: 0, invalid: 0, overlong: 0 };
    const errors: string[] = [];
    const spent = { ms: 0 };
    const scores: SentenceScores[] = [];
    for (const [at, article] of articles.entries()) {
      let answer: readonly unknown[] = [];
      let threw = false;
      try {
        const raw: unknown = await timed(options.clock, spent, async () => extract(article.sentences, article.k));
        if (!Array.isArray(raw)) throw new Error(`returned ${typeof raw}, not a list of indices`);
        answer = raw;
      } catch (error) {
        threw = true;
        failures.threw++;
        noteError(errors, error);
      }
      const settled = settleChoice(answer, article.sentences.length, article.k, fallback);
      if (!threw && settled.short) failures.short++;
      if (settled.overlong) failures.overlong++;
      failures.invalid += settled.invalid;
      const chosen = [...settled.indices].sort((a, b) => a - b).map((index) => article.sentences[index]!);
      scores.push(scoreChosenSentences(chosen, golds[at]!));
    }
    const mean = macroAverageSentenceScores(scores);
    const report: SentenceSystemReport = {
      system,
      rouge1: percent(mean.rouge1),
      rouge2: percent(mean.rouge2),
      sentenceF1: percent(mean.sentenceF1),
      failures,
      errors,
    };
    const time = timing(options.clock, spent, articles.length);
    if (time) report.timing = time;
    systems.push(report);
  }
  return { task: 'key-sentences', articles: articles.length, fallback, systems };
}

export async function evaluateConcepts(
  documents: readonly KeyphraseDocument[],
  extractors: Record<string, KeyphraseExtractor>,
  options: ConceptEvalOptions = {},
): Promise<KeyphraseReport> {
  const systems: KeyphraseSystemReport[] = [];
  for (const [system, extract] of Object.entries(extractors)) {
    const failures = { threw: 0 };
    const errors: string[] = [];
    const spent = { ms: 0 };
    const scores: KeyphraseScores[] = [];
    for (const document of documents) {
      let ranked: string[] = [];
      try {
        const raw: unknown = await timed(options.clock, spent, async () => extract(document.text));
        if (!Array.isArray(raw)) throw new Error(`returned ${typeof raw}, not a list of phrases`);
        ranked = raw.filter((phrase): phrase is string => typeof phrase === 'string');
      } catch (error) {
        failures.threw++;
        noteError(errors, error);
      }
      scores.push(scoreKeyphrases(ranked, document.keys));
    }
    const mean = macroAverageKeyphraseScores(scores);
    const report: KeyphraseSystemReport = {
      system,
      f1At5: round(mean.f1At5, 2),
      f1At10: round(mean.f1At10, 2),
      precisionAt5: round(mean.precisionAt5, 2),
      recallAt5: round(mean.recallAt5, 2),
      precisionAt10: round(mean.precisionAt10, 2),
      recallAt10: round(mean.recallAt10, 2),
      failures,
      errors,
    };
    const time = timing(options.clock, spent, documents.length);
    if (time) report.timing = time;
    systems.push(report);
  }
  return {
    task: 'concepts',
    dataset: options.dataset ?? null,
    documents: documents.length,
    systems,
    published: options.dataset ? publishedFiguresFor(options.dataset) : [],
  };
}
