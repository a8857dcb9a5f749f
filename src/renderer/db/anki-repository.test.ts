/** Storing an Anki import and gathering cards for an export, against IndexedDB (fake-indexeddb in Node). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/contract';
import type { AnkiLibraryImport } from '../../core/interop/anki-library';
import type { AnkiStudyCard } from '../../core/interop/anki-package';
import { Rating, newCardMemory } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { DEFAULT_SCHEDULER_SETTINGS } from '../../core/scheduling/scheduler-settings';
import { ankiGuid } from '../../core/interop/anki-guid';
import { ankiExportCards, ankiImportMessage, storeAnkiImport } from './anki-repository';
import { FocalDb } from './focal-db';
import { ReviewRepository } from './review-repository';

const T0 = Date.UTC(2026, 10, 1, 9);
const DAY = 86_400_000;

/** A deck of `count` notes, each with one card answered Good once. */
function deckImport(count: number, offset = 0): AnkiLibraryImport {
  const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
  const cards: AnkiStudyCard[] = [];
  const sentences = [];
  const log = [];
  let text = '';
  for (let i = offset; i < offset + count; i++) {
    const sentence = `Note ${i} — answer ${i}`;
    if (text) text += '\n\n';
    sentences.push({ id: `s${i}`, text: sentence, section: ['Cells'], page: null, start: text.length, end: text.length + sentence.length, hash: `h${i}` });
    text += sentence;
    const outcome = scheduler.answer({ ...newCardMemory(T0), id: `c${i}` }, Rating.Good, T0 + i, 3000);
    log.push({ ...outcome.entry, id: `l${i}` });
    cards.push({
      id: `c${i}`, documentId: `d${offset}`, sentenceId: `s${i}`, key: `anki:g${i}:0`, kind: 'qa', manual: true, prompt: `Note ${i}`, answer: `answer ${i}`,
      sentence, context: ['Cells'], concept: null, salience: 0, createdAt: T0, ...outcome.memory, suspended: i % 2 === 1,
    });
  }
  return { decks: [{ title: 'Cells', sourceName: 'cells.apkg › Cells', text, sentences, cards, log }], notes: count, cards: count, reviews: count };
}

describe('storeAnkiImport', () => {
  it('says how far a large deck’s write is, a thousand cards at a time, and stores every card, sentence and answer', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    const seen: Array<[number, number]> = [];
    await storeAnkiImport(db, deckImport(2500), T0, undefined, (done, total) => seen.push([done, total]));
    expect(seen).toEqual([[0, 2500], [1000, 2500], [2000, 2500], [2500, 2500]]);
    expect([await db.cards.count(), await db.sentences.count(), await db.reviewLog.count()]).toEqual([2500, 2500, 2500]);
    // Again: every card is there already, dealt with at once.
    seen.length = 0;
    await storeAnkiImport(db, deckImport(2500), T0 + 1, undefined, (done, total) => seen.push([done, total]));
    expect(seen).toEqual([[2500, 2500]]);
  });

  it('stores a deck as a document with its cards and log, and a second import of the same deck adds only what is new', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    expect(await storeAnkiImport(db, deckImport(3), T0)).toEqual({ decks: 1, added: 3, alreadyThere: 0, reviews: 3, reviewsAdded: 0, emptyLeftOut: 0 });
    expect(await storeAnkiImport(db, deckImport(3), T0 + 1)).toEqual({ decks: 0, added: 0, alreadyThere: 3, reviews: 0, reviewsAdded: 0, emptyLeftOut: 0 });
    // The deck grew in Anki: notes 0–4, of which 0–2 are here already (fresh ids from main, same keys).
    const grown = deckImport(5);
    for (const card of grown.decks[0]!.cards) card.id = `new-${card.id}`;
    for (const entry of grown.decks[0]!.log) entry.cardId = `new-${entry.cardId}`;
    expect(await storeAnkiImport(db, grown, T0 + 2)).toEqual({ decks: 1, added: 2, alreadyThere: 3, reviews: 2, reviewsAdded: 0, emptyLeftOut: 0 });
    const [document] = await db.documents.toArray();
    expect(await db.documents.count()).toBe(1);
    expect(document).toMatchObject({ format: 'anki', title: 'Cells', sentenceCount: 5 });
    const text = (await db.documentTexts.get(document!.id))!.text;
    const sentences = await db.sentences.where('documentId').equals(document!.id).sortBy('ordinal');
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([0, 1, 2, 3, 4].map((i) => `Note ${i} — answer ${i}`));
    expect(await db.cards.count()).toBe(5);
    expect(await db.reviewLog.count()).toBe(5);
    expect((await db.cards.toArray()).every((card) => card.documentId === document!.id)).toBe(true);
  });

  it('takes the cards Focal exported for the cards they were, and adds the answers given in Anki since', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    // A Focal card answered once, at T0; exported, its note's guid is ankiGuid of its id.
    await storeAnkiImport(db, deckImport(1), T0);
    const [focal] = await db.cards.toArray();
    const back = deckImport(2, 10);
    const deck = back.decks[0]!;
    deck.cards[0]!.key = `anki:${ankiGuid(focal!.id)}:0`;
    // Its log in the package: Focal's answer (the same time) and two answered in Anki a day and four days later.
    const answerAt = (time: number, rating: Rating) => ({ ...deck.log[0]!, id: `a${time}`, time, rating });
    deck.log = [answerAt(focal!.lastReview!, Rating.Good), answerAt(focal!.lastReview! + 86_400_000, Rating.Good), answerAt(focal!.lastReview! + 4 * 86_400_000, Rating.Hard), deck.log[1]!];
    expect(await storeAnkiImport(db, back, T0 + 5 * 86_400_000, scheduler)).toEqual({ decks: 1, added: 1, alreadyThere: 1, reviews: 1, reviewsAdded: 2, emptyLeftOut: 0 });
    expect(await db.cards.count()).toBe(2);
    const merged = (await db.cards.get(focal!.id))!;
    expect(merged).toMatchObject({ reps: focal!.reps + 2, lastReview: focal!.lastReview! + 4 * 86_400_000 });
    const log = await db.reviewLog.where('cardId').equals(focal!.id).sortBy('time');
    expect(log.map((entry) => entry.kind === 'review' && entry.rating)).toEqual([Rating.Good, Rating.Good, Rating.Hard]);
    // Imported again: nothing new, nothing added twice.
    expect(await storeAnkiImport(db, back, T0 + 6 * 86_400_000, scheduler)).toMatchObject({ added: 0, alreadyThere: 2, reviewsAdded: 0 });
    expect(ankiImportMessage({ decks: 1, added: 1, alreadyThere: 1, reviews: 1, reviewsAdded: 2, emptyLeftOut: 0 }, 'focal.apkg')).toBe(
      'Imported 1 card with 1 review from focal.apkg; 1 was already in your library, and 2 answers given in Anki since were added to it.',
    );
    expect(ankiImportMessage({ decks: 1, added: 5, alreadyThere: 0, reviews: 0, reviewsAdded: 0, emptyLeftOut: 1 }, 'spanish.apkg')).toBe(
      'Imported 5 cards with 0 reviews from spanish.apkg. 1 card with an empty question was left out.',
    );
  });

  it('takes a reset made in Focal before the export as one it has, and applies one made in Anki since', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
    await storeAnkiImport(db, deckImport(1), T0);
    const [focal] = await db.cards.toArray();
    let n = 0;
    const [focalReset] = await new ReviewRepository(db, () => `r${++n}`).resetMany([focal!.id], T0 + DAY);
    const back = deckImport(1, 10);
    const deck = back.decks[0]!;
    deck.cards[0]!.key = `anki:${ankiGuid(focal!.id)}:0`;
    const answerAt = (time: number, rating: Rating) => ({ ...deck.log[0]!, id: `a${time}`, time, rating });
    const resetAt = (time: number) => ({ kind: 'reset' as const, id: `z${time}`, cardId: deck.cards[0]!.id, time, before: newCardMemory(T0), after: newCardMemory(time) });
    // The package holds Focal's answer and Focal's reset: the card, reset and with no last review, gets neither again.
    deck.log = [answerAt(focal!.lastReview!, Rating.Good), resetAt(focalReset!.time)];
    expect(await storeAnkiImport(db, back, T0 + 2 * DAY, scheduler)).toMatchObject({ alreadyThere: 1, reviewsAdded: 0 });
    expect(await db.cards.get(focal!.id)).toMatchObject({ state: 'new', lastReview: null });
    // Reset in Anki again and answered there: made new, then learnt (one answer added; a reset is no answer).
    deck.log = [...deck.log, resetAt(T0 + 3 * DAY), answerAt(T0 + 3 * DAY + 60_000, Rating.Good)];
    expect(await storeAnkiImport(db, back, T0 + 4 * DAY, scheduler)).toMatchObject({ reviewsAdded: 1 });
    const log = await db.reviewLog.where('cardId').equals(focal!.id).sortBy('time');
    expect(log.map((entry) => entry.kind)).toEqual(['review', 'reset', 'reset', 'review']);
    expect(await db.cards.get(focal!.id)).toMatchObject({ state: 'learning', lastReview: T0 + 3 * DAY + 60_000, reps: focal!.reps + 1 });
  });

  it('brings a card Focal exported and then deleted back under its id, its logged answers counted once', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    await storeAnkiImport(db, deckImport(1), T0);
    const [focal] = await db.cards.toArray();
    // Its document deleted: the card goes, its answer stays in the append-only log (Stats counts it).
    await db.cards.clear();
    await db.documents.clear();
    await db.sentences.clear();
    const back = deckImport(1, 10);
    const deck = back.decks[0]!;
    deck.cards[0]!.key = `anki:${ankiGuid(focal!.id)}:0`;
    // In the package: Focal's own answer at its time, and one given in Anki a day later.
    const answerAt = (time: number) => ({ ...deck.log[0]!, id: `a${time}`, cardId: deck.cards[0]!.id, time });
    deck.log = [answerAt(focal!.lastReview!), answerAt(focal!.lastReview! + 86_400_000)];
    expect(await storeAnkiImport(db, back, T0 + 2 * 86_400_000)).toMatchObject({ decks: 1, added: 1, reviews: 1 });
    expect((await db.cards.toArray()).map((card) => card.id)).toEqual([focal!.id]);
    const log = await db.reviewLog.where('cardId').equals(focal!.id).sortBy('time');
    expect(log.map((entry) => entry.time)).toEqual([focal!.lastReview!, focal!.lastReview! + 86_400_000]);
    expect(await db.reviewLog.count()).toBe(2);
  });

  it('stores nothing when a write fails part-way', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    const broken = deckImport(2);
    broken.decks[0]!.log.push({ ...broken.decks[0]!.log[0]! }); // a duplicate log id: the last write of the transaction fails
    await expect(storeAnkiImport(db, broken, T0)).rejects.toThrow();
    expect([await db.documents.count(), await db.sentences.count(), await db.cards.count(), await db.reviewLog.count()]).toEqual([0, 0, 0, 0]);
  });
});

describe('ankiExportCards', () => {
  it('gathers every card with its source title and log, in the shape the contract accepts', async () => {
    const db = new FocalDb(`anki-${Math.random()}`);
    await storeAnkiImport(db, deckImport(2), T0);
    const cards = await ankiExportCards(db);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({ sourceTitle: 'Cells', reviews: [{ kind: 'review', rating: Rating.Good }] });
    expect(() => methods['interop.exportAnki'].input.parse({ deckName: 'Focal', cards })).not.toThrow();
  });
});
