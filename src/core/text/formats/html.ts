import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { FocalError } from '../../../shared/errors';
import { fencedCode, markQuote, type BlockKind, type BlockMarks, type CodeBlock, type ReadOptions, type SourceBlock, type SourceDocument } from '../source';
import { decodeText } from './encoding';
import { collapseWhitespace } from './plain-text';

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Never text to study: code, chrome, embedded objects and form controls. */
const skipped = new Set([
  'script', 'style', 'noscript', 'template', 'nav', 'footer', 'pre', 'iframe', 'frame', 'frameset', 'object',
  'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'img', 'picture', 'map', 'button', 'select', 'textarea',
  'input', 'head', 'title', 'meta', 'link', 'base',
]);

/** Elements that start a new block; everything else is inline and joins the text around it. */
const blockLevel = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'noscript', 'iframe', 'video', 'audio', 'canvas', 'svg',
  'math', 'object', 'template', 'script', 'style',
]);

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Inside a list item, these are blocks of their own rather than part of the item's text. */
const nestedInItem = new Set(['ul', 'ol', 'menu', 'dl', 'table', 'blockquote', 'pre', 'figure']);

/** Nesting deeper than this is read as flat text, so hostile documents cannot exhaust the stack. */
const maxDepth = 128;

/** Site and wiki furniture that Readability can keep inside an article: never text to study. */
const furniture = [
  '#siteSub', '#contentSub', '.hatnote', '.dablink', '.infobox', '.reflist', 'ol.references', '.mw-references-wrap',
  '#catlinks', '.catlinks', '.navbox', '.vertical-navbox', '#toc', '.toc', '.printfooter', 'dialog',
  '[role="dialog"]', '[role="alertdialog"]', '[role="navigation"]', '[role="contentinfo"]', '[role="complementary"]',
  '[role="doc-endnotes"]',
].join(', ');

/** Chrome around the main text, dropped only when the whole body is read (inside an article they may be content). */
const bodyChrome = 'nav, footer, aside, [role="banner"], [role="search"]';

/** The same chrome known only by a class or id token (`main-menu`, `sidebar`), also body-only. */
const chromeToken = /(^|[^a-z])(menu|nav|navbar|navigation|sidebar|breadcrumbs?|comments?|related|social|share|sponsored|newsletter|subscribe|popup|modal)([^a-z]|$)/i;

/** A site header by class or id (`header`, `site-header`); like `<header>`, chrome only when it holds no heading. */
const headerToken = /(^|[^a-z])header([^a-z]|$)/i;

const headings = 'h1, h2, h3, h4, h5, h6';

/** Consent banners, by what their id, class or label says. */
const bannerWords = /cookie|consent|gdpr|banner/i;

/** A footer or copyright line that is not marked as `<footer>`: a class or id token such as `site-footer`. */
const footerToken = /(^|[-_\s])(footer|copyright)([-_\s]|$)/i;

/** Headings (by id, or text with spaces as `_`) of sections that list sources or links rather than say anything. */
const referenceSection = /^(references|footnotes|citations|notes_and_references|external_links|further_reading)$/i;

/** A short paragraph that is only a copyright notice. */
const copyrightLine = /^(©|\(c\)\s*\d{4}|copyright\s+(©\s*)?\d{4})|all rights reserved\.?$/i;

/** Below this share of the cleaned body's text, Readability picked the wrong part of the page. */
const minArticleShare = 0.5;

/**
 * A saved web page. Parsed with linkedom (nothing runs, nothing is fetched), cleared of wiki and site furniture
 * (edit links, hatnotes, infoboxes, reference lists, consent banners, dialogs), reduced to its article by
 * Readability, and walked into blocks. The whole body, without its chrome, is walked instead when Readability
 * finds no article or one that holds little of the body's text (a page of definitions, where Readability takes
 * the cookie banner). The title is Readability's (from `<title>` and the page's headings), else `<title>`,
 * else the first h1.
 */
export async function readHtml(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const { text: html } = decodeText(bytes, declaredCharset(bytes));
  options.checkpoint?.();
  const parse = looksLikeXhtml(html) ? parseXhtml : parseHtml;
  const page = parse(html);
  const pageTitle = collapseWhitespace(page.title ?? '');
  clearFurniture(page);
  let article: { title?: string | null; content?: string | null } | null = null;
  // Readability's cleaning compares each element with all those inside it: on elements nested thousands deep it
  // took minutes (5,000 nested divs: 4 minutes). No page of text nests that deep; its body is read whole instead.
  if (!nestsDeeperThan(page.body, maxDepth)) {
    try {
      // Classes kept: they name a code block's language and mark footnote links (htmlBlocks reads both).
      article = new Readability(page, { keepClasses: true }).parse();
    } catch {
      article = null;
    }
  }
  options.checkpoint?.();
  const body = parse(html);
  clearFurniture(body);
  removeAll(body, bodyChrome);
  removeMarked(body, (element) => chromeToken.test(namesOf(element)));
  const bodyContent = htmlBlocks(body.body);
  let content = article?.content ? htmlBlocks(parseHtml(wrapBody(article.content)).body) : null;
  if (!content || content.blocks.length === 0 || coveredLength(content.blocks, bodyContent.blocks) < minArticleShare * textLength(bodyContent.blocks)) content = bodyContent;
  const { blocks, marks, code } = keepBlocks(content, (block) => !(block.kind === 'paragraph' && block.text.length < 200 && copyrightLine.test(block.text)));
  if (blocks.length === 0) throw new FocalError('empty', 'This web page has no text to study.');
  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text ?? null;
  const title = collapseWhitespace(article?.title ?? '') || pageTitle || firstHeading;
  return { format: 'html', title, blocks, marks, code, links: [], tags: [], pageCount: null, warnings: [] };
}

/** Whether any element under `root` sits more than `limit` elements deep; walked without recursion. */
function nestsDeeperThan(root: Element | null | undefined, limit: number): boolean {
  if (!root) return false;
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Removes what is never study text from a page, in place: edit-section links (so `<div class="mw-heading">`
 * headings survive Readability, unwrapped, and older headings lose "[edit]"), the furniture above, sections of
 * references and external links, site headers without a heading (logo, search), and consent banners and footers
 * known only by id or class.
 */
function clearFurniture(page: Document): void {
  removeAll(page, '.mw-editsection');
  for (const link of Array.from(page.querySelectorAll('a'))) {
    if (/^\[?\s*edit\s*\]?$/i.test(collapseWhitespace(link.textContent ?? ''))) removeEditLink(link);
  }
  for (const wrapper of Array.from(page.querySelectorAll('.mw-heading'))) wrapper.replaceWith(...Array.from(wrapper.childNodes));
  removeAll(page, furniture);
  for (const heading of Array.from(page.querySelectorAll('h2, h3, h4, h5, h6'))) {
    if (heading.isConnected && isReferenceHeading(heading)) removeSection(heading);
  }
  removeMarked(page, (element) => {
    const names = namesOf(element);
    if ((tagOf(element) === 'header' || headerToken.test(names)) && !element.querySelector(headings)) return true;
    return bannerWords.test(`${names} ${element.getAttribute('aria-label') ?? ''}`) || footerToken.test(names);
  });
}

/**
 * Removes the elements `isChrome` picks, unless they hold the page's structure: html, body, main, article, an
 * h1, or half of the page's text.
 */
function removeMarked(page: Document, isChrome: (element: Element) => boolean): void {
  const pageText = page.body?.textContent?.length ?? 0;
  for (const element of Array.from(page.querySelectorAll('header, [id], [class], [aria-label]'))) {
    if (!element.isConnected || !isChrome(element)) continue;
    if (['html', 'body', 'main', 'article'].includes(tagOf(element)) || element.querySelector('main, article, h1')) continue;
    if ((element.textContent?.length ?? 0) * 2 < pageText) element.remove();
  }
}

/** An element's id and classes, as one string to test for tokens. */
function namesOf(element: Element): string {
  return `${element.id} ${element.getAttribute('class') ?? ''}`;
}

function removeAll(page: Document, selector: string, keep: (element: Element) => boolean = () => true): void {
  for (const element of Array.from(page.querySelectorAll(selector))) if (keep(element)) element.remove();
}

/** Removes an edit link with the brackets written around it: `[<a>edit</a>]`. */
function removeEditLink(link: Element): void {
  const before = link.previousSibling;
  const after = link.nextSibling;
  if (before?.nodeType === TEXT_NODE && after?.nodeType === TEXT_NODE && /\[\s*$/.test(before.nodeValue ?? '') && /^\s*\]/.test(after.nodeValue ?? '')) {
    before.nodeValue = (before.nodeValue ?? '').replace(/\[\s*$/, '');
    after.nodeValue = (after.nodeValue ?? '').replace(/^\s*\]/, '');
  }
  link.remove();
}

function isReferenceHeading(heading: Element): boolean {
  const ids = [heading, ...Array.from(heading.querySelectorAll('[id]'))].map((element) => element.id);
  const text = collapseWhitespace(heading.textContent ?? '').replace(/ /g, '_');
  return [...ids, text].some((name) => referenceSection.test(name));
}

/** Removes a heading and what follows it up to the next heading of the same or a higher level. */
function removeSection(heading: Element): void {
  const level = Number(tagOf(heading).slice(1));
  const ends = Array.from({ length: level }, (_, i) => `h${i + 1}`).join(', ');
  let start: Element = heading;
  while (start.parentElement && start.parentElement.children.length === 1 && tagOf(start.parentElement) !== 'body') start = start.parentElement;
  for (let next = start.nextElementSibling; next && !next.matches(ends) && !next.querySelector(ends); next = start.nextElementSibling) next.remove();
  start.remove();
}

/** Characters of `blocks` whose text is also in `reference`: what an article shares with the page's main text. */
function coveredLength(blocks: SourceBlock[], reference: SourceBlock[]): number {
  const known = new Set(reference.map((block) => block.text));
  const all = reference.map((block) => block.text).join('\n');
  return textLength(blocks.filter((block) => known.has(block.text) || all.includes(block.text)));
}

function textLength(blocks: SourceBlock[]): number {
  return blocks.reduce((sum, block) => sum + block.text.length, 0);
}

function looksLikeXhtml(html: string): boolean {
  return /^\s*<\?xml|<html[^>]+xmlns=["']http:\/\/www\.w3\.org\/1999\/xhtml/i.test(html.slice(0, 2048));
}

/** Parses HTML into an inert document: linkedom has no script engine and loads no resources. */
export function parseHtml(html: string): Document {
  return parseHTML(html).document;
}

/** Parses XHTML as HTML (which tolerates what sloppy XHTML gets wrong), after writing `<a id="x"/>` or `<p/>` as an empty pair: read as HTML, they would swallow what follows. */
export function parseXhtml(xhtml: string): Document {
  const expanded = xhtml.replace(/<([A-Za-z][\w:.-]*)(\s[^<>]*?)?\s*\/>/g, (whole, tag: string, attributes: string | undefined) =>
    voidElements.has(tag.toLowerCase()) ? whole : `<${tag}${attributes ?? ''}></${tag}>`,
  );
  return parseHtml(expanded);
}

/** Parses XML (EPUB's container and package files, Office properties) into an inert document. */
export function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}

/** Elements by local name, whatever their namespace prefix (`dc:title`, `opf:item`, `item`). */
export function elementsNamed(root: Document | Element, localName: string): Element[] {
  return Array.from(root.querySelectorAll('*')).filter((element) => tagOf(element) === localName);
}

/** Puts a fragment (an article, mammoth's output) in a full document so that it parses into `<body>`. */
export function wrapBody(fragment: string): string {
  return `<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`;
}

/** The charset an HTML or XHTML file declares in its first kilobyte (`<meta charset>`, `http-equiv`, or the XML prolog). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const prolog = /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return meta?.[1] ?? prolog?.[1];
}

/** An HTML tree's blocks, with what the reader shows around them and never reads (see SourceDocument). */
export interface HtmlContent {
  blocks: SourceBlock[];
  marks: Array<BlockMarks | undefined>;
  code: CodeBlock[];
}

/**
 * The blocks of an HTML tree, in document order: h1–h6 → `heading`, p and loose text → `paragraph`, li →
 * `list-item` (its own text; nested lists follow as their own items), tr → `table-row` (non-empty cells
 * joined by " | "), text inside blockquote → `quote`, figcaption and table captions → `caption`, a definition
 * list's dd → `paragraph` "term: definition". List items keep their marker ("- ", "3. ", indented by nesting)
 * and table rows their pipes, a header row (th cells, or thead) its delimiter line, as marks, so the reader
 * lays out lists and tables as the Markdown reader's; pre → code, shown and never read. Script, style, nav,
 * footer and media are skipped, and so is a block whose only text is `<code>`; inline code inside a sentence
 * is kept, since the sentence needs it; footnote and citation markers are dropped. Shared by the HTML, DOCX and
 * EPUB readers.
 */
export function htmlBlocks(root: ParentNode | null | undefined): HtmlContent {
  const content: HtmlContent = { blocks: [], marks: [], code: [] };
  if (root) walkContainer(root, false, 0, content);
  return content;
}

/** The blocks `keep` accepts, with their marks, and the code that stood before each block kept where it was. */
export function keepBlocks(content: HtmlContent, keep: (block: SourceBlock) => boolean): HtmlContent {
  const kept: HtmlContent = { blocks: [], marks: [], code: [] };
  let nextCode = 0;
  const codeBefore = (index: number) => {
    for (; nextCode < content.code.length && content.code[nextCode]!.before <= index; nextCode++) kept.code.push({ ...content.code[nextCode]!, before: kept.blocks.length });
  };
  content.blocks.forEach((block, index) => {
    codeBefore(index);
    if (!keep(block)) return;
    if (content.marks[index]) kept.marks[kept.blocks.length] = content.marks[index];
    kept.blocks.push(block);
  });
  codeBefore(content.blocks.length);
  return kept;
}

function walkContainer(node: ParentNode, inQuote: boolean, depth: number, out: HtmlContent): void {
  let run: Node[] = [];
  const flush = () => {
    if (run.length > 0) emit(out, inQuote ? 'quote' : 'paragraph', inlineText(run));
    run = [];
  };
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) run.push(child);
    else if (child.nodeType !== ELEMENT_NODE) continue;
    else if (!blockLevel.has(tagOf(child))) run.push(child);
    else {
      flush();
      walkBlock(child as Element, inQuote, depth + 1, out);
    }
  }
  flush();
}

function walkBlock(element: Element, inQuote: boolean, depth: number, out: HtmlContent): void {
  const tag = tagOf(element);
  if (tag === 'pre') {
    const code = (element.textContent ?? '').replace(/^\n/, '').trimEnd();
    if (code.trim() !== '') out.code.push({ before: out.blocks.length, text: '  '.repeat(listsAround(element)) + fencedCode(code, codeLanguage(element)) });
    return;
  }
  if (skipped.has(tag) || tag === 'hr') return;
  if (depth > maxDepth) {
    emit(out, inQuote ? 'quote' : 'paragraph', inlineText([element]));
    return;
  }
  const heading = /^h([1-6])$/.exec(tag);
  if (heading) {
    emit(out, inQuote ? 'quote' : 'heading', inlineText([element]), inQuote ? undefined : Number(heading[1]));
  } else if (tag === 'li') {
    const nested = Array.from(element.children).filter((child) => nestedInItem.has(tagOf(child)));
    emit(out, 'list-item', inlineText([element], new Set(nested)), undefined, listItemMarks(element));
    for (const child of nested) walkBlock(child, inQuote, depth + 1, out);
  } else if (tag === 'tr') {
    const cells = Array.from(element.children).filter((child) => tagOf(child) === 'td' || tagOf(child) === 'th');
    const texts = cells.map((cell) => collapseWhitespace(inlineText([cell]))).filter((text) => text !== '');
    const delimiter = isHeaderRow(element, cells) ? `\n|${' --- |'.repeat(texts.length)}` : '';
    emit(out, 'table-row', texts.join(' | '), undefined, { before: '| ', after: ` |${delimiter}` });
  } else if (tag === 'figcaption' || tag === 'caption') {
    emit(out, 'caption', inlineText([element]));
  } else if (tag === 'dl') {
    walkDefinitions(element, inQuote, depth, out);
  } else if (tag === 'blockquote' && !inQuote) {
    // Its paragraphs are marked as the Markdown reader marks a quote's, so the reader shows them as one quote.
    const first = out.blocks.length;
    walkContainer(element, true, depth, out);
    markQuote(out, first);
  } else {
    walkContainer(element, inQuote || tag === 'blockquote', depth, out);
  }
}

/**
 * A definition list, each definition as one block "term: definition" (terms that share a definition joined by
 * ", "; a term with several definitions repeated), so that the definition reads as a sentence about its term.
 * A term without a definition stays a block of its own; lists inside a definition follow it.
 */
function walkDefinitions(list: Element, inQuote: boolean, depth: number, out: HtmlContent): void {
  const kind = inQuote ? 'quote' : 'paragraph';
  let terms: string[] = [];
  let defined = false;
  const endTerms = () => {
    if (!defined) for (const term of terms) emit(out, kind, term);
    terms = [];
    defined = false;
  };
  const isEntry = (element: Element) => tagOf(element) === 'dt' || tagOf(element) === 'dd';
  const grouped = (element: Element) => tagOf(element) === 'div' && Array.from(element.children).some(isEntry);
  const entries = Array.from(list.children).flatMap((child) => (grouped(child) ? Array.from(child.children) : [child]));
  for (const entry of entries) {
    const tag = tagOf(entry);
    if (tag === 'dt') {
      if (defined) endTerms();
      const term = collapseWhitespace(inlineText([entry])).replace(/\s*[:：]$/, '');
      if (term) terms.push(term);
    } else if (tag === 'dd') {
      const nested = Array.from(entry.children).filter((child) => nestedInItem.has(tagOf(child)));
      const definition = collapseWhitespace(inlineText([entry], new Set(nested)));
      const label = terms.join(', ');
      emit(out, kind, label && definition ? `${label}: ${definition}` : label || definition);
      defined = true;
      for (const child of nested) walkBlock(child, inQuote, depth + 1, out);
    } else {
      endTerms();
      walkBlock(entry, inQuote, depth + 1, out);
    }
  }
  endTerms();
}

function emit(out: HtmlContent, kind: BlockKind, raw: string, level?: number, marks?: BlockMarks): void {
  const text = collapseWhitespace(raw);
  if (!text) return;
  if (marks) out.marks[out.blocks.length] = marks;
  out.blocks.push(level === undefined ? { kind, text } : { kind, text, level });
}

const listTags = new Set(['ul', 'ol', 'menu']);

/** A list item's marker, as the Markdown reader writes it: "- " or its number in an ol, two spaces per list it is nested in. */
function listItemMarks(item: Element): BlockMarks {
  const lists = listsAround(item);
  const list = item.parentElement;
  let marker = '- ';
  if (list && tagOf(list) === 'ol') {
    const start = Number.parseInt(list.getAttribute('start') ?? '1', 10);
    const index = Array.from(list.children).filter((child) => tagOf(child) === 'li').indexOf(item);
    marker = `${(Number.isFinite(start) ? start : 1) + index}. `;
  }
  return { before: '  '.repeat(Math.max(0, lists - 1)) + marker, after: '' };
}

/** How many lists an element sits in. */
function listsAround(element: Element): number {
  let lists = 0;
  for (let at = element.parentElement; at && lists <= maxDepth; at = at.parentElement) if (listTags.has(tagOf(at))) lists++;
  return lists;
}

/** A table's header row: in its thead, or its first row when every cell is a th. */
function isHeaderRow(row: Element, cells: readonly Element[]): boolean {
  const section = row.parentElement;
  if (section && tagOf(section) === 'thead') return true;
  if (cells.length === 0 || !cells.every((cell) => tagOf(cell) === 'th')) return false;
  const table = section && tagOf(section) === 'table' ? section : section?.parentElement;
  return table?.querySelector('tr') === row;
}

/** The language a code block names by class (`language-python`, `lang-js`), as highlighters and Markdown converters write it. */
function codeLanguage(pre: Element): string {
  const classes = `${pre.getAttribute('class') ?? ''} ${pre.querySelector('code')?.getAttribute('class') ?? ''}`;
  return /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/.exec(classes)?.[1] ?? '';
}

/**
 * The text of some nodes and their descendants, gathered without recursion: `<br>` and block boundaries
 * become line breaks, skipped elements, note markers and `excluded` ones contribute nothing (a dropped marker
 * between a sentence's end and the next word leaves a space). Empty when all of it is code.
 */
function inlineText(nodes: Node[], excluded: Set<Element> = new Set()): string {
  const parts: string[] = [];
  let proseLength = 0;
  const stack: Array<{ node: Node; inCode: boolean } | '\n'> = nodes.map((node) => ({ node, inCode: false })).reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === '\n') {
      parts.push('\n');
      continue;
    }
    const { node, inCode } = next;
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      parts.push(text);
      if (!inCode) proseLength += text.trim().length;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE || excluded.has(node as Element)) continue;
    const tag = tagOf(node);
    if (tag === 'br') parts.push('\n');
    if (skipped.has(tag)) continue;
    if (isNoteMarker(node as Element, parts)) {
      parts.push(droppedMarker);
      continue;
    }
    const isBlock = blockLevel.has(tag);
    const childInCode = inCode || tag === 'code' || tag === 'kbd' || tag === 'samp';
    if (isBlock) stack.push('\n');
    for (const child of Array.from(node.childNodes).reverse()) stack.push({ node: child, inCode: childInCode });
    if (isBlock) stack.push('\n');
  }
  if (proseLength === 0) return '';
  return parts.join('').replace(/(?<=[.!?;:,)\]"”’])\u0000+(?=\p{L})/gu, ' ').replaceAll(droppedMarker, '');
}

/** Stands where a note marker was, until the text is joined. */
const droppedMarker = '\u0000';

/** A link's target or marks that make it a footnote reference or a note's link back to its reference. */
const noteHref = /^#(cite|fn|note|footnote|endnote|ref)/i;
const noteLinkClass = /footnote-(ref|back)|noteref|backlink/i;

/**
 * A footnote or citation marker, never part of a sentence: a `<sup>` holding `[1]`, `[a]`, `[citation needed]`,
 * `*` or `†`, or linking to a note; a bare number or letter in `<sup>` only right after punctuation (`cell.¹`,
 * where `m²` or `10⁹` is kept); a noteref link (`role="doc-noteref"`, `epub:type="noteref"`, class `footnote-ref`)
 * and a note's back link (`↩`, `↑`).
 */
function isNoteMarker(element: Element, before: string[]): boolean {
  const tag = tagOf(element);
  if (tag === 'a') return isNoteLink(element);
  if (tag !== 'sup') return false;
  const text = collapseWhitespace(element.textContent ?? '');
  if (/^\[[^[\]]{1,30}\]$/.test(text) || /^[*†‡§¶]+$/.test(text)) return true;
  if (Array.from(element.querySelectorAll('a')).some((link) => isNoteLink(link) || noteHref.test(link.getAttribute('href') ?? ''))) return true;
  return /^(\d{1,3}|[a-z])([,–-]\s*(\d{1,3}|[a-z]))*$/.test(text) && /[.,;:!?)"”’]$/.test(lastText(before));
}

function isNoteLink(link: Element): boolean {
  const role = link.getAttribute('role') ?? '';
  const epubType = link.getAttribute('epub:type') ?? '';
  if (/doc-(noteref|backlink)/.test(role) || /noteref/.test(epubType)) return true;
  if (noteLinkClass.test(`${link.getAttribute('class') ?? ''} ${link.id}`)) return true;
  return noteHref.test(link.getAttribute('href') ?? '') && /^[↑↩︎^]+$/u.test(collapseWhitespace(link.textContent ?? ''));
}

/** The text gathered so far, from its last non-blank part. */
function lastText(parts: string[]): string {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.trim() && parts[i] !== droppedMarker) return parts[i]!.trimEnd();
  return '';
}

function tagOf(node: Node): string {
  const name = (node as Element).localName ?? node.nodeName;
  return (name.includes(':') ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
}
