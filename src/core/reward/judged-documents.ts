/**
 * Before a retrain: in how many documents the held-out check could judge it. The check compares, within one
 * document, a sentence the person wants with one they don't, or a sentence they picked themselves with the ones
 * the model passed over (train-user-params.ts, `documentRankings`), and calls a retrain better only over two
 * documents or more. Reviews alone never make a document judgeable: they only ever say "wanted".
 */
import { Rating } from '../scheduling/card-memory';
import { sentenceRewards, type CardReviewHistory, type SentenceEvent } from './sentence-reward';

/** Documents the check needs, at least, to call a retrain better. */
export const DOCUMENTS_TO_JUDGE = 2;

/**
 * The documents with a judgeable contrast, from the person's recorded actions and their reviewed cards (a card
 * answered `reps` times, last at `lastReview`: enough to tell the review signal's sign and age).
 */
export function judgeableDocuments(
  events: ReadonlyArray<SentenceEvent & { documentId: string }>,
  reviewed: ReadonlyArray<{ sentenceId: string; documentId: string; reps: number; lastReview: number | null }>,
): Set<string> {
  const documentOf = new Map<string, string>();
  for (const event of events) documentOf.set(event.sentenceId, event.documentId);
  const histories: CardReviewHistory[] = [];
  for (const card of reviewed) {
    if (card.reps === 0 || card.lastReview === null) continue;
    documentOf.set(card.sentenceId, card.documentId);
    histories.push({ sentenceId: card.sentenceId, reviews: Array.from({ length: card.reps }, () => ({ rating: Rating.Good, time: card.lastReview! })) });
  }
  const sides = new Map<string, { wanted: boolean; unwanted: boolean; byHand: boolean }>();
  for (const reward of sentenceRewards(events, histories)) {
    const documentId = documentOf.get(reward.sentenceId);
    if (documentId === undefined) continue;
    const side = sides.get(documentId) ?? { wanted: false, unwanted: false, byHand: false };
    if (reward.chosenByPerson) side.byHand = true;
    else if (reward.reward > 0) side.wanted = true;
    else if (reward.reward < 0) side.unwanted = true;
    sides.set(documentId, side);
  }
  return new Set([...sides].filter(([, side]) => side.byHand || (side.wanted && side.unwanted)).map(([documentId]) => documentId));
}
