import type { AlignType, Code, Heading, Nodes, Paragraph, Parent, Root, RootContent } from 'mdast';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown, type InlineMath, type Math as MathBlock } from 'mdast-util-math';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import type { Code as CharCode, Construct, Effects, Extension, State, TokenizeContext, Tokenizer } from 'micromark-util-types';
import { FocalError } from '../../../shared/errors';
import { isMediaFile } from '../../files/media-files';
import { TASK_DONE, TASK_OPEN } from '../sentence-shape';
import { escapeLiteralDollars } from '../inline-math';
import type { TextLink } from '../../../shared/document';
import { fencedCode, markQuote, type BlockKind, type BlockMarks, type CodeBlock, type ReadOptions, type SourceBlock, type SourceDocument } from '../source';
import { decodeText, withoutControlCharacters } from './encoding';
import { withLinearAutolinks } from './markdown-autolinks';
import { collapseWhitespace } from './plain-text';

/** Stands in for an escaped `\#` while parsing, so that `\#word` is text and never a tag. A Unicode noncharacter. */
const escapedHash = '\uFDD0';
/** Wrap each #tag found in text until the block is finished, when its fate depends on its position. */
const tagOpen = '\uFDD1';
const tagClose = '\uFDD2';
/**
 * Wrap a link's shown text until the block is finished, when where it sits in the block's text is known:
 * open, the note it names, `linkTextStart`, the text, close (`placeLinks`).
 */
const linkOpen = '\uFDD3';
const linkTextStart = '\uFDD4';
const linkClose = '\uFDD5';
/** The marks above, which a file never holds: noncharacters, dropped from what is read. */
const internalMarks = /[\uFDD0-\uFDD5]/g;
const linkMarks = /[\uFDD3-\uFDD5]/g;

const wikilink = /!?\[\[([^[\]\n]+?)\]\]/g;
/** Embedded files that are not notes: shown as a picture, a player or a page in Obsidian, so they have no text here. */
const isEmbeddedFile = (name: string) => isMediaFile(name) || /\.(?:pdf|excalidraw|canvas)$/i.test(name);
/** Obsidian's tag rule: `#` after whitespace or at the start, letters, digits, `_`, `-`, `/`; not only digits. */
const hashtag = /(^|\s)#([\p{L}\p{N}\p{M}_\-/]+)/gu;
const tagRun = `${tagOpen}[^${tagClose}]*${tagClose}`;
const leadingTags = new RegExp(`^(?:\\s*${tagRun})+`);
const trailingTags = new RegExp(`(?:${tagRun}\\s*)+$`);
const anyTag = new RegExp(`${tagOpen}([^${tagClose}]*)${tagClose}`, 'g');

/** Nesting deeper than this (lists in lists in quotes…) is read as flat text, so hostile files cannot exhaust the stack. */
const maxDepth = 64;

interface Collected {
  blocks: SourceBlock[];
  marks: Array<BlockMarks | undefined>;
  code: CodeBlock[];
  links: string[];
  tags: string[];
  /** A callout's header line (`[!note] Key fact`) waiting for the first block of its body, which shows it. */
  callout?: string;
}

/** Where a node sits: in a quote, how deep in the tree, in how many lists, and what the reader shows before and after it. */
interface Place {
  inQuote: boolean;
  depth: number;
  lists: number;
  /** A list item's bullet or number ("- ", "3. "), set by its list. */
  marker: string;
  /** A table's header row: the delimiter line the reader shows after it. */
  delimiter?: string;
}

/**
 * CommonMark + GFM with Obsidian's additions. Headings, paragraphs, list items (each item its own block, its
 * own text only), table rows (cells joined by " | ", header row included) and blockquotes (`quote`) become
 * blocks; code blocks, display math, HTML blocks, front matter, images and footnote references do not (list
 * bullets and numbers, table pipes, code blocks and display math — a ```math fence — are kept apart, as `marks`
 * and `code`, for the reader to show). Inline math stays in its sentence as TeX between dollars. A
 * `[[Target|alias]]` shows its alias (else its target) and adds `Target` to `links`. A #tag is added to `tags`; in the text, tags
 * at the start or end of a block — labels, not words of the sentence — are removed, and a tag inside a
 * sentence keeps its word without the `#`. The title is front matter's `title`, else the first level-1 heading;
 * front matter's `aliases` are the other names the note is linked by.
 */
export async function readMarkdown(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const read = withoutControlCharacters(decodeText(bytes).text).replace(internalMarks, '');
  const source = withoutExcalidrawFrame(withoutDeepIndents(withoutDeepQuotes(withoutComments(read)))).replaceAll('\\#', escapedHash);
  const tree = parseNote(source);
  const collected: Collected = { blocks: [], marks: [], code: [], links: [], tags: [] };
  let front: FrontMatter = { title: null, tags: [], aliases: [] };
  tree.children.forEach((node, index) => {
    if (index % 100 === 0) options.checkpoint?.();
    // A note that opens with a paragraph between two rules ("---") has no front matter: that paragraph is text.
    if (node.type === 'yaml' && !looksLikeYaml(node.value)) for (const child of parseNote(node.value).children) walk(child, { inQuote: false, depth: 0, lists: 0, marker: '- ' }, collected);
    else if (node.type === 'yaml') front = readFrontMatter(restoreHashes(node.value));
    else walk(node, { inQuote: false, depth: 0, lists: 0, marker: '- ' }, collected);
    options.onProgress?.(index + 1, tree.children.length);
  });
  const { blocks } = collected;
  if (blocks.length === 0) throw new FocalError('empty', 'This Markdown file has no text to study.');
  const firstTitle = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text ?? null;
  return {
    format: 'markdown',
    title: front.title ?? firstTitle,
    blocks,
    links: unique(collected.links),
    tags: unique([...front.tags, ...collected.tags]),
    ...(front.aliases.length > 0 ? { aliases: unique(front.aliases) } : {}),
    pageCount: null,
    warnings: [],
    marks: collected.marks,
    code: collected.code,
  };
}

/** The sections the Excalidraw plugin writes around a drawing's labels. */
const excalidrawHeading = /^#{1,6}[ \t]+(?:Excalidraw Data|Text Elements|Element Links|Embedded Files|Drawing)[ \t]*$/gm;
/** Sections of element ids and file hashes ("a1b2c3: [[image.png]]"): bookkeeping up to the next heading, not text. */
const excalidrawBookkeeping = /^#{1,6}[ \t]+(?:Element Links|Embedded Files)[ \t]*\n(?:(?!#{1,6}[ \t]).*(?:\n|$))*/gm;

/**
 * A drawing the Obsidian Excalidraw plugin saved as Markdown (`excalidraw-plugin:` in its front matter): its labels
 * are its text; the plugin's notice ("⚠ Switch to EXCALIDRAW VIEW…", which became a card) and its section headings
 * (which titled every drawing "Text Elements") are not. The drawing's own data sits in a %% comment, already gone.
 */
function withoutExcalidrawFrame(source: string): string {
  const front = /^---\n([\s\S]*?)\n---/.exec(source);
  if (!front || !/^excalidraw-plugin[ \t]*:/m.test(front[1]!)) return source;
  return source
    .replace(/^.*Switch to EXCALIDRAW VIEW.*$/gm, '')
    .replace(excalidrawBookkeeping, '')
    .replace(excalidrawHeading, '');
}

/**
 * The note's tree, math included (`$…$` inline, `$$…$$` display); a paragraph of nothing but `$$…$$` is display
 * math, as Obsidian shows it. A long note is parsed a piece at a time (`notePieces`), its trees' blocks joined.
 */
function parseNote(source: string): Root {
  const pieces = source.length > PIECES_ABOVE ? notePieces(source, PIECES_ABOVE) : [source];
  if (pieces.length === 1) return parsePiece(source);
  return { type: 'root', children: pieces.flatMap((piece) => parsePiece(piece).children) };
}

function parsePiece(source: string): Root {
  const tree = fromMarkdown(source, noteSyntax);
  return source.includes('$$') ? withDisplayMath(tree, source) : tree;
}

/** Notes longer than this are parsed in pieces of about this size (see `notePieces`). */
const PIECES_ABOVE = 16 * 1024;
const LIST_ITEM_START = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,}|\$\$)/;
/** A link reference definition (`[id]: url`) or footnote (`[^1]: …`): what a piece could not see from another. */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * A long note cut before top-level list items into pieces of at least `size` characters, to be parsed apart.
 * Parsing one long list takes time that grows with the square of its items (micromark's edits of the whole
 * event list, for every nested list): an outline of 5,000 nested items took 17 s, 10,000 items 79 s. A list cut
 * between two of its top-level items reads the same as two lists; never inside front matter, a fence or `$$`
 * maths, and not at all in a note with definitions, which links in other pieces would need.
 */
export function notePieces(source: string, size: number): string[] {
  if (DEFINITION.test(source)) return [source];
  const lines = source.split('\n');
  const pieces: string[] = [];
  let start = 0;
  let offset = 0;
  let fence: string | null = null;
  let inFrontMatter = lines[0] === '---';
  lines.forEach((line, index) => {
    if (index > 0 && inFrontMatter && /^(---|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
    else if (!inFrontMatter) {
      const opened = FENCE.exec(line)?.[1];
      if (fence !== null) {
        if (opened && opened[0] === fence[0] && opened.length >= fence.length) fence = null;
      } else if (opened) {
        fence = opened;
      } else if (index > 0 && offset - start >= size && LIST_ITEM_START.test(line)) {
        pieces.push(source.slice(start, offset));
        start = offset;
      }
    }
    offset += line.length + 1;
  });
  pieces.push(source.slice(start));
  return pieces;
}

const dollar = 36;
const backslash = 92;
const isSpace = (code: CharCode) => code === null || code <= 32;
const isDigit = (code: CharCode) => code !== null && code >= 48 && code <= 57;

/**
 * micromark's math, where a single-dollar span is math only as Pandoc and Obsidian have it: no space just inside
 * either dollar, no digit just after the closing one. So "costs $5 and $10" is prose, and "$5 for $x$" holds math.
 */
const pandocMath: Extension = (() => {
  const syntax = math();
  const inline = syntax.text![dollar] as Construct;
  const tokenizeMath = inline.tokenize;
  const check: Construct = { tokenize: tokenizeSingleDollarMath, partial: true };
  const tokenize: Tokenizer = function (this: TokenizeContext, effects, ok, nok) {
    return effects.check(check, tokenizeMath.call(this, effects, ok, nok), nok);
  };
  return { ...syntax, text: { [dollar]: { ...inline, tokenize } } };
})();

/** The parser's options, built once: a canvas reads each of its cards as a note of its own. */
const noteSyntax = {
  extensions: [withLinearAutolinks(gfm()), frontmatter(['yaml']), pandocMath],
  mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml']), mathFromMarkdown()],
};

/** Succeeds where a math span starts that Pandoc's rule allows: any `$$…$$`, and `$…$` as it says. */
function tokenizeSingleDollarMath(effects: Effects, ok: State, nok: State): State {
  let opening = 0;
  let closing = 0;
  let last: CharCode = null;
  const done = (state: State, code: CharCode) => {
    effects.exit('data');
    return state(code);
  };
  const open: State = (code) => {
    if (code === dollar) {
      effects.consume(code);
      opening++;
      return open;
    }
    if (opening !== 1) return done(ok, code);
    return isSpace(code) ? done(nok, code) : inside(code);
  };
  const inside: State = (code) => {
    if (code === null) return done(nok, code);
    if (code === dollar) {
      closing = 0;
      return close(code);
    }
    last = code;
    effects.consume(code);
    return inside;
  };
  const close: State = (code) => {
    if (code === dollar) {
      effects.consume(code);
      closing++;
      return close;
    }
    if (closing !== opening) {
      last = dollar;
      return inside(code);
    }
    // A closing dollar has no space and no backslash before it (`\$` is a dollar sign) and no digit after it.
    return isSpace(last) || last === backslash || isDigit(code) ? done(nok, code) : done(ok, code);
  };
  return (code) => {
    effects.enter('data');
    return open(code);
  };
}

/** The tree with each paragraph that is only `$$…$$` made a math block. */
function withDisplayMath(tree: Root, text: string): Root {
  for (const parent of parentsOf(tree)) {
    const children = parent.children as Nodes[];
    children.forEach((node, index) => {
      const only = node.type === 'paragraph' && node.children.length === 1 ? node.children[0]! : null;
      const start = only?.position?.start.offset;
      if (only?.type !== 'inlineMath' || start === undefined || !text.startsWith('$$', start)) return;
      children[index] = { type: 'math', value: only.value, meta: null, position: node.position } satisfies MathBlock;
    });
  }
  return tree;
}

/** Every node that has children, gathered without recursion (nesting may be deep). */
function parentsOf(tree: Root): Parent[] {
  const found: Parent[] = [];
  const stack: Parent[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    found.push(parent);
    for (const child of parent.children as Nodes[]) if ('children' in child) stack.push(child);
  }
  return found;
}

function walk(node: RootContent | Root, at: Place, out: Collected): void {
  const { inQuote, depth } = at;
  const inner = { ...at, depth: depth + 1, delimiter: undefined };
  if (depth > maxDepth) {
    const inList = node.type === 'list' || node.type === 'listItem';
    const marks = node.type === 'listItem' ? itemMarks(at) : node.type === 'list' ? itemMarks({ ...at, lists: at.lists + 1, marker: '- ' }) : undefined;
    emit(out, inQuote ? 'quote' : inList ? 'list-item' : 'paragraph', flatText(node, out), undefined, marks);
    return;
  }
  switch (node.type) {
    case 'heading':
      emit(out, inQuote ? 'quote' : 'heading', inlineText(node, out), inQuote ? undefined : node.depth);
      return;
    case 'paragraph': {
      const embeds = !inQuote && at.lists === 0 ? embeddedNotes(node) : null;
      const text = inlineText(node, out);
      if (!embeds) return emit(out, inQuote ? 'quote' : 'paragraph', text);
      // A paragraph of ![[Other note]] embeds shows those notes in Obsidian: here a line for each, shown, never read,
      // that the reader draws as a link to the note (reader-layout.ts), where the note's text would be.
      titleFirst(out);
      for (const embed of embeds) out.code.push({ before: out.blocks.length, text: embed });
      return;
    }
    case 'blockquote': {
      const first = out.blocks.length;
      for (const child of node.children) walk(child, { ...inner, inQuote: true }, out);
      // A callout with a title and no body: its title is all there is to read.
      titleFirst(out);
      markQuote(out, first);
      return;
    }
    case 'list': {
      const first = node.start ?? 1;
      node.children.forEach((item, i) => walk(item, { ...inner, lists: at.lists + 1, marker: node.ordered ? `${first + i}. ` : '- ' }, out));
      return;
    }
    case 'listItem': {
      const own = node.children.filter((child): child is Paragraph | Heading => child.type === 'paragraph' || child.type === 'heading');
      // A task ("- [x] read chapter 3") keeps its box, as Obsidian shows it; a to-do is no key sentence (sentence-shape.ts).
      const box = node.checked === true ? `${TASK_DONE} ` : node.checked === false ? `${TASK_OPEN} ` : '';
      emit(out, 'list-item', box + own.map((child) => inlineText(child, out)).join('\n'), undefined, itemMarks(at));
      for (const child of node.children) if (!(own as RootContent[]).includes(child)) walk(child, inner, out);
      return;
    }
    case 'table': {
      const delimiter = `\n|${(node.align ?? []).map(delimiterCell).join('|')}|`;
      node.children.forEach((row, i) => walk(row, { ...inner, delimiter: i === 0 ? delimiter : undefined }, out));
      return;
    }
    case 'tableRow': {
      const cells = node.children.map((cell) => finishText(inlineText(cell, out))).filter((cell) => cell !== '');
      emit(out, 'table-row', cells.join(' | '), undefined, { before: '| ', after: ` |${at.delimiter ?? ''}` });
      return;
    }
    case 'code':
      titleFirst(out);
      // Inside a list item, its fence is indented two spaces per list, so the reader shows it inside that item.
      if (node.value.trim() !== '') out.code.push({ before: out.blocks.length, text: '  '.repeat(at.lists) + fenced(node) });
      return;
    case 'math':
      titleFirst(out);
      // Display math is shown, never read: a ```math fence, indented as code is.
      if (node.value.trim() !== '') out.code.push({ before: out.blocks.length, text: '  '.repeat(at.lists) + fencedCode(restoreHashes(node.value), 'math') });
      return;
    case 'html': {
      // A block of HTML in a note (<div>, <center>, <details>…): its words are part of the note, its tags are not.
      const text = htmlBlockText(node.value);
      if (text) emit(out, inQuote ? 'quote' : 'paragraph', text);
      return;
    }
    case 'yaml':
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) for (const child of node.children as RootContent[]) walk(child, inner, out);
  }
}

/** Quotes nested deeper than any note nests them: the parser's time grows with the square of the depth. */
const MAX_QUOTE_DEPTH = 32;
const deepQuote = new RegExp(`^((?:[ \\t]{0,3}>){${MAX_QUOTE_DEPTH}})(?:[ \\t]{0,3}>)+`, 'gm');

/** A line opening more than MAX_QUOTE_DEPTH quotes opens that many: 50 KB of ">" took past the import's time limit. */
function withoutDeepQuotes(source: string): string {
  return source.replace(deepQuote, '$1');
}

/**
 * Lines indented past this many columns (lists nested past 64 levels of two) start at it: the parser's time per line
 * grows with the square of the nesting, so a 2,000-deep outline took 8 minutes. What is that deep is read as flat text
 * anyway (maxDepth); a code line indented that far loses the columns past it.
 */
const MAX_INDENT_COLUMNS = 128;
const TAB_COLUMNS = 4;

/** Runs of 33 or more blanks are the only ones that can pass MAX_INDENT_COLUMNS (32 tabs reach 128). */
const longIndent = /^[ \t]{33,}/gm;

function withoutDeepIndents(source: string): string {
  return source.replace(longIndent, (indent) => {
    let columns = 0;
    for (const blank of indent) columns = blank === '\t' ? columns - (columns % TAB_COLUMNS) + TAB_COLUMNS : columns + 1;
    return columns > MAX_INDENT_COLUMNS ? ' '.repeat(MAX_INDENT_COLUMNS) : indent;
  });
}

/** Front matter holds keys ("title: …", "tags:") or nothing; prose between two rules does not. */
function looksLikeYaml(value: string): boolean {
  return value.trim() === '' || /^[ \t]*[\w"'-][^:\n]*:(?:[ \t]|$)/m.test(value);
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of a block of HTML: scripts, styles and comments dropped, tags taken out, the common entities read. */
function htmlBlockText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(/<!--[\s\S]*?-->/gu, ' ')
    .replace(/<(?:br|\/p|\/div|\/li|\/h[1-6])\b[^>]*>/giu, '\n')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/giu, (entity, name: string) =>
      name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (HTML_ENTITIES[name.toLowerCase()] ?? entity),
    );
  return /\p{L}/u.test(text) ? text.trim() : '';
}

/** A list item's marker, indented two spaces for each list it is nested in. */
function itemMarks(at: Place): BlockMarks {
  return { before: '  '.repeat(Math.max(0, at.lists - 1)) + at.marker, after: '' };
}

function delimiterCell(align: AlignType | undefined): string {
  return align === 'left' ? ' :-- ' : align === 'right' ? ' --: ' : align === 'center' ? ' :-: ' : ' --- ';
}

/** A code block as fenced Markdown, with each escaped `\#` written back as it was. */
function fenced(node: Code): string {
  return fencedCode(restoreHashes(node.value), restoreHashes(node.lang ?? ''));
}

/** Code and math as written: each escaped `\#` back as it was. */
function restoreHashes(text: string): string {
  return text.replaceAll(escapedHash, '\\#');
}

/** A callout's first line (`> [!note] Remember`) and the text under it: its title stands apart, as Obsidian shows it. */
const calloutWithBody = /^\s*(\[![\w-]+\][+-]?[^\n]*)\n([\s\S]*)$/;
/**
 * A callout's title still waiting when what comes is not a paragraph of its body (a list, a table, code) or the
 * callout ends: it is read where it stands, before that, as a quote of its own.
 */
function titleFirst(out: Collected): void {
  if (out.callout === undefined) return;
  const title = out.callout;
  out.callout = undefined;
  emit(out, 'quote', title.replace(calloutHeader, '$3'));
}

/** A quote's last line naming its source, after a dash. */
const quoteSource = /\n\s*((?:—|–|―|--)\s*\S[^\n]*?)\s*$/;
/** A callout's first line alone, its text in a paragraph of its own below. */
const calloutOnly = /^\s*(\[![\w-]+\][+-]?[^\n]*)\s*$/;
/** A callout header's parts: its type, fold sign and title. */
const calloutHeader = /^\[!([\w-]+)\]([+-]?)\s*(.*)$/;

/**
 * A block, unless it is empty once finished. A callout's header line (`[!note] Key fact`) is no sentence: it is
 * kept, as the reader shows it, in the marks of the callout's first block ("> [!note] Key fact\n> ").
 */
function emit(out: Collected, kind: BlockKind, raw: string, level?: number, marks?: BlockMarks): void {
  if (kind === 'quote' && level === undefined) {
    const header = calloutWithBody.exec(raw) ?? calloutOnly.exec(raw);
    if (header) {
      out.callout = collapseWhitespace(header[1]!);
      if (header[2] !== undefined) emit(out, kind, header[2], undefined, marks);
      return;
    }
    // A quote's source on its last line ("— Campbell Biology, ch. 10") stands apart from the quoted sentence.
    const source = quoteSource.exec(raw);
    if (source) {
      emit(out, kind, raw.slice(0, source.index), undefined, marks);
      emit(out, kind, source[1]!);
      return;
    }
  }
  const ownLine = blockIdAlone.exec(raw);
  if (ownLine) {
    nameBlockBefore(out, ownLine[1]!);
    return;
  }
  const anchor = blockIdAtEnd.exec(raw)?.[1];
  const { text, links } = placeLinks(finishText(raw));
  if (!text) return;
  if (kind !== 'quote') titleFirst(out);
  if (out.callout !== undefined && kind === 'quote') {
    // The header shows as the source wrote it, a link's text without its link.
    marks = { before: `> ${placeLinks(out.callout).text}\n> `, after: '' };
    out.callout = undefined;
  }
  if (marks) out.marks[out.blocks.length] = marks;
  out.blocks.push({ kind, text, ...(level === undefined ? {} : { level }), ...(links.length > 0 ? { links } : {}), ...(anchor ? { anchor } : {}) });
}

/** Obsidian's block id at the end of a block ("… in the stroma. ^calvin"), which finishText takes out of the text. */
const blockIdAtEnd = /\s\^([A-Za-z0-9-]+)\s*$/;
/** A block id on a line of its own, after a blank line: Obsidian's way to name a list, a table or a quote. */
const blockIdAlone = /^\s*\^([A-Za-z0-9-]+)\s*$/;

/** Gives the block before (a whole table or list: from its first row or item) the id on the line after it. */
function nameBlockBefore(out: Collected, id: string): void {
  let at = out.blocks.length - 1;
  const kind = out.blocks[at]?.kind;
  if (kind === undefined) return;
  if (kind === 'table-row' || kind === 'list-item') while (at > 0 && out.blocks[at - 1]!.kind === kind) at--;
  out.blocks[at]!.anchor ??= id;
}

/**
 * A finished block's text without the link marks, and where each link's text now sits. A link inside another's
 * text (a [[wikilink]] in a Markdown link's) is part of the outer one; marks left unpaired are dropped.
 */
function placeLinks(marked: string): { text: string; links: TextLink[] } {
  if (!marked.includes(linkOpen)) return { text: marked.replace(linkMarks, ''), links: [] };
  const links: TextLink[] = [];
  const open: Array<{ start: number; target: string }> = [];
  let text = '';
  let at = 0;
  for (const mark of marked.matchAll(/[\uFDD3\uFDD5]/g)) {
    if (mark.index < at) continue;
    text += marked.slice(at, mark.index).replace(linkMarks, '');
    at = mark.index + 1;
    if (mark[0] === linkOpen) {
      const textStart = marked.indexOf(linkTextStart, at);
      if (textStart < 0) continue;
      open.push({ start: text.length, target: marked.slice(at, textStart) });
      at = textStart + 1;
    } else {
      const link = open.pop();
      if (!link || open.length > 0) continue;
      // Its text without the spaces around it, which are the sentence's.
      const shown = text.slice(link.start);
      const start = link.start + (shown.length - shown.trimStart().length);
      const end = text.length - (shown.length - shown.trimEnd().length);
      if (end > start) links.push({ start, end, target: link.target });
    }
  }
  return { text: text + marked.slice(at).replace(linkMarks, ''), links };
}

/** A link's shown text, marked for `placeLinks`. */
function markLink(target: string, shown: string): string {
  return shown.trim() === '' ? shown : `${linkOpen}${target}${linkTextStart}${shown}${linkClose}`;
}

/**
 * The note without its Obsidian comments (`%% … %%`, which may span lines, paragraphs and list items): never shown,
 * never read. A `%%` inside code — a fenced block or a `code span`, such as R's `x %% 2` — is code, not a comment.
 * A comment left open runs to the end of the note, as in Obsidian.
 */
export function withoutComments(source: string): string {
  if (!source.includes('%%')) return source;
  // Front matter is YAML, where "%%" is text (title: 100%% sure).
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(source)?.[0] ?? '';
  if (frontMatter) return frontMatter + withoutComments(source.slice(frontMatter.length));
  const kept: string[] = [];
  let fence: string | null = null;
  let inComment = false;
  for (const line of source.split(/(?<=\n)/)) {
    if (!inComment) {
      const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== null) {
        if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
        kept.push(line);
        continue;
      }
      if (fenceMark) {
        fence = fenceMark;
        kept.push(line);
        continue;
      }
    }
    let out = '';
    for (let i = 0; i < line.length; ) {
      if (inComment) {
        const end = line.indexOf('%%', i);
        if (end < 0) {
          i = line.length;
        } else {
          inComment = false;
          i = end + 2;
        }
        continue;
      }
      const ticks = /^`+/.exec(line.slice(i))?.[0];
      if (ticks) {
        const close = line.indexOf(ticks, i + ticks.length);
        const end = close < 0 ? i + ticks.length : close + ticks.length;
        out += line.slice(i, end);
        i = end;
        continue;
      }
      if (line.startsWith('%%', i)) {
        inComment = true;
        i += 2;
        continue;
      }
      out += line[i];
      i++;
    }
    // A line all comment still ends: the blank lines between blocks stay.
    if (out === '' && line.endsWith('\n')) out = '\n';
    kept.push(out);
  }
  return kept.join('');
}

/**
 * A block's text as shown: Obsidian's markers removed (callout type, ==highlights==, ^block-ids), tags settled
 * (comments went before parsing: `withoutComments`). A highlight may hold "=" (==E = mc²==), never start or end
 * with it, so code's `a === b` stays.
 */
function finishText(raw: string): string {
  const text = raw
    .replace(/^\s*\[![\w-]+\][+-]?/, ' ')
    .replace(/==(?=[^\s=])([^\n]*?[^\s=])==(?!=)/g, '$1')
    .replace(blockIdAtEnd, ' ')
    .replace(leadingTags, ' ')
    .replace(trailingTags, ' ')
    .replace(anyTag, '$1');
  return collapseWhitespace(text);
}

function inlineText(node: Parent, out: Collected): string {
  return (node.children as Nodes[]).map((child) => phrasing(child, out)).join('');
}

/** Files a link can point to another document by: notes and what Focal imports beside them. */
const linkedDocument = /\.(?:md|markdown|txt|pdf|canvas)$/i;

/**
 * The note a Markdown link's address names, as a [[wikilink]] would name it ("Bio/Lecture 1"), or null for a web
 * address, an anchor in this note, or a file that is no document (a picture). The folders it climbs ("../") are
 * dropped: a path's end finds a note as `[[Bio/Lecture 1]]` does.
 */
function noteLinkTarget(url: string): string | null {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('#')) return null;
  let path = decoded(url.split(/[?#]/)[0]!);
  path = path.replace(/^(?:\.{1,2}\/|\/)+/, '');
  if (!linkedDocument.test(path)) return null;
  return path.replace(/\.(?:md|markdown)$/i, '') || null;
}

/** The heading a link's address names after its `#` ("Lecture%201.md#Cell%20cycle": "Cell cycle"), or "" for none. */
function anchorOf(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? '' : decoded(url.slice(hash + 1)).trim();
}

/** A piece of an address with its %-escapes decoded; as written when a stray "%" is part of the name. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function phrasing(node: Nodes, out: Collected): string {
  switch (node.type) {
    case 'text':
      return textWithLinksAndTags(escapeLiteralDollars(withoutNoteSyntax(node.value)), out);
    case 'inlineCode':
      return restoreHashes(node.value);
    case 'inlineMath':
      return inlineMath(node);
    case 'break':
      return '\n';
    case 'link': {
      // [the lecture](../Bio/Lecture%201.md), as Obsidian writes links with "Use [[Wikilinks]]" off: a link to a note.
      const target = noteLinkTarget(node.url);
      const heading = anchorOf(node.url);
      if (!target) return node.url.startsWith('#') && heading ? markLink(`#${heading}`, inlineText(node, out)) : inlineText(node, out);
      out.links.push(target);
      return markLink(heading ? `${target}#${heading}` : target, inlineText(node, out));
    }
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? inlineText(node, out) : '';
  }
}

/**
 * Obsidian and plugin syntax that is not part of the sentence: an inline footnote `^[…]` and a footnote reference
 * with no note (`[^missing]`), both dropped as other footnote markers are; a Dataview field `due:: Friday` (or
 * `[due:: Friday]`) reads "due: Friday".
 */
function withoutNoteSyntax(value: string): string {
  return value
    .replace(/\^\[[^\]\n]*\]/g, '')
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/\[([\p{L}\p{N}_][\p{L}\p{N}_ -]{0,39})::[ \t]*([^\]\n]*)\]/gu, '$1: $2')
    .replace(/(^|\n)([\p{L}\p{N}_][\p{L}\p{N}_ -]{0,39})::[ \t]*/gu, '$1$2: ');
}

/** Inline math stays in its sentence as TeX between single dollars, its backslashes and braces as written. */
function inlineMath(node: InlineMath): string {
  return `$${restoreHashes(node.value)}$`;
}

/** Plain text of a subtree too deep to walk as blocks, gathered without recursion. */
function flatText(node: Nodes, out: Collected): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'text') parts.push(textWithLinksAndTags(escapeLiteralDollars(next.value), out));
    else if (next.type === 'inlineCode') parts.push(next.value);
    else if (next.type === 'inlineMath') parts.push(inlineMath(next));
    else if (next.type !== 'code' && next.type !== 'html' && 'children' in next) {
      parts.push(' ');
      stack.push(...[...(next.children as Nodes[])].reverse());
    }
  }
  return parts.join('');
}

/** The `![[Note]]` embeds a paragraph holds, when it holds only embeds of notes (not pictures or files), else null. */
function embeddedNotes(node: Paragraph): string[] | null {
  if (!node.children.every((child) => child.type === 'text' || child.type === 'break')) return null;
  const text = node.children.map((child) => (child.type === 'text' ? child.value : '\n')).join('');
  const embeds = [...text.matchAll(wikilink)].map((match) => match[0]);
  if (embeds.length === 0 || text.replace(wikilink, '').trim() !== '') return null;
  const notes = embeds.filter((embed) => embed.startsWith('!') && !isEmbeddedFile(embed.slice(3, -2).split(/[|#]/)[0]!.trim()));
  return notes.length === embeds.length ? notes.map((embed) => embed.replaceAll(escapedHash, '\\#')) : null;
}

/** Replaces wikilinks by what they show and marks #tags, recording both. */
function textWithLinksAndTags(value: string, out: Collected): string {
  let result = '';
  let last = 0;
  for (const match of value.matchAll(wikilink)) {
    result += markTags(value.slice(last, match.index), out);
    last = match.index + match[0].length;
    const [target = '', alias] = splitOnce(match[1]!, '|');
    const [note = '', section = ''] = splitOnce(target, '#');
    const name = note.trim();
    // ![[diagram.png]] has no text, as a Markdown image has none (it became a sentence, and a card, of its file name).
    if (match[0].startsWith('!') && isEmbeddedFile(name)) continue;
    if (name) out.links.push(name);
    // ![[Other note]] shows that note's text in Obsidian, not its name: a link for the graph, no words of this note.
    if (match[0].startsWith('!')) continue;
    const shown = (alias?.trim() || name || section.replace(/^\^/, '').trim()).replaceAll(escapedHash, '#');
    // [[Note#Heading]] opens the note at that heading, [[#Heading]] this note, [[Note#^block]] the note at that block.
    const heading = section.split('#').at(-1)!.replaceAll(escapedHash, '#').trim();
    const place = heading ? `#${heading}` : '';
    result += name || place ? markLink(`${name}${place}`, shown) : shown;
  }
  return result + markTags(value.slice(last), out);
}

function markTags(text: string, out: Collected): string {
  const marked = text.replace(hashtag, (whole, before: string, body: string) => {
    const name = body.replace(/\/+$/, '');
    if (!/[^\p{N}]/u.test(name) || name.startsWith('/')) return whole;
    out.tags.push(name);
    return `${before}${tagOpen}${name}${tagClose}`;
  });
  return marked.replaceAll(escapedHash, '#');
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** First spelling of each, compared without case (Obsidian treats #Tag and #tag as one). */
function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface FrontMatter {
  title: string | null;
  tags: string[];
  /** Other names the note is linked by (`[[Mito]]` for Mitochondria.md), as Obsidian reads `aliases`. */
  aliases: string[];
}

/**
 * The subset of YAML front matter Focal reads: `title: …` (plain or quoted); `tags:`/`tag:` as a flow list
 * (`[a, b]`), a comma- or space-separated string, or a block list (`- a` lines); `aliases:`/`alias:` the same way,
 * except that a string is split at commas only (an alias may have spaces). Everything else is ignored.
 */
export function readFrontMatter(yaml: string): FrontMatter {
  const lines = yaml.split('\n');
  let title: string | null = null;
  const tags: string[] = [];
  const aliases: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const entry = /^([A-Za-z_][\w-]*)\s*:(.*)$/.exec(lines[i]!);
    if (!entry) continue;
    const key = entry[1]!.toLowerCase();
    const value = entry[2]!.trim();
    if (key === 'title') {
      title = titleScalar(value) ?? title;
      continue;
    }
    const list = key === 'tags' || key === 'tag' ? tags : key === 'aliases' || key === 'alias' ? aliases : null;
    if (!list) continue;
    const items: string[] = [];
    if (value === '' || value.startsWith('#')) {
      for (; i + 1 < lines.length && /^\s*(-\s|-$|$)/.test(lines[i + 1]!); i++) {
        const item = /^\s*-\s*(.*)$/.exec(lines[i + 1]!);
        if (item) items.push(scalar(item[1]!));
      }
    } else if (value.startsWith('[')) {
      items.push(...flowItems(value.replace(/^\[|\]$/g, '')).map(scalar));
    } else if (list === tags) {
      items.push(...scalar(value).split(/[,\s]+/));
    } else {
      items.push(...(/^["']/.test(value) ? [scalar(value)] : flowItems(scalar(value)).map(scalar)));
    }
    if (list === tags) tags.push(...items.map((tag) => tag.trim().replace(/^#/, '')).filter((tag) => tag !== ''));
    else aliases.push(...items.filter((alias) => alias !== '' && alias !== '~' && alias !== 'null'));
  }
  return { title, tags, aliases };
}

/** The items of a flow list's inside (`a, "b, c"`), split at the commas outside quotes. */
function flowItems(inside: string): string[] {
  return inside.match(/(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,])+/g) ?? [];
}

/**
 * A title only when the value is a YAML string: a flow list or map (`[a, b]`), an unclosed quote or bracket
 * (`[broken`, invalid YAML), an alias, tag or block scalar is not, and the heading or file name names the note.
 */
function titleScalar(raw: string): string | null {
  const value = raw.trim();
  if (/^[[{@`*&!|>%]/.test(value)) return null;
  if (/^["']/.test(value) && !/^(".*"|'.*')$/.test(value)) return null;
  return scalar(value) || null;
}

function scalar(raw: string): string {
  const value = raw.trim();
  const double = /^"(.*)"$/.exec(value);
  if (double) return double[1]!.replace(/\\(["\\])/g, '$1').trim();
  const single = /^'(.*)'$/.exec(value);
  if (single) return single[1]!.replaceAll("''", "'").trim();
  return value.replace(/\s#\s.*$/, '').trim();
}
