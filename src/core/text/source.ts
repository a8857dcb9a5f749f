/**
 * What every format reader produces: the document's text as an ordered list of blocks, before sentences.
 * Readers know their format (Markdown headings, PDF pages and columns, HTML articles); everything after
 * this point — sections, sentences, offsets, hashes — is the same for all formats.
 */
import type { DocumentFormat } from '../../shared/document';

export type { DocumentFormat };

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'quote' | 'caption';

export interface SourceBlock {
  kind: BlockKind;
  /** Plain text, one logical unit (a paragraph, a list item, a table row's cells joined by " | ", a heading). */
  text: string;
  /** Heading level, 1 = top; only for headings. */
  level?: number;
  /** 1-based page, for paged formats (PDF). */
  page?: number;
}

export interface SourceDocument {
  format: DocumentFormat;
  /** The document's own title (front matter, <title>, PDF metadata, first heading), if it has one. */
  title: string | null;
  blocks: SourceBlock[];
  /** Obsidian-style [[wikilink]] targets, as written (without alias or heading part). */
  links: string[];
  /** #tags (without the #), and front-matter tags. */
  tags: string[];
  /** Pages, for paged formats. */
  pageCount: number | null;
  /** Things the person should know that did not stop the import (e.g. "3 pages had no text"). */
  warnings: string[];
}

/** What every reader accepts besides the bytes. */
export interface ReadOptions {
  /** Called between units of work (pages, chapters); throws to stop (cancel, time limit). */
  checkpoint?: () => void;
  /** Progress in the reader's natural unit (pages for PDF, bytes or items elsewhere). */
  onProgress?: (done: number, total: number | null) => void;
  /** PDF only: the password of an encrypted file. */
  password?: string;
}
