/** Focal cards with a review history, for the Anki export and import tests. Test support only: nothing in the app imports it. */
import type { StudyCard } from '../../core/cards/make-cards';
import type { AnkiExportCard } from '../../core/interop/anki-package';
import { type CardMemory, type Rating, newCardMemory } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import type { ReviewEntry } from '../../core/scheduling/review-log';
import { resolveSchedulerSettings } from '../../core/scheduling/scheduler-settings';

export const START = Date.UTC(2025, 0, 6, 9, 0);
const MINUTE = 60_000;

export function studyCard(id: string, text: Partial<StudyCard> = {}): StudyCard {
  return {
    id,
    documentId: 'doc-1',
    sentenceId: `s-${id}`,
    key: `qa:s-${id}`,
    kind: 'qa',
    manual: false,
    prompt: `What is ${id}?`,
    answer: `The answer to ${id}`,
    sentence: `${id} is a thing & more <than> that.`,
    context: ['Chapter 1', 'Part A'],
    concept: id,
    salience: 0.5,
    createdAt: START,
    ...text,
  };
}

/** Answers a new card with the ratings, each when it falls due (at least a minute later), with Focal's scheduler. */
export function studied(id: string, ratings: readonly Rating[], options: { suspended?: boolean; text?: Partial<StudyCard>; start?: number } = {}): AnkiExportCard {
  const scheduler = createScheduler(resolveSchedulerSettings());
  let memory: CardMemory = newCardMemory(START);
  let now = options.start ?? START;
  const reviews: ReviewEntry[] = [];
  ratings.forEach((rating, i) => {
    const outcome = scheduler.answer({ ...memory, id }, rating, now, 2000 + i * 30_000);
    memory = outcome.memory;
    reviews.push(outcome.entry);
    now = Math.max(memory.due, now + MINUTE);
  });
  return { card: { ...studyCard(id, options.text), ...memory, suspended: options.suspended ?? false }, sourceTitle: 'Cell biology', reviews };
}
