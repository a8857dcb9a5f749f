/** Deleting cards (one from the reader's card list, or the card browser's selection), with undo: they come back exactly as they were. */
import type { CardRow } from '../db/focal-db';
import type { ReviewRepository, UndoDeleteOutcome } from '../db/review-repository';
import { cardExcerpt, plural } from '../components/format';

export interface DeletedCard {
  card: CardRow;
  /** The "card deleted" record the delete made, which an undo takes back. */
  feedbackId: string | null;
}

export type UndoOutcome = UndoDeleteOutcome | 'nothing';

export class CardRemoval {
  /** The cards the last delete took, in the order deleted; empty when there is nothing to undo. */
  lastDeleted = $state.raw<readonly DeletedCard[]>([]);
  /** Why the last undo left some or all of the cards out; null otherwise. */
  undoRefused = $state<string | null>(null);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly now: () => number,
  ) {}

  async remove(cardId: string): Promise<void> {
    await this.removeMany([cardId]);
  }

  /** Deletes the cards, all or none; an undo then brings all of them back. */
  async removeMany(cardIds: readonly string[]): Promise<void> {
    const deleted = await this.reviews.deleteMany(cardIds, this.now());
    this.undoRefused = null;
    this.lastDeleted = deleted;
  }

  /**
   * Puts the last deleted cards back (see ReviewRepository.undoDelete), or says why some cannot come back.
   * 'restored' when every one did; otherwise why the first that did not was refused.
   */
  async undo(): Promise<UndoOutcome> {
    const deleted = this.lastDeleted;
    if (deleted.length === 0) return 'nothing';
    this.lastDeleted = [];
    let outcomes: UndoDeleteOutcome[];
    try {
      outcomes = await this.reviews.undoDeleteMany(deleted);
    } catch (error) {
      // Nothing was restored (one transaction): the offer stays, so the person can try again.
      this.lastDeleted = deleted;
      throw error;
    }
    this.undoRefused = refusal(outcomes);
    return outcomes.find((outcome) => outcome !== 'restored') ?? 'restored';
  }

  dismiss(): void {
    this.lastDeleted = [];
    this.undoRefused = null;
  }
}

function refusal(outcomes: readonly UndoDeleteOutcome[]): string | null {
  const replaced = outcomes.filter((outcome) => outcome === 'replaced').length;
  const gone = outcomes.filter((outcome) => outcome === 'gone').length;
  if (replaced + gone === 0) return null;
  if (outcomes.length === 1) return replaced ? 'This sentence has a card again, so the deleted one was not brought back.' : 'The card’s document is no longer in your library.';
  const reasons = [replaced ? `${replaced} ${replaced === 1 ? 'sentence has a card' : 'sentences have cards'} again` : '', gone ? `${gone} ${gone === 1 ? 'card’s document is' : 'cards’ documents are'} no longer in your library` : ''].filter(Boolean);
  return `${replaced + gone} of the ${outcomes.length} cards were not brought back: ${reasons.join(', and ')}.`;
}

/**
 * The line offering an undo: what was deleted and, for sentences that still have a card in study, that the model
 * learns nothing from it (deleting one of a sentence's cards is a choice of form, not a verdict on the sentence),
 * so "nothing to learn from" after a delete does not read as a delete lost. Null when nothing was deleted.
 */
export function deletedCardsLine(deleted: readonly DeletedCard[]): string | null {
  if (deleted.length === 0) return null;
  const recorded = new Set(deleted.filter((d) => d.feedbackId !== null).map((d) => d.card.sentenceId));
  const sentences = new Set(deleted.map((d) => d.card.sentenceId));
  const stillStudied = sentences.size - recorded.size;
  const what = deleted.length === 1 ? `Deleted the card “${cardExcerpt(deleted[0]!.card.prompt)}”.` : `Deleted ${plural(deleted.length, 'card')}.`;
  if (stillStudied === 0) return what;
  if (deleted.length === 1) return `${what} Its sentence still has a card, so your model learns nothing from this.`;
  if (recorded.size === 0) return `${what} Their sentences still have cards, so your model learns nothing from this.`;
  return `${what} ${stillStudied.toLocaleString()} of their sentences still ${stillStudied === 1 ? 'has a card' : 'have cards'}: your model learns nothing from ${stillStudied === 1 ? 'that one' : 'those'}.`;
}
