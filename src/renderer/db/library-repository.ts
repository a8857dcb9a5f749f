/**
 * The library in Dexie: storing an import (one transaction: all of it or nothing), listing, reading,
 * and deleting with undo.
 */
import type { BlockAnchor, ConceptScore, ParsedDocument, TextLink } from '../../shared/document';
import { cardLeadIn, makeCardFromSentence, makeCards, reconcileCards, type CardSourceDocument, type StudyCard } from '../../core/cards/make-cards';
import { newCardMemory } from '../../core/scheduling/card-memory';
import { looksLikeAnotherFile, planImport, sameFileFromAnotherFolder, sourceKeyOf, type ImportPlan } from '../../core/library/plan-import';
import type { CardRow, DocumentRow, DocumentTextRow, FeedbackRow, FocalDb, SentenceRow } from './focal-db';
import { markGraphChanged } from './graph-row';
import { foldAccents, foldForSearch } from '../../core/text/fold-accents';
import { FocalError } from '../../shared/errors';
import { FOCAL_BUILD } from '../build-id';

/** The longest title a document can be given by hand: a line of the library's list, not a paragraph. */
export const MAX_TITLE_LENGTH = 200;

export type ImportOutcome =
  | { kind: 'new'; documentId: string; title: string; sentences: number; cards: number; warnings: string[] }
  /**
   * `reread`: the same bytes, read into other sentences by this Focal's readers; `changed` of them keep their identity in
   * their new reading. `edited`: sentences the person edited a little, kept with their cards. `reviewedCardsRemoved`:
   * cards with answers that went with their sentences; `editedCardsRemoved`: cards never answered that the person had
   * worded themselves, gone the same way.
   */
  | {
      kind: 'updated';
      documentId: string;
      title: string;
      kept: number;
      added: number;
      removed: number;
      cards: number;
      warnings: string[];
      reread?: true;
      changed?: number;
      edited?: number;
      reviewedCardsRemoved?: number;
      editedCardsRemoved?: number;
    }
  /**
   * `sameAs`: the file it was stored from, when that was another name (the same bytes are not stored twice).
   * `moved`: that file is gone from its folder and the document took this file's name (set by the importer once
   * the whole folder has been read).
   */
  | { kind: 'unchanged'; documentId: string; title: string; sameAs?: string; moved?: boolean };

/**
 * A stored document of the file's name that the file looks unlike (see `looksLikeAnotherFile`): what importing the
 * file as its new version would replace, for the person to decide.
 */
export interface SameNameConflict {
  documentId: string;
  title: string;
  sourceName: string;
  importedAt: number;
  /** Sentences the two have in common, of how many the stored document and the file each have. */
  shared: number;
  stored: number;
  incoming: number;
  /** The document's cards whose sentences the file no longer has, and how many of those were ever answered. */
  cardsRemoved: number;
  reviewedCardsRemoved: number;
}

/** A new card's row: the card as made, a new card's schedule, not suspended or buried. */
export function newCardRow(card: StudyCard): CardRow {
  return { ...card, ...newCardMemory(card.createdAt), suspended: false, buriedUntil: null, edited: false };
}

/** What a delete removed, so that undo can put it back exactly. */
export interface DeletedDocument {
  document: DocumentRow;
  text: string;
  /** Where its text shows links, and where its named blocks start; absent when none, and in deletes made before these were kept. */
  linkSpans?: TextLink[];
  blockAnchors?: BlockAnchor[];
  sentences: SentenceRow[];
  cards: CardRow[];
  /**
   * What the person did with its sentences (deleted, suspended, made cards…): it goes with the document, so a retrain
   * no longer counts it, and comes back with an undo. Absent in deletes made before this was kept.
   */
  feedback?: FeedbackRow[];
  /** Its concept vectors (conceptVectors); absent for a document stored with them inline, or without any. */
  vectors?: Record<string, number[]>;
  /** When it was deleted: a document with the same bytes stored since then is the same file imported again. */
  deletedAt: number;
}

export interface OpenedDocument {
  document: DocumentRow;
  text: string;
  /** Where the text shows links to other notes, and where its named blocks start (absent when none). */
  linkSpans?: TextLink[];
  blockAnchors?: BlockAnchor[];
  sentences: SentenceRow[];
}

export interface StoreOptions {
  /** Store the file as a document of its own even where one of its name is stored (the person kept both). */
  separate?: boolean;
  /** Ids of stored documents the file may be, moved or its folder renamed, and edited (importer's wasStoredElsewhere). */
  movedFrom?: readonly string[];
  /**
   * Documents stored from this file's path seen from another folder (sameFileFromAnotherFolder: vault/Biology/Mendel.md
   * for Biology/Mendel.md or Mendel.md), by id: the file may be one of them, edited. The importer names them from
   * the library as it was before the import, leaving out documents this import's other files turned out to be.
   */
  fromOtherFolders?: readonly string[];
}

export class LibraryRepository {
  constructor(
    private readonly db: FocalDb,
    private readonly newId: () => string,
    private readonly now: () => number,
  ) {}

  /** The plan for storing `parsed` (call inside a transaction over documents and sentences), and the stored documents it was matched against. */
  private async planFor(
    parsed: ParsedDocument,
    options: StoreOptions,
    newId: () => string,
  ): Promise<{ plan: ImportPlan; existing: DocumentRow[]; stored: Map<string, Array<{ id: string; hash: string; ordinal: number; text: string }>> }> {
    const { db } = this;
    const existing = await db.documents.where('contentHash').equals(parsed.contentHash).or('sourceKey').equals(sourceKeyOf(parsed.sourceName)).toArray();
    // Only a file that is no stored document by its name or bytes may be one moved and edited, or one imported before
    // from a folder around or inside this import's (the same note, edited, from vault/ then from vault/Biology/): read
    // those then.
    const elsewhere = existing.length === 0 ? [...new Set([...(options.movedFrom ?? []), ...(options.fromOtherFolders ?? [])])] : [];
    const candidates = elsewhere.length > 0 ? (await db.documents.bulkGet(elsewhere)).filter((doc) => doc !== undefined) : [];
    const moved = new Set(options.movedFrom ?? []);
    const movedFrom = candidates.filter((doc) => moved.has(doc.id));
    const fromOtherFolders = candidates.filter((doc) => !moved.has(doc.id));
    const stored = new Map<string, Array<{ id: string; hash: string; ordinal: number; text: string }>>();
    for (const doc of [...existing, ...candidates]) {
      stored.set(doc.id, (await db.sentences.where('documentId').equals(doc.id).toArray()).map(({ id, hash, ordinal, text }) => ({ id, hash, ordinal, text })));
    }
    // Lines more than one stored document holds (a daily note's template) say nothing of which note moved where.
    const movedHashes = [...new Set(candidates.flatMap((doc) => (stored.get(doc.id) ?? []).map((s) => s.hash)))];
    const holders = new Map<string, Set<string>>();
    if (movedHashes.length > 0) {
      for (const row of await db.sentences.where('hash').anyOf(movedHashes).toArray()) holders.set(row.hash, (holders.get(row.hash) ?? new Set()).add(row.documentId));
    }
    const commonHashes = new Set([...holders].filter(([, documents]) => documents.size > 1).map(([hash]) => hash));
    const plan = planImport(parsed, existing, (id) => stored.get(id) ?? [], newId, { ...(options.separate ? { separate: true } : {}), movedFrom, fromOtherFolders, commonHashes });
    return { plan, existing: [...existing, ...candidates], stored };
  }

  /**
   * The cards a re-import keeps, brought up to date. A card of a sentence that kept its id in other words (read
   * anew, "signi er" → "signifier", or edited a little by the person) takes the wording a card of the new sentence
   * would have, its schedule and history kept: the fresh key sentence's card, else the card the reader would make of
   * it (a card made by hand, or a sentence no longer key). A card the person edited keeps theirs, and so does one
   * whose kind the new sentence no longer gives. Every kept card's lead-in is the sentence before it now.
   */
  private async refreshKeptCards(
    cards: readonly CardRow[],
    fresh: readonly StudyCard[],
    storedSentences: ReadonlyArray<{ id: string; hash: string }>,
    document: CardSourceDocument,
    sentences: readonly SentenceRow[],
    now: number,
  ): Promise<void> {
    const hashBefore = new Map(storedSentences.map((s) => [s.id, s.hash]));
    const indexOf = new Map(document.sentences.map((s, i) => [s.id, i]));
    const changed = new Set(sentences.filter((s) => hashBefore.has(s.id) && hashBefore.get(s.id) !== s.hash).map((s) => s.id));
    const freshByKey = new Map(fresh.map((card) => [card.key, card]));
    const updated = cards.flatMap((card) => {
      const index = indexOf.get(card.sentenceId);
      if (index === undefined) return [];
      let next: CardRow = card;
      if (changed.has(card.sentenceId) && !card.edited) {
        const wording = freshByKey.get(card.key) ?? makeCardFromSentence(document, index, { now, newId: () => '' }).find((made) => made.kind === card.kind);
        if (wording) next = { ...next, prompt: wording.prompt, answer: wording.answer, sentence: wording.sentence, concept: wording.concept };
      }
      const leadIn = cardLeadIn(document, index);
      if (leadIn !== next.leadIn) {
        const { leadIn: _before, ...rest } = next;
        next = leadIn === undefined ? rest : { ...rest, leadIn };
      }
      return next === card ? [] : [next];
    });
    await this.db.cards.bulkPut(updated);
  }

  /** Changes nothing: the stored document that importing `parsed` would replace though it looks like another file, or null. */
  async sameNameConflict(parsed: ParsedDocument, options: Pick<StoreOptions, 'movedFrom' | 'fromOtherFolders'> = {}): Promise<SameNameConflict | null> {
    const { db } = this;
    return db.transaction('r', [db.documents, db.sentences, db.cards], async () => {
      const { plan, existing } = await this.planFor(parsed, options, () => '');
      if (plan.kind !== 'updated' || !looksLikeAnotherFile(plan)) return null;
      const document = existing.find((doc) => doc.id === plan.documentId)!;
      const removed = new Set(plan.removedSentenceIds);
      const cards = (await db.cards.where('documentId').equals(document.id).toArray()).filter((card) => removed.has(card.sentenceId));
      return {
        documentId: document.id,
        title: document.title,
        sourceName: document.sourceName,
        importedAt: document.importedAt,
        shared: plan.kept + (plan.edited ?? 0),
        stored: plan.stored,
        incoming: plan.sentences.length,
        cardsRemoved: cards.length,
        reviewedCardsRemoved: cards.filter((card) => card.reps > 0).length,
      };
    });
  }

  async store(parsed: ParsedDocument, options: StoreOptions = {}): Promise<ImportOutcome> {
    const { db } = this;
    return db.transaction('rw', [db.documents, db.documentTexts, db.sentences, db.cards, db.graphChanges, db.conceptVectors], async () => {
      const { plan, existing, stored } = await this.planFor(parsed, options, this.newId);
      const previous = existing.find((doc) => doc.id === plan.documentId);

      if (plan.kind === 'unchanged') {
        // The same bytes, read by a Focal that finds aliases an earlier one did not: stored, so links find the note by them.
        const newAliases = previous !== undefined && (previous.aliases ?? []).join('\n') !== (parsed.aliases ?? []).join('\n');
        // The same file renamed in case only (Case.md → case.md): the document takes the name as the folder has it now.
        const recased = previous !== undefined && previous.sourceKey === sourceKeyOf(parsed.sourceName) && previous.sourceName !== parsed.sourceName;
        // Read by this build and found the same: the next import of these bytes need not read them (importer.svelte.ts).
        if (previous && (newAliases || recased || previous.readBy !== FOCAL_BUILD)) {
          const { aliases: _before, ...rest } = previous;
          const row: DocumentRow = { ...rest, ...(parsed.aliases?.length ? { aliases: parsed.aliases } : {}), ...(recased ? { sourceName: parsed.sourceName } : {}), readBy: FOCAL_BUILD };
          await db.documents.put(row);
          // Where its links and named blocks sit, as this build finds them (one before it kept none): only into the very text stored.
          const stored = await db.documentTexts.get(previous.id);
          const fresh = textRow(previous.id, parsed.text, parsed);
          if (stored && stored.text === parsed.text && JSON.stringify(stored) !== JSON.stringify(fresh)) await db.documentTexts.put(fresh);
          if (newAliases || recased) await markGraphChanged(db, row.id, this.newId());
        }
        const elsewhere = previous && previous.sourceKey !== sourceKeyOf(parsed.sourceName) ? { sameAs: previous.sourceName } : {};
        return { kind: 'unchanged', documentId: plan.documentId, title: previous?.title ?? parsed.title, ...elsewhere };
      }

      const time = this.now();
      // Read again from the same bytes, maybe found under another name (a copy): the document keeps its own name. So
      // does one imported before from a folder around this import's (vault/Biology/Mendel.md, now from Biology/): the
      // longer path still says where the note is, and the next import of the whole folder finds it by name.
      const key = sourceKeyOf(parsed.sourceName);
      const keepsName =
        plan.kind === 'updated' &&
        previous !== undefined &&
        (plan.reread === true || (previous.sourceKey.length > key.length && sameFileFromAnotherFolder(previous.sourceKey, key)));
      // A title the person gave stays through re-imports: the file's own is what they renamed it from.
      const titleByHand = previous?.titleByHand === true && plan.kind === 'updated';
      const row: DocumentRow = {
        id: plan.documentId,
        title: titleByHand ? previous.title : parsed.title,
        ...(titleByHand ? { titleByHand: true as const } : {}),
        format: parsed.format,
        language: parsed.language,
        sourceName: keepsName ? previous.sourceName : parsed.sourceName,
        sourceKey: keepsName ? previous.sourceKey : key,
        contentHash: parsed.contentHash,
        byteSize: parsed.byteSize,
        pageCount: parsed.pageCount,
        sentenceCount: parsed.sentences.length,
        sections: parsed.sections,
        links: parsed.links,
        tags: parsed.tags,
        ...(parsed.aliases?.length ? { aliases: parsed.aliases } : {}),
        warnings: parsed.warnings,
        concepts: (parsed.analysis?.concepts ?? []).map(({ vector: _kept, ...concept }) => concept),
        modelProvider: parsed.analysis?.provider ?? null,
        reducedQuality: parsed.analysis?.reducedQuality ?? false,
        importedAt: previous?.importedAt ?? time,
        updatedAt: time,
        readBy: FOCAL_BUILD,
      };
      await db.documents.put(row);
      await db.documentTexts.put(textRow(row.id, parsed.text, parsed));
      await storeVectors(db, row.id, parsed.analysis?.concepts ?? []);
      const analysis = parsed.analysis?.sentences;
      const sentenceRows: SentenceRow[] = plan.sentences.map(({ id, ordinal, text, section, page, start, end, hash }) => {
          const scored = analysis?.[ordinal];
          return {
            id,
            documentId: row.id,
            ordinal,
            text,
            section,
            page,
            start,
            end,
            hash,
            salience: scored?.salience ?? null,
            selected: scored?.selected ?? false,
            ...(scored?.why ? { why: scored.why } : {}),
          };
        });
      await db.sentences.bulkPut(sentenceRows);
      // The key sentences become cards in the same transaction: an import is all of it or nothing.
      const cardSource = { id: row.id, sentences: sentenceRows, concepts: row.concepts };
      const fresh = makeCards(cardSource, { now: time, newId: this.newId });
      await markGraphChanged(db, row.id, this.newId());
      if (plan.kind === 'new') {
        await db.cards.bulkAdd(fresh.map(newCardRow));
        return { kind: 'new', documentId: row.id, title: row.title, sentences: plan.sentences.length, cards: fresh.length, warnings: parsed.warnings };
      }
      await db.sentences.bulkDelete(plan.removedSentenceIds);
      const existingCards = await db.cards.where('documentId').equals(row.id).toArray();
      const reconciled = reconcileCards(existingCards, fresh, new Set(sentenceRows.map((s) => s.id)));
      await db.cards.bulkAdd(reconciled.added.map(newCardRow));
      await db.cards.bulkDelete(reconciled.removed.map((card) => card.id));
      await this.refreshKeptCards(existingCards, fresh, stored.get(row.id) ?? [], cardSource, sentenceRows, time);
      const removedCards = new Set(reconciled.removed.map((card) => card.id));
      const reviewedCardsRemoved = existingCards.filter((card) => removedCards.has(card.id) && card.reps > 0).length;
      const editedCardsRemoved = existingCards.filter((card) => removedCards.has(card.id) && card.reps === 0 && card.edited === true).length;
      return {
        kind: 'updated',
        documentId: row.id,
        title: row.title,
        kept: plan.kept,
        added: plan.added,
        removed: plan.removedSentenceIds.length,
        cards: reconciled.kept.length + reconciled.added.length,
        warnings: parsed.warnings,
        ...(plan.reread ? { reread: true as const, changed: plan.changed ?? 0 } : {}),
        ...(plan.edited ? { edited: plan.edited } : {}),
        ...(reviewedCardsRemoved > 0 ? { reviewedCardsRemoved } : {}),
        ...(editedCardsRemoved > 0 ? { editedCardsRemoved } : {}),
      };
    });
  }

  /**
   * Gives a document the name of the file it now comes from (a note moved or renamed in its folder), in the
   * library and in the graph, so a later import matches it by its new name. Null when the document is gone.
   */
  async rename(documentId: string, sourceName: string): Promise<DocumentRow | null> {
    const { db } = this;
    return db.transaction('rw', [db.documents, db.graphChanges], async () => {
      const document = await db.documents.get(documentId);
      if (!document) return null;
      const renamed: DocumentRow = { ...document, sourceName, sourceKey: sourceKeyOf(sourceName) };
      await db.documents.put(renamed);
      await markGraphChanged(db, documentId, this.newId());
      return renamed;
    });
  }

  /**
   * The document stored from this path, with these bytes, read by this build of Focal (build-id.ts): reading the
   * file again would find what is stored, so an import can say "unchanged" at once. Null when there is none, or
   * when more than one document was stored from the path (Keep both): the reading decides between them.
   */
  async unchangedFile(sourceName: string, contentHash: string): Promise<DocumentRow | null> {
    const stored = await this.db.documents.where('sourceKey').equals(sourceKeyOf(sourceName)).toArray();
    const only = stored.length === 1 ? stored[0]! : null;
    return only && only.contentHash === contentHash && only.readBy === FOCAL_BUILD ? only : null;
  }

  /**
   * Gives a document the title the person chose (a PDF's "Microsoft Word - lec3.docx", a note's first heading);
   * re-imports of its file keep it. An empty title is refused; null when the document is gone.
   */
  async retitle(documentId: string, title: string): Promise<DocumentRow | null> {
    const chosen = title.replace(/\s+/g, ' ').trim();
    if (chosen === '') throw new FocalError('invalid-payload', 'A document needs a title: type one, or press Escape to keep this one.');
    if (chosen.length > MAX_TITLE_LENGTH) throw new FocalError('invalid-payload', `A title can be at most ${MAX_TITLE_LENGTH} characters long.`);
    const { db } = this;
    return db.transaction('rw', [db.documents, db.graphChanges], async () => {
      const document = await db.documents.get(documentId);
      if (!document) return null;
      if (document.title === chosen) return document;
      const renamed: DocumentRow = { ...document, title: chosen, titleByHand: true };
      await db.documents.put(renamed);
      // The graph names its document node by the title.
      await markGraphChanged(db, documentId, this.newId());
      return renamed;
    });
  }

  /**
   * Each document's text as searches compare it (foldForSearch), by id, kept from one search to the next: reading
   * and folding every text again for each query took most of a search, and a library with textbooks holds tens of
   * megabytes of text. A document stored again (other bytes, or at another time) is read again.
   */
  private readonly folded = new Map<string, { version: string; text: string }>();

  private async foldedTexts(documents: readonly DocumentRow[]): Promise<Map<string, string>> {
    const version = (document: DocumentRow) => `${document.contentHash}@${document.updatedAt}`;
    const stale = documents.filter((document) => this.folded.get(document.id)?.version !== version(document));
    if (stale.length > 0) {
      const rows = await this.db.documentTexts.bulkGet(stale.map((document) => document.id));
      stale.forEach((document, i) => this.folded.set(document.id, { version: version(document), text: foldForSearch(rows[i]?.text ?? '') }));
    }
    // Deleted documents' texts go.
    if (this.folded.size > documents.length) {
      const ids = new Set(documents.map((document) => document.id));
      for (const id of this.folded.keys()) if (!ids.has(id)) this.folded.delete(id);
    }
    return new Map(documents.map((document) => [document.id, this.folded.get(document.id)!.text]));
  }

  /** Newest first. */
  list(): Promise<DocumentRow[]> {
    return this.db.documents.orderBy('updatedAt').reverse().toArray();
  }

  /**
   * Documents whose title, file name, aliases, tags or text have every word of the query at the start of a word, whatever
   * their case and accents (foldAccents): "oil" finds "oil" and "oilfield", not "toiling". A word written "#tag"
   * matches a tag exactly (or its sub-tags). Documents with every word in their title or file name come first.
   */
  async search(query: string): Promise<DocumentRow[]> {
    const words = queryWords(query);
    const all = await this.list();
    if (words.length === 0) return all;
    const texts = await this.foldedTexts(all);
    const named: DocumentRow[] = [];
    const found: DocumentRow[] = [];
    for (const doc of all) {
      const tags = doc.tags.map(foldAccents);
      // A note's front-matter aliases are names it goes by, as its links find it.
      const name = foldAccents(`${doc.title} ${doc.sourceName} ${(doc.aliases ?? []).join(' ')}`);
      const text = texts.get(doc.id) ?? '';
      let inName = true;
      const matches = words.every((word) => {
        const tag = /^#(.+)$/u.exec(word)?.[1];
        if (tag) return tags.some((t) => t === tag || t.startsWith(`${tag}/`));
        if (hasWordStarting(name, word)) return true;
        inName = false;
        return tags.some((t) => hasWordStarting(t, word)) || hasWordStarting(text, word);
      });
      if (matches) (inName ? named : found).push(doc);
    }
    return [...named, ...found];
  }

  /**
   * For each document a search found, the first sentence with every word of the query (else with any of them), so
   * the list can show where it matched and open the document there. Words written "#tag" match tags, not sentences.
   * The first `limit` documents only: a query as common as "the" matches the whole library.
   */
  async sentenceMatches(documentIds: readonly string[], query: string, limit = 50): Promise<Map<string, { sentenceId: string; text: string }>> {
    const words = queryWords(query).filter((word) => !word.startsWith('#'));
    const matches = new Map<string, { sentenceId: string; text: string }>();
    if (words.length === 0) return matches;
    for (const documentId of documentIds.slice(0, limit)) {
      // Found by its title or file name only: a textbook's 30,000 sentences are not read to find nothing.
      const text = this.folded.get(documentId)?.text ?? foldForSearch((await this.db.documentTexts.get(documentId))?.text ?? '');
      if (!words.some((word) => hasWordStarting(text, word))) continue;
      const sentences = await this.db.sentences.where('[documentId+ordinal]').between([documentId, -Infinity], [documentId, Infinity]).toArray();
      let any: (typeof sentences)[number] | undefined;
      for (const sentence of sentences) {
        const folded = foldForSearch(sentence.text);
        if (words.every((word) => hasWordStarting(folded, word))) {
          any = sentence;
          break;
        }
        if (!any && words.some((word) => hasWordStarting(folded, word))) any = sentence;
      }
      if (any) matches.set(documentId, { sentenceId: any.id, text: any.text });
    }
    return matches;
  }

  async open(documentId: string): Promise<OpenedDocument | null> {
    const { db } = this;
    return db.transaction('r', db.documents, db.documentTexts, db.sentences, async () => {
      const document = await db.documents.get(documentId);
      if (!document) return null;
      const stored = await db.documentTexts.get(documentId);
      const sentences = await db.sentences.where('[documentId+ordinal]').between([documentId, -Infinity], [documentId, Infinity]).toArray();
      return { document, text: stored?.text ?? '', ...(stored?.linkSpans ? { linkSpans: stored.linkSpans } : {}), ...(stored?.blockAnchors ? { blockAnchors: stored.blockAnchors } : {}), sentences };
    });
  }

  async delete(documentId: string): Promise<DeletedDocument | null> {
    const { db } = this;
    return db.transaction('rw', [db.documents, db.documentTexts, db.sentences, db.cards, db.graphChanges, db.feedback, db.conceptVectors], async () => {
      const opened = await this.open(documentId);
      if (!opened) return null;
      const cards = await db.cards.where('documentId').equals(documentId).toArray();
      const feedback = await db.feedback.where('documentId').equals(documentId).toArray();
      const vectors = await db.conceptVectors.get(documentId);
      await db.conceptVectors.delete(documentId);
      await db.feedback.where('documentId').equals(documentId).delete();
      await db.cards.where('documentId').equals(documentId).delete();
      await db.sentences.where('documentId').equals(documentId).delete();
      await db.documentTexts.delete(documentId);
      await db.documents.delete(documentId);
      await markGraphChanged(db, documentId, this.newId());
      return { ...opened, cards, feedback, ...(vectors ? { vectors: vectors.vectors } : {}), deletedAt: this.now() };
    });
  }

  /**
   * Puts a deleted document back with its text, sentences, cards and graph part; or, when the same file was
   * imported again meanwhile, restores nothing and returns that document (checked in the same transaction).
   */
  async restore(deleted: DeletedDocument): Promise<DocumentRow | null> {
    const { db } = this;
    return db.transaction('rw', [db.documents, db.documentTexts, db.sentences, db.cards, db.graphChanges, db.feedback, db.conceptVectors], async () => {
      const { id, contentHash, sourceName } = deleted.document;
      const candidates = await db.documents.where('contentHash').equals(contentHash).or('sourceKey').equals(sourceKeyOf(sourceName)).or('id').equals(id).toArray();
      // The same question reimportOf answers, asked inside the restore's transaction.
      const back = reimportOf(deleted, candidates);
      if (back) return back;
      await db.documents.put(deleted.document);
      await db.documentTexts.put(textRow(deleted.document.id, deleted.text, deleted));
      await db.sentences.bulkPut(deleted.sentences);
      // A card an Anki import brought back since (under its old id, into the deck's document) stays where it is.
      const taken = new Set((await db.cards.bulkGet(deleted.cards.map((card) => card.id))).flatMap((card) => (card ? [card.id] : [])));
      await db.cards.bulkPut(deleted.cards.filter((card) => !taken.has(card.id)));
      await db.feedback.bulkPut(deleted.feedback ?? []);
      if (deleted.vectors) await db.conceptVectors.put({ documentId: id, vectors: deleted.vectors });
      await markGraphChanged(db, deleted.document.id, this.newId());
      return null;
    });
  }
}

/**
 * The stored document that took a deleted one's place: the same file imported again since the delete (the same
 * name or the same bytes, stored since then). Restoring the deleted copy next to it would make two of everything.
 * A document stored before the delete took nothing's place: another note edited to read alike, or the other file
 * of the same name the person kept beside it ("Keep both").
 */
export function reimportOf(deleted: DeletedDocument, documents: readonly DocumentRow[]): DocumentRow | undefined {
  const { id, contentHash, sourceName } = deleted.document;
  const key = sourceKeyOf(sourceName);
  return documents.find((doc) => doc.id === id || ((doc.sourceKey === key || doc.contentHash === contentHash) && doc.updatedAt >= deleted.deletedAt));
}

/** A document's text row, with where its links and named blocks sit when it has any. */
function textRow(documentId: string, text: string, { linkSpans, blockAnchors }: { linkSpans?: readonly TextLink[]; blockAnchors?: readonly BlockAnchor[] }): DocumentTextRow {
  return { documentId, text, ...(linkSpans?.length ? { linkSpans: [...linkSpans] } : {}), ...(blockAnchors?.length ? { blockAnchors: [...blockAnchors] } : {}) };
}

/** Keeps a document's concept vectors in their own table (see ConceptVectorsRow); a document without any has no row. */
async function storeVectors(db: FocalDb, documentId: string, concepts: readonly ConceptScore[]): Promise<void> {
  const vectors: Record<string, number[]> = {};
  for (const concept of concepts) if (concept.vector) vectors[concept.phrase] = concept.vector;
  if (Object.keys(vectors).length > 0) await db.conceptVectors.put({ documentId, vectors });
  else await db.conceptVectors.delete(documentId);
}

/**
 * A search's words as they are compared: folded (foldAccents), split at spaces, without the quotes and punctuation
 * around them ('"wave function"', 'function?'); a tag's # stays.
 */
function queryWords(query: string): string[] {
  return foldAccents(query)
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}#]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '' && word !== '#');
}

/** Scripts written without spaces between words (as sentence-shape.ts lists them): any place in them starts a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const wordStarts = new Map<string, RegExp>();

/**
 * Whether `word` starts a word of `text` (both folded): no letter or digit just before it. Chinese, Japanese, Thai
 * and the other scripts without spaces between words match anywhere.
 */
export function hasWordStarting(text: string, word: string): boolean {
  if (UNSPACED.test(word)) return text.includes(word);
  let pattern = wordStarts.get(word);
  if (!pattern) {
    if (wordStarts.size > 100) wordStarts.clear();
    const literal = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${literal}`, 'u');
    wordStarts.set(word, pattern);
  }
  return pattern.test(text);
}
