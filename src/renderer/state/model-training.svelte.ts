/**
 * The person's own model: "Retrain my model" gathers what they did (feedback events, review outcomes) and
 * their documents, main retrains, and every result is kept as a version — used only if it ranks held-out
 * feedback better, unless the person chooses it anyway — with rollback to any version or to the base.
 */
import type { FocalApi, MethodInput, MethodOutput, TaskProgress } from '../../shared/contract';
import { FocalError, toFocalError } from '../../shared/errors';
import { effectiveReviews } from '../../core/scheduling/review-log';
import type { CardReviewHistory } from '../../core/reward/sentence-reward';
import type { CardRow, DocumentRow, FeedbackRow, FocalDb, ModelVersionRow } from '../db/focal-db';
import { compareStrings } from '../../core/compare-strings';
import { mostSalientFirst } from '../../core/salience-order';
import { judgeableDocuments } from '../../core/reward/judged-documents';
import { paramsProblem } from '../../core/attention/params';
import { canMakeCardFrom } from '../../core/cards/make-cards';
import { markGraphChanged } from '../db/graph-row';

/** `againstVersion`: whether the new parameters were judged against a retrained version in use (else the shipped model). */
export type RetrainResult = MethodOutput<'model.retrain'> & { versionId: string; kept: boolean; againstVersion: boolean };

/** A sentence the retrained model now picks that has no card and that the person has not turned down. */
export interface Candidate {
  documentId: string;
  documentTitle: string;
  sentenceId: string;
  text: string;
}

/**
 * Whether a held-out check had too little feedback to judge the retrained model on: no pairs, or pairs in one
 * document only (a retrain counts as better only with a gain over at least two documents; see retrainWithCheck).
 * Versions from before documents were counted are judged by their pairs alone.
 */
export function tooLittleToJudge(heldOut: { pairs: number; documents?: number }): boolean {
  return heldOut.pairs === 0 || (heldOut.documents ?? 2) < 2;
}

/** What the person did with a sentence that says they wanted it. */
const WANTED_KINDS: ReadonlySet<FeedbackRow['kind']> = new Set(['card-made-by-hand', 'candidate-accepted']);

export class ModelTraining {
  candidates = $state.raw<Candidate[]>([]);
  /** The sentences of suggestions whose answer is being saved: their buttons wait. */
  answering = $state.raw<ReadonlySet<string>>(new Set());
  versions = $state.raw<ModelVersionRow[]>([]);
  /** What the person did about sentences of documents still in the library (a deleted document's go with it). */
  events = $state(0);
  /**
   * In how many documents the held-out check could judge a retrain now (it needs two: see judged-documents.ts).
   * With a retrained version in use, from what was first judged since it was trained: only that can judge it fairly.
   */
  judgeable = $state(0);
  /** Whether `judgeable` counts only what was judged since the version in use was trained. */
  judgeableSinceInUse = $state(false);
  running = $state(false);
  /** The last "Retrain my model" found nothing done or reviewed since the newest version learned. */
  nothingNew = $state(false);
  /** The last "Retrain my model" found no feedback and no reviews at all: nothing to learn from yet. */
  nothingYet = $state(false);
  /** The last "Retrain my model" was cancelled: no version was added and nothing changed. */
  cancelled = $state(false);
  /**
   * The last "Retrain my model" came out scoring every sentence as the shipped model does (feedback of one kind
   * only, say): how many rewarded sentences it had. No version was added.
   */
  learnedNothing = $state<{ rewardedSentences: number } | null>(null);
  /** A retrain whose page was reloaded or closed while main worked was stopped (see noticeTask). */
  interrupted = $state(false);
  /** Retrain tasks this page has already judged, by id. */
  private readonly tasksSeen = new Set<string>();
  last = $state.raw<RetrainResult | null>(null);
  active = $derived(this.versions.find((v) => v.active) ?? null);
  /** What `prepare` last read ahead for (counts of feedback and cards). */
  private prepared: string | null = null;

  constructor(
    private readonly db: FocalDb,
    private readonly api: FocalApi,
    private readonly newId: () => string,
    private readonly now: () => number,
    /**
     * Runs before the model in use changes (a retrain kept, or a version chosen): the automatic backup of the
     * library as it was, key sentences included. A retrain that is not put in use changes nothing but the list.
     */
    private readonly beforeModelChange: () => Promise<unknown> = async () => undefined,
    /** Runs once the model in use changed and its key sentences are stored: every document's part of the graph has changed. */
    private readonly afterModelChange: () => void = () => undefined,
  ) {}

  async load(): Promise<void> {
    const { db } = this;
    // Read once: the counts and the suggestions are worked out from the same rows. Whole documents (sections,
    // concepts) only for the suggestions, which only a retrained version in use makes.
    const [versions, feedback, documentIds, cards] = await Promise.all([
      db.modelVersions.orderBy('createdAt').reverse().toArray(),
      db.feedback.toArray(),
      db.documents.toCollection().primaryKeys(),
      db.cards.toArray(),
    ]);
    const stored = new Set<string>(documentIds);
    const kept = feedback.filter((f) => stored.has(f.documentId));
    this.versions = versions;
    this.events = kept.length;
    const active = versions.find((v) => v.active);
    if (active) {
      const since = await this.judgedSince(active.feedbackUntil ?? active.createdAt, kept, cards);
      this.judgeable = judgeableDocuments(since.events, since.cards).size;
    } else {
      this.judgeable = judgeableDocuments(kept, cards).size;
    }
    this.judgeableSinceInUse = active !== undefined;
    this.candidates = versions.some((v) => v.active) ? await this.findCandidates(feedback, cards, await db.documents.toArray()) : [];
  }

  /**
   * The feedback and reviewed cards of the sentences first judged after `time`, as `sentencesFirstJudgedAfter` takes
   * them for the check: a sentence with any action or review before it is left out. Reads only the log since then.
   */
  private async judgedSince<F extends { sentenceId: string; time: number }>(time: number, feedback: readonly F[], cards: readonly CardRow[]) {
    const answersSince = new Map<string, number>();
    for (const entry of effectiveReviews(await this.db.reviewLog.where('time').above(time).toArray())) {
      answersSince.set(entry.cardId, (answersSince.get(entry.cardId) ?? 0) + 1);
    }
    const judgedBefore = new Set<string>();
    for (const f of feedback) if (f.time <= time) judgedBefore.add(f.sentenceId);
    // Answered before too: it holds more answers than the log has since.
    for (const card of cards) if (card.reps > (answersSince.get(card.id) ?? 0)) judgedBefore.add(card.sentenceId);
    return { events: feedback.filter((f) => !judgedBefore.has(f.sentenceId)), cards: cards.filter((card) => !judgedBefore.has(card.sentenceId)) };
  }

  /** Documents as main takes them (text and sentences in order): all of them, or those with `ids`. */
  private async documentsForMain(ids?: readonly string[]) {
    const { db } = this;
    const [documents, texts, sentences] = ids
      ? await Promise.all([db.documents.bulkGet([...ids]), db.documentTexts.bulkGet([...ids]), db.sentences.where('documentId').anyOf([...ids]).toArray()])
      : await Promise.all([db.documents.toArray(), db.documentTexts.toArray(), db.sentences.toArray()]);
    const textOf = new Map(texts.flatMap((t) => (t ? [[t.documentId, t.text] as const] : [])));
    const byDocument = new Map<string, typeof sentences>();
    for (const sentence of sentences) {
      const list = byDocument.get(sentence.documentId);
      if (list) list.push(sentence);
      else byDocument.set(sentence.documentId, [sentence]);
    }
    return documents.flatMap((d) =>
      d
        ? [
            {
              id: d.id,
              text: textOf.get(d.id) ?? '',
              sentences: (byDocument.get(d.id) ?? []).sort((a, b) => a.ordinal - b.ordinal).map(({ id, text, section, start, end }) => ({ id, text, section, start, end })),
            },
          ]
        : [],
    );
  }

  /**
   * Has main read, ahead of a retrain, the documents it will learn from (those with feedback or cards), so
   * that pressing "Retrain my model" only trains. Nothing to do without feedback yet.
   */
  async prepare(): Promise<void> {
    const { db } = this;
    const [feedbackCount, cardCount] = await Promise.all([db.feedback.count(), db.cards.count()]);
    // Once per change in what there is to learn from, not every time the panel opens.
    const preparing = `${feedbackCount}/${cardCount}`;
    if ((feedbackCount === 0 && cardCount === 0) || preparing === this.prepared) return;
    const [withFeedback, withCards] = await Promise.all([db.feedback.orderBy('documentId').uniqueKeys(), db.cards.orderBy('documentId').uniqueKeys()]);
    const touched = [...new Set([...withFeedback, ...withCards].map(String))];
    const documents = await this.documentsForMain(touched);
    if (documents.length > 0) await this.api['model.prepareRetrain']({ documents });
    this.prepared = preparing;
  }

  /** Re-reads every document with the parameters in use and stores the new salience and key sentences, with each one's "why" (`load` then finds the suggestions). */
  async rescore(): Promise<void> {
    const results = await this.scoreInMain(await this.activeParams());
    const { db } = this;
    await db.transaction('rw', db.sentences, db.graphChanges, () => this.storeScores(results));
  }

  /** Main's salience and key sentences for every document (or those of `ids`) under `params` (null: the shipped base). */
  private async scoreInMain(params: string | null, ids?: readonly string[]): Promise<MethodOutput<'model.rescore'>> {
    return this.api['model.rescore']({ documents: await this.documentsForMain(ids), userParams: params });
  }

  /**
   * Stores what scoreInMain returned; called inside a transaction over the sentences and graphChanges. The graph's
   * key-sentence links and their weights follow the key sentences, so it catches up with them when next read.
   */
  private async storeScores(results: MethodOutput<'model.rescore'>): Promise<void> {
    const { db } = this;
    for (const result of results) {
      const whyOf = new Map(result.selected.map((id, i) => [id, result.why[i]]));
      const rows = await db.sentences.where('documentId').equals(result.documentId).sortBy('ordinal');
      await db.sentences.bulkPut(
        rows.map(({ why: _old, ...row }, i) => {
          const why = whyOf.get(row.id);
          return { ...row, salience: result.salience[i] ?? row.salience, selected: whyOf.has(row.id), ...(why ? { why } : {}) };
        }),
      );
      await markGraphChanged(db, result.documentId, this.newId());
    }
  }

  /**
   * Asked only while a retrained version is in use (the shipped model has learned nothing of the person to
   * suggest from): the key sentences without a card that the person has not turned down and a card can be made of, taken in turns from each document —
   * its surest first — so that one long or noisy document cannot fill the list: salience is only comparable
   * within a document.
   */
  private async findCandidates(feedback: readonly FeedbackRow[], cards: readonly CardRow[], documents: readonly DocumentRow[]): Promise<Candidate[]> {
    const sentences = await this.db.sentences.filter((s) => s.selected).toArray();
    const carded = new Set(cards.map((c) => c.sentenceId));
    const turnedDown = new Set(feedback.filter((f) => f.kind !== 'card-edited' && f.kind !== 'candidate-accepted').map((f) => f.sentenceId));
    const titleOf = new Map(documents.map((d) => [d.id, d.title]));
    const conceptsOf = new Map(documents.map((d) => [d.id, d.concepts]));
    const byDocument = new Map<string, typeof sentences>();
    for (const sentence of sentences) {
      if (carded.has(sentence.id) || turnedDown.has(sentence.id)) continue;
      // Accepting it would make no card (a fragment such as `" said Calder.`): nothing to offer.
      if (!canMakeCardFrom(sentence, conceptsOf.get(sentence.documentId) ?? [])) continue;
      const list = byDocument.get(sentence.documentId);
      if (list) list.push(sentence);
      else byDocument.set(sentence.documentId, [sentence]);
    }
    // Documents whose cards the person keeps first (studied, made by hand, accepted), those whose cards they turned
    // down last (deleted, suspended, dismissed): the model picks key sentences in every document, even one about a
    // subject the person deleted every card of, and taking turns from the start would put those in front. Then by
    // title, then id, and each one's sentences surest first, then in reading order: storage gives them by id, which
    // is random.
    const regard = new Map<string, number>();
    const add = (documentId: string, by: number) => regard.set(documentId, (regard.get(documentId) ?? 0) + by);
    for (const f of feedback) add(f.documentId, WANTED_KINDS.has(f.kind) ? 1 : f.kind === 'card-edited' ? 0 : -1);
    for (const card of cards) if (card.reps > 0 && !card.suspended) add(card.documentId, 1);
    const queues = [...byDocument]
      .sort(([a], [b]) => Math.sign(regard.get(b) ?? 0) - Math.sign(regard.get(a) ?? 0) || compareStrings(titleOf.get(a) ?? '', titleOf.get(b) ?? '') || compareStrings(a, b))
      .map(([, list]) => list.sort((a, b) => mostSalientFirst(a, b) || a.ordinal - b.ordinal));
    const out: Candidate[] = [];
    for (let turn = 0; out.length < sentences.length; turn++) {
      let took = false;
      for (const queue of queues) {
        const s = queue[turn];
        if (!s) continue;
        took = true;
        out.push({ documentId: s.documentId, documentTitle: titleOf.get(s.documentId) ?? '', sentenceId: s.id, text: s.text });
      }
      if (!took) break;
    }
    return out;
  }

  /**
   * Answers a suggestion (`answerCandidate` records it); what that returned, for an undo. Undefined for a suggestion
   * whose answer is still being saved: a double click would record it twice (and its undo take back only one).
   */
  async answer<T>(candidate: Candidate, accept: boolean, answerCandidate: (documentId: string, sentenceId: string, accept: boolean) => Promise<T>): Promise<T | undefined> {
    if (this.answering.has(candidate.sentenceId)) return undefined;
    this.answering = new Set([...this.answering, candidate.sentenceId]);
    try {
      const answered = await answerCandidate(candidate.documentId, candidate.sentenceId, accept);
      await this.load();
      return answered;
    } finally {
      this.answering = new Set([...this.answering].filter((id) => id !== candidate.sentenceId));
    }
  }

  /** The version in use; undefined while the shipped base is. */
  private activeVersion(): Promise<ModelVersionRow | undefined> {
    return this.db.modelVersions.filter((v) => v.active).first();
  }

  /** The parameters imports should use: the active version's, or null for the shipped base. */
  async activeParams(): Promise<string | null> {
    return (await this.activeVersion())?.params ?? null;
  }

  /**
   * Retrains, keeping the result as a version; null, and `nothingNew` set, when nothing was done or reviewed
   * since the newest version learned: the retrain would repeat it, and another look-alike version would only
   * crowd the list. Null, and `nothingYet` set, when there is no feedback and no review at all. Null, and
   * `learnedNothing` set, when the result scores every sentence as the shipped model does. Null, and
   * `cancelled` set, when the person cancelled it: no version and no backup were added.
   */
  async retrain(): Promise<RetrainResult | null> {
    this.running = true;
    // Leaving the page (a reload, closing the tab) while main retrains would lose the result, which only the page
    // stores: it asks first, whichever screen is open (Electron asks in main: window.ts).
    const stay = (event: Event) => event.preventDefault();
    if (typeof window !== 'undefined') window.addEventListener('beforeunload', stay);
    this.nothingNew = false;
    this.nothingYet = false;
    this.cancelled = false;
    this.interrupted = false;
    this.learnedNothing = null;
    try {
      const newest = await this.db.modelVersions.orderBy('createdAt').last();
      if (!newest && (await this.db.feedback.count()) + (await this.db.reviewLog.count()) === 0) {
        this.nothingYet = true;
        return null;
      }
      if (newest) {
        const since = newest.feedbackUntil ?? newest.createdAt;
        const [acts, reviews, recorded] = await Promise.all([this.db.feedback.where('time').above(since).count(), this.db.reviewLog.where('time').above(since).count(), this.db.feedback.count()]);
        // Nothing added since, and nothing taken back either (an unsuspended card, an undone delete remove their record).
        if (acts + reviews === 0 && (newest.feedbackCount === undefined || newest.feedbackCount === recorded)) {
          this.nothingNew = true;
          return null;
        }
      }
      // Feedback from here on is new to the version this retrain makes.
      const feedbackUntil = this.now();
      const { db } = this;
      const [documents, cards, log, feedback] = await Promise.all([this.documentsForMain(), db.cards.toArray(), db.reviewLog.toArray(), db.feedback.toArray()]);
      const sentenceOfCard = new Map(cards.map((card) => [card.id, card.sentenceId]));
      const histories = new Map<string, Array<CardReviewHistory['reviews'][number]>>();
      for (const entry of effectiveReviews(log)) {
        const sentenceId = sentenceOfCard.get(entry.cardId);
        if (!sentenceId) continue;
        const reviews = histories.get(sentenceId);
        if (reviews) reviews.push({ rating: entry.rating, time: entry.time });
        else histories.set(sentenceId, [{ rating: entry.rating, time: entry.time }]);
      }
      const active = await this.activeVersion();
      const inUse = active ? { params: active.params, trainedAt: active.feedbackUntil ?? active.createdAt } : null;
      const result = await this.retrainInMain({
        documents,
        events: feedback.map(({ kind, sentenceId, time }) => ({ kind, sentenceId, time })),
        histories: [...histories].map(([sentenceId, reviews]) => ({ sentenceId, reviews })),
        inUse,
        // One seed for every retrain: the same documents and feedback always retrain the same way (with the
        // seed the n-th retrain, pressing Retrain again drew other folds and came out another way).
        seed: 1,
      });
      if (!result) return null;
      if (result.learnedNothing) {
        // A version that scores as the shipped model does would only crowd the list, and "Use it anyway" would do nothing.
        this.last = null;
        this.learnedNothing = { rewardedSentences: result.rewardedSentences };
        return null;
      }
      const version: ModelVersionRow = {
        id: this.newId(),
        createdAt: this.now(),
        params: result.params,
        eventsUsed: result.eventsUsed,
        heldOut: result.heldOut,
        learned: result.learned,
        feedbackUntil,
        feedbackCount: feedback.length,
        judgedAgainstVersion: inUse !== null,
        judgedBetter: result.better,
        active: false,
      };
      await db.modelVersions.add(version);
      if (result.better) await this.use(version.id);
      else await this.load();
      this.last = { ...result, versionId: version.id, kept: result.better, againstVersion: inUse !== null };
      return this.last;
    } finally {
      this.running = false;
      if (typeof window !== 'undefined') window.removeEventListener('beforeunload', stay);
    }
  }

  /**
   * Told of each task main runs: a retrain that no page waits for (its page was reloaded or closed while main
   * worked) is cancelled, since only a page stores the version it makes; left running, the tray said "Done" and no
   * version came of it. `interrupted` then says so on the model's panel. Another open page still waiting for its
   * retrain holds RETRAIN_LOCK, and its retrain goes on.
   */
  noticeTask(progress: TaskProgress): void {
    if (progress.method !== 'model.retrain' || progress.state !== 'running' || this.tasksSeen.has(progress.taskId)) return;
    this.tasksSeen.add(progress.taskId);
    if (this.running) return;
    void this.cancelIfOrphaned(progress.taskId);
  }

  private async cancelIfOrphaned(taskId: string): Promise<void> {
    const locks = webLocks();
    if (!locks) return;
    const { held = [] } = await locks.query();
    if (this.running || held.some((lock) => lock.name === RETRAIN_LOCK)) return;
    const { cancelled } = await this.api['tasks.cancel']({ taskId });
    if (cancelled) this.interrupted = true;
  }

  /**
   * Main's retrain; null, and `cancelled` set, when the person cancelled it. The result of an earlier retrain
   * is cleared then: left on screen, it would read as this one's.
   */
  private async retrainInMain(input: MethodInput<'model.retrain'>): Promise<MethodOutput<'model.retrain'> | null> {
    try {
      // Held while this page waits for main: a page opened meanwhile (a reload of this one, another tab) tells a
      // retrain someone still waits for from one whose page is gone (see noticeTask).
      const locks = webLocks();
      const call = () => this.api['model.retrain'](input);
      return await (locks ? locks.request(RETRAIN_LOCK, call) : call());
    } catch (error) {
      if (toFocalError(error).code !== 'cancelled') throw error;
      this.last = null;
      this.cancelled = true;
      return null;
    }
  }

  /**
   * Makes a version the one in use (null: back to the shipped base), the library backed up first. All or
   * nothing: a version whose parameters cannot be used is refused before anything changes, and the switch and
   * the key sentences it brings are stored in one transaction, only once main has scored them.
   */
  async use(versionId: string | null): Promise<void> {
    const { db } = this;
    const params = versionId === null ? null : await this.usableParams(versionId);
    const versionsBefore = new Map((await db.documents.toArray()).map((doc) => [doc.id, doc.updatedAt]));
    const scores = await this.scoreInMain(params);
    // Of the library before the key sentences change, once main has scored them: a retrain that failed, was
    // cancelled or was not put in use, or a switch main could not score, leaves no backup behind.
    await this.beforeModelChange();
    await db.transaction('rw', db.modelVersions, db.sentences, db.graphChanges, async () => {
      await db.modelVersions.toCollection().modify({ active: false });
      if (versionId !== null && (await db.modelVersions.update(versionId, { active: true })) === 0) throw gone();
      await this.storeScores(scores);
    });
    // Documents imported (or imported again) while main scored were read with the version then in use.
    const late = (await db.documents.toArray()).filter((doc) => versionsBefore.get(doc.id) !== doc.updatedAt).map((doc) => doc.id);
    if (late.length > 0) {
      const lateScores = await this.scoreInMain(params, late);
      await db.transaction('rw', db.sentences, db.graphChanges, () => this.storeScores(lateScores));
    }
    this.afterModelChange();
    await this.load();
    // The result on screen says which model is in use: keep it true to the choice just made.
    if (this.last) this.last = { ...this.last, kept: this.last.versionId === versionId };
    this.nothingNew = false;
    this.cancelled = false;
    this.learnedNothing = null;
  }

  /** A version's parameters, refused with a typed error when it is gone or they cannot be used. */
  private async usableParams(versionId: string): Promise<string> {
    const version = await this.db.modelVersions.get(versionId);
    if (!version) throw gone();
    const problem = paramsProblem(version.params);
    if (problem !== null) throw new FocalError('malformed', `This model version is damaged: its parameters cannot be read (${problem}). Nothing was changed.`);
    return version.params;
  }
}

/** The Web Lock a page holds while it waits for main's retrain (navigator.locks: released when the page goes). */
const RETRAIN_LOCK = 'focal-retrain';

/** The page's Web Locks; undefined outside a browser (the unit tests' Node). */
const webLocks = (): LockManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.locks);

const gone = () => new FocalError('not-found', 'That model version no longer exists. Nothing was changed.');
