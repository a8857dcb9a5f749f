/**
 * The Cards screen's state: every card of the library as last read, the search that narrows it, the cards
 * selected, and what is done to them (suspend, unsuspend, delete with undo). One for the app, so the search, its
 * order and the pages shown are still there when the person comes back from a card's source. What a search lists is
 * `browseCards`'s (core); this reads and writes the rows.
 */
import { browseCards, type BrowseMoment, type BrowseQuery } from '../../core/cards/browse-cards';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import { plural } from '../components/format';
import type { CardRow } from '../db/focal-db';
import type { ReviewRepository } from '../db/review-repository';
import { CardRemoval } from './card-removal.svelte';

/** How many rows the list shows at first, and how many more each "Show more" adds: a library can hold 100,000 cards. */
export const CARDS_PER_PAGE = 100;

export class CardBrowser {
  query = $state<BrowseQuery>({ text: '', filter: 'all', sort: 'due' });
  /** Every card as last read; null before the first read ends. */
  cards = $state.raw<CardRow[] | null>(null);
  titles = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** The ids of the selected cards (a new search clears them; a card deleted elsewhere leaves them at the next read). */
  selected = $state.raw<ReadonlySet<string>>(new Set());
  shown = $state(CARDS_PER_PAGE);
  readonly removal: CardRemoval;
  /** The last suspend, unsuspend, unbury or reset, as the undo line says it and as Undo takes it back; null when none is offered. */
  lastChange = $state.raw<{ line: string; undo: () => Promise<string | null> } | null>(null);
  /** Why the last undo of a change left some cards as they are; null otherwise. */
  changeUndoRefused = $state<string | null>(null);

  /** The cards the search lists, all of them (the screen shows the first `shown`). */
  readonly found = $derived(this.cards ? browseCards(this.cards, this.titles, this.query, this.moment()) : []);
  readonly page = $derived(this.found.slice(0, this.shown));
  /** The selected cards among those the search lists, in its order: what an action applies to. */
  readonly selectedShown = $derived(this.found.filter((card) => this.selected.has(card.id)));
  /** Whether every card the search lists is selected (and it lists some). */
  readonly allSelected = $derived(this.found.length > 0 && this.selectedShown.length === this.found.length);

  constructor(
    private readonly reviews: ReviewRepository,
    private readonly now: () => number,
    /** When the study day that holds an instant ends: "Due today" lists what today's queue would ask. */
    private readonly dayEnd: (now: number) => number,
    /** Lapses that make a card a leech, as the review settings say now. */
    private readonly leechThreshold: () => number = () => DEFAULT_SCHEDULER_SETTINGS.leechThreshold,
  ) {
    this.removal = new CardRemoval(reviews, now);
  }

  /** The clock, for the derived list (which a field initialiser declares before the constructor's parameters are set). */
  private time(): number {
    return this.now();
  }

  private moment(): BrowseMoment {
    const now = this.now();
    return { now, dayEnd: this.dayEnd(now), leechThreshold: this.leechThreshold() };
  }

  /** Reads every card and document title again (after an action here, or when the screen opens). */
  async load(): Promise<void> {
    const [cards, titles] = await Promise.all([this.reviews.queueCards(), this.reviews.documentTitles()]);
    this.cards = cards;
    this.titles = titles;
    const ids = new Set(cards.map((card) => card.id));
    if ([...this.selected].some((id) => !ids.has(id))) this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
  }

  /**
   * A new search, state or order starts again at the first page, with nothing selected: an action applies to
   * cards picked in the list as it reads now, never to ones picked in an earlier list and out of sight.
   */
  setQuery(change: Partial<BrowseQuery>): void {
    this.query = { ...this.query, ...change };
    this.shown = CARDS_PER_PAGE;
    this.selected = new Set();
  }

  showMore(): void {
    this.shown += CARDS_PER_PAGE;
  }

  toggle(cardId: string, on = !this.selected.has(cardId)): void {
    const next = new Set(this.selected);
    if (on) next.add(cardId);
    else next.delete(cardId);
    this.selected = next;
  }

  /** Selects every card the search lists (not only the page shown), or none when all of them already are. */
  toggleAll(): void {
    this.selected = this.allSelected ? new Set() : new Set(this.found.map((card) => card.id));
  }

  clearSelection(): void {
    this.selected = new Set();
  }

  /**
   * Suspends (or unsuspends) the selected cards the search lists, then reads the cards again; Undo sets them back,
   * each card not suspended or unsuspended again since.
   */
  async setSuspended(suspended: boolean): Promise<void> {
    const ids = await this.reviews.setSuspendedMany(this.selectedShown.map((card) => card.id), suspended, this.now());
    await this.loadThenOfferUndo(`${suspended ? 'Suspended' : 'Unsuspended'} ${plural(ids.length, 'card')}.`, async () => {
      const restored = await this.reviews.setSuspendedMany(ids, !suspended, this.now());
      const since = suspended ? 'unsuspended' : 'suspended';
      return keptSince(ids.length - restored.length, ids.length, since, [`stays ${since}`, `stay ${since}`]);
    });
  }

  /**
   * Brings the selected buried cards the search lists back into today's review, then reads the cards again; Undo
   * buries them again, each card not answered or buried since.
   */
  async unbury(): Promise<void> {
    const now = this.now();
    const unburied = await this.reviews.unburyMany(this.selectedShown.filter((card) => card.buriedUntil != null && card.buriedUntil > now).map((card) => card.id));
    await this.loadThenOfferUndo(`Unburied ${plural(unburied.length, 'card')}: back in today’s review.`, async () => {
      const { changedSince } = await this.reviews.undoUnbury(unburied);
      return keptSince(changedSince, unburied.length, 'answered or buried', ['stays in today’s review', 'stay in today’s review']);
    });
  }

  /**
   * Makes the selected studied cards the search lists new again (Anki's "Forget"): they are learnt from the start,
   * their history kept. Undo takes it back, for each card not answered since.
   */
  async resetSelected(): Promise<void> {
    const entries = await this.reviews.resetMany(this.selectedShown.filter((card) => card.state !== 'new').map((card) => card.id), this.now());
    await this.loadThenOfferUndo(`Reset ${plural(entries.length, 'card')} to new: ${entries.length === 1 ? 'it is' : 'they are'} learnt again from the start.`, async () => {
      const { changedSince } = await this.reviews.undoResets(entries, this.now());
      return keptSince(changedSince, entries.length, 'answered or changed', ['keeps its new schedule', 'keep their new schedule']);
    });
  }

  /**
   * After a change: reads the cards again, then offers its Undo. In that order, so the line saying what was done comes
   * with the list showing it (reading 20,000 cards again takes seconds), and Undo is offered even if the read fails.
   */
  private async loadThenOfferUndo(line: string, undo: () => Promise<string | null>): Promise<void> {
    try {
      await this.load();
    } finally {
      this.offerUndo(line, undo);
    }
  }

  /** Offers Undo for the change just made, in place of any earlier offer (a delete's included): one undo at a time. */
  private offerUndo(line: string, undo: () => Promise<string | null>): void {
    this.removal.dismiss();
    this.changeUndoRefused = null;
    this.lastChange = { line, undo };
  }

  /** Takes back the last suspend, unsuspend, unbury or reset; says why when some cards keep what they have now. */
  async undoChange(): Promise<void> {
    const change = this.lastChange;
    if (!change) return;
    this.lastChange = null;
    try {
      this.changeUndoRefused = await change.undo();
    } catch (error) {
      // Nothing was taken back (each undo is one transaction): the offer stays, so the person can try again.
      this.lastChange = change;
      throw error;
    }
    await this.load();
  }

  dismissChange(): void {
    this.lastChange = null;
    this.changeUndoRefused = null;
  }

  /** Deletes the selected cards the search lists (undo brings them back), then reads the cards again. */
  async deleteSelected(): Promise<void> {
    this.dismissChange();
    await this.removal.removeMany(this.selectedShown.map((card) => card.id));
    this.selected = new Set();
    await this.load();
  }

  async undoDelete(): Promise<void> {
    await this.removal.undo();
    await this.load();
  }
}

/**
 * Why an undo left some cards as they are: "2 of the 5 cards were answered or buried since, so they stay in today’s
 * review." Null when it took every card back.
 */
export function keptSince(changedSince: number, all: number, changedHow: string, [oneKeeps, manyKeep]: readonly [string, string]): string | null {
  if (changedSince === 0) return null;
  const which = changedSince === all ? (all === 1 ? 'The card was' : 'The cards were') : `${changedSince} of the ${all} cards ${changedSince === 1 ? 'was' : 'were'}`;
  return `${which} ${changedHow} since, so ${changedSince === 1 ? `it ${oneKeeps}` : `they ${manyKeep}`}.`;
}
