/**
 * Each card's answers as FSRS reads them: since the card was last new, each with its gap in whole study days (the
 * day-start hour and time zone applied), as fsrs-rs's own converter takes them. The optimiser fits and judges weights
 * on them (optimise.ts); memoryUnderWeights replays them to give each card the memory a new set of weights makes.
 * No optimiser here: the renderer reads this module, and the optimiser's native binding belongs to main.
 */
import type { Rating } from './card-memory';
import { createMemoryModel } from './fsrs-adapter';
import { type LogEntry, type ReviewEntry, effectiveLog } from './review-log';
import type { SchedulerSettings } from './scheduler-settings';
import { type UtcOffset, localUtcOffset, studyDayOf } from './study-day';

export interface TrainingReview {
  rating: Rating;
  /** Whole study days since the card's previous answer (0 for the first and for same-day answers). */
  deltaT: number;
}

/** One card's answers in order, as the optimiser and the evaluation read them. */
export type CardHistory = TrainingReview[];

/** Per card: its effective answers since it was last new, with day gaps in study days. */
export function cardHistories(log: readonly LogEntry[], dayStartHour: number, utcOffset: UtcOffset = localUtcOffset): CardHistory[] {
  return [...cardHistoriesById(log, dayStartHour, utcOffset).values()];
}

/**
 * Each card's memory (stability, difficulty) as these weights make it from its answers since it was last new: what
 * Anki recomputes when it saves optimised parameters, so the next intervals come from the new model throughout
 * rather than from memory the old weights built. Cards whose history does not reach back to new (an Anki deck's
 * partial log) are not in the map and keep theirs.
 */
export function memoryUnderWeights(
  log: readonly LogEntry[],
  weights: readonly number[],
  settings: Pick<SchedulerSettings, 'dayStartHour' | 'relearningStepsMinutes'>,
  utcOffset: UtcOffset = localUtcOffset,
): Map<string, { stability: number; difficulty: number }> {
  const model = createMemoryModel(weights, settings.relearningStepsMinutes.length);
  const memories = new Map<string, { stability: number; difficulty: number }>();
  for (const [cardId, history] of cardHistoriesById(log, settings.dayStartHour, utcOffset)) {
    let memory: { stability: number; difficulty: number } | null = null;
    for (const { rating, deltaT } of history) memory = model.next(memory, deltaT, rating);
    if (memory) memories.set(cardId, memory);
  }
  return memories;
}

function cardHistoriesById(log: readonly LogEntry[], dayStartHour: number, utcOffset: UtcOffset): Map<string, CardHistory> {
  const byCard = new Map<string, ReviewEntry[]>();
  // A reset (Anki's "Forget") starts a card over: its answers before it are another card's history, as in Anki.
  const resetAt = new Map<string, number>();
  const counted = effectiveLog(log);
  for (const entry of counted) if (entry.kind === 'reset') resetAt.set(entry.cardId, Math.max(entry.time, resetAt.get(entry.cardId) ?? -Infinity));
  for (const entry of counted) {
    if (entry.kind !== 'review' || entry.time < (resetAt.get(entry.cardId) ?? -Infinity)) continue;
    const list = byCard.get(entry.cardId);
    if (list) list.push(entry);
    else byCard.set(entry.cardId, [entry]);
  }
  const histories = new Map<string, CardHistory>();
  for (const [cardId, entries] of byCard) {
    entries.sort((a, b) => a.time - b.time);
    // Keep the last unbroken run of answers given while new or learning, and what follows it.
    let start = -1;
    for (let i = entries.length - 1; i >= 0; i--) {
      const state = entries[i]!.before.state;
      if (state === 'new' || state === 'learning') start = i;
      else if (start >= 0) break;
    }
    if (start < 0) continue;
    const history: CardHistory = [];
    let previousDay = 0;
    for (let i = start; i < entries.length; i++) {
      const day = studyDayOf(entries[i]!.time, dayStartHour, utcOffset);
      history.push({ rating: entries[i]!.rating, deltaT: i === start ? 0 : Math.max(0, day - previousDay) });
      previousDay = day;
    }
    histories.set(cardId, history);
  }
  return histories;
}

