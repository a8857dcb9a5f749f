/**
 * Cards and the review log in Dexie: every answer writes the card and its log entry in one transaction,
 * undo restores the exact earlier state and appends its marker, and nothing in the log is ever rewritten.
 */
import { makeCardFromSentence } from '../../core/cards/make-cards';
import { groupBy } from '../../core/group-by';
import { cardMemoryOf, sameCardMemory, type CardMemory, type Rating } from '../../core/scheduling/card-memory';
import type { Scheduler } from '../../core/scheduling/fsrs-adapter';
import { memoryUnderWeights } from '../../core/scheduling/card-histories';
import type { SchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { countStudiedToday, resetEntry, type ResetEntry, type ReviewEntry } from '../../core/scheduling/review-log';
import type { QueueCard } from '../../core/scheduling/review-queue';
import { undoHide, undoLastAnswer, type EditStep, type HideStep, type UndoStack } from '../../core/scheduling/undo';
import type { ExplicitSignalKind } from '../../core/reward/sentence-reward';
import type { CardRow, FeedbackRow, FocalDb, ReviewLogRow } from './focal-db';
import { newCardRow } from './library-repository';
import { compareStrings } from '../../core/compare-strings';
import { FocalError } from '../../shared/errors';

/** What undoing a card's delete did: put it back, or not, because the sentence has a card again or the document is gone. */
/** A card the browser unburied: what burying it again needs, and its memory then, to tell whether it was answered since. */
export interface UnburiedCard {
  cardId: string;
  until: number;
  memory: CardMemory;
}

export type UndoDeleteOutcome = 'restored' | 'replaced' | 'gone';

/** An answer to a suggestion, as undoing it needs it: the cards it made and the sentence's records before it. */
export interface CandidateAnswer {
  sentenceId: string;
  cards: CardRow[];
  recordsBefore: FeedbackRow[];
}

export class ReviewRepository {
  constructor(
    private readonly db: FocalDb,
    private readonly newId: () => string,
    /** Told after every write that commits: other windows on the library read their cards again. */
    private readonly changed: () => void = () => {},
  ) {}

  /** A write, all of it or nothing, and `changed` told once it committed. */
  private async write<T>(tables: Array<FocalDb['cards' | 'reviewLog' | 'feedback' | 'documents' | 'sentences']>, work: () => Promise<T>): Promise<T> {
    const result = await this.db.transaction('rw', tables, work);
    this.changed();
    return result;
  }

  /** What queue building needs of every card (the whole rows; Dexie has no cheaper projection). */
  async queueCards(): Promise<Array<QueueCard & CardRow>> {
    return this.db.cards.toArray();
  }

  /** Every document's title by id, for the line above a card (documents' rows are light: no text, no vectors). */
  async documentTitles(): Promise<Map<string, string>> {
    return new Map((await this.db.documents.toArray()).map((document) => [document.id, document.title]));
  }

  card(id: string): Promise<CardRow | undefined> {
    return this.db.cards.get(id);
  }

  /** A document's cards in reading order (storage would give them by id, which is random), a sentence's by kind. */
  async cardsOfDocument(documentId: string): Promise<CardRow[]> {
    const cards = await this.db.cards.where('documentId').equals(documentId).toArray();
    // Only the cards' own sentences: a book has thousands, each with its words' attention.
    const sentences = await this.db.sentences.bulkGet([...new Set(cards.map((card) => card.sentenceId))]);
    const ordinalOf = new Map(sentences.flatMap((s) => (s ? [[s.id, s.ordinal] as const] : [])));
    const ordinal = (card: CardRow) => ordinalOf.get(card.sentenceId) ?? Number.MAX_SAFE_INTEGER;
    return cards.sort((a, b) => ordinal(a) - ordinal(b) || compareStrings(a.key, b.key));
  }

  /** Today's log entries (from the study day's start), to count what the daily limits already used. */
  async studiedToday(dayStart: number) {
    return countStudiedToday(await this.db.reviewLog.where('time').aboveOrEqual(dayStart).toArray(), dayStart);
  }

  logOf(cardId: string): Promise<ReviewLogRow[]> {
    return this.db.reviewLog.where('cardId').equals(cardId).sortBy('time');
  }

  /** Log entries from `since` on, oldest first: what the Today screen needs for the streak and the pace. */
  logSince(since: number): Promise<ReviewLogRow[]> {
    return this.db.reviewLog.where('time').aboveOrEqual(since).sortBy('time');
  }

  allLog(): Promise<ReviewLogRow[]> {
    return this.db.reviewLog.orderBy('time').toArray();
  }

  /**
   * Gives every card with a history since it was new the memory (stability, difficulty) that `weights` make of its
   * answers, as Anki does when it saves new parameters; due dates stay as they were. How many cards changed.
   */
  async rememberUnder(weights: readonly number[], settings: Pick<SchedulerSettings, 'dayStartHour' | 'relearningStepsMinutes'>): Promise<number> {
    const { db } = this;
    return this.write([db.cards, db.reviewLog], async () => {
      const memories = memoryUnderWeights(await db.reviewLog.toArray(), weights, settings);
      const changed: CardRow[] = [];
      for (const card of await db.cards.bulkGet([...memories.keys()])) {
        const memory = card && card.state !== 'new' ? memories.get(card.id)! : null;
        if (memory && (memory.stability !== card!.stability || memory.difficulty !== card!.difficulty)) changed.push({ ...card!, ...memory });
      }
      await db.cards.bulkPut(changed);
      return changed.length;
    });
  }

  /** Records an answer: the card's new schedule and its log entry, together or not at all. */
  async answer(card: CardRow, rating: Rating, now: number, elapsedMs: number, scheduler: Scheduler): Promise<{ card: CardRow; entry: ReviewEntry }> {
    const { db } = this;
    return this.write([db.cards, db.reviewLog], async () => {
      const stored = await db.cards.get(card.id);
      if (!stored) throw new FocalError('not-found', 'This card was deleted.');
      const { memory, entry } = scheduler.answer(stored, rating, now, elapsedMs);
      const next: CardRow = { ...stored, ...memory, buriedUntil: null };
      await db.cards.put(next);
      await db.reviewLog.add({ ...entry, id: entry.id || this.newId() });
      return { card: next, entry };
    });
  }

  /** Undoes the last answer on the stack; returns the new stack and the restored card (null if nothing to undo). */
  async undo(stack: UndoStack, now: number): Promise<{ stack: UndoStack; card: CardRow | null; stale: boolean }> {
    const { db } = this;
    return this.write([db.cards, db.reviewLog], async () => {
      const top = stack.steps.at(-1);
      if (!top) return { stack, card: null, stale: false };
      const stored = await db.cards.get(top.cardId);
      const result = undoLastAnswer(stack, stored ? cardMemoryOf(stored) : undefined, now, this.newId);
      if (result.kind === 'empty') return { stack, card: null, stale: false };
      if (result.kind === 'stale') return { stack: result.stack, card: null, stale: true };
      const restored: CardRow = { ...stored!, ...result.restore };
      await db.cards.put(restored);
      await db.reviewLog.add(result.marker);
      return { stack: result.stack, card: restored, stale: false };
    });
  }

  /** Records what the person did about a card's sentence: part of what their model learns from. Returns the record's id. */
  private async remember(kind: ExplicitSignalKind, card: Pick<CardRow, 'sentenceId' | 'documentId'>, time: number): Promise<string> {
    const id = this.newId();
    await this.db.feedback.add({ id, kind, sentenceId: card.sentenceId, documentId: card.documentId, time });
    return id;
  }

  async bury(cardId: string, until: number): Promise<void> {
    await this.db.cards.update(cardId, { buriedUntil: until });
    this.changed();
  }

  /** Brings a buried card back into today's reviews (a bury records nothing for the model, so neither does this). */
  async unbury(cardId: string): Promise<void> {
    await this.db.cards.update(cardId, { buriedUntil: null });
    this.changed();
  }

  /**
   * Suspends or unsuspends a card. Suspending is recorded (the model learns from it) once the sentence has no
   * card left in study: setting aside its fill-in-the-blank while keeping its question says nothing against
   * the sentence. Unsuspending takes back the sentence's last suspension record.
   */
  async setSuspended(cardId: string, suspended: boolean, now: number): Promise<void> {
    const { db } = this;
    await this.write([db.cards, db.feedback], async () => {
      const card = await db.cards.get(cardId);
      if (!card) return;
      await db.cards.update(cardId, { suspended });
      if (suspended && (await this.othersInStudy(card)) === 0) await this.remember('card-suspended', card, now);
      else if (!suspended && card.suspended) await this.withdrawSuspension(card);
    });
  }

  /**
   * Suspends or unsuspends several cards (the card browser's selection), all of them or none, recording for the
   * model what `setSuspended` one card at a time would: a sentence none of whose cards is studied any more is
   * recorded once, and each card unsuspended takes back its sentence's last suspension record. In a few reads and
   * writes, not a transaction per card: suspending 20,000 cards one by one (in a synthetic library, 2,000 to a
   * sentence) had not ended after two minutes.
   */
  async setSuspendedMany(cardIds: readonly string[], suspended: boolean, now: number): Promise<string[]> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const changed = (await db.cards.bulkGet([...new Set(cardIds)])).filter((card): card is CardRow => card !== undefined && card.suspended !== suspended);
      if (changed.length === 0) return [];
      await db.cards.bulkPut(changed.map((card) => ({ ...card, suspended })));
      const sentenceIds = [...new Set(changed.map((card) => card.sentenceId))];
      if (suspended) {
        const studied = await this.sentencesInStudy(sentenceIds);
        await this.rememberEach('card-suspended', lastCardOfEachSentence(changed).filter((card) => !studied.has(card.sentenceId)), now);
        return changed.map((card) => card.id);
      }
      // Each sentence's suspension records, newest last: each card unsuspended takes back the newest one left.
      const records = groupBy((await db.feedback.where('sentenceId').anyOf(sentenceIds).filter((f) => f.kind === 'card-suspended').toArray()).sort((a, b) => a.time - b.time), (f) => f.sentenceId);
      const withdrawn = changed.flatMap((card) => records.get(card.sentenceId)?.pop()?.id ?? []);
      await db.feedback.bulkDelete(withdrawn);
      return changed.map((card) => card.id);
    });
  }

  /**
   * Brings buried cards (the card browser's selection) back today, all of them or none; a bury tells the model
   * nothing. Returns what `undoUnbury` needs to bury them again: each card's bury and its memory as it was.
   */
  async unburyMany(cardIds: readonly string[]): Promise<UnburiedCard[]> {
    const { db } = this;
    return this.write([db.cards], async () => {
      const buried = (await db.cards.bulkGet([...new Set(cardIds)])).filter((card): card is CardRow => card !== undefined && card.buriedUntil != null);
      await db.cards.bulkPut(buried.map((card) => ({ ...card, buriedUntil: null })));
      return buried.map((card) => ({ cardId: card.id, until: card.buriedUntil!, memory: cardMemoryOf(card) }));
    });
  }

  /**
   * Buries unburied cards again, all in one write. A card answered, buried again or deleted since keeps what it has
   * now: burying a card just answered would hide what its answer scheduled. Returns how many were buried again.
   */
  async undoUnbury(cards: readonly UnburiedCard[]): Promise<{ restored: number; changedSince: number }> {
    const { db } = this;
    return this.write([db.cards], async () => {
      const stored = await db.cards.bulkGet(cards.map((card) => card.cardId));
      const restorable = cards.flatMap((unburied, i) => {
        const card = stored[i];
        return card && card.buriedUntil == null && sameCardMemory(cardMemoryOf(card), unburied.memory) ? [{ ...card, buriedUntil: unburied.until }] : [];
      });
      await db.cards.bulkPut(restorable);
      return { restored: restorable.length, changedSince: cards.length - restorable.length };
    });
  }

  /**
   * Makes cards new again (the card browser's selection; Anki's "Forget"), all of them or none: each gets a reset
   * entry in the log and starts its memory over. Cards already new are left as they are. Returns the entries, which
   * `undoResets` takes back. The model learns nothing from it: starting a card over says nothing against its sentence.
   */
  async resetMany(cardIds: readonly string[], now: number): Promise<ResetEntry[]> {
    const { db } = this;
    return this.write([db.cards, db.reviewLog], async () => {
      const cards = (await db.cards.bulkGet([...new Set(cardIds)])).filter((card): card is CardRow => card !== undefined && card.state !== 'new');
      const entries = cards.map((card) => resetEntry(this.newId(), card.id, card, now));
      await db.cards.bulkPut(cards.map((card, i) => ({ ...card, ...entries[i]!.after })));
      await db.reviewLog.bulkAdd(entries);
      return entries;
    });
  }

  /**
   * Takes resets back: each card gets its memory from before the reset, and the log an undo entry naming it. A card
   * answered, reset again or deleted since keeps what it has now (its memory is no longer what the reset left).
   * Returns how many came back.
   */
  async undoResets(entries: readonly ResetEntry[], now: number): Promise<{ restored: number; changedSince: number }> {
    const { db } = this;
    return this.write([db.cards, db.reviewLog], async () => {
      const stored = await db.cards.bulkGet(entries.map((entry) => entry.cardId));
      const restorable = entries.flatMap((entry, i) => {
        const card = stored[i];
        return card && sameCardMemory(cardMemoryOf(card), entry.after) ? [{ card, entry }] : [];
      });
      await db.cards.bulkPut(restorable.map(({ card, entry }) => ({ ...card, ...entry.before })));
      await db.reviewLog.bulkAdd(restorable.map(({ entry }) => ({ kind: 'undo' as const, id: this.newId(), cardId: entry.cardId, time: now, undoes: entry.id })));
      return { restored: restorable.length, changedSince: entries.length - restorable.length };
    });
  }

  /** Which of these sentences still have a card in study (not suspended). */
  private async sentencesInStudy(sentenceIds: readonly string[]): Promise<Set<string>> {
    const studied = await this.db.cards.where('sentenceId').anyOf(sentenceIds).filter((card) => !card.suspended).toArray();
    return new Set(studied.map((card) => card.sentenceId));
  }

  /** One record of `kind` per card, in one write; the records' ids in the cards' order. */
  private async rememberEach(kind: ExplicitSignalKind, cards: ReadonlyArray<Pick<CardRow, 'sentenceId' | 'documentId'>>, time: number): Promise<string[]> {
    const rows = cards.map((card) => ({ id: this.newId(), kind, sentenceId: card.sentenceId, documentId: card.documentId, time }));
    await this.db.feedback.bulkAdd(rows);
    return rows.map((row) => row.id);
  }

  /** How many other cards of the card's sentence are still studied (not suspended). */
  private async othersInStudy(card: Pick<CardRow, 'id' | 'sentenceId'>): Promise<number> {
    return this.db.cards.where('sentenceId').equals(card.sentenceId).filter((other) => other.id !== card.id && !other.suspended).count();
  }

  /**
   * A suspension taken back (unsuspended, or undone in review) says nothing against the sentence any more: its
   * record goes, so the next retrain does not learn from it.
   */
  private async withdrawSuspension(card: Pick<CardRow, 'sentenceId'>): Promise<void> {
    const records = await this.db.feedback.where('sentenceId').equals(card.sentenceId).filter((f) => f.kind === 'card-suspended').sortBy('time');
    const last = records.at(-1);
    if (last) await this.db.feedback.delete(last.id);
  }

  /**
   * Undoes a bury or a suspension in one transaction: the card as it was before, or undefined when it changed
   * since (or is gone). An undone suspension takes back its record too.
   */
  async undoHide(step: HideStep): Promise<CardRow | undefined> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const stored = await db.cards.get(step.cardId);
      const result = undoHide(step, stored);
      if (result.kind === 'stale') return undefined;
      const restored: CardRow = { ...stored!, ...result.visibility };
      await db.cards.put(restored);
      if (stored!.suspended && !restored.suspended) await this.withdrawSuspension(stored!);
      return restored;
    });
  }

  /** Saves a card's new text (the model learns the card mattered enough to fix). The card, and the edit as undo needs it. */
  async edit(cardId: string, prompt: string, answer: string, now: number): Promise<{ card: CardRow; step: EditStep } | undefined> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const card = await db.cards.get(cardId);
      if (!card) return undefined;
      await db.cards.update(cardId, { prompt, answer, edited: true });
      const record = await this.remember('card-edited', card, now);
      const step: EditStep = { kind: 'edit', cardId, before: { prompt: card.prompt, answer: card.answer, edited: card.edited }, after: { prompt, answer }, record };
      return { card: (await db.cards.get(cardId))!, step };
    });
  }

  /**
   * Puts an edited card's text back as it was and takes back the edit's record for the model. Null when the card
   * is gone or reads otherwise since (edited again elsewhere): nothing is changed then.
   */
  async undoEdit(step: EditStep): Promise<CardRow | null> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const card = await db.cards.get(step.cardId);
      if (!card || card.prompt !== step.after.prompt || card.answer !== step.after.answer) return null;
      await db.cards.update(step.cardId, step.before);
      await db.feedback.delete(step.record);
      return (await db.cards.get(step.cardId))!;
    });
  }

  /**
   * Deletes a card; its reviews stay in the log. The delete is recorded as "not useful" (the model learns from
   * it) only when the sentence has no other card in study: deleting the fill-in-the-blank and keeping the
   * question is a choice of form, not a verdict on the sentence. The card and the record (null when none), for an undo.
   */
  async delete(cardId: string, now: number): Promise<{ card: CardRow; feedbackId: string | null } | undefined> {
    return (await this.deleteMany([cardId], now))[0];
  }

  /**
   * Deletes several cards (the card browser's selection), all of them or none, recording for the model what
   * `delete` one card at a time would: a sentence left with no card in study is recorded once, and the record goes
   * with the last of its cards deleted (an undo of all of them takes it back). What an undo needs, in the order deleted.
   */
  async deleteMany(cardIds: readonly string[], now: number): Promise<Array<{ card: CardRow; feedbackId: string | null }>> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const cards = (await db.cards.bulkGet([...new Set(cardIds)])).filter((card): card is CardRow => card !== undefined);
      await db.cards.bulkDelete(cards.map((card) => card.id));
      // A card of a sentence set aside (suspended) is not one in study: with it, the sentence is out of study now.
      const studied = await this.sentencesInStudy([...new Set(cards.map((card) => card.sentenceId))]);
      const recorded = lastCardOfEachSentence(cards).filter((card) => !studied.has(card.sentenceId));
      const ids = await this.rememberEach('card-deleted', recorded, now);
      const feedbackOf = new Map(recorded.map((card, i) => [card.id, ids[i]!]));
      return cards.map((card) => ({ card, feedbackId: feedbackOf.get(card.id) ?? null }));
    });
  }

  /**
   * Puts a deleted card back with its schedule, and takes back the "card deleted" record its delete made
   * (`feedbackId`), so the model does not learn from a delete the person undid. All of it or nothing. A card
   * made again for the same sentence meanwhile (same key) stays, and so does a deleted document's absence.
   */
  async undoDelete(card: CardRow, feedbackId: string | null): Promise<UndoDeleteOutcome> {
    return (await this.undoDeleteMany([{ card, feedbackId }]))[0]!;
  }

  /**
   * Puts several deleted cards back, each as `undoDelete` would (its document still there, no card with its key or
   * id since), in one transaction and a few reads and writes: each card's outcome, in the order given.
   */
  async undoDeleteMany(deleted: ReadonlyArray<{ card: CardRow; feedbackId: string | null }>): Promise<UndoDeleteOutcome[]> {
    const { db } = this;
    return this.write([db.documents, db.cards, db.feedback], async (): Promise<UndoDeleteOutcome[]> => {
      const documentIds = [...new Set(deleted.map(({ card }) => card.documentId))];
      const present = new Set((await db.documents.bulkGet(documentIds)).flatMap((document) => (document ? [document.id] : [])));
      // Made again for the same sentence, or brought back by an Anki import under its id.
      const takenKeys = new Set((await db.cards.where('key').anyOf(deleted.map(({ card }) => card.key)).toArray()).map((card) => card.key));
      const takenIds = new Set((await db.cards.bulkGet(deleted.map(({ card }) => card.id))).flatMap((card) => (card ? [card.id] : [])));
      const outcomes = deleted.map(({ card }): UndoDeleteOutcome => (!present.has(card.documentId) ? 'gone' : takenKeys.has(card.key) || takenIds.has(card.id) ? 'replaced' : 'restored'));
      const restored = deleted.filter((_, i) => outcomes[i] === 'restored');
      await db.cards.bulkAdd(restored.map(({ card }) => card));
      await db.feedback.bulkDelete(restored.flatMap(({ feedbackId }) => (feedbackId === null ? [] : [feedbackId])));
      return outcomes;
    });
  }

  /**
   * Records the person's answer to a sentence the retrained model suggested, with the card it made: all of it or
   * nothing. The answer says what undoing it takes.
   */
  async answerCandidate(documentId: string, sentenceId: string, accept: boolean, now: number): Promise<CandidateAnswer> {
    const { db } = this;
    return this.write([db.documents, db.sentences, db.cards, db.feedback], async () => {
      const recordsBefore = await db.feedback.where('sentenceId').equals(sentenceId).toArray();
      const cards = accept ? (await this.cardsFromSentence(documentId, sentenceId, now)).cards : [];
      // No card came of it: nothing was accepted, and the model must not learn that it was. Either it has a card
      // already (accepted twice, or made meanwhile from the reader), or nothing in it can be asked.
      if (accept && cards.length === 0) {
        if (await db.cards.where('sentenceId').equals(sentenceId).count()) throw new FocalError('invalid-payload', 'This sentence has a card already.');
        throw new FocalError('empty', 'This sentence has nothing Focal can ask about, so no card was made.');
      }
      await this.remember(accept ? 'candidate-accepted' : 'candidate-dismissed', { sentenceId, documentId }, now);
      return { sentenceId, cards, recordsBefore };
    });
  }

  /**
   * Takes an answer to a suggestion back: the cards it made go, and the sentence's records are as they were
   * before it. False, and nothing changed, when a card it made has been reviewed since (its history stays).
   */
  async undoCandidateAnswer(answer: CandidateAnswer): Promise<boolean> {
    const { db } = this;
    return this.write([db.cards, db.feedback], async () => {
      const cards = await db.cards.bulkGet(answer.cards.map((card) => card.id));
      if (cards.some((card) => card !== undefined && card.reps > 0)) return false;
      await db.cards.bulkDelete(answer.cards.map((card) => card.id));
      const before = new Set(answer.recordsBefore.map((record) => record.id));
      const now = await db.feedback.where('sentenceId').equals(answer.sentenceId).primaryKeys();
      await db.feedback.bulkDelete(now.filter((id) => !before.has(id)));
      await db.feedback.bulkPut(answer.recordsBefore);
      return true;
    });
  }

  /** Everything the person did about sentences, oldest first. */
  feedbackEvents(): Promise<FeedbackRow[]> {
    return this.db.feedback.orderBy('time').toArray();
  }

  /**
   * "Make a card" from any sentence of a document: the new cards, or [] when the sentence has nothing to ask (or has
   * its cards already). Recorded for the model: a sentence it did not choose as made by hand; a key sentence without a
   * card (a suggestion of the retrained model, or one whose card was deleted) as kept, as accepting a suggestion is.
   */
  async makeFromSentence(documentId: string, sentenceId: string, now: number): Promise<CardRow[]> {
    const { db } = this;
    return this.write([db.documents, db.sentences, db.cards, db.feedback], async () => {
      const { cards, chosenByModel } = await this.cardsFromSentence(documentId, sentenceId, now);
      if (cards.length > 0) await this.remember(chosenByModel ? 'candidate-accepted' : 'card-made-by-hand', { sentenceId, documentId }, now);
      return cards;
    });
  }

  /** The cards a sentence gives that it has not yet (stored), and whether the model chose it; records nothing. */
  private async cardsFromSentence(documentId: string, sentenceId: string, now: number): Promise<{ cards: CardRow[]; chosenByModel: boolean }> {
    const { db } = this;
    const document = await db.documents.get(documentId);
    if (!document) return { cards: [], chosenByModel: false };
    const sentences = await db.sentences.where('[documentId+ordinal]').between([documentId, -Infinity], [documentId, Infinity]).toArray();
    const index = sentences.findIndex((s) => s.id === sentenceId);
    if (index < 0) return { cards: [], chosenByModel: false };
    const made = makeCardFromSentence({ id: documentId, sentences, concepts: document.concepts }, index, { now, newId: this.newId });
    const fresh: CardRow[] = [];
    for (const card of made) {
      if (await db.cards.where('key').equals(card.key).count()) continue;
      fresh.push(newCardRow(card));
    }
    await db.cards.bulkAdd(fresh);
    const chosenByModel = sentences[index]!.selected;
    if (fresh.length === 0) return { cards: fresh, chosenByModel };
    // Made again after deleting its card or passing it over: the person changed their mind, and the earlier
    // verdict no longer says what they want (left in, the model would learn the opposite).
    const turnedDown = await db.feedback.where('sentenceId').equals(sentenceId).filter((f) => f.kind === 'card-deleted' || f.kind === 'candidate-dismissed').primaryKeys();
    await db.feedback.bulkDelete(turnedDown);
    return { cards: fresh, chosenByModel };
  }
}

/** The last card of each sentence among `cards`, in the order of those last cards. */
function lastCardOfEachSentence<C extends Pick<CardRow, 'sentenceId'>>(cards: readonly C[]): C[] {
  const last = new Map<string, C>();
  for (const card of cards) {
    last.delete(card.sentenceId);
    last.set(card.sentenceId, card);
  }
  return [...last.values()];
}
