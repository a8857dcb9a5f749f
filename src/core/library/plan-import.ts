/**
 * How an import changes the library, decided before anything is written: a file seen before is not
 * duplicated, a changed file updates its document, and sentences that survive keep their identity
 * (so cards made from them keep their history). Pure: the renderer applies the plan in one transaction.
 */
import type { ParsedDocument, ParsedSentence } from '../../shared/document';
import { STOPWORDS } from '../extraction/sentence-features';

export interface StoredDocumentRef {
  id: string;
  contentHash: string;
  sourceKey: string;
}

export interface StoredSentenceRef {
  id: string;
  hash: string;
  /** Its place in the stored document: pairs a sentence a newer reader reads otherwise with its new reading. */
  ordinal?: number;
  /** Its text: pairs a sentence the person edited a little with its new wording. */
  text?: string;
}

export interface PlannedSentence extends ParsedSentence {
  id: string;
  ordinal: number;
}

export type ImportPlan =
  | { kind: 'unchanged'; documentId: string }
  | { kind: 'new'; documentId: string; sentences: PlannedSentence[] }
  | {
      kind: 'updated';
      documentId: string;
      sentences: PlannedSentence[];
      /** How many sentences the stored document had. */
      stored: number;
      /** The file's bytes are those stored; a newer reader read other sentences from them. */
      reread?: true;
      /** With `reread`: stored sentences read otherwise now, each keeping its id (and its card) in its new reading. */
      changed?: number;
      /** Without `reread`: stored sentences the person edited a little (a typo fixed), each keeping its id and its card. */
      edited?: number;
      /** The document was stored from this file's path seen from another folder (see sameFileFromAnotherFolder). */
      fromAnotherFolder?: true;
      removedSentenceIds: string[];
      kept: number;
      added: number;
    };

/** The name a file is matched by on re-import: its path inside the imported folder, case- and slash-insensitive. */
export function sourceKeyOf(sourceName: string): string {
  return sourceName.normalize('NFC').replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase();
}

/**
 * Whether two files' names (source keys) are one path seen from two folders: the note imported before with the
 * vault (vault/biology/mendel.md) and now from its subfolder (biology/mendel.md) or on its own (mendel.md), or
 * the other way round. Whole path segments only: "mendel.md" is no later part of "old-mendel.md".
 */
export function sameFileFromAnotherFolder(storedKey: string, key: string): boolean {
  return storedKey !== key && (storedKey.endsWith(`/${key}`) || key.endsWith(`/${storedKey}`));
}

/** Whether a stored document has exactly the file's sentences (as a multiset: stored sentences come in any order). */
function sameSentences(parsed: ParsedDocument, stored: readonly StoredSentenceRef[]): boolean {
  if (stored.length !== parsed.sentences.length) return false;
  const a = stored.map((s) => s.hash).sort();
  const b = parsed.sentences.map((s) => s.hash).sort();
  return a.every((hash, i) => hash === b[i]);
}

/** How many of a file's sentences a stored document holds too, each stored sentence used once (repeats as often as stored). */
function sharedSentences(parsed: ParsedDocument, stored: readonly StoredSentenceRef[]): number {
  const left = new Map<string, number>();
  for (const s of stored) left.set(s.hash, (left.get(s.hash) ?? 0) + 1);
  return parsed.sentences.filter((s) => {
    const count = left.get(s.hash) ?? 0;
    left.set(s.hash, count - 1);
    return count > 0;
  }).length;
}

/**
 * How many of a file's sentences a stored document holds, as they are or edited a little (EDITED_SENTENCE_OVERLAP),
 * each stored sentence used once.
 */
function alikeSentences(sentences: readonly ParsedSentence[], stored: readonly StoredSentenceRef[]): number {
  const left = [...stored];
  let alike = 0;
  for (const sentence of sentences) {
    let at = left.findIndex((s) => s.hash === sentence.hash);
    if (at < 0) at = left.findIndex((s) => s.text !== undefined && wordOverlap(s.text, sentence.text) >= EDITED_SENTENCE_OVERLAP);
    if (at < 0) continue;
    left.splice(at, 1);
    alike++;
  }
  return alike;
}

/**
 * The stored document a file is: the one imported from the same path first (unchanged when its bytes are the
 * same, else updated), then one with the very same bytes under another name (a moved or renamed file, or a
 * copy: not stored twice). By bytes first, a note edited to read like another note was taken for that one and
 * kept its old text. Of several documents kept under one name (see `looksLikeAnotherFile`), the one with the same
 * bytes, else the one sharing the most sentences with the file.
 */
export function findExistingDocument(
  parsed: ParsedDocument,
  existing: StoredDocumentRef[],
  sentencesOf: (documentId: string) => readonly StoredSentenceRef[] = () => [],
  movedFrom: readonly StoredDocumentRef[] = [],
  /** Sentences (by hash) that more than one stored document holds: a template's lines, which say nothing of which note a file is. */
  commonHashes: ReadonlySet<string> = new Set(),
  /** Documents stored from the file's path seen from another folder (sameFileFromAnotherFolder). */
  fromOtherFolders: readonly StoredDocumentRef[] = [],
): { match: StoredDocumentRef; same: boolean; otherFolder?: true } | null {
  const key = sourceKeyOf(parsed.sourceName);
  const sameName = existing.filter((doc) => doc.sourceKey === key);
  const sameNameAndBytes = sameName.find((doc) => doc.contentHash === parsed.contentHash);
  if (sameNameAndBytes) return { match: sameNameAndBytes, same: true };
  if (sameName.length > 0) {
    const shared = sameName.map((doc) => sharedSentences(parsed, sentencesOf(doc.id)));
    return { match: sameName[shared.indexOf(Math.max(...shared))]!, same: false };
  }
  const sameBytes = existing.find((doc) => doc.contentHash === parsed.contentHash);
  if (sameBytes) return { match: sameBytes, same: true };
  // A note moved (or its folder renamed) and edited: the document it shares most of its sentences with, more than
  // half of its own and of the document's, among those stored from a path the folder no longer has. Failing that,
  // the same among those stored from its path seen from another folder (the note imported with its vault, edited,
  // and now from its subfolder or on its own); whether that is really it, looksLikeAnotherFile asks unless it is
  // nearly the same. A file of that name that shares less is another note (one Index.md per folder).
  const own = parsed.sentences.filter((s) => !commonHashes.has(s.hash));
  const mostShared = (documents: readonly StoredDocumentRef[]) => {
    let best: { match: StoredDocumentRef; shared: number } | null = null;
    for (const doc of documents) {
      const stored = sentencesOf(doc.id).filter((s) => !commonHashes.has(s.hash));
      const shared = alikeSentences(own, stored);
      // Most of both, template lines aside: a new note written from the same template as one gone from the folder
      // shares only those with it; a note moved and edited, most of its own.
      const most = shared > 0 && shared * 2 > stored.length && shared * 2 > own.length;
      if (most && (!best || shared > best.shared)) best = { match: doc, shared };
    }
    return best?.match ?? null;
  };
  const moved = mostShared(movedFrom);
  if (moved) return { match: moved, same: false };
  const elsewhere = mostShared(fromOtherFolders);
  return elsewhere ? { match: elsewhere, same: false, otherFolder: true } : null;
}

/**
 * The stretches between sentences kept as they were, on each side, keyed by the kept sentences that bound them
 * ("start" and "end" at the ends): a stretch is the same place in both versions only when the same two kept
 * sentences bound it (kept sentences that moved about leave no stretch known to be the same place).
 */
function stretchesBetweenKept<T>(items: readonly T[], idOf: (item: T) => string, isKept: (item: T) => boolean): Map<string, T[]> {
  const stretches = new Map<string, T[]>();
  let before = 'start';
  let open: T[] = [];
  for (const item of items) {
    if (!isKept(item)) {
      open.push(item);
      continue;
    }
    stretches.set(`${before}|${idOf(item)}`, open);
    before = idOf(item);
    open = [];
  }
  stretches.set(`${before}|end`, open);
  return stretches;
}

/** The stored sentences (by id) and new sentences of each stretch both versions have, in order. */
function sameStretches(sentences: readonly PlannedSentence[], stored: readonly StoredSentenceRef[], isNew: (s: PlannedSentence) => boolean): Array<[StoredSentenceRef[], PlannedSentence[]]> {
  const storedOrder = [...stored].sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0));
  const keptIds = new Set(sentences.filter((s) => !isNew(s)).map((s) => s.id));
  const storedStretches = stretchesBetweenKept(storedOrder, (s) => s.id, (s) => keptIds.has(s.id));
  const newStretches = stretchesBetweenKept(sentences, (s) => s.id, (s) => !isNew(s));
  return [...storedStretches].flatMap(([key, gap]) => {
    const fresh = newStretches.get(key);
    return fresh && gap.length > 0 && fresh.length > 0 ? [[gap, fresh] as [StoredSentenceRef[], PlannedSentence[]]] : [];
  });
}

/** Gives each paired new sentence its stored sentence's id, and takes those ids out of `previous` (the ids left to remove). */
function takeIds(pairs: ReadonlyArray<[StoredSentenceRef, PlannedSentence]>, previous: Map<string, string[]>): number {
  const taken = new Set(pairs.map(([old]) => old.id));
  for (const [old, fresh] of pairs) fresh.id = old.id;
  for (const [hash, ids] of previous) previous.set(hash, ids.filter((id) => !taken.has(id)));
  return taken.size;
}

/**
 * The same bytes read again by a newer reader: a sentence it reads otherwise ("signi er" → "signifier") is the
 * sentence in the same place, so it keeps that sentence's id, and its card keeps its history. Pairs, between the
 * same two sentences read alike, stored and new sentences that are as many.
 */
function keepIdsOfRereadSentences(sentences: PlannedSentence[], stored: readonly StoredSentenceRef[], previous: Map<string, string[]>, isNew: ReadonlySet<PlannedSentence>): number {
  const left = new Set([...previous.values()].flat());
  const pairs = sameStretches(sentences, stored, (s) => isNew.has(s)).flatMap(([gap, fresh]) =>
    gap.length === fresh.length && gap.every((old) => left.has(old.id)) ? gap.map((old, k) => [old, fresh[k]!] as [StoredSentenceRef, PlannedSentence]) : [],
  );
  return takeIds(pairs, previous);
}

const WORDS = /[\p{L}\p{N}]+/gu;

/** A sentence's content words, lowercased: function words say little about whether two sentences say the same. */
function contentWordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORDS) ?? []).filter((word) => !STOPWORDS.has(word));
}

/**
 * Dice overlap of two sentences' content words (as multisets, ignoring case): 1 for the same words, 0 for none
 * shared. "The heart has four chambers." and "The heart has two valves." share "heart" only (0.4).
 */
export function wordOverlap(a: string, b: string): number {
  const wordsA = contentWordsOf(a);
  const wordsB = contentWordsOf(b);
  if (wordsA.length + wordsB.length === 0) return 0;
  const left = new Map<string, number>();
  for (const word of wordsA) left.set(word, (left.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of wordsB) {
    const count = left.get(word) ?? 0;
    if (count > 0) shared++;
    left.set(word, count - 1);
  }
  return (2 * shared) / (wordsA.length + wordsB.length);
}

/**
 * How alike an edited sentence must stay to be the same sentence: a typo fixed or a clause added keeps its card and
 * history ("…in a vacuum." → "…in a vacuum, as Rømer first estimated." shares 0.84), a sentence rewritten, or one
 * that now says another fact, gets a new one.
 */
export const EDITED_SENTENCE_OVERLAP = 0.6;

/**
 * An edited file: a stored sentence that is gone and a new sentence between the same two sentences kept as they
 * were, whose content words mostly agree, is the same sentence edited a little; it keeps its id, so its card keeps
 * its history. The most alike pairs are taken first, each keeping the order of the sentences.
 */
function keepIdsOfEditedSentences(sentences: PlannedSentence[], stored: readonly StoredSentenceRef[], previous: Map<string, string[]>, isNew: ReadonlySet<PlannedSentence>): number {
  const left = new Set([...previous.values()].flat());
  const pairs: Array<[StoredSentenceRef, PlannedSentence]> = [];
  for (const [gap, fresh] of sameStretches(sentences, stored, (s) => isNew.has(s))) {
    const candidates = gap.flatMap((old, i) =>
      left.has(old.id) && old.text !== undefined
        ? fresh.map((s, j) => ({ i, j, overlap: wordOverlap(old.text!, s.text) })).filter((c) => c.overlap >= EDITED_SENTENCE_OVERLAP)
        : [],
    );
    candidates.sort((a, b) => b.overlap - a.overlap || a.i - b.i || a.j - b.j);
    const chosen: Array<{ i: number; j: number }> = [];
    for (const c of candidates) {
      // Each sentence once, and no pair crossing another: the first of two edited sentences stays first.
      if (chosen.some((p) => p.i === c.i || p.j === c.j || (p.i < c.i) !== (p.j < c.j))) continue;
      chosen.push(c);
    }
    for (const { i, j } of chosen) pairs.push([gap[i]!, fresh[j]!]);
  }
  return takeIds(pairs, previous);
}

/**
 * A file that shares less than half of its sentences with the stored document of its name, and less than half of
 * that document's, is most likely another file with the same name (lecture1.pdf of another course), not a new
 * version of it: updating would replace the document's text and drop the cards of its sentences, so the person is
 * asked first. A note grown or cut down keeps most of one side's sentences, and is not asked about.
 */
export function looksLikeAnotherFile(plan: ImportPlan): boolean {
  if (plan.kind !== 'updated' || plan.reread) return false;
  const shared = plan.kept + (plan.edited ?? 0);
  // Found by its path from another folder, only a file nearly the same is taken for it unasked: another project's
  // README.md written from the same template shares most of its lines with this one's, and would replace it.
  if (plan.fromAnotherFolder) return shared < NEARLY_ALL * plan.stored || shared < NEARLY_ALL * plan.sentences.length;
  return shared * 2 < plan.stored && shared * 2 < plan.sentences.length;
}

/** The share of both versions' sentences a file found by its path from another folder keeps, to be taken for that document unasked. */
const NEARLY_ALL = 0.8;

export function planImport(
  parsed: ParsedDocument,
  existingDocuments: StoredDocumentRef[],
  sentencesOf: (documentId: string) => StoredSentenceRef[],
  newId: () => string,
  /**
   * `separate`: store the file as a document of its own even where one of its name is stored (the person chose
   * "Keep both"). `movedFrom`: documents stored from paths a folder import no longer has, which the file may be, moved
   * and edited; `fromOtherFolders`: documents stored from the file's path seen from another folder (see findExistingDocument).
   */
  options: { separate?: boolean; movedFrom?: readonly StoredDocumentRef[]; fromOtherFolders?: readonly StoredDocumentRef[]; commonHashes?: ReadonlySet<string> } = {},
): ImportPlan {
  const found = findExistingDocument(parsed, existingDocuments, sentencesOf, options.movedFrom, options.commonHashes, options.fromOtherFolders);
  // The same bytes read into other sentences: this Focal's readers read the file better than the one that stored
  // it (a PDF's ligatures, say). The document is updated in place, as an edited file is.
  const reread = found?.same === true && !sameSentences(parsed, sentencesOf(found.match.id));
  if (found?.same && !reread) return { kind: 'unchanged', documentId: found.match.id };

  if (!found || options.separate) {
    return { kind: 'new', documentId: newId(), sentences: parsed.sentences.map((s, ordinal) => ({ ...s, id: newId(), ordinal })) };
  }

  const stored = sentencesOf(found.match.id);
  // Each stored sentence is kept at most once, repeats included ("Same line." twice keeps both ids).
  const previous = new Map<string, string[]>();
  for (const s of stored) previous.set(s.hash, [...(previous.get(s.hash) ?? []), s.id]);
  let kept = 0;
  const isNew = new Set<PlannedSentence>();
  const sentences = parsed.sentences.map((s, ordinal) => {
    const id = previous.get(s.hash)?.shift();
    if (id !== undefined) {
      kept++;
      return { ...s, id, ordinal };
    }
    const fresh = { ...s, id: newId(), ordinal };
    isNew.add(fresh);
    return fresh;
  });
  const changed = reread ? keepIdsOfRereadSentences(sentences, stored, previous, isNew) : keepIdsOfEditedSentences(sentences, stored, previous, isNew);
  return {
    kind: 'updated',
    documentId: found.match.id,
    sentences,
    stored: stored.length,
    ...(reread ? { reread: true, changed } : changed > 0 ? { edited: changed } : {}),
    ...(found.otherFolder ? { fromAnotherFolder: true as const } : {}),
    removedSentenceIds: [...previous.values()].flat(),
    kept,
    added: sentences.length - kept - changed,
  };
}
