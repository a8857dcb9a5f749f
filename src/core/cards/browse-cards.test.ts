import { describe, expect, it } from 'vitest';
import { browseCards, CARD_FILTERS, CARD_SORTS, type BrowsableCard, type BrowseQuery } from './browse-cards';

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;
/** Today's study day ends at 4:00 tomorrow. */
const DAY_END = NOW + 16 * 3_600_000;
const AT = { now: NOW, dayEnd: DAY_END, leechThreshold: 8 };

function card(id: string, fields: Partial<BrowsableCard> = {}): BrowsableCard {
  return {
    id,
    documentId: 'cells',
    salience: 0.5,
    prompt: `Prompt ${id}`,
    answer: `Answer ${id}`,
    sentence: `Sentence ${id}.`,
    state: 'review',
    due: NOW + DAY,
    difficulty: 5,
    lapses: 0,
    createdAt: NOW - 10 * DAY,
    suspended: false,
    buriedUntil: null,
    edited: false,
    ...fields,
  };
}

const titles = new Map([
  ['cells', 'Cell biology'],
  ['eco', 'Écologie des forêts'],
]);
const query = (fields: Partial<BrowseQuery> = {}): BrowseQuery => ({ text: '', filter: 'all', sort: 'due', ...fields });
const ids = (cards: BrowsableCard[]) => cards.map((c) => c.id);

describe('browseCards', () => {
  it('finds cards whose prompt, answer, sentence or document title hold every word, case and accents aside', () => {
    const cards = [
      card('a', { prompt: 'The [...] makes ATP', answer: 'mitochondrion', sentence: 'The mitochondrion makes ATP.' }),
      card('b', { prompt: 'What is osmosis?', answer: 'Diffusion of water', sentence: 'Osmosis is the diffusion of water.' }),
      card('c', { documentId: 'eco', prompt: 'Forests store [...]', answer: 'carbon', sentence: 'Forests store carbon.' }),
    ];
    expect(ids(browseCards(cards, titles, query({ text: 'MITOCHONDRION' }), AT))).toEqual(['a']);
    expect(ids(browseCards(cards, titles, query({ text: 'water osmosis' }), AT))).toEqual(['b']);
    // Every word must match: "water" is in b, "carbon" only in c.
    expect(ids(browseCards(cards, titles, query({ text: 'water carbon' }), AT))).toEqual([]);
    // The document's title counts, accents folded both ways.
    expect(ids(browseCards(cards, titles, query({ text: 'ecologie carbon' }), AT))).toEqual(['c']);
    expect(ids(browseCards(cards, titles, query({ text: 'biology' }), AT))).toEqual(['a', 'b']);
    expect(ids(browseCards(cards, titles, query({ text: '   ' }), AT))).toEqual(['a', 'b', 'c']);
  });

  it('narrows to one state, counting a card set aside as not due whatever its date', () => {
    const cards = [
      card('tonight', { due: NOW + 6 * 3_600_000 }),
      card('learning later today', { state: 'learning', due: NOW + 3_600_000 }),
      card('tomorrow', { due: DAY_END }),
      card('new', { state: 'new', due: NOW - DAY }),
      card('learning', { state: 'learning', due: NOW - 60_000 }),
      card('relearning', { state: 'relearning', due: NOW + 60_000 }),
      card('overdue', { due: NOW - 3 * DAY }),
      card('later', { due: NOW + 3 * DAY }),
      card('suspended', { suspended: true, due: NOW - DAY }),
      card('buried', { buriedUntil: NOW + DAY, due: NOW - DAY }),
      card('unburied', { buriedUntil: NOW - DAY, due: NOW - DAY }),
      card('suspended and buried', { suspended: true, buriedUntil: NOW + DAY }),
      card('edited', { edited: true }),
      card('leech', { lapses: 8, due: NOW + 3 * DAY }),
    ];
    const filtered = (filter: BrowseQuery['filter']) => ids(browseCards(cards, titles, query({ filter, sort: 'added' }), AT)).sort();
    // Due today: due before today's study day ends, as the queue counts reviews; not only those due this minute.
    expect(filtered('due')).toEqual(['learning', 'learning later today', 'overdue', 'relearning', 'tonight', 'unburied']);
    expect(filtered('new')).toEqual(['new']);
    expect(filtered('learning')).toEqual(['learning', 'learning later today', 'relearning']);
    expect(filtered('suspended')).toEqual(['suspended', 'suspended and buried']);
    // Suspension outlasts a bury: that card is listed as suspended, not buried.
    expect(filtered('buried')).toEqual(['buried']);
    expect(filtered('edited')).toEqual(['edited']);
    expect(filtered('leeches')).toEqual(['leech']);
    expect(filtered('review')).toEqual(['buried', 'edited', 'later', 'leech', 'overdue', 'suspended', 'suspended and buried', 'tomorrow', 'tonight', 'unburied']);
    expect(filtered('all')).toHaveLength(cards.length);
    expect(new Set(CARD_FILTERS.map((f) => f.id)).size).toBe(CARD_FILTERS.length);
  });

  it('sorts as asked, new cards after scheduled ones by due date, ties in the order the cards were made, whatever the stored order', () => {
    const cards = [
      card('n1', { state: 'new', due: NOW - 5 * DAY, createdAt: NOW - DAY, difficulty: 0 }),
      card('r2', { due: NOW + 2 * DAY, lapses: 3, difficulty: 7, createdAt: NOW - 3 * DAY }),
      card('r1', { due: NOW - DAY, lapses: 1, difficulty: 9, createdAt: NOW - 2 * DAY }),
      card('r3', { due: NOW + 2 * DAY, lapses: 3, difficulty: 4, createdAt: NOW - 4 * DAY }),
    ];
    const sorted = (sort: BrowseQuery['sort']) => ids(browseCards(cards, titles, query({ sort }), AT));
    // r2 and r3 are due together: r3 was made first.
    expect(sorted('due')).toEqual(['r1', 'r3', 'r2', 'n1']);
    expect(sorted('added')).toEqual(['n1', 'r1', 'r2', 'r3']);
    expect(sorted('lapses')).toEqual(['r2', 'r3', 'r1', 'n1']);
    expect(sorted('difficulty')).toEqual(['r1', 'r2', 'r3', 'n1']);
    expect(ids(browseCards([...cards].reverse(), titles, query({ sort: 'due' }), AT))).toEqual(sorted('due'));
    expect(new Set(CARD_SORTS.map((s) => s.id)).size).toBe(CARD_SORTS.length);
  });

  it('groups by document title, the most important sentence first within one', () => {
    const cards = [
      card('cell-minor', { documentId: 'cells', salience: 0.2 }),
      card('eco', { documentId: 'eco', salience: 0.9 }),
      card('cell-key', { documentId: 'cells', salience: 0.8 }),
      card('untitled', { documentId: 'gone', salience: 1 }),
    ];
    // "" (a document with no title known) sorts first; then Cell biology before Écologie (accents aside).
    expect(ids(browseCards(cards, titles, query({ sort: 'document' }), AT))).toEqual(['untitled', 'cell-key', 'cell-minor', 'eco']);
  });

  it('leaves the list it was given as it was', () => {
    const cards = [card('b', { due: NOW + 2 * DAY }), card('a', { due: NOW })];
    browseCards(cards, titles, query(), AT);
    expect(ids(cards)).toEqual(['b', 'a']);
  });
});
