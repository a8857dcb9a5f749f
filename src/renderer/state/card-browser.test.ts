/** The Cards screen's state against IndexedDB (fake-indexeddb in Node): search, selection, and what is done to the selection. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FocalDb } from '../db/focal-db';
import { parsedNote } from '../db/parsed-note-fixture';
import { LibraryRepository } from '../db/library-repository';
import { ReviewRepository } from '../db/review-repository';
import { CARDS_PER_PAGE, CardBrowser } from './card-browser.svelte';

const T0 = Date.UTC(2026, 10, 1, 9);

async function setup() {
  const db = new FocalDb(`card-browser-${Math.random()}`);
  let n = 0;
  const newId = () => `id-${++n}`;
  let clock = T0;
  const library = new LibraryRepository(db, newId, () => clock);
  const reviews = new ReviewRepository(db, newId);
  await library.store(parsedNote(['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'], { title: 'Cells', sourceName: 'cells.md' }));
  await library.store(parsedNote(['Photosynthesis turns light into sugar.', 'Forests store carbon for centuries.'], { title: 'Plants', sourceName: 'plants.md', contentHash: 'p1' }));
  const browser = new CardBrowser(reviews, () => (clock += 1000), (time) => time + 3_600_000);
  await browser.load();
  return { db, reviews, browser };
}

const prompts = (browser: CardBrowser) => browser.found.map((card) => card.prompt);

describe('the card browser', () => {
  it('lists every card, and narrows them by words of the card or of its document title', async () => {
    const { db, browser } = await setup();
    expect(browser.found).toHaveLength(await db.cards.count());
    browser.setQuery({ text: 'ribosomes' });
    expect(browser.found.length).toBeGreaterThan(0);
    expect(browser.found.every((card) => /ribosomes/i.test(card.sentence))).toBe(true);
    browser.setQuery({ text: 'plants' });
    expect(new Set(browser.found.map((card) => browser.titles.get(card.documentId)))).toEqual(new Set(['Plants']));
    browser.setQuery({ text: 'no such word' });
    expect(prompts(browser)).toEqual([]);
  });

  it('suspends, unsuspends and deletes only the selected cards the search lists, and undo brings the deleted back', async () => {
    const { db, browser } = await setup();
    const all = await db.cards.count();
    browser.setQuery({ text: 'plants' });
    const plants = browser.found.map((card) => card.id);
    // A card selected, then a new search: the selection starts again, so nothing out of sight is acted on.
    browser.setQuery({ text: '' });
    const cell = browser.found.find((card) => !plants.includes(card.id))!;
    browser.toggle(cell.id);
    expect(browser.selectedShown.map((card) => card.id)).toEqual([cell.id]);
    browser.setQuery({ text: 'plants' });
    expect(browser.selected.size).toBe(0);
    browser.toggleAll();
    expect(browser.selectedShown.map((card) => card.id).sort()).toEqual([...plants].sort());

    await browser.setSuspended(true);
    expect((await db.cards.bulkGet(plants)).every((card) => card!.suspended)).toBe(true);
    expect((await db.cards.get(cell.id))!.suspended).toBe(false);
    // The selection outlasts an action on it, as in Anki's browser.
    expect(browser.selectedShown).toHaveLength(plants.length);
    browser.setQuery({ text: '', filter: 'suspended' });
    expect(browser.found.map((card) => card.id).sort()).toEqual([...plants].sort());
    browser.toggleAll();
    // Suspending records the sentences as not useful for the model; unsuspending takes that back.
    expect((await db.feedback.toArray()).filter((row) => row.kind === 'card-suspended').length).toBeGreaterThan(0);
    await browser.setSuspended(false);
    expect((await db.feedback.toArray()).filter((row) => row.kind === 'card-suspended').length).toBe(0);
    expect(browser.found).toEqual([]);

    browser.setQuery({ text: 'plants', filter: 'all' });
    browser.toggleAll();
    const before = await db.cards.bulkGet(plants);
    await browser.deleteSelected();
    expect(await db.cards.count()).toBe(all - plants.length);
    expect(await db.cards.get(cell.id)).toBeDefined();
    expect(browser.selected.size).toBe(0);
    expect(browser.found).toEqual([]);
    await browser.undoDelete();
    expect(await db.cards.bulkGet(plants)).toEqual(before);
    expect(browser.found).toHaveLength(plants.length);
  });

  it('unburies the selected buried cards, and only those, leaving their schedule as it was', async () => {
    const { db, browser } = await setup();
    const [first, second] = await db.cards.toArray();
    const tomorrow = T0 + 86_400_000;
    await db.cards.bulkPut([{ ...first!, buriedUntil: tomorrow }, { ...second!, buriedUntil: tomorrow }]);
    await browser.load();
    browser.setQuery({ filter: 'buried' });
    expect(browser.found.map((card) => card.id).sort()).toEqual([first!.id, second!.id].sort());
    browser.toggle(first!.id);
    await browser.unbury();
    expect(await db.cards.get(first!.id)).toMatchObject({ buriedUntil: null, due: first!.due, state: first!.state });
    expect((await db.cards.get(second!.id))!.buriedUntil).toBe(tomorrow);
    expect(browser.found.map((card) => card.id)).toEqual([second!.id]);
  });

  it('offers a change’s Undo only once the list shows the change, and still offers it when reading the list again fails', async () => {
    const { db, reviews, browser } = await setup();
    const [first] = await db.cards.toArray();
    browser.toggle(first!.id);
    const offered: Array<{ line: string | undefined; listed: boolean | undefined }> = [];
    const read = browser.load.bind(browser);
    browser.load = async () => {
      offered.push({ line: browser.lastChange?.line, listed: browser.cards?.find((card) => card.id === first!.id)?.suspended });
      await read();
    };
    await browser.setSuspended(true);
    expect(offered).toEqual([{ line: undefined, listed: false }]);
    expect(browser.lastChange?.line).toBe('Suspended 1 card.');
    expect(browser.cards!.find((card) => card.id === first!.id)!.suspended).toBe(true);

    browser.load = () => Promise.reject(new Error('the disk went away'));
    await expect(browser.setSuspended(false)).rejects.toThrow('the disk went away');
    expect(browser.lastChange?.line).toBe('Unsuspended 1 card.');
    expect((await reviews.queueCards()).find((card) => card.id === first!.id)!.suspended).toBe(false);
  });

  it('undoes an unbury or a suspend for each card not changed since, and says which kept their change', async () => {
    const { db, browser } = await setup();
    const [first, second, third] = await db.cards.toArray();
    const tomorrow = T0 + 86_400_000;
    await db.cards.bulkPut([{ ...first!, buriedUntil: tomorrow }, { ...second!, buriedUntil: tomorrow }]);
    await browser.load();
    browser.setQuery({ filter: 'buried' });
    browser.toggleAll();
    await browser.unbury();
    expect(browser.lastChange?.line).toBe('Unburied 2 cards: back in today’s review.');
    // The first is answered in review after the unbury: burying it again would hide what its answer scheduled.
    await db.cards.update(first!.id, { state: 'learning', reps: 1, due: T0 + 600_000, lastReview: T0 });
    await browser.undoChange();
    expect(browser.changeUndoRefused).toBe('1 of the 2 cards was answered or buried since, so it stays in today’s review.');
    expect((await db.cards.get(first!.id))!.buriedUntil).toBeNull();
    expect((await db.cards.get(second!.id))!.buriedUntil).toBe(tomorrow);

    browser.setQuery({ filter: 'all' });
    browser.toggle(second!.id);
    browser.toggle(third!.id);
    await browser.setSuspended(true);
    // Unsuspended elsewhere (in review's card info) before the undo: nothing is left to take back for it.
    await db.cards.update(third!.id, { suspended: false });
    await browser.undoChange();
    expect(browser.changeUndoRefused).toBe('1 of the 2 cards was unsuspended since, so it stays unsuspended.');
    expect((await db.cards.bulkGet([second!.id, third!.id])).map((card) => card!.suspended)).toEqual([false, false]);
  });

  it('toggles the whole list at once, and shows it a page at a time', async () => {
    const { browser } = await setup();
    browser.toggleAll();
    expect(browser.selectedShown).toHaveLength(browser.found.length);
    browser.toggleAll();
    expect(browser.selected.size).toBe(0);
    // Pages: the first CARDS_PER_PAGE, then more.
    const many = Array.from({ length: CARDS_PER_PAGE + 5 }, (_, i) => ({ ...browser.cards![0]!, id: `copy-${i}` }));
    browser.cards = many;
    expect(browser.page).toHaveLength(CARDS_PER_PAGE);
    browser.showMore();
    expect(browser.page).toHaveLength(CARDS_PER_PAGE + 5);
    browser.setQuery({ sort: 'added' });
    expect(browser.page).toHaveLength(CARDS_PER_PAGE);
  });
});
