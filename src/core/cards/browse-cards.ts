/**
 * The card browser's list: every card of the library, narrowed by a search and a state, in the order asked for.
 * Pure, so the Cards screen and its tests share it; the screen reads the rows and the titles, this decides.
 */
import { isLeech } from '../scheduling/leech';
import type { CardState } from '../scheduling/card-memory';
import { compareStrings } from '../compare-strings';
import { foldForSearch } from '../text/fold-accents';

/** Which cards the browser lists. "Due" is what today's review would ask if no daily limit stopped it. */
export type CardFilter = 'all' | 'due' | 'new' | 'learning' | 'review' | 'suspended' | 'buried' | 'edited' | 'leeches';

export type CardSort = 'due' | 'added' | 'lapses' | 'difficulty' | 'document';

export const CARD_FILTERS: ReadonlyArray<{ id: CardFilter; label: string }> = [
  { id: 'all', label: 'All cards' },
  { id: 'due', label: 'Due today' },
  { id: 'new', label: 'New' },
  { id: 'learning', label: 'Learning' },
  { id: 'review', label: 'In review' },
  { id: 'suspended', label: 'Suspended' },
  { id: 'buried', label: 'Buried' },
  { id: 'edited', label: 'Edited by you' },
  { id: 'leeches', label: 'Leeches' },
];

export const CARD_SORTS: ReadonlyArray<{ id: CardSort; label: string }> = [
  { id: 'due', label: 'Due first' },
  { id: 'added', label: 'Newest first' },
  { id: 'lapses', label: 'Most forgotten' },
  { id: 'difficulty', label: 'Hardest first' },
  { id: 'document', label: 'By document' },
];

/** What the browser reads of a card (stored card rows fit this shape). */
export interface BrowsableCard {
  id: string;
  documentId: string;
  /** Within a document ("By document"), the most important sentence's cards come first. */
  salience: number;
  prompt: string;
  answer: string;
  sentence: string;
  state: CardState;
  due: number;
  difficulty: number;
  lapses: number;
  createdAt: number;
  suspended: boolean;
  buriedUntil: number | null;
  edited: boolean;
}

export interface BrowseQuery {
  /** Words that must all appear (in the prompt, answer, sentence or document title), case and accents aside. */
  text: string;
  filter: CardFilter;
  sort: CardSort;
}

/** When a search runs, as its filters need it: the time, the end of today's study day, and what makes a leech. */
export interface BrowseMoment {
  now: number;
  /** "Due today" is due before this, the end of today's study day, as the queue counts reviews. */
  dayEnd: number;
  /** Lapses that make a card a leech (the review settings'); 0: none is. */
  leechThreshold: number;
}

/**
 * The cards that match `query`, in its order. A card set aside (suspended, or buried until later) is not due,
 * whatever its date, as in today's queue. Ties fall back to the card's id, so the order never depends on storage.
 */
export function browseCards<C extends BrowsableCard>(cards: readonly C[], titles: ReadonlyMap<string, string>, query: BrowseQuery, at: BrowseMoment): C[] {
  const terms = foldForSearch(query.text).split(/\s+/).filter(Boolean);
  const foldedTitles = new Map<string, string>();
  const titleOf = (documentId: string): string => {
    let folded = foldedTitles.get(documentId);
    if (folded === undefined) foldedTitles.set(documentId, (folded = foldForSearch(titles.get(documentId) ?? '')));
    return folded;
  };
  const matches = (card: C): boolean => {
    if (!inFilter(card, query.filter, at)) return false;
    if (terms.length === 0) return true;
    const text = foldedText(card);
    const title = titleOf(card.documentId);
    return terms.every((term) => text.includes(term) || title.includes(term));
  };
  const found = cards.filter(matches);
  const compare = comparatorFor(query.sort, found, titles);
  // Ties in the order the cards were made, as Anki's browser breaks them (its card ids are creation times); ids are random here.
  return found.sort((a, b) => compare(a, b) || a.createdAt - b.createdAt || compareStrings(a.id, b.id));
}

/** A card's searchable text, folded once per row read: a search runs at every key over the whole library. */
const foldedTexts = new WeakMap<BrowsableCard, string>();
function foldedText(card: BrowsableCard): string {
  let text = foldedTexts.get(card);
  if (text === undefined) foldedTexts.set(card, (text = foldForSearch(`${card.prompt}\n${card.answer}\n${card.sentence}`)));
  return text;
}

function setAside(card: BrowsableCard, now: number): boolean {
  return card.suspended || (card.buriedUntil != null && card.buriedUntil > now);
}

function inFilter(card: BrowsableCard, filter: CardFilter, { now, dayEnd, leechThreshold }: BrowseMoment): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'due':
      return !setAside(card, now) && card.state !== 'new' && card.due < dayEnd;
    case 'new':
      return card.state === 'new';
    case 'learning':
      return card.state === 'learning' || card.state === 'relearning';
    case 'review':
      return card.state === 'review';
    case 'suspended':
      return card.suspended;
    case 'buried':
      return !card.suspended && card.buriedUntil != null && card.buriedUntil > now;
    case 'leeches':
      return isLeech(card.lapses, leechThreshold);
    case 'edited':
      return card.edited;
  }
}

const titleCollator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function comparatorFor(sort: CardSort, cards: readonly BrowsableCard[], titles: ReadonlyMap<string, string>): (a: BrowsableCard, b: BrowsableCard) => number {
  switch (sort) {
    // New cards have no due date of their own (theirs is when they were made): they come after every scheduled one.
    case 'due':
      return (a, b) => Number(a.state === 'new') - Number(b.state === 'new') || a.due - b.due;
    case 'added':
      return (a, b) => b.createdAt - a.createdAt;
    case 'lapses':
      return (a, b) => b.lapses - a.lapses || b.difficulty - a.difficulty;
    // A new card's difficulty is 0 (not yet known), so it sorts last here too.
    case 'difficulty':
      return (a, b) => b.difficulty - a.difficulty || b.lapses - a.lapses;
    case 'document': {
      // Documents ranked once by title (then id): comparing titles with the collator at every step of the sort took 0.3 s for 100,000 cards.
      const documents = [...new Set(cards.map((card) => card.documentId))];
      documents.sort((a, b) => titleCollator.compare(titles.get(a) ?? '', titles.get(b) ?? '') || compareStrings(a, b));
      const rank = new Map(documents.map((id, i) => [id, i]));
      return (a, b) => rank.get(a.documentId)! - rank.get(b.documentId)! || b.salience - a.salience;
    }
  }
}
