/**
 * What every format reader produces: the document's text as an ordered list of blocks, before sentences.
 * Readers know their format (Markdown headings, PDF pages and columns, HTML articles); everything after
 * this point — sections, sentences, offsets, hashes — is the same for all formats.
 */
import type { DocumentFormat, TextLink } from '../../shared/document';

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
  /** Where `text` shows links to other notes (offsets in `text`); absent when none. */
  links?: TextLink[];
  /** Its Obsidian block id (`^id` at its end, or on the line after it), which `[[Note#^id]]` opens it at. */
  anchor?: string;
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
  /** Other names a note is linked by: its front matter's `aliases`. */
  aliases?: string[];
  /** Pages, for paged formats. */
  pageCount: number | null;
  /** Things the person should know that did not stop the import (e.g. "3 pages had no text"). */
  warnings: string[];
  /** Per block (same index), what the reader shows around it; never part of a sentence. */
  marks?: Array<BlockMarks | undefined>;
  /** Code to show, never to read as sentences: each before the block with index `before` (`blocks.length`: at the end). */
  code?: CodeBlock[];
}

/**
 * Text stored around a block's text, outside its sentences, so the reader can lay the block out as the source
 * did (reader-layout.ts reads them back): a list item's `"- "` or `"3. "` after two spaces per level of
 * nesting; a table row's `"| "` and `" |"`, a header row's `after` ending in a delimiter line (`"\n| --- | :-: |"`).
 */
export interface BlockMarks {
  before: string;
  after: string;
}

export interface CodeBlock {
  before: number;
  /**
   * The code between fences: ``` (longer when the code holds a run of backticks), the language, the code, the
   * fence. Code inside a list item has its opening fence indented two spaces for each list around it.
   */
  text: string;
}

/** Code as a fenced Markdown block, its fence longer than any run of backticks inside it (so the code cannot close it). */
export function fencedCode(code: string, language = ''): string {
  const longest = [...code.matchAll(/`+/g)].reduce((most, run) => Math.max(most, run[0].length), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}

/**
 * Marks a quote's paragraphs (the blocks from `first` on) for the reader, which shows them as one quote: "> "
 * before each, and the first opened by a line of its own (">\n> ") unless a callout's header opens it, so that
 * two quotes one after the other stay two.
 */
export function markQuote(out: { blocks: SourceBlock[]; marks: Array<BlockMarks | undefined> }, first: number): void {
  let opened = false;
  for (let i = first; i < out.blocks.length; i++) {
    if (out.blocks[i]!.kind !== 'quote') continue;
    if (!opened) out.marks[i] ??= { before: '>\n> ', after: '' };
    else out.marks[i] ??= { before: '> ', after: '' };
    opened = true;
  }
}

/** Several parts' blocks one after another (an EPUB's chapters, a canvas's cards), each keeping its marks and code. */
export function joinContents(parts: ReadonlyArray<Pick<SourceDocument, 'blocks' | 'marks' | 'code'>>): { blocks: SourceBlock[]; marks: Array<BlockMarks | undefined>; code: CodeBlock[] } {
  const joined = { blocks: [] as SourceBlock[], marks: [] as Array<BlockMarks | undefined>, code: [] as CodeBlock[] };
  for (const part of parts) {
    const offset = joined.blocks.length;
    part.marks?.forEach((marks, index) => (joined.marks[offset + index] = marks));
    for (const code of part.code ?? []) joined.code.push({ ...code, before: offset + code.before });
    for (const block of part.blocks) joined.blocks.push(block);
  }
  return joined;
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
