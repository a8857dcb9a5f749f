/** Deleting a card from the reader's card list, with undo: the card comes back exactly as it was. */
import type { CardRow } from '../../db/focal-db';
import type { ReviewRepository, UndoDeleteOutcome } from '../../db/review-repository';

export interface DeletedCard {
  card: CardRow;
  /** The "card deleted" record the delete made, which an undo takes back. */
  feedbackId: string | null;
}

export type UndoOutcome = UndoDeleteOutcome | 'nothing';

export class CardRemoval {
  lastDeleted = $state.raw<DeletedCard | null>(null);
  /** Why the last undo brought nothing back; null otherwise. */
  undoRefused = $state<string | null>(null);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly now: () => number,
  ) {}

  async remove(cardId: string): Promise<void> {
    const deleted = await this.reviews.delete(cardId, this.now());
    this.undoRefused = null;
    this.lastDeleted = deleted ?? null;
  }

  /** Puts the last deleted card back (see ReviewRepository.undoDelete), or says why it cannot. */
  async undo(): Promise<UndoOutcome> {
    const deleted = this.lastDeleted;
    if (!deleted) return 'nothing';
    this.lastDeleted = null;
    let outcome: UndoDeleteOutcome;
    try {
      outcome = await this.reviews.undoDelete(deleted.card, deleted.feedbackId);
    } catch (error) {
      // Nothing was restored: the offer stays, so the person can try again.
      this.lastDeleted = deleted;
      throw error;
    }
    this.undoRefused =
      outcome === 'replaced'
        ? 'This sentence has a card again, so the deleted one was not brought back.'
        : outcome === 'gone'
          ? 'The card’s document is no longer in your library.'
          : null;
    return outcome;
  }

  dismiss(): void {
    this.lastDeleted = null;
    this.undoRefused = null;
  }
}
