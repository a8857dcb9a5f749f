/**
 * The PDF reader on real files: the pdf.js test PDFs of the evaluation corpus (../shared/eval/pdfs, next to
 * the repository; absent in a user's clone, where the corpus suites skip) and a few made-up broken inputs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FocalError, type ErrorCode } from '../../../shared/errors';
import type { ReadOptions, SourceDocument } from '../source';
import { MAX_PDF_PAGES, meaningfulTitle, readPdf } from './pdf';
import { pdfOf } from './pdf-fixture';

const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
const pdfDir = join(repoRoot, '..', 'shared', 'eval', 'pdfs');
const corpus = existsSync(join(pdfDir, 'manifest.json'));
const needsCorpus = corpus ? '' : ' (needs ../shared/eval/pdfs, absent here)';

interface ManifestEntry {
  file: string;
  tags: string;
  password: string | null;
  pages?: number;
}

const manifest: ManifestEntry[] = corpus ? JSON.parse(readFileSync(join(pdfDir, 'manifest.json'), 'utf8')) : [];

/** Each read must finish within this; the whole corpus reads in a few seconds. */
const perFileLimitMs = 10_000;

type Outcome = { doc: SourceDocument; code?: undefined } | { doc?: undefined; code: ErrorCode };

async function read(file: string, options: ReadOptions = {}): Promise<Outcome> {
  const bytes = new Uint8Array(readFileSync(join(pdfDir, file)));
  const started = performance.now();
  try {
    return { doc: await readPdf(bytes, options) };
  } catch (error) {
    expect(error).toBeInstanceOf(FocalError);
    expect((error as FocalError).message.length).toBeGreaterThan(20);
    return { code: (error as FocalError).code };
  } finally {
    expect(performance.now() - started).toBeLessThan(perFileLimitMs);
  }
}

async function readDoc(file: string, options: ReadOptions = {}): Promise<SourceDocument> {
  const outcome = await read(file, options);
  if (!outcome.doc) throw new Error(`${file} failed with ${outcome.code}`);
  return outcome.doc;
}

function expectText(outcome: Outcome, entry: ManifestEntry) {
  expect(outcome.code).toBeUndefined();
  const doc = outcome.doc!;
  expect(doc.format).toBe('pdf');
  expect(doc.blocks.some((b) => /\S/.test(b.text))).toBe(true);
  if (entry.pages) expect(doc.pageCount).toBe(entry.pages);
  for (const block of doc.blocks) {
    expect(block.text.trim()).not.toBe('');
    expect(block.page).toBeGreaterThanOrEqual(1);
    expect(block.page).toBeLessThanOrEqual(doc.pageCount!);
  }
}

/** What a file's class (the first manifest tag) allows: text, or the one error that class stands for. */
const allowedError: Record<string, ErrorCode> = {
  scanned: 'no-text-layer',
  blank: 'empty',
  malformed: 'malformed',
  'unsupported-filter': 'unsupported-format',
};

describe.skipIf(!corpus)(`PDF reader on the eval corpus${needsCorpus}`, () => {
  const placeholder: ManifestEntry = { file: 'each corpus file', tags: 'text', password: null };
  const entries = (corpus ? manifest : [placeholder]).map((entry) => [`${entry.file} (${entry.tags.split(';')[0]})`, entry] as const);

  it.each(entries)('%s gives text or the error of its class', async (_, entry) => {
    const kind = entry.tags.split(';')[0]!;
    if (kind === 'encrypted') {
      if (entry.password) {
        const opened = await read(entry.file, { password: entry.password });
        // Decrypted, the file may still hold no text (a blank page); it must not ask for a password again.
        if (opened.code) expect(opened.code).toBe('empty');
        expect((await read(entry.file)).code).toBe('encrypted');
        expect((await read(entry.file, { password: `${entry.password}-wrong` })).code).toBe('wrong-password');
      } else {
        const outcome = await read(entry.file);
        if (outcome.code) expect(outcome.code).toBe('encrypted');
        else expectText(outcome, entry);
      }
      return;
    }
    const outcome = await read(entry.file);
    if (kind === 'text') expectText(outcome, entry);
    else if (kind === 'blank') expect(outcome.code).toBe('empty');
    else if (outcome.code) expect(outcome.code).toBe(allowedError[kind]);
    else expectText(outcome, entry);
  });
});

describe.skipIf(!corpus)(`PDF reader quality on known files${needsCorpus}`, () => {
  it('reads a two-column paper column by column', async () => {
    const doc = await readDoc('bug1997343.pdf');
    expect(doc.title).toBe('A Two Column Example');
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: 'A Two Column Example', page: 1 });
    const texts = doc.blocks.map((b) => b.text);
    const abstract = texts.find((t) => t.startsWith('An example document showing automatic tagging'));
    // Its hyphenation hyphens are soft hyphens, which pdfjs drops: the words must come back whole.
    expect(abstract).toContain('in a LATEX document, including titles');
    expect(abstract).toContain('the reading order to correctly follow the flow of text through the columns.');
    expect(abstract).not.toContain('ment just uses');
    expect(texts).toContain('This document shows a typical two-column document incorporating tables, figures and mathematics.');
    expect(texts.join('\n')).not.toMatch(/\b(docu|mathemat|refer|fol) (ment|ics|enced|low)\b/);
    const introduction = texts.indexOf('1 Introduction');
    // The paragraph broken across the columns (around a footnote) reads as one, after the introduction.
    const continued = texts.findIndex((t) => t.includes('tables. 1 The document just uses standard'));
    expect(introduction).toBeGreaterThan(0);
    expect(continued).toBeGreaterThan(introduction);
    expect(doc.blocks.find((b) => b.text === '2.1 Mathematics' && b.kind === 'heading')).toMatchObject({ level: 3 });
  });

  it('reads text painted several times over (fake bold) once, not glyph by glyph interleaved', async () => {
    const texts = (await readDoc('bug900822.pdf')).blocks.map((b) => b.text).join('\n');
    expect(texts).not.toMatch(/TTTe|tt tt/);
    // Six lines of "Test test…", one of them in fake bold (read as "TTTeTeesesststt tt…" before).
    expect(texts.match(/Test test test test test test/g)).toHaveLength(6);
  });

  it('calls a scan with a stray producer string and no real text layer a scan', async () => {
    expect((await read('scan-bad.pdf')).code).toBe('no-text-layer');
    expect((await read('issue13372.pdf')).code).toBe('no-text-layer');
  });

  it('does not interleave the columns of a report and reads its side table row by row', async () => {
    const doc = await readDoc('chrome-text-selection-markedContent.pdf');
    const first = doc.blocks[0]!.text;
    expect(first).toMatch(/^We reiterate our EUR 8\.00 target price and Accumulate recommendation for Kreate following the Q4 report\./);
    expect(first).toContain('thanks to earnings growth and the dividend.');
    expect(first).not.toContain('pressures due to the guidance');
    expect(doc.blocks).toContainEqual({ kind: 'table-row', text: 'Revenue | 275.5 | 295.6 | 319.4 | 330.7', page: 1 });
  });

  it('joins words hyphenated at line ends and keeps real compounds', async () => {
    const essay = (await readDoc('issue918.pdf')).blocks.map((b) => b.text).join('\n');
    expect(essay).toContain('the relationship of people');
    expect(essay).toContain('semiosphere');
    // Its TeX fonts have no Unicode map: ligatures and quotes are read from their T1 codes, not dropped as spaces.
    expect(essay).toContain('distancing the signifier from the ordinary signified.');
    expect(essay).toContain('will not suffice to establish control');
    expect(essay).toContain('the “excusatory function of ideology”, and');
    const paper = (await readDoc('issue6132.pdf')).blocks.map((b) => b.text).join('\n');
    expect(paper).toContain('elliptic curve cryptosystems (ECCs)');
    const spec = (await readDoc('bug1019475_1.pdf')).blocks.map((b) => b.text).join('\n');
    expect(spec).toContain('to enable source-level debugging');
    const bitcoin = await readDoc('issue13201.pdf');
    expect(bitcoin.blocks.map((b) => b.text).join('\n')).toContain('non-reversible payments for non-reversible services');
    expect(bitcoin.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level])).toEqual([
      ['Bitcoin: A Peer-to-Peer Electronic Cash System', 1],
      // Its run-in "Abstract." is a heading of its own, not the first word of its first sentence.
      ['Abstract', 2],
      ['1. Introduction', 2],
    ]);
    expect(bitcoin.blocks.find((b) => b.text.startsWith('A purely peer-to-peer version'))).toBeDefined();
  });

  it('leaves out page numbers and running headers', async () => {
    for (const file of ['pdkids.pdf', 'bug1997343.pdf', 'issue13201.pdf', 'TAMReview.pdf', 'chrome-text-selection-markedContent.pdf']) {
      const doc = await readDoc(file);
      expect(doc.blocks.filter((b) => /^\s*[\d\s]+$/.test(b.text))).toEqual([]);
    }
    const book = await readDoc('pdkids.pdf');
    const bees = book.blocks.find((b) => b.text.includes('by far the greatest number'));
    expect(bees?.page).toBe(10);
    expect(bees?.text).toContain('every animal is found regularly employed. It is very delightful');
  });

  it('keeps right-to-left, vertical and rotated text as text', async () => {
    expect((await readDoc('ArabicCIDTrueType.pdf')).blocks[0]!.text).toMatch(/^انواع اخلطوط العربية/);
    const vertical = await readDoc('vertical.pdf');
    expect(vertical.blocks).toEqual([{ kind: 'paragraph', text: 'あいうえお日本語', page: 1 }]);
    expect(vertical.warnings).toEqual(['2 of 3 pages have no text layer (pages 2, 3): blank, or scanned images that need OCR.']);
    const rotated = await readDoc('rotation.pdf');
    expect(rotated.blocks.map((b) => [b.page, b.text])).toEqual([
      [1, 'This is my first page with normal layout. This is the second line on the page.'],
      [2, 'This is my second page. It will have a landscape layout. Second line here.'],
    ]);
  });

  it('warns about pages whose fonts have no Unicode map, and about damage it recovered from', async () => {
    const paper = await readDoc('TAMReview.pdf');
    expect(paper.title).toBe('Overview of the Technology Acceptance Model: Origins, Developments and Future Directions');
    expect(paper.warnings.join(' ')).toMatch(/21 pages of 23 use fonts without a Unicode map/);
    const cyclic = await readDoc('Pages-tree-refs.pdf');
    expect(cyclic.warnings.join(' ')).toMatch(/could not be read because the file is damaged \(page 2\)/);
    // Arabic calligraphy whose fonts map glyphs to the wrong characters: read, but said to look garbled; Arabic text read right is not.
    const garbled = await readDoc('ThuluthFeatures.pdf');
    expect(garbled.warnings.join(' ')).toMatch(/looks garbled/);
    // Its headings are garbled too: no title of its own (the file's name is used) and no headings.
    expect(garbled.title).toBeNull();
    expect(garbled.blocks.some((block) => block.kind === 'heading')).toBe(false);
    expect((await readDoc('ArabicCIDTrueType.pdf')).warnings.join(' ')).not.toMatch(/garbled/);
    expect(paper.warnings.join(' ')).not.toMatch(/garbled/);
  });

  it('reports progress per page and stops when the checkpoint throws', async () => {
    const progress: Array<[number, number | null]> = [];
    let checkpoints = 0;
    await readPdf(new Uint8Array(readFileSync(join(pdfDir, 'rotation.pdf'))), {
      checkpoint: () => void (checkpoints += 1),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(checkpoints).toBe(2);

    const stop = new FocalError('cancelled', 'Import cancelled.');
    let pages = 0;
    const reading = readPdf(new Uint8Array(readFileSync(join(pdfDir, 'pdkids.pdf'))), {
      checkpoint: () => {
        if (++pages === 3) throw stop;
      },
    });
    await expect(reading).rejects.toBe(stop);
  });

  it('leaves the caller’s bytes intact', async () => {
    const bytes = new Uint8Array(readFileSync(join(pdfDir, 'issue13201.pdf')));
    const before = bytes.byteLength;
    await readPdf(bytes);
    expect(bytes.byteLength).toBe(before);
    await readPdf(bytes);
  });
});

/** A one-page PDF with the given content stream, Helvetica as /F1, and a correct cross-reference table. */
function onePagePdf(content: string, streamEntries = ''): Uint8Array {
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length}${streamEntries} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** `count` pages sharing one content stream (objects 3 and 4), the pages being objects 5 onward. */
function manyPagePdf(count: number): Uint8Array {
  const content = 'BT /F1 12 Tf 20 150 Td (Page.) Tj ET';
  const kids = Array.from({ length: count }, (_, i) => `${i + 5} 0 R`).join(' ');
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...Array.from({ length: count }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>'),
  ]);
}

describe('PDF reader on small made-up files', () => {
  it('reads the text of a page', async () => {
    const doc = await readPdf(onePagePdf('BT /F1 12 Tf 20 150 Td (Hello world from a tiny PDF.) Tj ET'));
    expect(doc).toEqual({
      format: 'pdf',
      title: null,
      blocks: [{ kind: 'paragraph', text: 'Hello world from a tiny PDF.', page: 1 }],
      links: [],
      tags: [],
      pageCount: 1,
      warnings: [],
    });
  });

  it('tells a blank page, an image-only page and an unknown compression apart', async () => {
    await expect(readPdf(onePagePdf(''))).rejects.toMatchObject({ code: 'empty' });
    const image = 'q 100 0 0 100 10 10 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q';
    await expect(readPdf(onePagePdf(image))).rejects.toMatchObject({ code: 'no-text-layer' });
    await expect(readPdf(onePagePdf('xxxxxxxx', ' /Filter /FooDecode'))).rejects.toMatchObject({ code: 'unsupported-format' });
  });

  it('calls a scanned page whose only text is a producer stamp a page without a text layer', async () => {
    const image = 'q 100 0 0 100 10 10 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q';
    const stamp = 'BT /F1 12 Tf 20 150 Td (pdf.js) Tj ET';
    await expect(readPdf(onePagePdf(`${image} ${stamp}`))).rejects.toMatchObject({ code: 'no-text-layer' });
    // A short text without an image is text, and so is an illustrated page with a sentence on it.
    expect((await readPdf(onePagePdf(stamp))).blocks).toEqual([{ kind: 'paragraph', text: 'pdf.js', page: 1 }]);
    const caption = 'BT /F1 12 Tf 20 150 Td (Figure 1 shows the cell under a microscope.) Tj ET';
    expect((await readPdf(onePagePdf(`${image} ${caption}`))).blocks[0]!.text).toBe('Figure 1 shows the cell under a microscope.');
  });
});

describe('PDF metadata titles', () => {
  it('keep a title that names the document', () => {
    expect(meaningfulTitle('  A Two Column   Example ')).toBe('A Two Column Example');
    expect(meaningfulTitle('Input/Output Systems')).toBe('Input/Output Systems');
    expect(meaningfulTitle('Microsoft Word - Annual Report 2020.docx')).toBe('Annual Report 2020');
  });

  it('drop titles that name the file, the tool or nothing', () => {
    for (const title of ['Microsoft Word - Document1', 'untitled', 'paper.dvi', 'ms_final_v3.doc', 'C:\\Users\\me\\report', '/tmp/x.pdf', '', '  ', '1234']) {
      expect(meaningfulTitle(title)).toBeNull();
    }
  });
});

describe('PDF reader on broken input', () => {
  it('refuses a PDF with more pages than Focal reads, before reading any page', async () => {
    let pagesRead = 0;
    const tooLong = manyPagePdf(MAX_PDF_PAGES + 1);
    await expect(readPdf(tooLong, { onProgress: () => pagesRead++ })).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining('10,001 pages') });
    expect(pagesRead).toBe(0);
  });

  it('calls bytes that are not a PDF malformed', async () => {
    const notPdf = new TextEncoder().encode('This is a plain text file, not a PDF at all.');
    await expect(readPdf(notPdf)).rejects.toMatchObject({ code: 'malformed' });
    await expect(readPdf(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'))).rejects.toMatchObject({ code: 'malformed' });
  });

  it.skipIf(!corpus)(`calls a truncated PDF malformed${needsCorpus}`, async () => {
    const bytes = new Uint8Array(readFileSync(join(pdfDir, 'issue13201.pdf')));
    await expect(readPdf(bytes.subarray(0, Math.floor(bytes.byteLength * 0.6)))).rejects.toMatchObject({ code: 'malformed' });
  });
});
