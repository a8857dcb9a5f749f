import { describe, expect, it } from 'vitest';
import type { DocumentRow } from '../db/focal-db';
import { nextOrder, sortDocuments } from './document-order';

const doc = (id: string, over: Partial<DocumentRow>) => ({ id, title: id, format: 'markdown', pageCount: null, sentenceCount: 1, importedAt: 1, ...over }) as DocumentRow;

describe('sorting the Library', () => {
  const rows = [
    doc('a', { title: 'week 10', sentenceCount: 5, importedAt: 3, format: 'pdf', pageCount: 12 }),
    doc('b', { title: 'Week 2', sentenceCount: 50, importedAt: 1 }),
    doc('c', { title: 'Économie', sentenceCount: 5, importedAt: 2, format: 'pdf', pageCount: 3 }),
  ];
  const ids = (key: Parameters<typeof nextOrder>[1], descending = false) => sortDocuments(rows, { key, descending }).map((d) => d.id);

  it('orders titles as a person reads an index: accents and case aside, numbers by value', () => {
    expect(ids('title')).toEqual(['c', 'b', 'a']);
    expect(ids('title', true)).toEqual(['a', 'b', 'c']);
  });

  it('orders by size, pages and date, keeping the list’s order among ties', () => {
    expect(ids('sentences', true)).toEqual(['b', 'a', 'c']);
    expect(ids('pages', true)).toEqual(['a', 'c', 'b']);
    expect(ids('imported', true)).toEqual(['a', 'c', 'b']);
    expect(ids('format')).toEqual(['b', 'a', 'c']);
    expect(sortDocuments(rows, null).map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });

  it('turns a column round when its header is clicked again; numbers and dates start largest first', () => {
    expect(nextOrder(null, 'title')).toEqual({ key: 'title', descending: false });
    expect(nextOrder({ key: 'title', descending: false }, 'title')).toEqual({ key: 'title', descending: true });
    expect(nextOrder({ key: 'title', descending: true }, 'imported')).toEqual({ key: 'imported', descending: true });
  });
});
