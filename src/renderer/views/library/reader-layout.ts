/**
 * Lays a stored document out for reading: its blocks in order, headings as headings, lists as lists, tables
 * as tables, code as code, and all text cut into plain runs and sentence runs so a sentence can be marked,
 * linked and scrolled to. Lists, tables and code are read back from the marks the import stored around
 * blocks (core/text/source.ts); a document stored before them reads as paragraphs, as it always did.
 */
import type { BlockAnchor, ParsedSection, TextLink } from '../../../shared/document';

export interface SentenceRef {
  id: string;
  start: number;
  end: number;
  page: number | null;
}

/** A piece of text; `continued` when it is the rest of a sentence begun in an earlier table cell. */
export interface Run {
  text: string;
  sentenceId?: string;
  continued?: true;
  /** The links to other notes it shows, in order, with offsets in `text`. */
  links?: TextLink[];
}

export interface ReaderList {
  key: string;
  ordered: boolean;
  /** The first item's number, for ordered lists. */
  start: number;
  items: ReaderListItem[];
}

export interface ReaderListItem {
  key: string;
  parts: Run[];
  /** What the item holds after its own text, in order: nested lists and code. */
  inside: Array<{ kind: 'list'; key: string; list: ReaderList } | ReaderCode>;
}

export interface ReaderCode {
  kind: 'code';
  key: string;
  language: string | null;
  code: string;
}

export type CellAlign = 'left' | 'center' | 'right' | null;

export interface ReaderTableRow {
  key: string;
  cells: Run[][];
}

/** An Obsidian callout's header: its type (note, warning, tip…), whether it folds, and its title (else its type's name). */
export interface ReaderCallout {
  type: string;
  title: string;
  folded: boolean | null;
}

export type ReaderBlock =
  /** `links`: the links its text shows, as a run's (absent when none). */
  | { kind: 'heading'; key: string; level: number; text: string; links?: TextLink[] }
  | { kind: 'quote'; key: string; callout: ReaderCallout | null; paragraphs: Run[][] }
  | { kind: 'page'; key: string; page: number }
  | { kind: 'paragraph'; key: string; parts: Run[] }
  | { kind: 'list'; key: string; list: ReaderList }
  | { kind: 'table'; key: string; align: CellAlign[]; header: ReaderTableRow | null; rows: ReaderTableRow[] }
  /** An embedded note (`![[Note]]`), whose text Obsidian shows here: `target` as a link names it, `label` what to call it. */
  | { kind: 'embed'; key: string; target: string; label: string }
  | ReaderCode;

export interface LayoutOptions {
  /** The document's title: a level-1 heading that opens the document and says the same is the page's own title, not shown twice. */
  title?: string;
  /** Where the text shows links to other notes (the stored document's `linkSpans`). */
  links?: readonly TextLink[];
}

/** Lists nested deeper than this are shown at this depth. */
const MAX_LIST_DEPTH = 8;
const listMarker = /^( *)(?:- |(\d{1,9})\. )/;
const tableDelimiter = /^\|(?: *:?-+:? *\|)+$/;
/** An opening fence, indented two spaces per list when the code sits in a list item. */
const codeFence = /( *)(`{3,})([^\n`]*)\n/y;

type Chunk =
  | { kind: 'heading'; start: number; section: ParsedSection }
  | { kind: 'code'; start: number; language: string | null; code: string; depth: number }
  | { kind: 'item'; start: number; end: number; depth: number; number: number | null }
  | { kind: 'row'; start: number; cells: Array<[number, number]>; align: CellAlign[] | null }
  | { kind: 'paragraph'; start: number; end: number }
  | { kind: 'quote'; start: number; end: number; callout: ReaderCallout | null; opens: boolean }
  | { kind: 'embed'; start: number; target: string; label: string };

/** A line the import keeps for an embedded note (markdown.ts): `![[Note#Heading|label]]`. */
const embedLine = /^!\[\[([^[\]\n|]+?)(?:\|([^[\]\n]*))?\]\]$/;

/** A quote's mark; its first paragraph's opens it with a line of its own, or a callout's header ("> [!tip]- Title\n> "). */
const quoteMarker = /^(>\n)?> (?:\[!([\w-]+)\]([+-]?)[ \t]*([^\n]*)\n> )?/;

export function layoutReader(text: string, sections: ParsedSection[], sentences: SentenceRef[], options: LayoutOptions = {}): ReaderBlock[] {
  const headingAt = new Map(sections.map((section) => [section.start, section]));
  const ordered = [...sentences].sort((a, b) => a.start - b.start);
  const blocks: ReaderBlock[] = [];
  let next = 0;
  let page: number | null = null;
  /** Sentences drawn already: a later piece of one (a sentence across table cells) is its continuation. */
  const drawn = new Set<string>();

  const links = usableLinks(options.links, text.length);
  /** The text in [from, to) as a run, with the parts of links inside it. */
  const piece = (from: number, to: number, sentence?: { sentenceId: string; continued?: true }): Run => {
    const run: Run = { text: text.slice(from, to), ...sentence };
    const inside: TextLink[] = [];
    // Links never overlap, so they end in the order they start: the first that ends after `from`, by bisection.
    let low = 0;
    for (let high = links.length; low < high; ) {
      const middle = (low + high) >> 1;
      if (links[middle]!.end <= from) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < links.length && links[i]!.start < to; i++) {
      const link = links[i]!;
      inside.push({ start: Math.max(link.start, from) - from, end: Math.min(link.end, to) - from, target: link.target });
    }
    if (inside.length > 0) run.links = inside;
    return run;
  };

  /** Whether every sentence that begins before `end` lies within [from, to]: marks are never inside a sentence. */
  const onlyWithin = (from: number, to: number, end: number) => {
    for (let i = next; i < ordered.length && ordered[i]!.start < end; i++) if (ordered[i]!.start < from || ordered[i]!.end > to) return false;
    return true;
  };

  /** The runs of text in [from, to); a sentence running past `to` stays for the next call. */
  const runs = (from: number, to: number): Run[] => {
    const parts: Run[] = [];
    let cursor = from;
    for (let i = next; i < ordered.length && ordered[i]!.start < to; i++) {
      const sentence = ordered[i]!;
      const a = Math.max(sentence.start, from);
      const b = Math.min(sentence.end, to);
      if (b <= a) continue;
      if (a > cursor) parts.push(piece(cursor, a));
      // Its first piece drawn is the sentence, focusable; a piece after it continues it ("Needs ATP? | Example": the
      // "| Example" that a cell boundary cut off the front of is still the first piece of its own sentence).
      parts.push(piece(a, b, drawn.has(sentence.id) ? { sentenceId: sentence.id, continued: true } : { sentenceId: sentence.id }));
      drawn.add(sentence.id);
      cursor = b;
    }
    if (cursor < to) parts.push(piece(cursor, to));
    while (next < ordered.length && ordered[next]!.end <= to) next++;
    return parts;
  };

  const classify = (start: number, end: number): Chunk => {
    const chunk = text.slice(start, end);
    const embed = chunk.startsWith('![[') ? embedLine.exec(chunk) : null;
    if (embed && onlyWithin(end, end, end)) {
      const target = embed[1]!.trim();
      return { kind: 'embed', start, target, label: embed[2]?.trim() || target.replace(/^#/, '') };
    }
    const quote = chunk.startsWith('>') ? quoteMarker.exec(chunk) : null;
    if (quote && onlyWithin(start + quote[0].length, end, end)) {
      const [, opening, type, fold, title] = quote;
      const callout = type === undefined ? null : { type: type.toLowerCase(), title: title?.trim() || type.charAt(0).toUpperCase() + type.slice(1).toLowerCase(), folded: fold === '-' ? true : fold === '+' ? false : null };
      return { kind: 'quote', start: start + quote[0].length, end, callout, opens: opening !== undefined || callout !== null };
    }
    const item = listMarker.exec(chunk);
    if (item && onlyWithin(start + item[0].length, end, end)) {
      return { kind: 'item', start: start + item[0].length, end, depth: Math.floor(item[1]!.length / 2), number: item[2] === undefined ? null : Number(item[2]) };
    }
    const [line = '', delimiter, ...rest] = chunk.split('\n');
    const isRow = line.length >= 4 && line.startsWith('| ') && line.endsWith(' |') && rest.length === 0;
    if (isRow && (delimiter === undefined || tableDelimiter.test(delimiter)) && onlyWithin(start + 2, start + line.length - 2, end)) {
      const cells: Array<[number, number]> = [];
      let from = start + 2;
      for (const cell of line.slice(2, -2).split(' | ')) {
        cells.push([from, from + cell.length]);
        from += cell.length + 3;
      }
      return { kind: 'row', start, cells, align: delimiter === undefined ? null : delimiter.slice(1, -1).split('|').map(cellAlign) };
    }
    return { kind: 'paragraph', start, end };
  };

  /** A code block: a fence at `start`, its closing fence at the end of a block, and no sentence inside. */
  const codeAt = (start: number): { end: number; chunk: Chunk } | null => {
    codeFence.lastIndex = start;
    const open = codeFence.exec(text);
    if (!open) return null;
    const fence = open[2]!;
    const bodyStart = start + open[0].length;
    for (let close = text.indexOf(`\n${fence}`, bodyStart - 1); close >= 0; close = text.indexOf(`\n${fence}`, close + 1)) {
      const end = close + 1 + fence.length;
      if (end !== text.length && !text.startsWith('\n\n', end)) continue;
      if (!onlyWithin(end, end, end)) return null;
      const language = open[3]!.trim();
      const code = text.slice(bodyStart, Math.max(bodyStart, close));
      return { end, chunk: { kind: 'code', start, language: language || null, code, depth: Math.floor(open[1]!.length / 2) } };
    }
    return null;
  };

  let list: { root: ReaderList; open: ReaderList[] } | null = null;
  let table: Extract<ReaderBlock, { kind: 'table' }> | null = null;
  let quote: Extract<ReaderBlock, { kind: 'quote' }> | null = null;
  const flush = () => {
    if (list) blocks.push({ kind: 'list', key: list.root.key, list: list.root });
    if (table) blocks.push(evenRows(table));
    if (quote) blocks.push(quote);
    list = null;
    table = null;
    quote = null;
  };

  const addItem = (chunk: Extract<Chunk, { kind: 'item' }>) => {
    const isOrdered = chunk.number !== null;
    const item: ReaderListItem = { key: `i${chunk.start}`, parts: runs(chunk.start, chunk.end), inside: [] };
    const depth = Math.min(chunk.depth, MAX_LIST_DEPTH, list?.open.length ?? 0);
    if (list && depth === 0 && list.root.ordered !== isOrdered) flush();
    const open: ReaderList[] = list?.open.slice(0, depth + 1) ?? [];
    let target = open[depth];
    if (!target || target.ordered !== isOrdered) {
      target = { key: `l${chunk.start}`, ordered: isOrdered, start: chunk.number ?? 1, items: [] };
      if (depth === 0) list = { root: target, open };
      else open[depth - 1]!.items.at(-1)!.inside.push({ kind: 'list', key: target.key, list: target });
      open[depth] = target;
    }
    target.items.push(item);
    list!.open = open.slice(0, depth + 1);
  };

  /** Code inside a list item goes into the last item of its depth; a nested list after it starts anew below it. */
  const addCodeToItem = (list: { root: ReaderList; open: ReaderList[] }, chunk: Extract<Chunk, { kind: 'code' }>) => {
    const depth = Math.min(chunk.depth, list.open.length) - 1;
    list.open[depth]!.items.at(-1)!.inside.push({ kind: 'code', key: `c${chunk.start}`, language: chunk.language, code: chunk.code });
    list.open = list.open.slice(0, depth + 1);
  };

  const addRow = (chunk: Extract<Chunk, { kind: 'row' }>) => {
    const row: ReaderTableRow = { key: `r${chunk.start}`, cells: chunk.cells.map(([from, to]) => runs(from, to)) };
    if (chunk.align || !table) {
      flush();
      table = { kind: 'table', key: `t${chunk.start}`, align: chunk.align ?? [], header: chunk.align ? row : null, rows: [] };
      if (chunk.align) return;
    }
    table.rows.push(row);
  };

  let start = 0;
  while (start <= text.length) {
    const heading = headingAt.get(start);
    const code = heading ? null : codeAt(start);
    const breakAt = text.indexOf('\n\n', start);
    const end = code?.end ?? (breakAt < 0 ? text.length : breakAt);
    const chunk: Chunk = heading ? { kind: 'heading', start, section: heading } : (code?.chunk ?? classify(start, end));
    start = end + 2;

    if (chunk.kind === 'quote') {
      // A quote's paragraphs are one quote; the first paragraph of the next quote (or a callout) starts another.
      if (!quote || chunk.opens || list || table) {
        flush();
        quote = { kind: 'quote', key: `q${chunk.start}`, callout: chunk.callout, paragraphs: [] };
      }
      quote.paragraphs.push(runs(chunk.start, chunk.end));
      continue;
    }
    if (chunk.kind === 'item') {
      if (table || quote) flush();
      addItem(chunk);
      continue;
    }
    if (chunk.kind === 'row') {
      if (list || quote) flush();
      addRow(chunk);
      continue;
    }
    if (chunk.kind === 'code' && chunk.depth > 0 && list) {
      addCodeToItem(list, chunk);
      continue;
    }
    flush();
    if (chunk.kind === 'code') {
      blocks.push({ kind: 'code', key: `c${chunk.start}`, language: chunk.language, code: chunk.code });
    } else if (chunk.kind === 'embed') {
      blocks.push({ kind: 'embed', key: `e${chunk.start}`, target: chunk.target, label: chunk.label });
    } else if (chunk.kind === 'heading') {
      const heading = chunk.section;
      if (heading.page !== null && heading.page !== page) {
        page = heading.page;
        blocks.push({ kind: 'page', key: `p${page}`, page });
      }
      if (!isTitleHeading(heading, options.title)) {
        const { text: title, links: inTitle } = piece(chunk.start, end);
        blocks.push({ kind: 'heading', key: `h${chunk.start}`, level: heading.level, text: title, ...(inTitle ? { links: inTitle } : {}) });
      }
    } else {
      const parts: Run[] = [];
      let cursor = chunk.start;
      while (next < ordered.length && ordered[next]!.start < chunk.end) {
        const sentence = ordered[next++]!;
        if (sentence.page !== null && sentence.page !== page) {
          if (parts.length > 0) blocks.push({ kind: 'paragraph', key: `b${chunk.start}-${cursor}`, parts: parts.splice(0) });
          page = sentence.page;
          blocks.push({ kind: 'page', key: `p${page}`, page });
        }
        if (sentence.start > cursor) parts.push(piece(cursor, sentence.start));
        parts.push(piece(sentence.start, sentence.end, { sentenceId: sentence.id }));
        cursor = sentence.end;
      }
      if (cursor < chunk.end) parts.push(piece(cursor, chunk.end));
      if (parts.length > 0) blocks.push({ kind: 'paragraph', key: `b${chunk.start}`, parts });
    }
  }
  flush();
  return blocks;
}

/**
 * The links that fit the text, in order, none overlapping another: what was stored is all that reaches here, and a
 * backup restored from elsewhere may hold anything.
 */
function usableLinks(links: unknown, length: number): TextLink[] {
  if (!Array.isArray(links)) return [];
  const fitting = (links as Array<Partial<TextLink> | null>).filter(
    (link): link is TextLink =>
      typeof link?.target === 'string' && Number.isInteger(link.start) && Number.isInteger(link.end) && link.start! >= 0 && link.start! < link.end! && link.end! <= length,
  );
  const usable: TextLink[] = [];
  for (const link of fitting.sort((a, b) => a.start - b.start || a.end - b.end)) if (link.start >= (usable.at(-1)?.end ?? 0)) usable.push(link);
  return usable;
}

/** A run's text cut at its links: the plain pieces, and each link's words with the note it names. */
export function linkSegments(run: Run): Array<{ text: string; target?: string }> {
  const segments: Array<{ text: string; target?: string }> = [];
  let cursor = 0;
  for (const link of run.links ?? []) {
    if (link.start > cursor) segments.push({ text: run.text.slice(cursor, link.start) });
    segments.push({ text: run.text.slice(link.start, link.end), target: link.target });
    cursor = link.end;
  }
  if (cursor < run.text.length || segments.length === 0) segments.push({ text: run.text.slice(cursor) });
  return segments;
}

/** A heading as links compare it: "Cell division", "cell-division" and "#Cell Division" are one. */
function headingSlug(heading: string): string {
  return heading
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** A link target's parts: the note ("" for this one), and the heading or the block (`#^id`) it opens at, if any. */
export function linkPlace(target: string): { note: string; heading: string | null; block: string | null } {
  const hash = target.indexOf('#');
  if (hash < 0) return { note: target, heading: null, block: null };
  const place = target.slice(hash + 1).trim();
  const block = place.startsWith('^') ? place.slice(1).trim() : null;
  return { note: target.slice(0, hash), heading: block === null && place !== '' ? place : null, block: block || null };
}

/**
 * The first sentence of the block an id names (`[[Note#^id]]`), where the note opens; undefined when no block has
 * that id, or it holds no sentence.
 */
export function sentenceOfBlock<S extends { start: number }>(anchors: readonly BlockAnchor[], sentences: readonly S[], id: string): S | undefined {
  const anchor = anchors.find((candidate) => candidate.id === id);
  if (!anchor) return undefined;
  const next = Math.min(...anchors.filter((other) => other.start > anchor.start).map((other) => other.start));
  return sentences.find((sentence) => sentence.start >= anchor.start && sentence.start < next);
}

/** The section a link's heading names, the first of that name; compared as `headingSlug` does, as Markdown anchors name them. */
export function sectionNamed(sections: readonly ParsedSection[], heading: string): ParsedSection | undefined {
  const wanted = headingSlug(heading);
  return wanted === '' ? undefined : sections.find((section) => headingSlug(section.path.at(-1) ?? '') === wanted);
}

/** Every row as wide as the widest: a row's empty cells are not stored, so a short row is filled at its end. */
function evenRows(table: Extract<ReaderBlock, { kind: 'table' }>): Extract<ReaderBlock, { kind: 'table' }> {
  const rows = table.header ? [table.header, ...table.rows] : table.rows;
  const columns = Math.max(table.align.length, ...rows.map((row) => row.cells.length));
  for (const row of rows) while (row.cells.length < columns) row.cells.push([]);
  return { ...table, align: Array.from({ length: columns }, (_, i) => table.align[i] ?? null) };
}

function cellAlign(delimiter: string): CellAlign {
  const cell = delimiter.trim();
  if (cell.startsWith(':') && cell.endsWith(':')) return 'center';
  if (cell.startsWith(':')) return 'left';
  if (cell.endsWith(':')) return 'right';
  return null;
}

/** A level-1 heading at the very start of the document that repeats its title. */
function isTitleHeading(section: ParsedSection, title: string | undefined): boolean {
  return title !== undefined && section.start === 0 && section.level === 1 && section.path.at(-1)?.trim() === title.trim();
}

export interface ContentsEntry {
  start: number;
  title: string;
  /** Levels below the contents' top level, for indentation. */
  indent: number;
}

/** The contents list: sections down to level 3, without a first heading that only repeats the document's title. */
export function readerContents(sections: ParsedSection[], title?: string): ContentsEntry[] {
  const shown = sections.filter((section) => section.level <= 3 && !isTitleHeading(section, title));
  const top = Math.min(...shown.map((section) => section.level));
  return shown.map((section) => ({ start: section.start, title: section.path.at(-1) ?? '', indent: section.level - top }));
}

/**
 * How strongly to tint each sentence in the attention heat map: its salience's rank among the document's
 * sentences, in [0, 1] (ranks, not raw logits, so every document uses the whole scale).
 */
export function salienceHeat(sentences: ReadonlyArray<{ id: string; salience: number | null }>): Map<string, number> {
  const scored = sentences.filter((s): s is { id: string; salience: number } => s.salience !== null);
  const ordered = [...scored].sort((a, b) => a.salience - b.salience);
  const heat = new Map<string, number>();
  ordered.forEach((s, rank) => heat.set(s.id, ordered.length > 1 ? rank / (ordered.length - 1) : 1));
  return heat;
}
