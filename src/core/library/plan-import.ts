/**
 * How an import changes the library, decided before anything is written: a file seen before is not
 * duplicated, a changed file updates its document, and sentences that survive keep their identity
 * (so cards made from them keep their history). Pure: the renderer applies the plan in one transaction.
 */
import type { ParsedDocument, ParsedSentence } from '../../shared/document';

export interface StoredDocumentRef {
  id: string;
  contentHash: string;
  sourceKey: string;
}

export interface StoredSentenceRef {
  id: string;
  hash: string;
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
      removedSentenceIds: string[];
      kept: number;
      added: number;
    };

/** The name a file is matched by on re-import: its path inside the imported folder, case- and slash-insensitive. */
export function sourceKeyOf(sourceName: string): string {
  return sourceName.normalize('NFC').replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase();
}

/** Whether a stored document has exactly the file's sentences (as a multiset: stored sentences come in any order). */
function sameSentences(parsed: ParsedDocument, stored: readonly StoredSentenceRef[]): boolean {
  if (stored.length !== parsed.sentences.length) return false;
  const a = stored.map((s) => s.hash).sort();
  const b = parsed.sentences.map((s) => s.hash).sort();
  return a.every((hash, i) => hash === b[i]);
}

/** How many of a file's sentences a stored document holds too, each stored sentence counted once. */
function sharedSentences(parsed: ParsedDocument, stored: readonly StoredSentenceRef[]): number {
  const left = new Set(stored.map((s) => s.hash));
  return parsed.sentences.filter((s) => left.delete(s.hash)).length;
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
): { match: StoredDocumentRef; same: boolean } | null {
  const key = sourceKeyOf(parsed.sourceName);
  const sameName = existing.filter((doc) => doc.sourceKey === key);
  const sameNameAndBytes = sameName.find((doc) => doc.contentHash === parsed.contentHash);
  if (sameNameAndBytes) return { match: sameNameAndBytes, same: true };
  if (sameName.length > 0) {
    const shared = sameName.map((doc) => sharedSentences(parsed, sentencesOf(doc.id)));
    return { match: sameName[shared.indexOf(Math.max(...shared))]!, same: false };
  }
  const sameBytes = existing.find((doc) => doc.contentHash === parsed.contentHash);
  return sameBytes ? { match: sameBytes, same: true } : null;
}

/**
 * A file that shares less than half of its sentences with the stored document of its name, and less than half of
 * that document's, is most likely another file with the same name (lecture1.pdf of another course), not a new
 * version of it: updating would replace the document's text and drop the cards of its sentences, so the person is
 * asked first. A note grown or cut down keeps most of one side's sentences, and is not asked about.
 */
export function looksLikeAnotherFile(plan: ImportPlan): boolean {
  return plan.kind === 'updated' && !plan.reread && plan.kept * 2 < plan.stored && plan.kept * 2 < plan.sentences.length;
}

export function planImport(
  parsed: ParsedDocument,
  existingDocuments: StoredDocumentRef[],
  sentencesOf: (documentId: string) => StoredSentenceRef[],
  newId: () => string,
  /** Store the file as a document of its own even where one of its name is stored (the person chose "Keep both"). */
  options: { separate?: boolean } = {},
): ImportPlan {
  const found = findExistingDocument(parsed, existingDocuments, sentencesOf);
  // The same bytes read into other sentences: this Focal's readers read the file better than the one that stored
  // it (a PDF's ligatures, say). The document is updated in place, as an edited file is.
  const reread = found?.same === true && !sameSentences(parsed, sentencesOf(found.match.id));
  if (found?.same && !reread) return { kind: 'unchanged', documentId: found.match.id };

  if (!found || options.separate) {
    return { kind: 'new', documentId: newId(), sentences: parsed.sentences.map((s, ordinal) => ({ ...s, id: newId(), ordinal })) };
  }

  const stored = sentencesOf(found.match.id);
  const previous = new Map(stored.map((s) => [s.hash, s.id]));
  let kept = 0;
  const sentences = parsed.sentences.map((s, ordinal) => {
    const id = previous.get(s.hash);
    if (id !== undefined) {
      kept++;
      previous.delete(s.hash);
      return { ...s, id, ordinal };
    }
    return { ...s, id: newId(), ordinal };
  });
  return {
    kind: 'updated',
    documentId: found.match.id,
    sentences,
    stored: stored.length,
    ...(reread ? { reread: true } : {}),
    removedSentenceIds: [...previous.values()],
    kept,
    added: sentences.length - kept,
  };
}
