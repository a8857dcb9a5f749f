import { Readability } from '@mozilla/readability';
import { DOMParser, parseHTML } from 'linkedom';
import { FocalError } from '../../../shared/errors';
import type { BlockKind, ReadOptions, SourceBlock, SourceDocument } from '../source';
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

/**
 * A saved web page. Parsed with linkedom (nothing runs, nothing is fetched), reduced to its article by
 * Readability, and walked into blocks; when Readability finds no article, the whole body is walked. The
 * title is Readability's (from `<title>` and the page's headings), else `<title>`, else the first h1.
 */
export async function readHtml(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const { text: html } = decodeText(bytes, declaredCharset(bytes));
  options.checkpoint?.();
  const parse = looksLikeXhtml(html) ? parseXhtml : parseHtml;
  const page = parse(html);
  const pageTitle = collapseWhitespace(page.title ?? '');
  let article: { title?: string | null; content?: string | null } | null = null;
  try {
    article = new Readability(page, { keepClasses: false }).parse();
  } catch {
    article = null;
  }
  options.checkpoint?.();
  let blocks = article?.content ? htmlBlocks(parseHtml(wrapBody(article.content)).body) : [];
  if (blocks.length === 0) blocks = htmlBlocks(parse(html).body);
  if (blocks.length === 0) throw new FocalError('empty', 'This web page has no text to study.');
  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text ?? null;
  const title = collapseWhitespace(article?.title ?? '') || pageTitle || firstHeading;
  return { format: 'html', title, blocks, links: [], tags: [], pageCount: null, warnings: [] };
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

/**
 * The blocks of an HTML tree, in document order: h1–h6 → `heading`, p and loose text → `paragraph`, li →
 * `list-item` (its own text; nested lists follow as their own items), tr → `table-row` (non-empty cells
 * joined by " | "), text inside blockquote → `quote`, figcaption and table captions → `caption`. Script, style,
 * nav, footer, pre and media are skipped, and so is a block whose only text is `<code>`; inline code inside a
 * sentence is kept, since the sentence needs it. Shared by the HTML, DOCX and EPUB readers.
 */
export function htmlBlocks(root: ParentNode | null | undefined): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  if (root) walkContainer(root, false, 0, blocks);
  return blocks;
}

function walkContainer(node: ParentNode, inQuote: boolean, depth: number, out: SourceBlock[]): void {
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

function walkBlock(element: Element, inQuote: boolean, depth: number, out: SourceBlock[]): void {
  const tag = tagOf(element);
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
    emit(out, 'list-item', inlineText([element], new Set(nested)));
    for (const child of nested) walkBlock(child, inQuote, depth + 1, out);
  } else if (tag === 'tr') {
    const cells = Array.from(element.children).filter((child) => tagOf(child) === 'td' || tagOf(child) === 'th');
    const texts = cells.map((cell) => collapseWhitespace(inlineText([cell]))).filter((text) => text !== '');
    emit(out, 'table-row', texts.join(' | '));
  } else if (tag === 'figcaption' || tag === 'caption') {
    emit(out, 'caption', inlineText([element]));
  } else {
    walkContainer(element, inQuote || tag === 'blockquote', depth, out);
  }
}

function emit(out: SourceBlock[], kind: BlockKind, raw: string, level?: number): void {
  const text = collapseWhitespace(raw);
  if (!text) return;
  out.push(level === undefined ? { kind, text } : { kind, text, level });
}

/**
 * The text of some nodes and their descendants, gathered without recursion: `<br>` and block boundaries
 * become line breaks, skipped elements and `excluded` ones contribute nothing. Empty when all of it is code.
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
    const isBlock = blockLevel.has(tag);
    const childInCode = inCode || tag === 'code' || tag === 'kbd' || tag === 'samp';
    if (isBlock) stack.push('\n');
    for (const child of Array.from(node.childNodes).reverse()) stack.push({ node: child, inCode: childInCode });
    if (isBlock) stack.push('\n');
  }
  return proseLength > 0 ? parts.join('') : '';
}

function tagOf(node: Node): string {
  const name = (node as Element).localName ?? node.nodeName;
  return (name.includes(':') ? name.slice(name.indexOf(':') + 1) : name).toLowerCase();
}
