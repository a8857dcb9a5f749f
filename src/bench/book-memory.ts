/**
 * Run by the model.book benchmark in its own process: reads a 1,000-page book and prints time and peak memory,
 * then (its floor) the same sentences read as 1,000 one-page documents, which the book's reading in blocks with
 * summaries should cost about the same as.
 */
import { analyzeDocument } from '../core/extraction/analyze-document';
import { articleInput } from '../core/extraction/eval-inputs';
import { loadAttentionModel } from '../main/attention/attention-model';
import { repoModelsDir } from '../main/services/compose';
import { studySentences } from './study-text';

const PAGES = 1000;
const SENTENCES_PER_PAGE = 30;

const model = await loadAttentionModel(repoModelsDir());
const { input } = studySentences(PAGES * SENTENCES_PER_PAGE);
const baselineMb = process.memoryUsage().rss / 1024 / 1024;
const start = performance.now();
const analysis = await analyzeDocument(input, model, { params: model.baseParams });
const ms = performance.now() - start;
// Taken before the pages are read, so the peak is the book's.
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const pagesStart = performance.now();
for (let page = 0; page < PAGES; page++) {
  const texts = input.sentences.slice(page * SENTENCES_PER_PAGE, (page + 1) * SENTENCES_PER_PAGE).map((sentence) => sentence.text);
  await analyzeDocument(articleInput(texts.join(' '), texts), model, { params: model.baseParams });
}
const pagesMs = performance.now() - pagesStart;
await model.release();
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    pages: PAGES,
    sentences: input.sentences.length,
    keySentences: analysis.sentences.filter((s) => s.selected).length,
    peakRssMb,
    pagesAsDocumentsMs: Math.round(pagesMs),
    rssBeforeReadingMb: Math.round(baselineMb),
  }),
);
