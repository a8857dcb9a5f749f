/** Deleting a card from the reader and undoing it, against IndexedDB (fake-indexeddb in Node). */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FocalDb } from '../db/focal-db';
import { parsedNote } from '../db/parsed-note-fixture';
import { LibraryRepository } from '../db/library-repository';
import { ReviewRepository } from '../db/review-repository';
import { CardRemoval, deletedCardsLine, type DeletedCard } from './card-removal.svelte';

const T0 = Date.UTC(2026, 10, 1, 9);
const sentences = ['Mitochondria make most of the cell’s ATP.', 'Ribosomes build proteins from amino acids.'];

async function setup(text = sentences) {
  const db = new FocalDb(`card-removal-${Math.random()}`);
  let n = 0;
  const newId = () => `id-${++n}`;
  let clock = T0;
  const library = new LibraryRepository(db, newId, () => clock);
  const reviews = new ReviewRepository(db, newId);
  const { documentId } = await library.store(parsedNote(text));
  const removal = new CardRemoval(reviews, () => (clock += 1000));
  const [card] = await reviews.cardsOfDocument(documentId);
  return { db, library, reviews, removal, documentId, card: card! };
}

describe('deleting a card from the reader', () => {
  it('undo brings the card back exactly, and the delete no longer counts as feedback', async () => {
    const { db, removal, card } = await setup();
    await db.cards.update(card.id, { reps: 3, stability: 4.5 });
    const before = (await db.cards.get(card.id))!;
    await removal.remove(card.id);
    expect(await db.cards.get(card.id)).toBeUndefined();
    expect((await db.feedback.toArray()).map((row) => row.kind)).toEqual(['card-deleted']);
    expect(removal.lastDeleted.map((d) => d.card.id)).toEqual([card.id]);

    expect(await removal.undo()).toBe('restored');
    expect(await db.cards.get(card.id)).toEqual(before);
    expect(await db.feedback.count()).toBe(0);
    expect(removal.lastDeleted).toEqual([]);
    expect(removal.undoRefused).toBeNull();
  });

  it('keeps the feedback of other deletes when one is undone', async () => {
    const { db, reviews, removal, card, documentId } = await setup();
    const other = (await reviews.cardsOfDocument(documentId)).find((row) => row.sentenceId !== card.sentenceId)!;
    await removal.remove(other.id);
    await removal.remove(card.id);
    await removal.undo();
    expect((await db.feedback.toArray()).map((row) => row.sentenceId)).toEqual([other.sentenceId]);
    expect(await db.cards.get(other.id)).toBeUndefined();
  });

  it('does not bring back a card whose sentence has been given a card again', async () => {
    const { db, reviews, removal, card, documentId } = await setup();
    await removal.remove(card.id);
    const made = await reviews.makeFromSentence(documentId, card.sentenceId, T0 + 5000);
    expect(made.some((row) => row.key === card.key)).toBe(true);
    expect(await removal.undo()).toBe('replaced');
    expect(await db.cards.where('key').equals(card.key).count()).toBe(1);
    expect(await db.cards.get(card.id)).toBeUndefined();
    expect(removal.undoRefused).toMatch(/has a card again/);
  });

  it('does not bring back a card of a document deleted meanwhile', async () => {
    const { db, library, removal, card, documentId } = await setup();
    await removal.remove(card.id);
    await library.delete(documentId);
    expect(await removal.undo()).toBe('gone');
    expect(await db.cards.count()).toBe(0);
  });

  it('has nothing to undo before a delete, or after dismissing', async () => {
    const { removal, card } = await setup();
    expect(await removal.undo()).toBe('nothing');
    await removal.remove(card.id);
    removal.dismiss();
    expect(await removal.undo()).toBe('nothing');
  });

  it('deletes several cards at once and brings them all back with one undo', async () => {
    const { db, reviews, removal, documentId } = await setup();
    const before = await reviews.cardsOfDocument(documentId);
    expect(before.length).toBeGreaterThanOrEqual(2);
    await removal.removeMany(before.map((row) => row.id));
    expect(await db.cards.count()).toBe(0);
    expect(removal.lastDeleted).toHaveLength(before.length);
    // Each sentence's last card to go records it as not useful, once.
    expect((await db.feedback.toArray()).map((row) => row.sentenceId).sort()).toEqual([...new Set(before.map((row) => row.sentenceId))].sort());

    expect(await removal.undo()).toBe('restored');
    expect(await reviews.cardsOfDocument(documentId)).toEqual(before);
    expect(await db.feedback.count()).toBe(0);
    expect(removal.undoRefused).toBeNull();
  });

  it('brings back what it can of several cards, and says how many it could not', async () => {
    const { db, reviews, removal, card, documentId } = await setup();
    const all = await reviews.cardsOfDocument(documentId);
    await removal.removeMany(all.map((row) => row.id));
    await reviews.makeFromSentence(documentId, card.sentenceId, T0 + 5000);
    expect(await removal.undo()).toBe('replaced');
    const notBack = all.filter((row) => row.sentenceId === card.sentenceId).length;
    expect(removal.undoRefused).toBe(`${notBack} of the ${all.length} cards were not brought back: ${notBack === 1 ? '1 sentence has a card' : `${notBack} sentences have cards`} again.`);
    for (const row of all.filter((row) => row.sentenceId !== card.sentenceId)) expect(await db.cards.get(row.id)).toEqual(row);
  });
});

describe('the line offering an undo', () => {
  const deleted = (sentenceId: string, recorded: boolean, prompt = 'Mitochondria make most of the cell’s […].'): DeletedCard => ({
    card: { id: `${sentenceId}-${Math.random()}`, sentenceId, prompt } as DeletedCard['card'],
    feedbackId: recorded ? `f-${sentenceId}` : null,
  });

  it('says what was deleted, and when a sentence kept a card in study, that the model learns nothing from it', () => {
    expect(deletedCardsLine([])).toBeNull();
    expect(deletedCardsLine([deleted('s1', true)])).toBe('Deleted the card “Mitochondria make most of the cell’s […].”.');
    expect(deletedCardsLine([deleted('s1', false, 'A prompt long enough to be cut short in the line that offers the undo')])).toBe(
      'Deleted the card “A prompt long enough to be cut short in the line that off…”. Its sentence still has a card, so your model learns nothing from this.',
    );
    // Two cards of one sentence, the record with the last: that sentence counts.
    expect(deletedCardsLine([deleted('s1', false), deleted('s1', true)])).toBe('Deleted 2 cards.');
    expect(deletedCardsLine([deleted('s1', false), deleted('s2', false)])).toBe('Deleted 2 cards. Their sentences still have cards, so your model learns nothing from this.');
    expect(deletedCardsLine([deleted('s1', false), deleted('s2', true), deleted('s3', false)])).toBe('Deleted 3 cards. 2 of their sentences still have cards: your model learns nothing from those.');
    expect(deletedCardsLine([deleted('s1', false), deleted('s2', true)])).toBe('Deleted 2 cards. 1 of their sentences still has a card: your model learns nothing from that one.');
  });

  it('reads the records a real delete made: a card whose sentence keeps its other card is not counted', async () => {
    // A definition: its sentence gets a question card beside its fill-in-the-blank.
    const { db, removal, card } = await setup(['Mitochondria are the organelles that make most of the cell’s ATP.']);
    const others = (await db.cards.where('sentenceId').equals(card.sentenceId).toArray()).filter((other) => other.id !== card.id);
    expect(others.length).toBeGreaterThan(0);
    await removal.remove(card.id);
    expect(deletedCardsLine(removal.lastDeleted)).toMatch(/Its sentence still has a card, so your model learns nothing from this\.$/);
    // Its last card deleted too, the sentence is recorded as not useful, and the line says no more than what went.
    await removal.removeMany(others.map((other) => other.id));
    expect(deletedCardsLine(removal.lastDeleted)).toMatch(/^Deleted (the card “.*”|\d+ cards)\.$/);
  });
});
