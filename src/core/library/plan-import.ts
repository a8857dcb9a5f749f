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
  | { kind: 'updated'; documentId: string; sentences: PlannedSentence[]; removedSentenceIds: string[]; kept: number; added: number };

/** The name a file is matched by on re-import: its path inside the imported folder, case- and slash-insensitive. */
export function sourceKeyOf(sourceName: string): string {
  return sourceName.normalize('NFC').replace(/\\/g, '/').replace(/^\.?\//, '').toLowerCase();
}

/**
 * The stored document a file is: the one imported from the same path first (unchanged when its bytes are the
 * same, else updated), then one with the very same bytes under another name (a moved or renamed file, or a
 * copy: not stored twice). By bytes first, a note edited to read like another note was taken for that one and
 * kept its old text.
 */
export function findExistingDocument(parsed: ParsedDocument, existing: StoredDocumentRef[]): { match: StoredDocumentRef; same: boolean } | null {
  const key = sourceKeyOf(parsed.sourceName);
  const sameName = existing.find((doc) => doc.sourceKey === key);
  if (sameName) return { match: sameName, same: sameName.contentHash === parsed.contentHash };
  const sameBytes = existing.find((doc) => doc.contentHash === parsed.contentHash);
  return sameBytes ? { match: sameBytes, same: true } : null;
}

export function planImport(
  parsed: ParsedDocument,
  existingDocuments: StoredDocumentRef[],
  sentencesOf: (documentId: string) => StoredSentenceRef[],
  newId: () => string,
): ImportPlan {
  const found = findExistingDocument(parsed, existingDocuments);
  if (found?.same) return { kind: 'unchanged', documentId: found.match.id };

  if (!found) {
    return { kind: 'new', documentId: newId(), sentences: parsed.sentences.map((s, ordinal) => ({ ...s, id: newId(), ordinal })) };
  }

  const previous = new Map(sentencesOf(found.match.id).map((s) => [s.hash, s.id]));
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
    removedSentenceIds: [...previous.values()],
    kept,
    added: sentences.length - kept,
  };
}
