/** Pure helpers for the graph's side panel. */
import { compareStrings } from '../../../core/compare-strings';
import { mostSalientFirst } from '../../../core/salience-order';

/** A concept's sentences as the panel lists them: most salient first (unscored last), then in reading order. */
export function sentencesBySalience<S extends { id: string; ordinal: number; salience: number | null }>(sentences: readonly S[]): S[] {
  return [...sentences].sort((a, b) => mostSalientFirst(a, b) || a.ordinal - b.ordinal || compareStrings(a.id, b.id));
}

/**
 * The cards on those sentences, in the sentences' order (a sentence's cards by key): the cards come from
 * storage in the order of their random ids, which would shuffle the list from one library to the next.
 */
export function cardsOnSentences<C extends { sentenceId: string; key: string }>(cards: readonly C[], sentenceIds: readonly string[]): C[] {
  const rank = new Map(sentenceIds.map((id, i) => [id, i]));
  return cards.filter((card) => rank.has(card.sentenceId)).sort((a, b) => rank.get(a.sentenceId)! - rank.get(b.sentenceId)! || compareStrings(a.key, b.key));
}
