/**
 * The one file that imports ts-fsrs: converts Focal's stored card memory (epoch ms, string states) to
 * ts-fsrs cards and back, and exposes the scheduler's answers, previews and recall predictions.
 * The maths is ts-fsrs's (FSRS-6, https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm).
 *
 * Fuzz is seeded from the card's id and memory (repetitions, D·S), not the time: the intervals the rating
 * buttons preview when a card is shown are the ones an answer a few seconds later schedules, and an answer is
 * reproducible from (card, now), so replaying the log gives the same intervals the user saw.
 */
import {
  type Card,
  type FSRSParameters,
  type Grade,
  type TLearningStepsStrategy,
  type TSeedStrategy,
  BasicLearningStepsStrategy,
  ConvertStepUnitToMinutes,
  FSRSAlgorithm,
  State,
  StrategyMode,
  default_w,
  fsrs,
  generatorParameters,
  migrateParameters,
} from 'ts-fsrs';
import { type CardMemory, type CardState, Rating, RATINGS, cardMemoryOf } from './card-memory';
import { formatInterval } from './interval-label';
import type { ReviewEntry } from './review-log';
import type { SchedulerSettings } from './scheduler-settings';
import { fixedUtcOffset, type UtcOffset } from './study-day';

/** A card as the scheduler needs it: its id (seeds the fuzz) and its memory; a stored row with more fields fits. */
export type SchedulableCard = CardMemory & { id: string };

export interface IntervalPreview {
  rating: Rating;
  due: number;
  intervalMs: number;
  /** What the rating button shows: "<1m", "10m", "3d"… */
  label: string;
}

export interface AnswerOutcome {
  memory: CardMemory;
  entry: ReviewEntry;
}

export interface Scheduler {
  readonly settings: SchedulerSettings;
  /** The FSRS-6 weights in use (21 numbers). */
  readonly weights: readonly number[];
  previewIntervals(card: SchedulableCard, now: number): Record<Rating, IntervalPreview>;
  /** The card after the answer, and the log entry that records it. `elapsedMs` is how long the user took. */
  answer(card: SchedulableCard, rating: Rating, now: number, elapsedMs: number): AnswerOutcome;
  /** Probability of recall at `now` (0 for a new card). */
  retrievability(card: SchedulableCard, now: number): number;
}

export interface SchedulerOptions {
  /** Optimised weights (17, 19 or 21 numbers; older versions are migrated); FSRS-6 defaults when absent. */
  weights?: readonly number[];
  /** Ids for log entries; `${cardId}@${now}` when absent (unique: a card is answered at most once a millisecond). */
  newId?: () => string;
  /**
   * The person's time zone, so that days between reviews are study days (local, from the day-start hour); UTC
   * when absent. The app passes the host's zone, as its queue and statistics do.
   */
  utcOffset?: UtcOffset;
}

export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([...default_w]);

const STATE_TO_FSRS: Record<CardState, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };
const STATE_FROM_FSRS: Record<State, CardState> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };

type SeededCard = Card & { card_id: string };

/**
 * An instant moved so that its UTC date is its study day. ts-fsrs counts the days between reviews by UTC calendar
 * dates: without this, a card learnt at 18:50 in New York and answered again at 19:00 (midnight UTC) counted as a day
 * later and got 5 days instead of 2. Every instant given to ts-fsrs is moved this way, and every one it returns back.
 */
export type StudyClock = (ms: number) => number;

export function studyClock(dayStartHour: number, offset: UtcOffset): StudyClock {
  return (ms) => ms + offset(ms) * 60_000 - dayStartHour * 3_600_000;
}

/**
 * The real instant of a study time: the inverse of `studyClock`, at the offset of that instant itself. A due date
 * days away is moved back by its own offset, not the answer's: across a change to or from summer time, moved by the
 * answer's, a 1-day interval fell on the same study day and a 4-day one three days on.
 */
export function fromStudyClock(dayStartHour: number, offset: UtcOffset): StudyClock {
  return (studyMs) => {
    const local = studyMs + dayStartHour * 3_600_000;
    // The offset depends on the instant solved for; two rounds settle it (as studyDayStart does).
    let ms = local - offset(local) * 60_000;
    ms = local - offset(ms) * 60_000;
    return ms;
  };
}

function toFsrsCard(card: SchedulableCard, toStudyTime: StudyClock): SeededCard {
  return {
    card_id: card.id,
    due: new Date(toStudyTime(card.due)),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_TO_FSRS[card.state],
    ...(card.lastReview === null ? {} : { last_review: new Date(toStudyTime(card.lastReview)) }),
  };
}

/**
 * A card ts-fsrs answered at study time `now + shift`, its instants moved back: by `shift` for the answer's time and a
 * learning step's minutes (exact elapsed time), by their own offset for due dates days away (`realDue`).
 */
function fromFsrsCard(card: Card, shift: number, fromStudyTime: StudyClock): CardMemory {
  return {
    state: STATE_FROM_FSRS[card.state],
    due: realDue(card, shift, fromStudyTime),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ? card.last_review.getTime() - shift : null,
  };
}

function realDue(card: Card, shift: number, fromStudyTime: StudyClock): number {
  return card.scheduled_days >= 1 ? fromStudyTime(card.due.getTime()) : card.due.getTime() - shift;
}

/**
 * ts-fsrs's default seed without the time (reps, D·S) plus the card id, so cards answered together fuzz apart.
 * With the answer time in it, the Easy button said "8d" and the card got 7.
 */
const seedFromCard: TSeedStrategy = function () {
  const { current } = this as unknown as { current: SeededCard };
  return `${current.card_id}_${current.reps}_${current.difficulty * current.stability}`;
};

export function fsrsParameters(settings: SchedulerSettings, weights?: readonly number[]): FSRSParameters {
  return generatorParameters({
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumIntervalDays,
    enable_fuzz: settings.fuzz,
    enable_short_term: true,
    learning_steps: settings.learningStepsMinutes.map((m) => `${m}m` as const),
    relearning_steps: settings.relearningStepsMinutes.map((m) => `${m}m` as const),
    ...(weights ? { w: [...weights] } : {}),
  });
}

const DAY_MS = 86_400_000;

/**
 * Learning steps as Anki takes them, over ts-fsrs's:
 * - Hard past the first step repeats the step the card is on (ts-fsrs always gives the mean of the first two, so Hard
 *   on a 10-minute step said "6m"). On the first step it stays their mean; with one step, 1.5 times it, at most a day more.
 * - Steps shortened since the card reached its step: it is on the last step there is now (ts-fsrs gave no steps at
 *   all then, and Again scheduled a day).
 * - A review card's Again starts the relearning steps at the first, whatever step number it kept.
 */
const ankiLearningSteps: TLearningStepsStrategy = (params, state, step) => {
  const steps = state === State.Relearning || state === State.Review ? params.relearning_steps : params.learning_steps;
  const at = state === State.Review ? 0 : Math.min(step, Math.max(0, steps.length - 1));
  const result = BasicLearningStepsStrategy(params, state, at);
  const hard = result[Rating.Hard as Grade];
  if (state === State.Review || !hard) return result;
  if (at > 0) return { ...result, [Rating.Hard]: { scheduled_minutes: ConvertStepUnitToMinutes(steps[at]!), next_step: at } };
  // One step: Hard is half as long again, but at most a day longer (a 3-day step's Hard is 4 days, not 4.5).
  if (steps.length === 1) return { ...result, [Rating.Hard]: { ...hard, scheduled_minutes: Math.min(hard.scheduled_minutes, ConvertStepUnitToMinutes(steps[0]!) + DAY_MINUTES) } };
  return result;
};

/**
 * A step of a day or more ("10m 1d") keeps the card learning, as in Anki: ts-fsrs made it a review card, so failing
 * the 1-day step counted as a lapse and the card went to the relearning steps. `card` is the state answered from.
 */
function learningThroughDaySteps(outcomes: Record<Rating, Card>, card: Card, parameters: FSRSParameters): Record<Rating, Card> {
  const steps = ankiLearningSteps(parameters, card.state, card.learning_steps);
  const kept = { ...outcomes };
  for (const rating of RATINGS) {
    const step = steps[rating as Grade];
    if (!step || step.scheduled_minutes < DAY_MINUTES || outcomes[rating].state !== State.Review) continue;
    kept[rating] = { ...outcomes[rating], state: card.state === State.New || card.state === State.Learning ? State.Learning : State.Relearning };
  }
  return kept;
}

const DAY_MINUTES = 1440;

/**
 * Easy a day later than Good at least, once Good schedules in days. A learning card's stability is still small, so
 * FSRS often gives both the same day ("1d" on both buttons, after an Again); Anki keeps Easy the longer of the two.
 */
function easyBeyondGood(outcomes: Record<Rating, Card>, maximumDays: number): Record<Rating, Card> {
  const good = outcomes[Rating.Good];
  const easy = outcomes[Rating.Easy];
  if (good.scheduled_days < 1 || easy.scheduled_days > good.scheduled_days || good.scheduled_days >= maximumDays) return outcomes;
  const days = good.scheduled_days + 1;
  return { ...outcomes, [Rating.Easy]: { ...easy, scheduled_days: days, due: new Date(good.due.getTime() + DAY_MS) } };
}

/**
 * No interval beyond the longest allowed, whichever button: ts-fsrs clamps each interval first and then makes Good
 * longer than Hard and Easy longer than Good, which at the maximum gives Good max+1 and Easy max+2 days. Anki orders
 * the buttons first and clamps last, so the maximum wins; so does this, by the same time of day.
 */
function withinMaximum(outcomes: Record<Rating, Card>, maximumDays: number): Record<Rating, Card> {
  const clamped = { ...outcomes };
  for (const rating of RATINGS) {
    const card = outcomes[rating];
    if (card.scheduled_days <= maximumDays) continue;
    clamped[rating] = { ...card, scheduled_days: maximumDays, due: new Date(card.due.getTime() - (card.scheduled_days - maximumDays) * DAY_MS) };
  }
  return clamped;
}

export function createScheduler(settings: SchedulerSettings, options: SchedulerOptions = {}): Scheduler {
  const parameters = fsrsParameters(settings, options.weights);
  const f = fsrs(parameters).useStrategy(StrategyMode.SEED, seedFromCard).useStrategy(StrategyMode.LEARNING_STEPS, ankiLearningSteps);
  const newId = options.newId;
  const toStudyTime = studyClock(settings.dayStartHour, options.utcOffset ?? fixedUtcOffset(0));
  const fromStudyTime = fromStudyClock(settings.dayStartHour, options.utcOffset ?? fixedUtcOffset(0));
  /**
   * Every rating's next card, at study time (instants moved by `toStudyTime(now) - now`): previews and answers are
   * one computation, so a button schedules what it showed.
   */
  const outcomes = (card: SchedulableCard, now: number): Record<Rating, Card> => {
    const answered = toFsrsCard(card, toStudyTime);
    const preview = f.repeat(answered, new Date(toStudyTime(now)));
    const next = {} as Record<Rating, Card>;
    for (const rating of RATINGS) next[rating] = preview[rating as Grade].card;
    return withinMaximum(easyBeyondGood(learningThroughDaySteps(next, answered, parameters), settings.maximumIntervalDays), settings.maximumIntervalDays);
  };

  return {
    settings,
    weights: Object.freeze([...parameters.w]),
    previewIntervals(card, now) {
      const next = outcomes(card, now);
      const shift = toStudyTime(now) - now;
      const result = {} as Record<Rating, IntervalPreview>;
      for (const rating of RATINGS) {
        const due = realDue(next[rating], shift, fromStudyTime);
        result[rating] = { rating, due, intervalMs: due - now, label: formatInterval(due - now) };
      }
      return result;
    },
    answer(card, rating, now, elapsedMs) {
      const memory = fromFsrsCard(outcomes(card, now)[rating], toStudyTime(now) - now, fromStudyTime);
      const entry: ReviewEntry = {
        kind: 'review',
        id: newId ? newId() : `${card.id}@${now}`,
        cardId: card.id,
        time: now,
        rating,
        elapsedMs: Number.isFinite(elapsedMs) ? Math.max(0, Math.round(elapsedMs)) : 0,
        before: cardMemoryOf(card),
        after: memory,
      };
      return { memory, entry };
    },
    retrievability(card, now) {
      return f.get_retrievability(toFsrsCard(card, toStudyTime), new Date(toStudyTime(now)), false);
    },
  };
}

/** FSRS's memory model alone (no steps, no fuzz), in day units: what the optimiser's evaluation replays. */
export interface MemoryModel {
  /** Memory after a review `elapsedDays` after the previous one (null: the first review). */
  next(memory: { stability: number; difficulty: number } | null, elapsedDays: number, rating: Rating): { stability: number; difficulty: number };
  /** Probability of recall after `elapsedDays` at stability `stability`. */
  recall(elapsedDays: number, stability: number): number;
}

export function createMemoryModel(weights: readonly number[] = DEFAULT_WEIGHTS, relearningSteps = 1): MemoryModel {
  const algorithm = new FSRSAlgorithm({ ...generatorParameters(), w: migrateParameters(weights, relearningSteps, true), enable_short_term: true });
  return {
    next: (memory, elapsedDays, rating) => algorithm.next_state(memory, elapsedDays, rating),
    recall: (elapsedDays, stability) => algorithm.forgetting_curve(elapsedDays, stability),
  };
}
