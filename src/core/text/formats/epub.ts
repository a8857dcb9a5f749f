import { FocalError } from '../../../shared/errors';
import type { ReadOptions, SourceBlock, SourceDocument } from '../source';
import { unzipWithinLimit } from './zip';
import { decodeText } from './encoding';
import { declaredCharset, elementsNamed, htmlBlocks, parseXhtml, parseXml, type HtmlContent } from './html';
import { joinContents } from '../source';
import { collapseWhitespace } from './plain-text';

/** Encryption that hides fonts from copying (IDPF and Adobe obfuscation), not the text: not DRM. */
const fontObfuscation = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);
const chapterTypes = new Set(['application/xhtml+xml', 'text/html', 'application/xml', 'text/xml']);

/**
 * An EPUB 2 or 3 book: META-INF/container.xml names the package (OPF), whose spine lists the chapters in
 * reading order; each XHTML chapter is walked like a web page (its `<nav>`, such as the table of contents,
 * is skipped). Progress is reported in chapters. The title is the package's `dc:title`. A book whose content
 * is encrypted (DRM) is refused as `protected`; a missing container or package is `malformed`.
 */
export async function readEpub(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const meta = unzipWithinLimit(bytes, (name) => name.startsWith('META-INF/'), 'EPUB');
  refuseDrm(meta);
  const container = meta['META-INF/container.xml'];
  if (!container) throw new FocalError('malformed', 'This EPUB is damaged: it has no META-INF/container.xml.');
  const packagePath = elementsNamed(parseXml(xmlText(container)), 'rootfile')
    .map((rootfile) => rootfile.getAttribute('full-path'))
    .find((path) => path && /\.opf$/i.test(path));
  if (!packagePath) throw new FocalError('malformed', 'This EPUB is damaged: its container names no package (.opf) file.');
  const opfBytes = unzipWithinLimit(bytes, (name) => name === packagePath, 'EPUB')[packagePath];
  if (!opfBytes) throw new FocalError('malformed', `This EPUB is damaged: its package file ${packagePath} is missing.`);
  const book = readPackage(xmlText(opfBytes), packagePath);

  const wanted = new Set(book.chapters);
  const chapters = unzipWithinLimit(bytes, (name) => wanted.has(name), 'EPUB');
  const read: HtmlContent[] = [];
  let missing = 0;
  book.chapters.forEach((path, index) => {
    options.checkpoint?.();
    const chapter = chapters[path];
    if (chapter) read.push(chapterBlocks(chapter));
    else missing++;
    options.onProgress?.(index + 1, book.chapters.length);
  });
  const { blocks, marks, code } = joinContents(read);
  if (blocks.length === 0) throw new FocalError('empty', 'This EPUB has no text to study.');
  const warnings = missing > 0 ? [`${missing} of ${book.chapters.length} chapters listed in the book are missing from the file.`] : [];
  return { format: 'epub', title: book.title, blocks, marks, code, links: [], tags: [], pageCount: null, warnings };
}

/** Adobe ADEPT and Apple FairPlay list encrypted resources in encryption.xml (and keep rights.xml / sinf.xml beside it). */
function refuseDrm(meta: Record<string, Uint8Array>): void {
  const refusal = new FocalError('protected', 'This EPUB is protected by DRM: its chapters are encrypted, so Focal cannot read them. Import a DRM-free copy of the book.');
  if (meta['META-INF/rights.xml'] || meta['META-INF/sinf.xml']) throw refusal;
  const encryption = meta['META-INF/encryption.xml'];
  if (!encryption) return;
  const entries = elementsNamed(parseXml(xmlText(encryption)), 'encrypteddata');
  const protectsText = entries.some((entry) => {
    const algorithm = elementsNamed(entry, 'encryptionmethod')[0]?.getAttribute('Algorithm') ?? '';
    return !fontObfuscation.has(algorithm);
  });
  if (protectsText) throw refusal;
}

interface BookPackage {
  title: string | null;
  /** Zip paths of the spine's documents, in reading order. */
  chapters: string[];
}

function readPackage(opf: string, packagePath: string): BookPackage {
  const document = parseXml(opf);
  const base = packagePath.includes('/') ? packagePath.slice(0, packagePath.lastIndexOf('/')) : '';
  const manifest = new Map<string, { href: string; type: string }>();
  for (const item of elementsNamed(document, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (id && href) manifest.set(id, { href, type: (item.getAttribute('media-type') ?? '').toLowerCase() });
  }
  const spine = elementsNamed(document, 'itemref');
  if (manifest.size === 0 || spine.length === 0) {
    throw new FocalError('malformed', 'This EPUB is damaged: its package file lists no chapters.');
  }
  const chapters = spine
    .map((itemref) => manifest.get(itemref.getAttribute('idref') ?? ''))
    .filter((item) => item !== undefined && (chapterTypes.has(item.type) || /\.x?html?$/i.test(item.href)))
    .map((item) => resolvePath(base, item!.href));
  const title = collapseWhitespace(elementsNamed(document, 'title')[0]?.textContent ?? '') || null;
  return { title, chapters: [...new Set(chapters)] };
}

/** A manifest href resolved against the package's folder into a zip path (`../`, `./` and %-escapes handled, fragment dropped). */
function resolvePath(base: string, href: string): string {
  let path = href.split('#')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray '%' is taken literally.
  }
  const parts: string[] = [];
  for (const part of [...(path.startsWith('/') ? [] : base.split('/')), ...path.split('/')]) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function chapterBlocks(bytes: Uint8Array): HtmlContent {
  const { text } = decodeText(bytes, declaredCharset(bytes));
  return htmlBlocks(parseXhtml(text).body);
}

function xmlText(bytes: Uint8Array): string {
  return decodeText(bytes, declaredCharset(bytes)).text;
}
