/**
 * English prose for the model benchmarks: the BBC articles' sentences when the evaluation data is beside
 * the checkout, else the bundled sample notes repeated. Returns at least `count` sentences as a document.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evalFileNames, findEvalDir, loadBbcArticles } from '../core/eval/datasets';
import type { AnalysisInput } from '../core/extraction/analyze-document';
import { articleInput, textInput } from '../core/extraction/eval-inputs';

export function studySentences(count: number): { input: AnalysisInput; source: string } {
  const evalDir = findEvalDir();
  if (evalDir) {
    const sentences = loadBbcArticles(join(evalDir, evalFileNames.bbc)).flatMap((a) => a.sentences);
    const picked = Array.from({ length: count }, (_, i) => sentences[i % sentences.length]!);
    return { input: articleInput(picked.join(' '), picked), source: 'BBC dev sentences' };
  }
  const samples = join(import.meta.dirname, '..', '..', 'resources', 'samples');
  const base = textInput(readdirSync(samples).map((f) => readFileSync(join(samples, f), 'utf8')).join('\n\n'));
  const texts = Array.from({ length: count }, (_, i) => base.sentences[i % base.sentences.length]!.text);
  return { input: articleInput(texts.join(' '), texts), source: 'the bundled sample notes, repeated' };
}

/** One person's library as the retrain and rescore benchmarks measure it: the same documents a retrain then rescores. */
export const BENCH_LIBRARY = { documents: 2_000, sentencesPerDocument: 25 } as const;

/**
 * `documents` documents of `sentencesPerDocument` sentences each, from `studySentences`, in the form the app
 * stores and sends them to main (document ids "0", "1", …; sentence ids "d-i").
 */
export function studyDocuments(documents: number, sentencesPerDocument: number) {
  const { input, source } = studySentences(documents * sentencesPerDocument);
  return {
    source,
    documents: Array.from({ length: documents }, (_, d) => {
      const texts = input.sentences.slice(d * sentencesPerDocument, (d + 1) * sentencesPerDocument).map((s) => s.text);
      const article = articleInput(texts.join(' '), texts);
      return { id: String(d), text: article.text, sentences: article.sentences.map((sentence, i) => ({ ...sentence, id: `${d}-${i}` })) };
    }),
  };
}
