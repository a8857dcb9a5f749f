/**
 * PDF reader: the one adapter for pdfjs-dist (legacy build, plain Node, no DOM). It extracts positioned text
 * page by page and hands it to the pure layout in pdf-layout.ts; here live only what needs pdfjs or the
 * file's bytes: opening (passwords, damage), coordinates, metadata and telling why a file has no text.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FocalError } from '../../../shared/errors';
import type { ReadOptions, SourceDocument } from '../source';
import { layoutPdfPages, type PdfPageText, type PdfTextRun } from './pdf-layout';
import { looksGarbled } from '../garbled-text';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** pdfjs PasswordException codes. */
const needPassword = 1;
const incorrectPassword = 2;

/** Pages without text whose drawing is inspected to tell a scan from a blank page. */
const pagesToInspect = 3;
/**
 * A document with no more letters and digits than this per page, on pages that paint images, is a scan: its
 * "text" is a stray producer stamp or page label (scan-bad.pdf's only text is "pdf.js"), not a text layer.
 */
const maxStrayCharsPerPage = 12;
/** The damage scan of the raw bytes (only run when a file yields no text) looks at most this much. */
const maxScanBytes = 64 * 1024 * 1024;

let pdfjsModule: Promise<{ pdfjs: Pdfjs; packageDir: string }> | null = null;

/**
 * Loads pdfjs once. In Node pdfjs never starts a real worker: it runs its parser in this thread through a
 * "fake worker" that imports `GlobalWorkerOptions.workerSrc`. We point that at the package's own worker
 * file by absolute URL, so it resolves the same under tsx, vitest and a bundled Electron main process.
 */
function loadPdfjs(): Promise<{ pdfjs: Pdfjs; packageDir: string }> {
  pdfjsModule ??= (async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('pdfjs-dist/package.json'));
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(packageDir, 'legacy', 'build', 'pdf.worker.mjs')).href;
    return { pdfjs, packageDir };
  })().catch((error: unknown) => {
    pdfjsModule = null;
    throw error;
  });
  return pdfjsModule;
}

/** pdfjs reads its data files with fs in Node: directory paths ending in "/", not URLs. */
function dataDir(packageDir: string, name: string): string {
  return `${join(packageDir, name)}/`;
}

/**
 * Reads a PDF's text: pages in order, columns one after the other, paragraphs joined, running headers and
 * page numbers dropped, headings by font size. Throws a FocalError for encrypted, damaged, image-only,
 * blank and unreadable files.
 */
export async function readPdf(bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
  const { pdfjs, packageDir } = await loadPdfjs();
  const open = (password: string | undefined) =>
    pdfjs.getDocument({
      // A copy: pdfjs may transfer (detach) the buffer it is given, and refuses Node Buffers.
      data: new Uint8Array(bytes),
      ...(password !== undefined ? { password } : {}),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      isOffscreenCanvasSupported: false,
      isImageDecoderSupported: false,
      enableXfa: false,
      stopAtErrors: false,
      standardFontDataUrl: dataDir(packageDir, 'standard_fonts'),
      cMapUrl: dataDir(packageDir, 'cmaps'),
      cMapPacked: true,
      wasmUrl: dataDir(packageDir, 'wasm'),
      verbosity: 0,
    });

  let task: ReturnType<typeof open> | null = null;
  try {
    let doc: PDFDocumentProxy | null = null;
    for (const password of passwordCandidates(options.password)) {
      if (task) await task.destroy();
      task = open(password);
      try {
        doc = await task.promise;
        break;
      } catch (error) {
        if (passwordCode(error) !== incorrectPassword) throw openError(error, options.password, bytes);
      }
    }
    if (!doc) throw openError(passwordError(incorrectPassword), options.password, bytes);
    return await readDocument(doc, bytes, options);
  } finally {
    if (task) await task.destroy();
  }
}

/**
 * The password as given; then, when it has non-ASCII characters, its UTF-8 bytes (older encryption
 * revisions compare raw bytes, and tools disagree on Latin-1 or UTF-8); last no password at all, so a file
 * that opens without one is read even when a stray password came along.
 */
function passwordCandidates(password: string | undefined): Array<string | undefined> {
  if (password === undefined || password === '') return [undefined];
  const utf8 = String.fromCharCode(...new TextEncoder().encode(password));
  return [...new Set([password, utf8]), undefined];
}

function passwordCode(error: unknown): number | null {
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'PasswordException') {
    return Number((error as { code?: unknown }).code);
  }
  return null;
}

function passwordError(code: number): { name: string; code: number; message: string } {
  return { name: 'PasswordException', code, message: 'Incorrect Password' };
}

/** Maps a failure to open the document to a FocalError a person can act on. */
function openError(error: unknown, password: string | undefined, bytes: Uint8Array): unknown {
  if (error instanceof FocalError) return error;
  const code = passwordCode(error);
  if (code === needPassword && !password) {
    return new FocalError('encrypted', 'This PDF is protected by a password. Enter its password to import it.');
  }
  if (code === incorrectPassword || code === needPassword) {
    return new FocalError('wrong-password', 'That password does not open this PDF. Check it (letters are case-sensitive) and try again.');
  }
  const name = error && typeof error === 'object' ? String((error as { name?: unknown }).name) : '';
  const message = error && typeof error === 'object' ? (error as { message?: unknown }).message : undefined;
  const detail = typeof message === 'string' ? message : String(error);
  if (/encryption|crypto method/i.test(detail)) {
    return new FocalError(
      'unsupported-format',
      'This PDF is locked with a kind of encryption Focal cannot open (for example a certificate). Save an unprotected copy in the app that made it, then import that.',
    );
  }
  const filters = unsupportedFilters(bytes);
  if (filters.length) return unsupportedFilterError(filters);
  if (['InvalidPDFException', 'FormatError', 'UnknownErrorException', 'MissingPDFException', 'XRefParseException'].includes(name)) {
    return new FocalError('malformed', 'This file is not a readable PDF: it is damaged, truncated or not a PDF at all.');
  }
  // pdfjs's own wording ("Invalid PDF structure.") means nothing to a reader, so it is not passed on.
  return new FocalError('malformed', 'This PDF could not be opened: it is damaged or uses something Focal cannot read.');
}

/**
 * The most pages Focal reads from one PDF: ten long textbooks' worth. A file may claim any page count, and
 * each claimed page costs a lookup, so a hostile count is refused up front instead of ending in a time-out.
 */
export const MAX_PDF_PAGES = 10_000;

async function readDocument(doc: PDFDocumentProxy, bytes: Uint8Array, options: ReadOptions): Promise<SourceDocument> {
  const pageCount = doc.numPages;
  if (pageCount === 0) throw new FocalError('empty', 'This PDF has no pages.');
  if (pageCount > MAX_PDF_PAGES) {
    throw new FocalError('too-large', `This PDF has ${pageCount.toLocaleString('en')} pages; Focal reads up to ${MAX_PDF_PAGES.toLocaleString('en')} pages from one file. Split it into parts and import those.`);
  }

  const pages: PdfPageText[] = [];
  const failedPages: number[] = [];
  const textlessPages: number[] = [];
  for (let number = 1; number <= pageCount; number += 1) {
    options.checkpoint?.();
    let page: PDFPageProxy | null = null;
    try {
      page = await doc.getPage(number);
      const text = await pageText(page, number);
      if (!text.runs.some((r) => r.text.trim())) textlessPages.push(number);
      pages.push(text);
    } catch (error) {
      if (error instanceof FocalError) throw error;
      failedPages.push(number);
    } finally {
      page?.cleanup();
    }
    options.onProgress?.(number, pageCount);
  }

  const { blocks, undecodablePages } = layoutPdfPages(pages);
  if (blocks.length === 0) throw await whyNoText(doc, bytes, { pageCount, failedPages, textlessPages, undecodablePages });
  const textChars = blocks.reduce((n, block) => n + (block.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
  const inspected = Array.from({ length: Math.min(pagesToInspect, pageCount) }, (_, i) => i + 1);
  if (textChars <= maxStrayCharsPerPage * pageCount && (await drawsSomething(doc, inspected, { imagesOnly: true }))) {
    throw noTextLayerError();
  }

  const warnings: string[] = [];
  if (failedPages.length) {
    warnings.push(`${countOf(failedPages.length, 'page')} of ${pageCount} could not be read because the file is damaged (${pageList(failedPages)}).`);
  } else if (structuralDamage(bytes)) {
    warnings.push('The file is damaged; Focal read what it could recover, so some text may be missing.');
  }
  if (textlessPages.length) {
    const verb = textlessPages.length === 1 ? 'has' : 'have';
    const pages = pageList(textlessPages);
    warnings.push(`${textlessPages.length} of ${pageCount} pages ${verb} no text layer (${pages}): blank, or scanned images that need OCR.`);
  }
  if (undecodablePages.length) {
    const pages = pageList(undecodablePages);
    warnings.push(`${countOf(undecodablePages.length, 'page')} of ${pageCount} use fonts without a Unicode map, so their text could not be read (${pages}).`);
  }
  const garbled = looksGarbled(blocks.map((block) => block.text));
  if (garbled) {
    warnings.push('The text of this PDF looks garbled: its fonts map their letters to the wrong characters, so no cards were made from it. Check it in the reader; a copy exported again, or run through OCR, would read better.');
  }

  return {
    format: 'pdf',
    // A garbled text's headings are garbled too: the file's name says more.
    title: garbled ? null : await metadataTitle(doc),
    blocks: garbled ? blocks.map(({ level: _level, ...block }) => (block.kind === 'heading' ? { ...block, kind: 'paragraph' as const } : block)) : blocks,
    links: [],
    tags: [],
    pageCount,
    warnings,
  };
}

/** One page's text runs in page space (top-left origin, y down, the page's /Rotate applied). */
async function pageText(page: PDFPageProxy, number: number): Promise<PdfPageText> {
  const { Util } = (await loadPdfjs()).pdfjs;
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const runs: PdfTextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str) continue;
    const [a, b, c, d, x, y] = Util.transform(viewport.transform, item.transform) as number[];
    const dir = item.dir === 'rtl' || item.dir === 'ttb' ? item.dir : 'ltr';
    const fontSize = Math.hypot(c!, d!);
    runs.push({
      text: item.str,
      x: x!,
      y: y!,
      width: item.width,
      height: item.height,
      fontSize: fontSize || item.height,
      dir,
      // Horizontal, left to right, after the viewport flipped y: b ≈ 0 and a > 0.
      upright: a! > 0 && Math.abs(b!) <= 0.1 * a!,
    });
  }
  return { page: number, width: viewport.width, height: viewport.height, runs };
}

// ---------------------------------------------------------------- when there is no text

interface NoTextFacts {
  pageCount: number;
  failedPages: number[];
  textlessPages: number[];
  undecodablePages: number[];
}

/** Decides which error fits a document that produced no text, most specific first. */
async function whyNoText(doc: PDFDocumentProxy, bytes: Uint8Array, facts: NoTextFacts): Promise<FocalError> {
  const { pageCount, failedPages, textlessPages, undecodablePages } = facts;
  const filters = unsupportedFilters(bytes);
  if (filters.length) return unsupportedFilterError(filters);
  if (failedPages.length === pageCount) {
    return new FocalError('malformed', 'This PDF is damaged: none of its pages could be read.');
  }
  const damage = structuralDamage(bytes) ?? contentDamage(bytes);
  if (damage) {
    return new FocalError('malformed', `This PDF is damaged (${damage}) and no text could be recovered from it.`);
  }
  if (undecodablePages.length) {
    return new FocalError(
      'unsupported-format',
      'The text in this PDF uses fonts without a Unicode map, so it cannot be read as text. Run it through OCR (or export it again from the app that made it) and import the result.',
    );
  }
  if (await drawsSomething(doc, textlessPages.slice(0, pagesToInspect))) return noTextLayerError();
  return new FocalError('empty', pageCount === 1 ? 'The only page of this PDF is blank.' : `All ${pageCount} pages of this PDF are blank.`);
}

function noTextLayerError(): FocalError {
  return new FocalError(
    'no-text-layer',
    'This PDF has no text layer: its pages are images, as in a scan. Run it through OCR (text recognition) first, then import the result.',
  );
}

/**
 * Whether any of the pages paints an image or (unless `imagesOnly`) a substantial drawing (text turned into
 * outlines, a scan).
 */
async function drawsSomething(doc: PDFDocumentProxy, pageNumbers: number[], options: { imagesOnly?: boolean } = {}): Promise<boolean> {
  const { OPS } = (await loadPdfjs()).pdfjs;
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObjectRepeat,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintSolidColorImageMask,
  ]);
  for (const number of pageNumbers) {
    try {
      const page = await doc.getPage(number);
      const { fnArray } = await page.getOperatorList();
      page.cleanup();
      if (fnArray.some((fn) => imageOps.has(fn))) return true;
      if (!options.imagesOnly && fnArray.filter((fn) => fn === OPS.constructPath).length >= 50) return true;
    } catch {
      // A page that cannot be drawn says nothing either way.
    }
  }
  return false;
}

const supportedFilters = new Set([
  'FlateDecode', 'Fl', 'LZWDecode', 'LZW', 'DCTDecode', 'DCT', 'JPXDecode', 'JPX', 'ASCII85Decode', 'A85',
  'ASCIIHexDecode', 'AHx', 'CCITTFaxDecode', 'CCF', 'RunLengthDecode', 'RL', 'JBIG2Decode', 'BrotliDecode', 'Crypt',
]);

function latin1(bytes: Uint8Array, start = 0, end = bytes.byteLength): string {
  return new TextDecoder('latin1').decode(bytes.subarray(start, Math.min(end, start + maxScanBytes)));
}

function unsupportedFilterError(filters: string[]): FocalError {
  return new FocalError(
    'unsupported-format',
    `This PDF stores its content with a compression method Focal cannot read (${filters.join(', ')}). Save or print it to a new PDF in another app, then import that.`,
  );
}

/**
 * Stream filters named in the file (outside compressed object streams) that pdfjs does not decode. Only
 * names ending in "Decode" count: /Filter also names security handlers (/Standard) and signature handlers.
 */
function unsupportedFilters(bytes: Uint8Array): string[] {
  const found = new Set<string>();
  for (const match of latin1(bytes).matchAll(/\/Filter\s*(\[[^\]]*\]|\/[^\s/<>[\]()]+)/g)) {
    for (const name of match[1]!.matchAll(/\/([^\s/<>[\]()]+)/g)) {
      if (name[1]!.endsWith('Decode') && !supportedFilters.has(name[1]!)) found.add(name[1]!);
    }
  }
  return [...found];
}

/** Damage visible at the file's ends: no header, no or wrong cross-reference pointer, no end marker. */
function structuralDamage(bytes: Uint8Array): string | null {
  if (!latin1(bytes, 0, 1024).includes('%PDF-')) return 'it does not start with a PDF header';
  const tailStart = Math.max(0, bytes.byteLength - 4096);
  const tail = latin1(bytes, tailStart);
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return 'it has no cross-reference pointer, so it was probably cut short';
  const offset = Number(/^startxref\s+(\d+)/.exec(tail.slice(at))?.[1] ?? NaN);
  const target = Number.isFinite(offset) && offset < bytes.byteLength ? latin1(bytes, offset, offset + 32) : '';
  if (!/^\s*(xref|\d+\s+\d+\s+obj)/.test(target)) return 'its cross-reference pointer leads nowhere';
  if (!/%%EOF/.test(latin1(bytes, Math.max(0, bytes.byteLength - 1024)))) return 'it is truncated: the end-of-file marker is missing';
  return null;
}

/**
 * Damage inside the file: a number far beyond the format's limits (PDF 1.7 Annex C: integers up to 2^31,
 * reals of about 38 digits), a stream whose declared /Length is wrong, or ASCII85 data with invalid characters.
 */
function contentDamage(bytes: Uint8Array): string | null {
  const text = latin1(bytes);
  const objects = text.replace(/stream(\r\n|\r|\n)[^]*?endstream/g, 'stream endstream');
  if (/(?:^|[\s[<>/(){}])[+-]?\d*\.?\d{64,}(?=[\s\]<>/(){}]|$)/.test(objects)) return 'it holds a number too long for any PDF reader';
  const streams = /<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[0-9A-Fa-f\s]*>)*)>>\s*stream(\r\n|\n|\r)/g;
  for (const match of text.matchAll(streams)) {
    const dict = match[1]!;
    const start = match.index! + match[0].length;
    const length = /\/Length\s+(\d+)(?![\d.])(?!\s+\d+\s+R)/.exec(dict)?.[1];
    if (length !== undefined) {
      const after = text.slice(start + Number(length), start + Number(length) + 24);
      if (!/^\s*endstream/.test(after)) return 'a stream’s declared length is wrong';
    }
    if (/\/Filter\s*\[?\s*\/(ASCII85Decode|A85)\b/.test(dict)) {
      const end = text.indexOf('endstream', start);
      const data = text.slice(start, end < 0 ? undefined : end);
      const body = data.slice(0, data.includes('~>') ? data.indexOf('~>') : undefined);
      if (/[^!-uz\s]/.test(body)) return 'a stream holds invalid ASCII85 data';
    }
  }
  return null;
}

// ---------------------------------------------------------------- metadata and wording

async function metadataTitle(doc: PDFDocumentProxy): Promise<string | null> {
  try {
    const { info, metadata } = await doc.getMetadata();
    const infoTitle = (info as { Title?: unknown } | null)?.Title;
    const fromInfo = typeof infoTitle === 'string' ? meaningfulTitle(infoTitle) : null;
    if (fromInfo) return fromInfo;
    const xmpTitle = metadata?.get('dc:title');
    return typeof xmpTitle === 'string' ? meaningfulTitle(undoubled(xmpTitle)) : null;
  } catch {
    return null;
  }
}

/** pdfjs joins the language alternatives of an XMP title, which often repeat it: "AbcAbc" → "Abc". */
function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && title.slice(0, half) === title.slice(half) ? title.slice(0, half) : title;
}

const fileExtension = /\.(docx?|rtf|odt|pdf|tex|dvi|ps|eps|indd|qxd|qxp|pages|txt|html?|xlsx?|pptx?|wpd|cdr|ai|p65|pmd|fm|mif)$/i;
const placeholderTitle =
  /^(untitled( document)?|document ?\d*|doc\d*|title|no title|none|unknown|slide \d+|presentation ?\d*|book\d*|\(?anonymous\)?)$/i;

/**
 * The metadata title if it names the document rather than the file or the tool: "Microsoft Word - " is
 * dropped, a file name counts only when it reads like words ("Annual Report 2020.docx"), paths and
 * placeholders ("Document1", "untitled") do not count.
 */
export function meaningfulTitle(raw: string): string | null {
  let title = raw
    .replace(/[\u0000-\u001f\ufeff]/g, '')
    .replace(/^(microsoft (word|powerpoint|excel) - |untitled - )/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (/^([a-z]:)?[\\/]|\\/i.test(title)) return null;
  if (fileExtension.test(title)) {
    title = title.replace(fileExtension, '').trim();
    if (!title.includes(' ')) return null;
  }
  if (title.length < 2 || !/\p{L}/u.test(title) || placeholderTitle.test(title)) return null;
  return title;
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "page 3", "pages 2, 5, 9", "pages 2, 5, 9 and 12 more". */
function pageList(pages: number[]): string {
  const shown = pages.slice(0, 8).join(', ');
  const more = pages.length > 8 ? ` and ${pages.length - 8} more` : '';
  return `${pages.length === 1 ? 'page' : 'pages'} ${shown}${more}`;
}
