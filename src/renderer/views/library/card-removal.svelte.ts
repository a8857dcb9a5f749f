/** Deleting a card from the reader's card list, with undo: the card comes back exactly as it was. */
import type { CardRow } from '../../db/focal-db';
import type { ReviewRepository, UndoDeleteOutcome } from '../../db/review-repository';

export interface DeletedCard {
  card: CardRow;
  /** When it was deleted: the time of the feedback the delete recorded. */
  at: number;
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
    const at = this.now();
    const card = await this.reviews.delete(cardId, at);
    this.undoRefused = null;
    this.lastDeleted = card ? { card, at } : null;
  }

  /** Puts the last deleted card back (see ReviewRepository.undoDelete), or says why it cannot. */
  async undo(): Promise<UndoOutcome> {
    const deleted = this.lastDeleted;
    if (!deleted) return 'nothing';
    this.lastDeleted = null;
    const outcome = await this.reviews.undoDelete(deleted.card, deleted.at);
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
