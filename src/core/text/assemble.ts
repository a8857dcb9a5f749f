/**
 * From a reader's blocks to the document Focal stores: one text with blocks separated by blank lines (with
 * the reader's marks and code blocks), the section tree from the headings, and every sentence with its
 * section, page, offsets and hash.
 */
import type { BlockAnchor, ParsedDocument, ParsedSection, ParsedSentence, TextLink } from '../../shared/document';
import { FocalError } from '../../shared/errors';
import { detectLanguage } from './language';
import { segmentSentences, type SentenceSpan } from './segment';
import { isReferenceEntry } from './sentence-shape';
import type { SourceDocument } from './source';
import { sentenceHash } from './sentence-hash';

export interface FileFacts {
  sourceName: string;
  byteSize: number;
  contentHash: string;
}

const BLOCK_SEPARATOR = '\n\n';

function titleFromName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  // "Cell.excalidraw.md", as the Excalidraw plugin names its drawings: "Cell".
  return base.replace(/\.[^.]+$/, '').replace(/\.excalidraw$/i, '').replace(/[_]+/g, ' ').trim() || base;
}

/**
 * A title that is only a template's fields, as an Obsidian template's note is ("# {{date}}", Templater's
 * "<% tp.date.now() %>"): the file's name says more.
 */
function onlyTemplateFields(title: string): boolean {
  return /\{\{[^}]*\}\}|<%[\s\S]*?%>/.test(title) && !/[\p{L}\p{N}]/u.test(title.replace(/\{\{[^}]*\}\}|<%[\s\S]*?%>/g, ''));
}

/**
 * A block's sentences; an entry of a reference list is one ("Smith, J. (2010). The cell cycle. Nature, 12, 45."):
 * cut at its full stops, its title would read as a sentence of the notes and be picked as a key one.
 */
function sentenceSpansOf(text: string, language: string): SentenceSpan[] {
  if (!isReferenceEntry(text)) return segmentSentences(text, language);
  const start = text.length - text.trimStart().length;
  return [{ start, end: text.trimEnd().length }];
}

export function assembleDocument(source: SourceDocument, file: FileFacts): ParsedDocument {
  const kept = source.blocks.flatMap((block, index) => (block.text.trim().length > 0 ? [{ block, index }] : []));
  const blocks = kept.map(({ block }) => block);
  if (blocks.length === 0) throw new FocalError('empty', `“${file.sourceName.split(/[\\/]/).pop() || file.sourceName}” has no text to import.`);

  // The stored text also holds what the reader shows but never reads (list markers, table pipes, code): each
  // block's sentences are found in its own text alone, so they are the same with or without it.
  const pieces: string[] = [];
  const starts: number[] = [];
  let length = 0;
  const add = (piece: string) => {
    pieces.push(piece);
    length += piece.length + BLOCK_SEPARATOR.length;
  };
  const code = [...(source.code ?? [])].sort((a, b) => a.before - b.before);
  let nextCode = 0;
  for (const { block, index } of kept) {
    for (; nextCode < code.length && code[nextCode]!.before <= index; nextCode++) add(code[nextCode]!.text);
    const marks = block.kind === 'heading' ? undefined : source.marks?.[index];
    starts.push(length + (marks?.before.length ?? 0));
    add(marks ? marks.before + block.text + marks.after : block.text);
  }
  for (; nextCode < code.length; nextCode++) add(code[nextCode]!.text);
  const text = pieces.join(BLOCK_SEPARATOR);
  const prose = blocks.filter((b) => b.kind !== 'heading').map((b) => b.text).join(' ');
  const language = detectLanguage(prose || blocks.map((block) => block.text).join(BLOCK_SEPARATOR));

  const sections: ParsedSection[] = [];
  const sentences: ParsedSentence[] = [];
  const linkSpans: TextLink[] = [];
  const blockAnchors: BlockAnchor[] = [];
  const seen = new Map<string, number>();
  let path: Array<{ title: string; level: number }> = [];

  blocks.forEach((block, index) => {
    const offset = starts[index]!;
    const page = block.page ?? null;
    for (const link of block.links ?? []) linkSpans.push({ start: offset + link.start, end: offset + link.end, target: link.target });
    if (block.anchor) blockAnchors.push({ id: block.anchor, start: offset });
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      path = [...path.filter((entry) => entry.level < level), { title: block.text, level }];
      sections.push({ path: path.map((entry) => entry.title), level, start: offset, end: offset + block.text.length, page });
      return;
    }
    const section = path.map((entry) => entry.title);
    for (const span of sentenceSpansOf(block.text, language)) {
      const sentenceText = block.text.slice(span.start, span.end);
      const base = sentenceHash(sentenceText);
      // A sentence that occurs twice keeps two identities, numbered in document order.
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      sentences.push({
        text: sentenceText,
        section,
        page,
        start: offset + span.start,
        end: offset + span.end,
        hash: occurrence === 0 ? base : `${base}:${occurrence}`,
      });
    }
  });

  // A canvas is a board of notes: the first heading is one card's, and the board is named by its file.
  const firstHeading = source.format === 'canvas' ? undefined : blocks.find((block) => block.kind === 'heading')?.text;
  return {
    title: [source.title?.trim(), firstHeading].find((title) => title && !onlyTemplateFields(title)) || titleFromName(file.sourceName),
    format: source.format,
    language,
    sourceName: file.sourceName,
    byteSize: file.byteSize,
    contentHash: file.contentHash,
    pageCount: source.pageCount,
    text,
    sections,
    sentences,
    links: [...new Set(source.links)],
    ...(linkSpans.length > 0 ? { linkSpans } : {}),
    ...(blockAnchors.length > 0 ? { blockAnchors } : {}),
    tags: [...new Set(source.tags)],
    ...(source.aliases?.length ? { aliases: [...new Set(source.aliases)] } : {}),
    warnings: source.warnings,
  };
}
