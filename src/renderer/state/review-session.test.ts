/** A review session against IndexedDB (fake-indexeddb in Node): undo puts back the counters and the summary. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Rating, type CardMemory } from '../../core/scheduling/card-memory';
import { FocalDb, type CardRow } from '../db/focal-db';
import { newCardRow } from '../db/library-repository';
import { ReviewRepository } from '../db/review-repository';
import { SettingsRepository } from '../db/settings-repository';
import { ReviewSession, setAsideLine, summarise } from './review-session.svelte';
import { ScheduleSettings } from './schedule-settings.svelte';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 2, 12);

function card(n: number, memory: Partial<CardMemory> = {}): CardRow {
  const row = newCardRow({
    id: `card-${n}`,
    documentId: 'doc',
    sentenceId: `sentence-${n}`,
    key: `cloze:sentence-${n}`,
    kind: 'cloze',
    manual: false,
    prompt: `Prompt ${n} […]`,
    answer: `answer ${n}`,
    sentence: `Sentence ${n}.`,
    context: [],
    concept: null,
    salience: 1 - n / 100,
    createdAt: T0 - 2 * 86_400_000,
  });
  return { ...row, ...memory };
}

/** New cards, and one learning card left from an earlier session that comes due inside the learn-ahead window. */
async function setup(newCards: number) {
  const db = new FocalDb(`review-session-${Math.random()}`);
  let n = 0;
  const newId = () => `id-${++n}`;
  let clock = T0;
  const leftover = card(0, { state: 'learning', due: T0 + 10 * MINUTE, stability: 1, difficulty: 5, learningSteps: 1, reps: 1, lastReview: T0 - 5 * MINUTE });
  await db.cards.bulkAdd([leftover, ...Array.from({ length: newCards }, (_, i) => card(i + 1))]);
  const schedule = new ScheduleSettings(new SettingsRepository(db), newId);
  await schedule.save({ fuzz: false });
  const session = new ReviewSession(new ReviewRepository(db, newId), schedule, () => (clock += 1000));
  return { db, session, leftover, schedule, later: (ms: number) => void (clock += ms) };
}

function counts(session: ReviewSession) {
  const queue = session.queue!;
  return { new: queue.newCards.length, learning: queue.learning.length, review: queue.reviews.length };
}

async function answerCurrent(session: ReviewSession, rating: Rating): Promise<void> {
  session.reveal();
  await session.answer(rating);
}

describe('undo in a review session', () => {
  it('puts the counters back as they were before the answer', async () => {
    const { session } = await setup(3);
    await session.start();
    const before = counts(session);
    const shown = session.current!.id;
    expect(before).toEqual({ new: 3, learning: 1, review: 0 });
    expect(session.current!.state).toBe('new');

    await answerCurrent(session, Rating.Again);
    expect(counts(session)).toEqual({ new: 2, learning: 2, review: 0 });

    await session.undo();
    expect(counts(session)).toEqual(before);
    expect(session.current!.id).toBe(shown);
    expect(session.current!.state).toBe('new');
    expect(session.revealed).toBe(false);
  });

  it('brings the last card back from the summary with the counters it had', async () => {
    const { session } = await setup(2);
    await session.start();
    let last = counts(session);
    while (!session.finished) {
      last = counts(session);
      await answerCurrent(session, Rating.Easy);
    }
    expect(counts(session)).toEqual({ new: 0, learning: 0, review: 0 });

    await session.undo();
    expect(session.finished).toBe(false);
    expect(session.current).not.toBeNull();
    expect(counts(session)).toEqual(last);
  });

  it('lets a new card answered, undone and answered again count once in the new-card limit', async () => {
    const { session } = await setup(3);
    await session.start();
    await answerCurrent(session, Rating.Good);
    await session.undo();
    await answerCurrent(session, Rating.Good);
    expect(session.queue!.remaining.newCards).toBe(20 - 1);
  });

  it('shows a card on a day-long learning step at once on its day, and counts its answer against the review limit until undone', async () => {
    const { db, session } = await setup(2);
    // Answered yesterday evening on a "1d" step: due this evening, but studied any time today, as in Anki.
    const dayStep = card(9, { state: 'learning', due: T0 + 6 * 60 * MINUTE, scheduledDays: 1, stability: 3, difficulty: 5, learningSteps: 1, reps: 2, lastReview: T0 - 18 * 60 * MINUTE });
    await db.cards.put(dayStep);
    await session.start();
    expect(session.current?.id).toBe('card-9');
    expect(session.queue!.studiedToday.reviews).toBe(0);
    await answerCurrent(session, Rating.Good);
    expect(session.queue!.studiedToday.reviews).toBe(1);
    await session.undo();
    expect(session.current?.id).toBe('card-9');
    expect(session.queue!.studiedToday.reviews).toBe(0);
  });
});

describe('the session summary', () => {
  it('counts only the answers that stand, and only cards that were new as new cards learnt', async () => {
    const { session, leftover } = await setup(3);
    await session.start();
    await answerCurrent(session, Rating.Again);
    await session.undo();
    const seen: string[] = [];
    while (!session.finished) {
      seen.push(session.current!.id);
      await answerCurrent(session, Rating.Easy);
    }
    expect(seen).toContain(leftover.id);
    expect(session.summary.reviewed).toBe(4);
    expect(session.summary.byRating).toEqual({ 1: 0, 2: 0, 3: 0, 4: 4 });
    expect(session.summary.newIntroduced).toBe(3);
  });

  it('keeps an answer whose undo was refused because the card changed elsewhere', async () => {
    const { db, session } = await setup(1);
    await session.start();
    const answered = session.current!.id;
    await answerCurrent(session, Rating.Good);
    await db.cards.update(answered, { due: T0 + 86_400_000 });
    await session.undo();
    expect(session.status).toMatch(/can no longer be undone/);
    expect(session.summary.reviewed).toBe(1);
    expect(session.summary.byRating[Rating.Good]).toBe(1);
  });

  it('adds up ratings, new cards and time', () => {
    const summary = summarise([
      { entryId: 'a', rating: Rating.Again, wasNew: true, elapsedMs: 4000 },
      { entryId: 'b', rating: Rating.Good, wasNew: false, elapsedMs: 6000 },
      { entryId: 'c', rating: Rating.Good, wasNew: true, elapsedMs: 1000 },
    ]);
    expect(summary).toEqual({ reviewed: 3, byRating: { 1: 1, 2: 0, 3: 2, 4: 0 }, newIntroduced: 2, timeMs: 11_000, nextLearningDue: null });
  });
});

/** A session that answered its first card Good and deleted the next: the ids, and the deleted card as it was. */
async function answerOneAndDeleteNext() {
  const { db, session } = await setup(3);
  // The cards' document: undo brings a card back only into a document that is still there.
  await db.documents.put({ id: 'doc', title: 'Cells', contentHash: 'h', sourceKey: 'cells.md', importedAt: T0, updatedAt: T0 } as never);
  await session.start();
  const answered = session.current!.id;
  await answerCurrent(session, Rating.Good);
  const deleted = session.current!.id;
  const before = await db.cards.get(deleted);
  await session.deleteCurrent();
  return { db, session, answered, deleted, before };
}

describe('undo of bury, suspend and delete', () => {
  it('brings a buried card back instead of undoing the answer before it', async () => {
    const { db, session } = await setup(3);
    await session.start();
    const answered = session.current!.id;
    await answerCurrent(session, Rating.Good);
    const buried = session.current!.id;
    const countsBeforeBury = counts(session);
    await session.bury();
    expect(session.current!.id).not.toBe(buried);

    await session.undo();
    expect(session.status).toBe('Undone.');
    expect(session.current!.id).toBe(buried);
    expect(counts(session)).toEqual(countsBeforeBury);
    expect((await db.cards.get(buried))!.buriedUntil).toBeNull();
    expect((await db.cards.get(answered))!.reps).toBe(1);

    // The next undo takes back the older answer.
    await session.undo();
    expect(session.current!.id).toBe(answered);
    expect((await db.cards.get(answered))!.reps).toBe(0);
  });

  it('says in the summary what the session set aside, and an undo takes a card back out of it', async () => {
    const { session } = await setup(4);
    await session.start();
    await session.bury();
    await session.deleteCurrent();
    await session.suspend();
    expect(setAsideLine(session.setAside)).toBe('1 buried · 1 suspended · 1 deleted');
    await session.undo();
    expect(setAsideLine(session.setAside)).toBe('1 buried · 1 deleted');
    expect(setAsideLine(new Map())).toBeNull();
  });

  it('unsuspends a card suspended in the session, and takes back the suspension the model would learn from', async () => {
    const { db, session } = await setup(2);
    await session.start();
    const suspended = session.current!.id;
    await session.suspend();
    expect((await db.cards.get(suspended))!.suspended).toBe(true);
    expect(await db.feedback.filter((f) => f.kind === 'card-suspended').count()).toBe(1);
    await session.undo();
    expect(session.current!.id).toBe(suspended);
    expect((await db.cards.get(suspended))!.suspended).toBe(false);
    expect(session.queue!.order).toContain(suspended);
    expect(await db.feedback.filter((f) => f.kind === 'card-suspended').count()).toBe(0);
  });

  it('brings a deleted card back with its record taken back, before undoing the answer that came earlier', async () => {
    const { db, session, answered, deleted, before } = await answerOneAndDeleteNext();
    expect(await db.cards.get(deleted)).toBeUndefined();
    expect(await db.feedback.filter((f) => f.kind === 'card-deleted').count()).toBe(1);
    await session.undo();
    expect(session.current!.id).toBe(deleted);
    expect(await db.cards.get(deleted)).toEqual(before);
    expect(await db.feedback.filter((f) => f.kind === 'card-deleted').count()).toBe(0);
    expect((await db.cards.get(answered))!.reps).toBe(1);
    await session.undo();
    expect(session.current!.id).toBe(answered);
    expect((await db.cards.get(answered))!.reps).toBe(0);
  });

  it('undoes an edit: the card reads as before, and the edit’s record for the model is taken back', async () => {
    const { db, session } = await setup(2);
    await session.start();
    const edited = session.current!;
    await session.edit('A new question?', 'A new answer');
    expect(await db.cards.get(edited.id)).toMatchObject({ prompt: 'A new question?', answer: 'A new answer', edited: true });
    expect(await db.feedback.filter((f) => f.kind === 'card-edited').count()).toBe(1);
    await session.undo();
    expect(session.status).toBe('Edit undone.');
    expect(await db.cards.get(edited.id)).toMatchObject({ prompt: edited.prompt, answer: edited.answer, edited: false });
    expect(await db.feedback.filter((f) => f.kind === 'card-edited').count()).toBe(0);
    // Edited again elsewhere since: the undo changes nothing and says so.
    await session.edit('Once more?', 'Again');
    await db.cards.update(edited.id, { answer: 'changed in the reader' });
    await session.undo();
    expect(session.status).toMatch(/can no longer be undone/);
    expect((await db.cards.get(edited.id))!.answer).toBe('changed in the reader');
  });

  it('undoes a delete and an answer of an earlier session after a new one starts, and says when nothing came back', async () => {
    const { db, session, answered, deleted } = await answerOneAndDeleteNext();
    session.end();
    // A later session (as Today starts one for u): the delete, then the answer, are still undone.
    await session.start();
    expect(await session.undo()).toBe(true);
    expect(session.current!.id).toBe(deleted);
    expect(await db.cards.get(deleted)).toBeDefined();
    await session.start();
    expect(await session.undo()).toBe(true);
    expect(session.current!.id).toBe(answered);
    expect((await db.cards.get(answered))!.reps).toBe(0);
    expect(await session.undo()).toBe(false);
    expect(session.status).toBe('Nothing to undo.');
  });

  it('refuses to unbury a card changed elsewhere since', async () => {
    const { db, session } = await setup(2);
    await session.start();
    const buried = session.current!.id;
    await session.bury();
    await db.cards.update(buried, { buriedUntil: null });
    await session.undo();
    expect(session.status).toMatch(/can no longer be undone/);
  });
});

describe('cards deleted while a session runs', () => {
  it('drops the card on screen when an answer finds it deleted, and goes on with the next', async () => {
    const { db, session } = await setup(3);
    await session.start();
    const deleted = session.current!.id;
    const before = counts(session);
    await db.cards.delete(deleted);
    await answerCurrent(session, Rating.Good);
    expect(session.status).toBe('That card was deleted; moving on.');
    expect(session.current!.id).not.toBe(deleted);
    expect(session.queue!.order).not.toContain(deleted);
    expect(counts(session).new + counts(session).learning).toBe(before.new + before.learning - 1);

    await answerCurrent(session, Rating.Good);
    expect(session.status).toBeNull();
    expect(session.summary.reviewed).toBe(1);
  });

  it('takes cards deleted elsewhere out of the counters when it catches up', async () => {
    const { db, session } = await setup(3);
    await session.start();
    const shown = session.current!.id;
    const other = session.queue!.order.find((id) => id !== shown)!;
    await db.cards.delete(other);
    await session.catchUp();
    expect(session.queue!.order).not.toContain(other);
    expect(session.current!.id).toBe(shown);
    expect(session.status).toBeNull();

    await db.cards.delete(shown);
    await session.catchUp();
    expect(session.current!.id).not.toBe(shown);
    expect(session.status).toBe('That card was deleted; moving on.');
  });

  it('catching up, shows an edited card’s new text, and moves on from one suspended, buried or answered elsewhere', async () => {
    const { db, session } = await setup(5);
    await session.start();
    const shown = session.current!.id;
    session.reveal();
    await db.cards.update(shown, { answer: 'changed elsewhere' });
    await session.catchUp();
    expect(session.current).toMatchObject({ id: shown, answer: 'changed elsewhere' });
    expect(session.revealed).toBe(true);
    expect(session.status).toBeNull();

    const cases = [
      [{ suspended: true }, 'That card was suspended elsewhere; moving on.'],
      [{ buriedUntil: T0 + 86_400_000 }, 'That card was buried elsewhere; moving on.'],
      // Answered Good in another window: in learning, due again in 10 minutes.
      [{ reps: 1, lastReview: T0, state: 'learning', due: T0 + 600_000 }, 'That card was answered elsewhere; moving on.'],
    ] as const;
    for (const [change, status] of cases) {
      const before = session.current!.id;
      const left = session.queue!.order.length;
      await db.cards.update(before, change);
      await session.catchUp();
      expect(session.status).toBe(status);
      expect(session.current!.id).not.toBe(before);
      if (!('reps' in change)) expect(session.queue!.order).not.toContain(before);
      expect(session.queue!.order.length).toBeLessThanOrEqual(left);
    }
  });

  it('drops a deleted card instead of burying it', async () => {
    const { db, session } = await setup(2);
    await session.start();
    const deleted = session.current!.id;
    await db.cards.delete(deleted);
    await session.bury();
    expect(session.status).toBe('That card was deleted; moving on.');
    expect(session.history.actions).toEqual([]);
  });
});

describe('a review that goes on past the start of the next study day', () => {
  it('counts the new day’s limits from its start, as Today does, at the first answer after it', async () => {
    const { session, schedule, later } = await setup(5);
    await schedule.save({ newCardsPerDay: 2 });
    await session.start();
    expect(counts(session).new).toBe(2);
    while (session.current?.state === 'new') await answerCurrent(session, Rating.Good);
    expect(counts(session).new).toBe(0);
    // Past 4 am the next day: the cards in learning are due, and the first answer finds a new day's limit.
    later(17 * 60 * MINUTE);
    await answerCurrent(session, Rating.Good);
    expect(counts(session).new).toBe(2);
  });
});

describe('leaving a review', () => {
  it('waits for an answer still being written, so that ending the review keeps it and it can be undone later', async () => {
    const { db, session } = await setup(2);
    await session.start();
    const answered = session.current!.id;
    session.reveal();
    // Not awaited: the person left while the answer was being written.
    const answering = session.answer(Rating.Good);
    await session.settled();
    session.end();
    await answering;
    expect(session.current).toBeNull();
    expect((await db.cards.get(answered))!.reps).toBe(1);
    expect(session.canUndo).toBe(true);
  });

  it('is settled at once when nothing is being written, and after a failed write', async () => {
    const { db, session } = await setup(1);
    await session.start();
    await session.settled();
    session.reveal();
    await db.close();
    await expect(session.answer(Rating.Good)).rejects.toThrow();
    await expect(session.settled()).resolves.toBeUndefined();
  });
});

describe('a leech in review', () => {
  it('is said when an Again brings a card to the leech threshold, and not for another lapse or with the threshold at 0', async () => {
    const { db, session, schedule } = await setup(0);
    const due = T0 - 86_400_000;
    const review = (n: number, lapses: number) => card(n, { state: 'review', due, stability: 3, difficulty: 8, reps: 20, lapses, lastReview: due - 3 * 86_400_000, scheduledDays: 3 });
    const againOnly = async (row: CardRow) => {
      await db.cards.clear();
      await db.cards.add(row);
      await session.start();
      await answerCurrent(session, Rating.Again);
      return session.status;
    };
    expect(await againOnly(review(1, 7))).toMatch(/^A leech: you have forgotten “Prompt 1 \[…\]” 8 times\. Rewrite or suspend it later from Cards → Leeches\.$/);
    // Already a leech, a ninth lapse says nothing: the next word comes at 12.
    expect(await againOnly(review(2, 8))).toBeNull();
    await schedule.save({ leechThreshold: 0 });
    expect(await againOnly(review(3, 7))).toBeNull();
  });
});
