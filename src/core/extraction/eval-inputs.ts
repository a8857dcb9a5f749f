/**
 * Turning evaluation data into what the model reads, and Focal's model into the evaluation harness's
 * extractor shapes, so `focal eval`, the head fit and the benchmarks all score exactly the same way.
 */
import type { SentenceExtractor, KeyphraseExtractor } from '../eval/run-eval';
import type { AttentionParams } from '../attention/params';
import { detectLanguage } from '../text/language';
import { segmentSentences } from '../text/segment';
import { analyzeDocument, readDocument, type AnalysisInput, type AttentionModel } from './analyze-document';
import { selectKeySentences } from './select-key-sentences';

/** An article whose sentences are given (BBC): each is found in the text for its offsets and paragraph. */
export function articleInput(text: string, sentences: readonly string[]): AnalysisInput {
  let cursor = 0;
  return {
    text,
    sentences: sentences.map((sentence) => {
      const at = text.indexOf(sentence, cursor);
      const start = at >= 0 ? at : cursor;
      cursor = at >= 0 ? at + sentence.length : cursor;
      return { text: sentence, section: [], start, end: start + sentence.length };
    }),
  };
}

/** Plain text (an abstract, a paper): paragraphs at blank lines or line breaks, then sentences. */
export function textInput(text: string): AnalysisInput {
  const language = detectLanguage(text);
  const sentences: AnalysisInput['sentences'] = [];
  const paragraph = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;
  for (const match of text.matchAll(paragraph)) {
    const block = match[0].replace(/\n/g, ' ');
    for (const span of segmentSentences(block, language)) {
      sentences.push({ text: block.slice(span.start, span.end), section: [], start: match.index + span.start, end: match.index + span.end });
    }
  }
  return { text, sentences };
}

export function focalSentenceExtractor(model: AttentionModel, params: AttentionParams, options: { lambda?: number } = {}): SentenceExtractor {
  return async (sentences, k) => {
    const text = sentences.join('\n\n');
    const reading = await readDocument(articleInput(text, sentences), model, params);
    return selectKeySentences({ salience: reading.salience, vectors: reading.vectors, dims: model.dims.D }, k, options.lambda ?? 0.75);
  };
}

export function focalConceptExtractor(model: AttentionModel, params: AttentionParams): KeyphraseExtractor {
  return async (text) => {
    const analysis = await analyzeDocument(textInput(text), model, { params, conceptCount: 10 });
    return analysis.concepts.map((concept) => concept.phrase);
  };
}
