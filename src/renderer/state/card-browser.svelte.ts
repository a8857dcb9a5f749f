/**
 * The Cards screen's state: every card of the library as last read, the search that narrows it, the cards
 * selected, and what is done to them (suspend, unsuspend, delete with undo). One for the app, so the search, its
 * order and the pages shown are still there when the person comes back from a card's source. What a search lists is
 * `browseCards`'s (core); this reads and writes the rows.
 */
import { browseCards, type BrowseMoment, type BrowseQuery } from '../../core/cards/browse-cards';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import type { ResetEntry } from '../../core/scheduling/review-log';
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
  /** The resets the last Reset made, which Undo takes back; empty when there is nothing to undo. */
  lastReset = $state.raw<readonly ResetEntry[]>([]);
  /** Why the last undo of a reset left some cards as they are; null otherwise. */
  resetUndoRefused = $state<string | null>(null);

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

  /** Suspends (or unsuspends) the selected cards the search lists, then reads the cards again. */
  async setSuspended(suspended: boolean): Promise<void> {
    await this.reviews.setSuspendedMany(
      this.selectedShown.filter((card) => card.suspended !== suspended).map((card) => card.id),
      suspended,
      this.now(),
    );
    await this.load();
  }

  /** Brings the selected buried cards the search lists back into today's review, then reads the cards again. */
  async unbury(): Promise<void> {
    const now = this.now();
    await this.reviews.unburyMany(this.selectedShown.filter((card) => card.buriedUntil != null && card.buriedUntil > now).map((card) => card.id));
    await this.load();
  }

  /**
   * Makes the selected studied cards the search lists new again (Anki's "Forget"): they are learnt from the start,
   * their history kept. Undo takes it back; one undo is offered at a time, for the last Reset or Delete.
   */
  async resetSelected(): Promise<void> {
    const entries = await this.reviews.resetMany(this.selectedShown.filter((card) => card.state !== 'new').map((card) => card.id), this.now());
    this.removal.dismiss();
    this.resetUndoRefused = null;
    this.lastReset = entries;
    await this.load();
  }

  async undoReset(): Promise<void> {
    const entries = this.lastReset;
    if (entries.length === 0) return;
    this.lastReset = [];
    const { changedSince } = await this.reviews.undoResets(entries, this.now());
    this.resetUndoRefused =
      changedSince === 0 ? null : `${changedSince === entries.length ? (entries.length === 1 ? 'The card was' : 'The cards were') : `${changedSince} of the ${entries.length} cards were`} answered or changed since the reset, so ${changedSince === 1 ? 'it keeps its' : 'they keep their'} new schedule.`;
    await this.load();
  }

  dismissReset(): void {
    this.lastReset = [];
    this.resetUndoRefused = null;
  }

  /** What the undo line says after a Reset; null when none is offered. */
  get resetLine(): string | null {
    return this.lastReset.length === 0 ? null : `Reset ${plural(this.lastReset.length, 'card')} to new: ${this.lastReset.length === 1 ? 'it is' : 'they are'} learnt again from the start.`;
  }

  /** Deletes the selected cards the search lists (undo brings them back), then reads the cards again. */
  async deleteSelected(): Promise<void> {
    this.dismissReset();
    await this.removal.removeMany(this.selectedShown.map((card) => card.id));
    this.selected = new Set();
    await this.load();
  }

  async undoDelete(): Promise<void> {
    await this.removal.undo();
    await this.load();
  }
}
