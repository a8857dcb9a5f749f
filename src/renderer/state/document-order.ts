/** The orders the Library's list can be sorted in, by a column header: what a table of files lets a person do. */
import type { DocumentRow } from '../db/focal-db';
import { compareStrings } from '../../core/compare-strings';

export type DocumentSortKey = 'title' | 'format' | 'pages' | 'sentences' | 'imported';

export interface DocumentOrder {
  key: DocumentSortKey;
  descending: boolean;
}

/** Titles as a person reads an index: letters before case, numbers by value ("Week 2" before "Week 10"). */
const titles = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const compare: Record<DocumentSortKey, (a: DocumentRow, b: DocumentRow) => number> = {
  title: (a, b) => titles.compare(a.title, b.title),
  format: (a, b) => compareStrings(a.format, b.format),
  // A document without pages (a note) sorts as none.
  pages: (a, b) => (a.pageCount ?? 0) - (b.pageCount ?? 0),
  sentences: (a, b) => a.sentenceCount - b.sentenceCount,
  imported: (a, b) => a.importedAt - b.importedAt,
};

/** The documents in `order`; ties keep the order they came in (newest change first). */
export function sortDocuments(documents: readonly DocumentRow[], order: DocumentOrder | null): DocumentRow[] {
  if (!order) return [...documents];
  const sign = order.descending ? -1 : 1;
  return documents
    .map((document, index) => ({ document, index }))
    .sort((a, b) => sign * compare[order.key](a.document, b.document) || a.index - b.index)
    .map(({ document }) => document);
}

/**
 * The order after a click on `key`'s header: that column, in its natural first direction (names A to Z, numbers
 * and dates largest and newest first), or the other direction when it is already sorted by it.
 */
export function nextOrder(current: DocumentOrder | null, key: DocumentSortKey): DocumentOrder {
  if (current?.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'title' && key !== 'format' };
}
