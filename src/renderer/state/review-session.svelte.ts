/**
 * A review session as the person drives it: the queue for today (optionally limited to some cards),
 * the card on screen, its answer side, the next interval of each rating, undo, bury, suspend, edit, and
 * a summary at the end. Cards are held in memory for the session so that the queue rebuilds in
 * milliseconds after every answer; each answer is written to Dexie before the next card shows. Cards
 * deleted elsewhere meanwhile (another window, the Library) are dropped when noticed, not answered.
 */
import { RATINGS, type Rating } from '../../core/scheduling/card-memory';
import type { IntervalPreview, Scheduler } from '../../core/scheduling/fsrs-adapter';
import { buildReviewQueue, buriedUntilTomorrow, isInterdayLearning, type ReviewQueue } from '../../core/scheduling/review-queue';
import { studyDayBounds, localUtcOffset } from '../../core/scheduling/study-day';
import { becameLeech } from '../../core/scheduling/leech';
import { plural, shortened } from '../components/format';
import { emptyActionHistory, emptyUndoStack, popAction, pushAction, pushAnswer, type ActionHistory, type CardVisibility, type EditStep, type HideStep, type UndoStack } from '../../core/scheduling/undo';
import type { CardRow } from '../db/focal-db';
import type { ReviewRepository } from '../db/review-repository';
import type { ScheduleSettings } from './schedule-settings.svelte';

export interface SessionSummary {
  reviewed: number;
  byRating: Record<Rating, number>;
  newIntroduced: number;
  timeMs: number;
  /** When learning cards are next due, if some are waiting. */
  nextLearningDue: number | null;
}

/** One answer as the summary counts it; undoing the answer removes it, so the summary counts only answers that stand. */
export interface CountedAnswer {
  /** The review log entry the answer wrote (what an undo step names). */
  entryId: string;
  rating: Rating;
  /** The card was new when answered: one more new card learnt. */
  wasNew: boolean;
  elapsedMs: number;
}

/** The summary of the answers that stand (`nextLearningDue` is filled in when the session ends). */
export function summarise(answers: readonly CountedAnswer[]): SessionSummary {
  const byRating: Record<Rating, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let newIntroduced = 0;
  let timeMs = 0;
  for (const answer of answers) {
    byRating[answer.rating] += 1;
    if (answer.wasNew) newIntroduced += 1;
    timeMs += answer.elapsedMs;
  }
  return { reviewed: answers.length, byRating, newIntroduced, timeMs, nextLearningDue: null };
}

/** "2 buried · 1 deleted": the cards a session set aside, by how; null when none. */
export function setAsideLine(setAside: ReadonlyMap<string, 'buried' | 'suspended' | 'deleted'>): string | null {
  const counts = (['buried', 'suspended', 'deleted'] as const).map((how) => [how, [...setAside.values()].filter((value) => value === how).length] as const);
  const parts = counts.filter(([, count]) => count > 0).map(([how, count]) => `${count} ${how}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function visibilityOf(card: CardRow): CardVisibility {
  return { suspended: card.suspended, buriedUntil: card.buriedUntil ?? null };
}

export class ReviewSession {
  active = $state(false);
  finished = $state(false);
  current = $state.raw<CardRow | null>(null);
  /** The documents' titles by id, read as the session starts: the line above a card names its document. */
  titles = $state.raw<ReadonlyMap<string, string>>(new Map());
  revealed = $state(false);
  previews = $state.raw<Record<Rating, IntervalPreview> | null>(null);
  queue = $state.raw<ReviewQueue | null>(null);
  summary = $state.raw<SessionSummary>(summarise([]));
  /** The cards this session set aside, by how: the summary says so (an undo takes a card back out). */
  setAside = $state.raw<ReadonlyMap<string, 'buried' | 'suspended' | 'deleted'>>(new Map());
  undoStack = $state.raw<UndoStack>(emptyUndoStack());
  /** Every action `u` takes back, newest last; answers among them are undone through `undoStack`. */
  history = $state.raw<ActionHistory>(emptyActionHistory());
  /** A one-line message about the last action ("Buried until tomorrow", "Nothing to undo"). */
  status = $state<string | null>(null);

  private cards = new Map<string, CardRow>();
  private scheduler: Scheduler | undefined;
  private scope: ReadonlySet<string> | undefined;

  /** The cards this session is limited to ("Study this" in the Graph); undefined for all that are due. */
  get limitedTo(): ReadonlySet<string> | undefined {
    return this.scope;
  }
  private studied = { newCards: 0, reviews: 0 };
  /** When the study day `studied` counts began: an answer after the next day starts counts that day afresh. */
  private studiedSince = 0;
  private answers: CountedAnswer[] = [];
  /** Cards deleted in this session, by id, for undo to put back. */
  private deletedCards = new Map<string, CardRow>();
  private shownAt = 0;
  /** An answer, undo or bury being written: keys pressed meanwhile are dropped, so a card is never answered twice. */
  private busy = false;

  constructor(
    private readonly repository: ReviewRepository,
    private readonly schedule: ScheduleSettings,
    private readonly now: () => number,
  ) {}

  /** Starts again over the same cards (the same "Study this" scope): learning cards that fell due since the summary. */
  resume(): Promise<void> {
    return this.start(this.scope);
  }

  /** Loads the cards and today's counts and shows the first card. `scope` limits the session to some cards. */
  async start(scope?: ReadonlySet<string>): Promise<void> {
    this.scheduler = this.schedule.scheduler();
    this.scope = scope;
    const [cards, titles] = await Promise.all([this.repository.queueCards(), this.repository.documentTitles()]);
    this.cards = new Map(cards.map((card) => [card.id, card]));
    this.titles = titles;
    const { start } = studyDayBounds(this.now(), this.schedule.settings.dayStartHour, localUtcOffset);
    this.studied = await this.repository.studiedToday(start);
    this.studiedSince = start;
    this.answers = [];
    // Kept: a delete in an earlier session can still be undone (the history reaches back too).
    this.summary = summarise([]);
    this.setAside = new Map();
    // Undo reaches back past the session's start, as in Anki: the last answer of a review ended a moment ago
    // can still be taken back (each undo checks that the card has not changed since).
    this.active = true;
    this.finished = false;
    this.status = null;
    this.next();
  }

  /** Today's queue without starting: what the Today screen shows. */
  static async preview(repository: ReviewRepository, schedule: ScheduleSettings, now: number): Promise<ReviewQueue> {
    const cards = await repository.queueCards();
    const { start } = studyDayBounds(now, schedule.settings.dayStartHour, localUtcOffset);
    return buildReviewQueue(cards, { now, settings: schedule.settings, studiedToday: await repository.studiedToday(start) });
  }

  private rebuild(): ReviewQueue {
    return buildReviewQueue([...this.cards.values()], {
      now: this.now(),
      settings: this.schedule.settings,
      studiedToday: this.studied,
      ...(this.scope ? { scope: this.scope } : {}),
    });
  }

  private next(): void {
    const queue = this.rebuild();
    this.queue = queue;
    // A learning card inside the learn-ahead window waits until nothing else is left, as in Anki.
    const now = this.now();
    const waits = (cardId: string) => {
      const card = this.cards.get(cardId)!;
      return card.due > now && !isInterdayLearning(card, queue.dayStart) && queue.learning.includes(cardId);
    };
    const id = queue.order.find((cardId) => !waits(cardId)) ?? queue.order[0];
    this.revealed = false;
    if (!id) {
      this.current = null;
      this.previews = null;
      this.finished = true;
      this.summary = { ...this.summary, nextLearningDue: queue.nextLearningDue };
      return;
    }
    this.current = this.cards.get(id)!;
    this.previews = this.scheduler!.previewIntervals(this.current, this.now());
    this.shownAt = this.now();
  }

  private async exclusively(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const running = (async () => {
      try {
        await work();
      } finally {
        this.busy = false;
      }
    })();
    // Its failure is reported by whoever started it; `settled` only waits.
    this.inFlight = running.catch(() => undefined);
    return running;
  }

  private inFlight: Promise<void> = Promise.resolve();

  /** Resolves once the answer, undo, bury or edit being written is done: leaving waits, so `end` never cuts one short. */
  settled(): Promise<void> {
    return this.inFlight;
  }

  reveal(): void {
    if (!this.current) return;
    this.revealed = true;
    // A message about the last action ("Nothing to undo.") is old news once the person has moved on.
    this.status = null;
  }

  async answer(rating: Rating): Promise<void> {
    return this.exclusively(() => this.answerNow(rating));
  }

  private async answerNow(rating: Rating): Promise<void> {
    const card = this.current;
    if (!card || !this.revealed || !RATINGS.includes(rating)) return;
    const now = this.now();
    const elapsedMs = Math.min(now - this.shownAt, 10 * 60_000);
    let answered: Awaited<ReturnType<ReviewRepository['answer']>>;
    try {
      answered = await this.repository.answer(card, rating, now, elapsedMs, this.scheduler!);
    } catch (error) {
      if (await this.dropIfDeleted(card)) return;
      throw error;
    }
    const { card: next, entry } = answered;
    this.cards.set(next.id, next);
    const { start } = studyDayBounds(now, this.schedule.settings.dayStartHour, localUtcOffset);
    if (start !== this.studiedSince) {
      // The next study day began during the review: its limits count from its start, as Today's do (this answer included).
      this.studied = await this.repository.studiedToday(start);
      this.studiedSince = start;
    } else if (card.state === 'new') {
      this.studied = { ...this.studied, newCards: this.studied.newCards + 1 };
    } else if (card.state === 'review' || isInterdayLearning(card, start)) {
      this.studied = { ...this.studied, reviews: this.studied.reviews + 1 };
    }
    this.undoStack = pushAnswer(this.undoStack, entry);
    this.history = pushAction(this.history, { kind: 'answer' });
    this.answers = [...this.answers, { entryId: entry.id, rating, wasNew: card.state === 'new', elapsedMs }];
    this.summary = summarise(this.answers);
    this.status = null;
    this.next();
    // Said once the next card is up, until it is turned: a leech is worth rewriting or setting aside (leech.ts).
    if (becameLeech(card.lapses, next.lapses, this.schedule.settings.leechThreshold)) {
      this.status = `A leech: you have forgotten “${shortened(card.prompt)}” ${plural(next.lapses, 'time')}. Rewrite or suspend it later from Cards → Leeches.`;
    }
  }

  /** Whether `u` has something to take back, in this session or an earlier one since the app opened. */
  get canUndo(): boolean {
    return popAction(this.history) !== null;
  }

  /**
   * Undoes the last action (an answer, an edit, a bury, a suspend or a delete) and shows that card again, as it was,
   * with the counters and the summary as they were before it. Whether a card was brought back (not when there was
   * nothing to undo, or the card changed since).
   */
  async undo(): Promise<boolean> {
    const shown = this.cardsShownAgain;
    await this.exclusively(() => this.undoNow());
    return this.cardsShownAgain > shown;
  }

  /** How many times an undo brought a card back: tells `undo` whether this one did. */
  private cardsShownAgain = 0;

  private async undoNow(): Promise<void> {
    const popped = popAction(this.history);
    if (!popped) {
      this.status = 'Nothing to undo.';
      return;
    }
    const { action, rest } = popped;
    if (action.kind === 'answer') await this.undoAnswer();
    else if (action.kind === 'delete') await this.undoDelete(action);
    else if (action.kind === 'edit') await this.undoEdit(action);
    else await this.undoHideStep(action);
    this.history = rest;
  }

  private async undoAnswer(): Promise<void> {
    const top = this.undoStack.steps.at(-1);
    const result = await this.repository.undo(this.undoStack, this.now());
    this.undoStack = result.stack;
    if (!result.card || !top) {
      this.status = result.stale ? 'That answer can no longer be undone: the card changed since.' : 'Nothing to undo.';
      return;
    }
    if (top.before.state === 'new') this.studied = { ...this.studied, newCards: Math.max(0, this.studied.newCards - 1) };
    else if (top.before.state === 'review' || isInterdayLearning(top.before, this.studiedSince)) this.studied = { ...this.studied, reviews: Math.max(0, this.studied.reviews - 1) };
    const undone = this.answers.findLastIndex((answer) => answer.entryId === top.entryId);
    if (undone >= 0) this.answers = this.answers.toSpliced(undone, 1);
    this.summary = summarise(this.answers);
    this.showAgain(result.card);
  }

  private async undoHideStep(step: HideStep): Promise<void> {
    const restored = await this.repository.undoHide(step);
    if (!restored) {
      this.status = `That ${step.kind === 'bury' ? 'bury' : 'suspension'} can no longer be undone: the card changed since.`;
      return;
    }
    this.showAgain(restored);
  }

  private async undoEdit(step: EditStep): Promise<void> {
    const restored = await this.repository.undoEdit(step);
    if (!restored) {
      this.status = 'That edit can no longer be undone: the card changed since.';
      return;
    }
    this.showAgain(restored);
    this.status = 'Edit undone.';
  }

  private markSetAside(cardId: string, how: 'buried' | 'suspended' | 'deleted' | null): void {
    const next = new Map(this.setAside);
    if (how === null) next.delete(cardId);
    else next.set(cardId, how);
    this.setAside = next;
  }

  /** Shows a card that an undo brought back, on its question side. */
  private showAgain(card: CardRow): void {
    this.cardsShownAgain++;
    this.markSetAside(card.id, null);
    this.cards.set(card.id, card);
    this.finished = false;
    this.queue = this.rebuild();
    this.current = card;
    this.previews = this.scheduler!.previewIntervals(card, this.now());
    this.revealed = false;
    this.shownAt = this.now();
    this.status = 'Undone.';
  }

  /**
   * For a review shown again after the person went elsewhere (the Cards screen, the reader) without ending it:
   * every card as stored now, so a card deleted, suspended, buried or answered meanwhile is not asked, and an edited
   * one shows its new text. Says so and moves on when the card on screen can no longer be asked as it was.
   */
  async catchUp(): Promise<void> {
    return this.exclusively(async () => {
      if (!this.active) return;
      const stored = new Map((await this.repository.queueCards()).map((card) => [card.id, card]));
      for (const id of [...this.cards.keys()]) {
        const row = stored.get(id);
        if (row) this.cards.set(id, row);
        else this.cards.delete(id);
      }
      const shown = this.current;
      const asStored = shown ? stored.get(shown.id) : undefined;
      if (shown && !asStored) {
        this.next();
        this.status = 'That card was deleted; moving on.';
      } else if (shown && asStored && (asStored.suspended || (asStored.buriedUntil ?? 0) > this.now())) {
        this.next();
        this.status = `That card was ${asStored.suspended ? 'suspended' : 'buried'} elsewhere; moving on.`;
      } else if (shown && asStored && (asStored.reps !== shown.reps || asStored.lastReview !== shown.lastReview)) {
        this.next();
        this.status = 'That card was answered elsewhere; moving on.';
      } else {
        if (asStored) this.current = asStored;
        this.queue = this.rebuild();
      }
    });
  }

  /**
   * The cheap check for when the window comes back: only whether the card on screen still exists (one read by
   * id, not the whole cards table); the others are dropped as they come up (`dropIfDeleted`).
   */
  async dropIfCurrentDeleted(): Promise<void> {
    return this.exclusively(async () => {
      if (this.current) await this.dropIfDeleted(this.current);
    });
  }

  /** True when the card on screen was deleted (and has been dropped). */
  private async dropDeletedNow(): Promise<boolean> {
    if (!this.active) return false;
    const stored = new Set((await this.repository.queueCards()).map((card) => card.id));
    const gone = [...this.cards.keys()].filter((id) => !stored.has(id));
    if (gone.length === 0) return false;
    for (const id of gone) this.cards.delete(id);
    if (this.current && gone.includes(this.current.id)) {
      this.next();
      this.status = 'That card was deleted; moving on.';
      return true;
    }
    this.queue = this.rebuild();
    return false;
  }

  /** After a write about `card` failed or found nothing: true when the card was deleted, so it was dropped instead. */
  private async dropIfDeleted(card: CardRow): Promise<boolean> {
    if (await this.repository.card(card.id)) return false;
    await this.dropDeletedNow();
    return true;
  }

  async bury(): Promise<void> {
    return this.exclusively(() => this.buryNow());
  }

  private async buryNow(): Promise<void> {
    const card = this.current;
    if (!card || (await this.dropIfDeleted(card))) return;
    const until = buriedUntilTomorrow(this.now(), this.schedule.settings.dayStartHour);
    await this.repository.bury(card.id, until);
    this.cards.set(card.id, { ...card, buriedUntil: until });
    this.history = pushAction(this.history, { kind: 'bury', cardId: card.id, before: visibilityOf(card), after: { suspended: card.suspended, buriedUntil: until } });
    this.markSetAside(card.id, 'buried');
    this.status = 'Buried until tomorrow.';
    this.next();
  }

  async suspend(): Promise<void> {
    return this.exclusively(() => this.suspendNow());
  }

  private async suspendNow(): Promise<void> {
    const card = this.current;
    if (!card || (await this.dropIfDeleted(card))) return;
    await this.repository.setSuspended(card.id, true, this.now());
    this.cards.set(card.id, { ...card, suspended: true });
    this.history = pushAction(this.history, { kind: 'suspend', cardId: card.id, before: visibilityOf(card), after: { suspended: true, buriedUntil: card.buriedUntil } });
    this.markSetAside(card.id, 'suspended');
    this.status = 'Suspended: it will not come up until you unsuspend it.';
    this.next();
  }

  async edit(prompt: string, answer: string): Promise<void> {
    return this.exclusively(() => this.editNow(prompt, answer));
  }

  private async editNow(prompt: string, answer: string): Promise<void> {
    const card = this.current;
    if (!card) return;
    const edited = await this.repository.edit(card.id, prompt, answer, this.now());
    if (!edited) {
      await this.dropDeletedNow();
      return;
    }
    this.cards.set(edited.card.id, edited.card);
    this.current = edited.card;
    this.history = pushAction(this.history, edited.step);
    this.status = 'Card saved. Press u to undo the edit.';
  }

  async deleteCurrent(): Promise<void> {
    return this.exclusively(() => this.deleteCurrentNow());
  }

  private async deleteCurrentNow(): Promise<void> {
    const card = this.current;
    if (!card) return;
    const deleted = await this.repository.delete(card.id, this.now());
    this.cards.delete(card.id);
    if (deleted) {
      this.deletedCards.set(card.id, deleted.card);
      this.history = pushAction(this.history, { kind: 'delete', cardId: card.id, record: deleted.feedbackId });
      this.markSetAside(card.id, 'deleted');
    }
    this.status = 'Card deleted. Press u to bring it back.';
    this.next();
  }

  /** Brings a card deleted in this session back, with its schedule (ReviewRepository.undoDelete), or says why not. */
  private async undoDelete(action: { cardId: string; record: string | null }): Promise<void> {
    const card = this.deletedCards.get(action.cardId);
    if (!card) {
      this.status = 'Nothing to undo.';
      return;
    }
    const outcome = await this.repository.undoDelete(card, action.record);
    // Brought back into this session's cards: it is due as it was.
    this.deletedCards.delete(action.cardId);
    if (outcome === 'restored') this.showAgain(card);
    else this.status = outcome === 'replaced' ? 'This sentence has a card again, so the deleted one was not brought back.' : 'The card’s document is no longer in your library.';
  }

  end(): void {
    this.active = false;
    this.finished = false;
    this.current = null;
  }
}
