/** Run by the model.book benchmark in its own process: reads a 1,000-page book and prints time and peak memory. */
import { analyzeDocument } from '../core/extraction/analyze-document';
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
await model.release();
console.log(
  JSON.stringify({
    ms: Math.round(ms),
    pages: PAGES,
    sentences: input.sentences.length,
    keySentences: analysis.sentences.filter((s) => s.selected).length,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssBeforeReadingMb: Math.round(baselineMb),
  }),
);
