/**
 * Moving cards between Focal and Anki, on the Dexie side: gathering every card with its schedule and log for
 * an export, and storing an imported package (read by main) in one transaction, adding only the cards the
 * library does not have yet, so importing the same deck twice duplicates nothing.
 */
import type { MethodInput } from '../../shared/contract';
import type { AnkiLibraryImport, ImportedDeck } from '../../core/interop/anki-library';
import { sourceKeyOf } from '../../core/library/plan-import';
import type { CardRow, DocumentRow, FocalDb, ReviewLogRow, SentenceRow } from './focal-db';

export type AnkiExportCards = MethodInput<'interop.exportAnki'>['cards'];

/** Every card with the fields an Anki note needs, the document it came from, and its log. */
export async function ankiExportCards(db: FocalDb): Promise<AnkiExportCards> {
  return db.transaction('r', [db.cards, db.reviewLog, db.documents], async () => {
    const [cards, log, documents] = await Promise.all([db.cards.toArray(), db.reviewLog.toArray(), db.documents.toArray()]);
    const titles = new Map(documents.map((document) => [document.id, document.title]));
    const logOf = new Map<string, ReviewLogRow[]>();
    for (const entry of log) {
      const list = logOf.get(entry.cardId);
      if (list) list.push(entry);
      else logOf.set(entry.cardId, [entry]);
    }
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
  /** Cards the library already had (same note and template). */
  alreadyThere: number;
  reviews: number;
}

/** Stores what main read from a package: all of it or nothing. */
export async function storeAnkiImport(db: FocalDb, imported: AnkiLibraryImport, now: number): Promise<AnkiStoreOutcome> {
  const outcome: AnkiStoreOutcome = { decks: 0, added: 0, alreadyThere: 0, reviews: 0 };
  await db.transaction('rw', [db.documents, db.documentTexts, db.sentences, db.cards, db.reviewLog], async () => {
    for (const deck of imported.decks) {
      const known = new Set((await db.cards.where('key').anyOf(deck.cards.map((card) => card.key)).toArray()).map((card) => card.key));
      const fresh = deck.cards.filter((card) => !known.has(card.key));
      outcome.alreadyThere += deck.cards.length - fresh.length;
      if (fresh.length === 0) continue;
      await storeDeck(db, deck, fresh, now);
      outcome.decks++;
      outcome.added += fresh.length;
      const freshIds = new Set(fresh.map((card) => card.id));
      outcome.reviews += deck.log.filter((entry) => freshIds.has(entry.cardId)).length;
    }
  });
  return outcome;
}

/** Adds a deck's new cards: to the deck's document when an earlier import made one, else to a new document. */
async function storeDeck(db: FocalDb, deck: ImportedDeck, fresh: ImportedDeck['cards'], now: number): Promise<void> {
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
  const freshIds = new Set(fresh.map((card) => card.id));
  const cards: CardRow[] = fresh.map((card) => ({ ...card, documentId, buriedUntil: null, edited: false }));
  await db.documents.put(document);
  await db.documentTexts.put({ documentId, text });
  await db.sentences.bulkAdd(sentences);
  await db.cards.bulkAdd(cards);
  await db.reviewLog.bulkAdd(deck.log.filter((entry) => freshIds.has(entry.cardId)));
}
