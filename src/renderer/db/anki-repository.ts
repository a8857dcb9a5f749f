/**
 * Moving cards between Focal and Anki, on the Dexie side: gathering every card with its schedule and log for
 * an export, and storing an imported package (read by main) in one transaction, adding only the cards the
 * library does not have yet, so importing the same deck twice duplicates nothing. A card Focal exported comes
 * back as the card it was (its note guid is made from the card's id), with the answers given in Anki since; one
 * deleted since comes back under its id, its logged answers counted once.
 */
import type { MethodInput } from '../../shared/contract';
import type { AnkiLibraryImport, ImportedDeck } from '../../core/interop/anki-library';
import { ankiGuid } from '../../core/interop/anki-guid';
import { groupBy } from '../../core/group-by';
import { plural } from '../components/format';
import type { Scheduler } from '../../core/scheduling/fsrs-adapter';
import { effectiveLog, resetEntry } from '../../core/scheduling/review-log';
import { sourceKeyOf } from '../../core/library/plan-import';
import type { CardRow, DocumentRow, FocalDb, ReviewLogRow, SentenceRow } from './focal-db';

export type AnkiExportCards = MethodInput<'interop.exportAnki'>['cards'];

/** Every card with the fields an Anki note needs, the document it came from, and its log. */
export async function ankiExportCards(db: FocalDb): Promise<AnkiExportCards> {
  return db.transaction('r', [db.cards, db.reviewLog, db.documents], async () => {
    const [cards, log, documents] = await Promise.all([db.cards.toArray(), db.reviewLog.toArray(), db.documents.toArray()]);
    const titles = new Map(documents.map((document) => [document.id, document.title]));
    const logOf = groupBy(log, (entry) => entry.cardId);
    return cards.map((row) => {
      const { buriedUntil: _buried, edited: _edited, ...card } = row;
      // The document's title only: the export adds the card's section path (ankiSourcePath).
      return { card, sourceTitle: titles.get(row.documentId) ?? '', reviews: logOf.get(row.id) ?? [] };
    });
  });
}

export interface AnkiStoreOutcome {
  decks: number;
  added: number;
  /** Cards the library already had (same note and template, or a card Focal exported). */
  alreadyThere: number;
  reviews: number;
  /** Answers given in Anki to cards Focal exported, since their last answer in Focal: added to their history. */
  reviewsAdded: number;
  /** Cards of the package whose question was empty, left out. */
  emptyLeftOut: number;
}

/** What the person reads after an Anki import. */
export function ankiImportMessage(stored: AnkiStoreOutcome, fileName: string): string {
  const already = stored.alreadyThere
    ? `; ${stored.alreadyThere} ${stored.alreadyThere === 1 ? 'was' : 'were'} already in your library` +
      (stored.reviewsAdded ? `, and ${plural(stored.reviewsAdded, 'answer')} given in Anki since ${stored.reviewsAdded === 1 ? 'was' : 'were'} added to ${stored.alreadyThere === 1 ? 'it' : 'them'}` : '')
    : '';
  const empty = stored.emptyLeftOut ? ` ${plural(stored.emptyLeftOut, 'card')} with an empty question ${stored.emptyLeftOut === 1 ? 'was' : 'were'} left out.` : '';
  return `Imported ${plural(stored.added, 'card')} with ${plural(stored.reviews, 'review')} from ${fileName}${already}.${empty}`;
}

/** The note guid in an imported card's key (`anki:<guid>:<ord>`; a guid may hold ":"), and the template number. */
function noteOfKey(key: string): { guid: string; ord: number } {
  const last = key.lastIndexOf(':');
  return { guid: key.slice('anki:'.length, last), ord: Number(key.slice(last + 1)) };
}

/**
 * Stores what main read from a package: all of it or nothing. `scheduler` replays the answers given in Anki
 * to cards Focal exported onto those cards, from their state in Focal (without it they are left out).
 */
export async function storeAnkiImport(
  db: FocalDb,
  imported: AnkiLibraryImport,
  now: number,
  scheduler?: Scheduler,
  /** How many of the package's cards are dealt with, as the write goes (all of it one transaction: seconds for a large deck). */
  progress?: (done: number, total: number) => void,
): Promise<AnkiStoreOutcome> {
  const outcome: AnkiStoreOutcome = { decks: 0, added: 0, alreadyThere: 0, reviews: 0, reviewsAdded: 0, emptyLeftOut: imported.emptyLeftOut ?? 0 };
  const total = imported.decks.reduce((n, deck) => n + deck.cards.length, 0);
  let done = 0;
  const dealtWith = (cards: number) => {
    done += cards;
    progress?.(done, total);
  };
  await db.transaction('rw', [db.documents, db.documentTexts, db.sentences, db.cards, db.reviewLog], async () => {
    // The cards Focal would export, by the guid their notes get (anki-guid.ts): Focal's own notes coming back.
    const exportedFrom = new Map((await db.cards.toArray()).map((card) => [ankiGuid(card.id), card]));
    // And the cards it exported and has deleted since, known by the answers the (append-only) log keeps of them.
    const present = new Set([...exportedFrom.values()].map((card) => card.id));
    const logged = (await db.reviewLog.orderBy('cardId').uniqueKeys()) as string[];
    const deletedByGuid = new Map(logged.filter((id) => !present.has(id)).map((id) => [ankiGuid(id), id]));
    for (const deck of imported.decks) {
      const logOf = groupBy(deck.log, (entry) => entry.cardId);
      const known = new Set((await db.cards.where('key').anyOf(deck.cards.map((card) => card.key)).toArray()).map((card) => card.key));
      const focalCardOf = (key: string) => {
        const { guid, ord } = noteOfKey(key);
        return ord === 0 ? exportedFrom.get(guid) : undefined;
      };
      for (const card of deck.cards) {
        const original = known.has(card.key) ? undefined : focalCardOf(card.key);
        if (original) outcome.reviewsAdded += await addAnswersFromAnki(db, original, logOf.get(card.id) ?? [], scheduler);
      }
      const unknown = deck.cards.filter((card) => !known.has(card.key) && !focalCardOf(card.key));
      outcome.alreadyThere += deck.cards.length - unknown.length;
      dealtWith(deck.cards.length - unknown.length);
      if (unknown.length === 0) continue;
      const { cards: fresh, log } = await asDeletedCards(db, unknown, deck.log, deletedByGuid);
      await storeDeck(db, { ...deck, log }, fresh, now, dealtWith);
      outcome.decks++;
      outcome.added += fresh.length;
      const freshIds = new Set(fresh.map((card) => card.id));
      outcome.reviews += log.filter((entry) => entry.kind === 'review' && freshIds.has(entry.cardId)).length;
    }
  });
  return outcome;
}

/**
 * A card Focal exported, then deleted (with its document), comes back under its old id: the log still holds its
 * answers, so its history and the stats count each once. Of the answers the package brings for it, only those a
 * second or more after its last logged one are new (`isNewAnswer`).
 */
async function asDeletedCards(
  db: FocalDb,
  cards: ImportedDeck['cards'],
  log: ImportedDeck['log'],
  deletedByGuid: ReadonlyMap<string, string>,
): Promise<{ cards: ImportedDeck['cards']; log: ImportedDeck['log'] }> {
  const restored = new Map<string, { id: string; lastLogged: number }>();
  for (const card of cards) {
    const { guid, ord } = noteOfKey(card.key);
    const oldId = ord === 0 ? deletedByGuid.get(guid) : undefined;
    if (!oldId) continue;
    const history = await db.reviewLog.where('cardId').equals(oldId).toArray();
    restored.set(card.id, { id: oldId, lastLogged: Math.max(...history.map((entry) => entry.time)) });
  }
  if (restored.size === 0) return { cards, log };
  return {
    cards: cards.map((card) => (restored.has(card.id) ? { ...card, id: restored.get(card.id)!.id } : card)),
    log: log.flatMap((entry) => {
      const card = restored.get(entry.cardId);
      if (!card) return [entry];
      return isNewAnswer(entry.time, card.lastLogged) ? [{ ...entry, cardId: card.id }] : [];
    }),
  };
}

/**
 * Whether an answer in a package, at `time`, is new to a card Focal last answered at `lastInFocal`. Focal's own
 * answers come back in the package too, at their times (an export may move one by a millisecond to keep Anki's log
 * ids apart): only answers a second or more after the last one in Focal are new.
 */
function isNewAnswer(time: number, lastInFocal: number | null): boolean {
  return time >= (lastInFocal ?? Number.NEGATIVE_INFINITY) + 1000;
}

/** Cards written at a time, each with its sentence and answers, so that the write can say how far it is. */
const STORE_CHUNK = 1000;

/** Adds a deck's new cards: to the deck's document when an earlier import made one, else to a new document. */
async function storeDeck(db: FocalDb, deck: ImportedDeck, fresh: ImportedDeck['cards'], now: number, stored: (cards: number) => void): Promise<void> {
  const existing = await db.documents.where('sourceKey').equals(sourceKeyOf(deck.sourceName)).first();
  const documentId = existing?.id ?? fresh[0]!.documentId;
  const needed = new Set(fresh.map((card) => card.sentenceId));
  let text = existing ? ((await db.documentTexts.get(existing.id))?.text ?? '') : '';
  let ordinal = existing ? await db.sentences.where('documentId').equals(existing.id).count() : 0;
  const sentences: SentenceRow[] = [];
  for (const sentence of deck.sentences) {
    if (!needed.has(sentence.id)) continue;
    if (text) text += '\n\n';
    const start = text.length;
    text += sentence.text;
    sentences.push({ ...sentence, documentId, ordinal: ordinal++, start, end: text.length, salience: null, selected: false });
  }
  const document: DocumentRow = {
    id: documentId,
    title: deck.title,
    format: 'anki',
    language: existing?.language ?? 'und',
    sourceName: deck.sourceName,
    sourceKey: sourceKeyOf(deck.sourceName),
    contentHash: existing?.contentHash ?? `anki:${deck.sourceName}`,
    byteSize: text.length,
    pageCount: null,
    sentenceCount: ordinal,
    sections: [],
    links: [],
    tags: ['anki'],
    warnings: [],
    concepts: [],
    modelProvider: null,
    reducedQuality: false,
    importedAt: existing?.importedAt ?? now,
    updatedAt: now,
  };
  const cards: CardRow[] = fresh.map((card) => ({ ...card, documentId, buriedUntil: card.buriedUntil ?? null, edited: false }));
  const sentenceOf = new Map(sentences.map((sentence) => [sentence.id, sentence]));
  const logOf = groupBy(deck.log, (entry) => entry.cardId);
  await db.documents.put(document);
  await db.documentTexts.put({ documentId, text });
  for (let at = 0; at < cards.length; at += STORE_CHUNK) {
    const chunk = cards.slice(at, at + STORE_CHUNK);
    // A note's cards share its sentence: it goes in with the first of them.
    const firstUses = chunk.flatMap((card) => {
      const sentence = sentenceOf.get(card.sentenceId);
      sentenceOf.delete(card.sentenceId);
      return sentence ? [sentence] : [];
    });
    await db.sentences.bulkAdd(firstUses);
    await db.cards.bulkAdd(chunk);
    await db.reviewLog.bulkAdd(chunk.flatMap((card) => logOf.get(card.id) ?? []));
    stored(chunk.length);
  }
}

/**
 * The answers given in Anki to a card Focal exported, after its last answer in Focal, replayed onto it with
 * Focal's scheduler: each becomes a log entry, and the card takes the state they lead to. How many answers were added.
 */
async function addAnswersFromAnki(db: FocalDb, card: CardRow, events: ImportedDeck['log'], scheduler: Scheduler | undefined): Promise<number> {
  // What Focal last logged of the card: after a reset in Focal the card has no last review, and the answers before
  // it, which the package holds too, are not new.
  const logged = effectiveLog(await db.reviewLog.where('cardId').equals(card.id).toArray());
  const lastInFocal = logged.length > 0 ? Math.max(...logged.map((entry) => entry.time)) : card.lastReview;
  const newer = events.filter((event) => isNewAnswer(event.time, lastInFocal)).sort((a, b) => a.time - b.time);
  if (!scheduler || newer.length === 0) return 0;
  let current: CardRow = card;
  const entries: ReviewLogRow[] = [];
  for (const event of newer) {
    if (event.kind === 'reset') {
      // Reset in Anki ("Forget") since the export: made new here too.
      const entry = resetEntry(event.id, card.id, current, event.time);
      entries.push(entry);
      current = { ...current, ...entry.after };
      continue;
    }
    const outcome = scheduler.answer(current, event.rating, event.time, event.elapsedMs);
    entries.push(outcome.entry);
    current = { ...current, ...outcome.memory };
  }
  await db.reviewLog.bulkAdd(entries);
  await db.cards.put(current);
  // Answers, as the message says: a reset is no answer.
  return entries.filter((entry) => entry.kind === 'review').length;
}
