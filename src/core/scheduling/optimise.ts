/**
 * Fitting FSRS weights to the user's own review history with @open-spaced-repetition/binding (fsrs-rs),
 * then keeping whichever weights — current or fitted — predict this history better.
 *
 * History → training items as fsrs-rs's own converter does: per card, the answers since it was last new,
 * each answer's gap in whole study days (day-start hour and time zone applied), one item per answer after
 * the first, kept when it contains a gap of at least a day. Below MIN_TRAINING_REVIEWS such items the
 * optimiser mostly returns its defaults silently, so we say "too little history" instead of pretending.
 *
 * Evaluation replays each card's answers through the FSRS memory model and predicts recall before every
 * answer given at least a day after the previous one: log-loss and RMSE of predicted recall against the
 * outcome (recalled = not Again).
 */
import { type CardHistory, cardHistories } from './card-histories';
import { DEFAULT_WEIGHTS, createMemoryModel } from './fsrs-adapter';
import type { LogEntry } from './review-log';
import type { SchedulerSettings } from './scheduler-settings';
import type { UtcOffset } from './study-day';

export { type CardHistory, type TrainingReview, cardHistories } from './card-histories';

/** Fewer answers with a day's gap than this and the fit is not attempted (a few hundred, as FSRS's authors advise). */
export const MIN_TRAINING_REVIEWS = 400;

export interface Evaluation {
  logLoss: number;
  rmse: number;
  /** Answers predicted (those at least a day after the previous one). */
  predictions: number;
}

export type ComputeWeights = (
  items: CardHistory[],
  options: { numRelearningSteps: number; timeoutMs?: number; progress?: (done: number, total: number) => void },
) => Promise<number[]>;

export interface OptimiseOptions {
  /** The weights in use now; FSRS-6 defaults when absent. */
  currentWeights?: readonly number[];
  utcOffset?: UtcOffset;
  minTrainingReviews?: number;
  timeoutMs?: number;
  progress?: (done: number, total: number) => void;
  /** The fitting step; fsrs-rs through the binding by default (replaceable in tests). */
  computeWeights?: ComputeWeights;
}

export type OptimiseResult =
  | { kind: 'too-little-history'; trainingReviews: number; required: number; message: string }
  | {
      kind: 'improved' | 'kept-current';
      /** The weights to use from now on: the fitted ones when they predict better, else the current ones. */
      weights: number[];
      fitted: number[];
      current: Evaluation;
      candidate: Evaluation;
      trainingReviews: number;
      /** The optimiser gave back its defaults unchanged (it does so silently when it cannot fit). */
      fittedAreDefaults: boolean;
      message: string;
    };

/** fsrs-rs's training items: every prefix of a history that ends after its first answer and spans a day. */
export function trainingItems(histories: readonly CardHistory[]): CardHistory[] {
  const items: CardHistory[] = [];
  for (const history of histories) {
    let longTerm = false;
    for (let i = 1; i < history.length; i++) {
      if (history[i]!.deltaT > 0) longTerm = true;
      if (longTerm) items.push(history.slice(0, i + 1));
    }
  }
  return items;
}

export function evaluateWeights(histories: readonly CardHistory[], weights: readonly number[], relearningSteps = 1): Evaluation {
  const model = createMemoryModel(weights, relearningSteps);
  let logLoss = 0;
  let squared = 0;
  let predictions = 0;
  for (const history of histories) {
    let memory: { stability: number; difficulty: number } | null = null;
    for (let i = 0; i < history.length; i++) {
      const { rating, deltaT } = history[i]!;
      if (memory && i > 0 && deltaT > 0) {
        const p = Math.min(1 - 1e-6, Math.max(1e-6, model.recall(deltaT, memory.stability)));
        const recalled = rating > 1 ? 1 : 0;
        logLoss -= recalled ? Math.log(p) : Math.log(1 - p);
        squared += (recalled - p) ** 2;
        predictions++;
      }
      memory = model.next(memory, deltaT, rating);
    }
  }
  return predictions ? { logLoss: logLoss / predictions, rmse: Math.sqrt(squared / predictions), predictions } : { logLoss: NaN, rmse: NaN, predictions: 0 };
}

const computeWithBinding: ComputeWeights = async (items, options) => {
  const binding = await import('@open-spaced-repetition/binding');
  const bindingItems = items.map((item) => new binding.FSRSBindingItem(item.map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT))));
  return binding.computeParameters(bindingItems, {
    enableShortTerm: true,
    numRelearningSteps: options.numRelearningSteps,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
};

function sameWeights(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((w, i) => Math.abs(w - b[i]!) < 1e-4);
}

export async function optimiseParameters(log: readonly LogEntry[], settings: SchedulerSettings, options: OptimiseOptions = {}): Promise<OptimiseResult> {
  const required = options.minTrainingReviews ?? MIN_TRAINING_REVIEWS;
  const histories = cardHistories(log, settings.dayStartHour, options.utcOffset);
  const items = trainingItems(histories);
  if (items.length < required) {
    return {
      kind: 'too-little-history',
      trainingReviews: items.length,
      required,
      message: `Too little history to personalise the scheduler: ${items.length} of ${required} reviews at least a day apart. The default parameters stay in use.`,
    };
  }

  const relearningSteps = settings.relearningStepsMinutes.length;
  const current = [...(options.currentWeights ?? DEFAULT_WEIGHTS)];
  const compute = options.computeWeights ?? computeWithBinding;
  const fitted = await compute(items, {
    numRelearningSteps: relearningSteps,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const currentScore = evaluateWeights(histories, current, relearningSteps);
  const candidateScore = evaluateWeights(histories, fitted, relearningSteps);
  const improved = candidateScore.logLoss < currentScore.logLoss;
  const fittedAreDefaults = sameWeights(fitted, DEFAULT_WEIGHTS);
  return {
    kind: improved ? 'improved' : 'kept-current',
    weights: improved ? fitted : current,
    fitted,
    current: currentScore,
    candidate: candidateScore,
    trainingReviews: items.length,
    fittedAreDefaults,
    message: improved
      ? `New parameters predict your reviews better (log-loss ${candidateScore.logLoss.toFixed(4)} vs ${currentScore.logLoss.toFixed(4)}).`
      : `The current parameters still predict your reviews as well or better (log-loss ${currentScore.logLoss.toFixed(4)} vs ${candidateScore.logLoss.toFixed(4)}); they stay.`,
  };
}
