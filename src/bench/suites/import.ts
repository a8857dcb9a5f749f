import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parseDocument } from '../../core/text/parse-document';
import { segmentSentences } from '../../core/text/segment';
import { findEvalDir } from '../../core/eval/datasets';
import { ratioAgainst, timeRuns, type Benchmark, type BenchResult } from '../harness';

const require = createRequire(import.meta.url);

/** pdfjs-dist's own text extraction, nothing else: the floor a PDF import cannot beat. */
async function rawPdfText(bytes: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = join(require.resolve('pdfjs-dist/package.json'), '..', 'standard_fonts') + '/';
  const document = await pdfjs.getDocument({ data: bytes.slice(), standardFontDataUrl, isEvalSupported: false, verbosity: 0 }).promise;
  let chars = 0;
  try {
    for (let page = 1; page <= document.numPages; page++) {
      const content = await (await document.getPage(page)).getTextContent();
      for (const item of content.items) if ('str' in item) chars += item.str.length;
    }
  } finally {
    await document.destroy();
  }
  return chars;
}

/** The text PDF in the evaluation set with the most pages. */
function longestTextPdf(): { path: string; pages: number } | null {
  const evalDir = findEvalDir();
  if (!evalDir) return null;
  const dir = join(evalDir, 'pdfs');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Array<{ file: string; tags: string; pages?: number; password: string | null }>;
  const candidates = manifest.filter((entry) => entry.tags.split(';')[0] === 'text' && !entry.password && entry.pages);
  const best = candidates.sort((a, b) => (b.pages ?? 0) - (a.pages ?? 0))[0];
  return best ? { path: join(dir, best.file), pages: best.pages! } : null;
}

export const pdfImportBenchmark: Benchmark = {
  name: 'import.pdf',
  async run({ runs }): Promise<BenchResult> {
    const pdf = longestTextPdf();
    if (!pdf) return { name: 'import.pdf', description: 'PDF import speed', medianMs: 0, runs: 0, skipped: 'needs ../shared/eval/pdfs (evaluation data), absent here' };
    const bytes = new Uint8Array(readFileSync(pdf.path));
    const ours = await timeRuns(() => parseDocument({ name: 'bench.pdf', bytes: bytes.slice() }), runs);
    const floor = await timeRuns(() => rawPdfText(bytes), runs);
    return {
      name: 'import.pdf',
      description: `Whole import of ${pdf.path.split('/').pop()} (${pdf.pages} pages: layout, sections, sentences), against pdfjs-dist's raw text extraction of the same file`,
      ...ours,
      figures: { pages: pdf.pages, pagesPerSecond: Math.round((pdf.pages / ours.medianMs) * 1000), floorPagesPerSecond: Math.round((pdf.pages / floor.medianMs) * 1000) },
      against: ratioAgainst(ours, 'pdfjs-dist getTextContent on every page', floor),
    };
  },
};

/** English prose for segmentation: the BBC articles when the evaluation data is here, else the sample notes. */
function proseForSegmentation(): { text: string; source: string } {
  const evalDir = findEvalDir();
  const bbc = evalDir ? join(evalDir, 'bbc-dev.jsonl') : null;
  if (bbc) {
    const articles = readFileSync(bbc, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
    return { text: articles.join('\n\n'), source: `${articles.length} BBC articles` };
  }
  const samples = join(import.meta.dirname, '..', '..', '..', 'resources', 'samples');
  const text = readdirSync(samples).map((file) => readFileSync(join(samples, file), 'utf8')).join('\n\n');
  return { text: text.repeat(40), source: 'the bundled sample notes ×40' };
}

export const segmentationBenchmark: Benchmark = {
  name: 'import.segmentation',
  async run({ runs }) {
    const { text, source } = proseForSegmentation();
    const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
    let sentences = 0;
    const ours = await timeRuns(() => {
      sentences = 0;
      for (const paragraph of paragraphs) sentences += segmentSentences(paragraph, 'en').length;
    }, runs);
    // The floor: a regular expression that ends a sentence at . ! or ? before a capital (wrong at "Dr. Smith", "U.S. Army", "e.g. this").
    let naive = 0;
    const floor = await timeRuns(() => {
      naive = 0;
      for (const paragraph of paragraphs) naive += paragraph.split(/(?<=[.!?]["'”’)]*)\s+(?=["'“‘(]*[A-Z])/).length;
    }, runs);
    return {
      name: 'import.segmentation',
      description: `English sentence segmentation (wink-nlp plus repairs) of ${source}, against a regular expression splitting at . ! ? before a capital`,
      ...ours,
      against: ratioAgainst(ours, 'a regular-expression splitter', floor),
      figures: { sentences, sentencesByTheFloor: naive, sentencesPerSecond: Math.round((sentences / ours.medianMs) * 1000), characters: text.length },
    };
  },
};
