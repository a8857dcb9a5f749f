/**
 * Reading a document with the attention model: sentences go through the graph in blocks of at most
 * MAX_BLOCK_SENTENCES, each block attending to itself and to a summary of the rest of the document (the
 * centroids of the other blocks), so a 1,000-page book runs in bounded memory and never builds an n×n
 * matrix. Then the key sentences are chosen and the concepts ranked.
 */
import type { ConceptScore, DocumentAnalysis, SentenceAnalysis } from '../../shared/document';
import type { EmbeddingTable } from '../attention/embedding-table';
import { MAX_BLOCK_SENTENCES, type AttentionBlockInputs, type AttentionBlockOutputs } from '../attention/graph-builder';
import type { AttentionDims, AttentionParams } from '../attention/params';
import { MAX_SENTENCE_TOKENS, packTokenBlock, tokenVector } from '../attention/token-vectors';
import { rankConcepts } from './concepts';
import { modelTokens } from './model-tokens';
import { defaultKeyCount, selectKeySentences } from './select-key-sentences';
import { FEATURE_COUNT, sentenceFeatures } from './sentence-features';
import { normalizeInPlace } from '../attention/vector-math';
import { isMostlyWords, isProseSentence, isReferenceEntry } from '../text/sentence-shape';
import { looksGarbled } from '../text/garbled-text';
import type { ReadingBlock } from '../training/block-attention';
import { textWithoutMath } from '../text/inline-math';

/** Most summary vectors a block attends to; more distant blocks are merged into these. */
export const MAX_SUMMARY_VECTORS = 64;
/** Documents of up to this many blocks keep their packed tokens between the two passes (about 8 MB each). */
const KEEP_PACKED_BLOCKS = 8;
/** Below this share of known words the app tells the person the model's quality is reduced. */
export const REDUCED_QUALITY_BELOW = 0.6;

export interface AnalysisSentence {
  text: string;
  section: string[];
  start: number;
  end: number;
}

export interface AnalysisInput {
  text: string;
  sentences: AnalysisSentence[];
}

export interface AttentionModel {
  table: EmbeddingTable;
  dims: AttentionDims;
  provider: string;
  run(block: AttentionBlockInputs): Promise<AttentionBlockOutputs>;
}

export interface AnalysisOptions {
  params: AttentionParams;
  /** How many key sentences; by default it grows with the document's length. */
  top?: number;
  /** How many concepts to return. */
  conceptCount?: number;
}

/** The raw reading, before selection: what training and evaluation need besides the result. */
export interface DocumentReading {
  salience: Float32Array;
  /** Unit sentence vectors, row-major (sentences × D). */
  vectors: Float32Array;
  /** The head's inputs per sentence (sentences × (F+3)), for fitting the head. */
  headInputs: Float32Array;
  tokens: string[][];
  tokenAttention: Float32Array[];
  knownTokenShare: number;
  /** The blocks the sentences were read in, with the summary vectors each attended to (for retraining the adapters). */
  blocks: ReadingBlock[];
}

/** A block's centroid from its packed tokens, weighted by the frequency prior: cheap, and only a summary. */
function blockCentroid(tokens: Float32Array, prior: Float32Array, dims: number): Float32Array {
  const centroid = new Float32Array(dims);
  for (let t = 0; t < prior.length; t++) {
    const weight = Math.exp(Math.max(-20, prior[t]!));
    if (prior[t]! <= -1000) continue;
    for (let d = 0; d < dims; d++) centroid[d]! += weight * tokens[t * dims + d]!;
  }
  return normalizeInPlace(centroid, 1e-6);
}

/** The summaries block `index` attends to: the other blocks' centroids, merged down to MAX_SUMMARY_VECTORS. */
function summariesFor(index: number, centroids: Float32Array[], dims: number): { summary: Float32Array; count: number } {
  const others = centroids.filter((_, i) => i !== index);
  if (others.length === 0) return { summary: Float32Array.from(centroids[index]!), count: 1 };
  const groups = Math.min(MAX_SUMMARY_VECTORS, others.length);
  const summary = new Float32Array(groups * dims);
  others.forEach((centroid, i) => {
    const group = Math.floor((i * groups) / others.length);
    for (let d = 0; d < dims; d++) summary[group * dims + d]! += centroid[d]!;
  });
  for (let g = 0; g < groups; g++) normalizeInPlace(summary.subarray(g * dims, (g + 1) * dims), 1e-6);
  return { summary, count: groups };
}

/**
 * The sentences as the model reads them: a note's inline TeX left out ("$\\frac{V_{max}[S]}{K_m + [S]}$" holds command
 * names, not words: read, "frac" and "max" became key words and concepts). The reader still shows the maths.
 */
export function withoutMath(input: AnalysisInput): AnalysisInput {
  if (!input.sentences.some((sentence) => sentence.text.includes('$'))) return input;
  return { ...input, sentences: input.sentences.map((sentence) => (sentence.text.includes('$') ? { ...sentence, text: textWithoutMath(sentence.text) } : sentence)) };
}

export async function readDocument(document: AnalysisInput, model: AttentionModel, params: AttentionParams): Promise<DocumentReading> {
  const input = withoutMath(document);
  const { table, dims } = model;
  const D = dims.D;
  const n = input.sentences.length;
  const tokens = input.sentences.map((sentence) => modelTokens(sentence.text).slice(0, MAX_SENTENCE_TOKENS));
  const features = sentenceFeatures(input);
  const blockStarts: number[] = [];
  for (let start = 0; start < n; start += MAX_BLOCK_SENTENCES) blockStarts.push(start);

  // First pass: pack each block to get its centroid. A short document keeps its packed blocks for the second
  // pass; a long one packs again, so memory stays bounded by one block whatever the length.
  const keepPacked = blockStarts.length <= KEEP_PACKED_BLOCKS;
  const packedBlocks: Array<ReturnType<typeof packTokenBlock> | undefined> = [];
  let known = 0;
  let total = 0;
  const centroids = blockStarts.map((start) => {
    const packed = packTokenBlock(table, tokens.slice(start, start + MAX_BLOCK_SENTENCES), MAX_SENTENCE_TOKENS);
    known += packed.knownCount;
    total += packed.tokenCount;
    packedBlocks.push(keepPacked ? packed : undefined);
    return blockCentroid(packed.tokens, packed.tokenPrior, D);
  });

  const salience = new Float32Array(n);
  const vectors = new Float32Array(n * D);
  const headInputs = new Float32Array(n * (dims.F + 3));
  const tokenAttention: Float32Array[] = [];
  const blocks: ReadingBlock[] = [];
  for (const [index, start] of blockStarts.entries()) {
    const end = Math.min(n, start + MAX_BLOCK_SENTENCES);
    const packed = packedBlocks[index] ?? packTokenBlock(table, tokens.slice(start, end), MAX_SENTENCE_TOKENS);
    packedBlocks[index] = undefined;
    const { summary, count } = summariesFor(index, centroids, D);
    blocks.push({ start, end, summary, summaryCount: count });
    const output = await model.run({
      batch: end - start,
      length: packed.length,
      summaryCount: count,
      tokens: packed.tokens,
      tokenPrior: packed.tokenPrior,
      tokenWords: packed.tokenWords,
      summary,
      features: features.slice(start * FEATURE_COUNT, end * FEATURE_COUNT),
      params,
    });
    salience.set(output.salience, start);
    vectors.set(output.sentenceVectors, start * D);
    headInputs.set(output.headInputs, start * (dims.F + 3));
    for (let b = 0; b < end - start; b++) tokenAttention.push(output.tokenAttention.slice(b * packed.length, (b + 1) * packed.length));
  }
  return { salience, vectors, headInputs, tokens, tokenAttention, knownTokenShare: total ? known / total : 0, blocks };
}

/** A concept's vector as the graph compares them: the sum of its words' vectors, rounded (the table is int8). */
function phraseVector(table: EmbeddingTable, phrase: string): number[] {
  const sum = new Float64Array(table.dimensions);
  for (const token of modelTokens(phrase)) {
    const { vector } = tokenVector(table, token);
    for (let d = 0; d < sum.length; d++) sum[d]! += vector[d]!;
  }
  return Array.from(sum, (x) => Math.round(x * 1e4) / 1e4);
}

/** A question's end: it asks rather than tells. */
const ASKS = /\?["'”’)\]]*$/u;

/**
 * A heading over a document's list of sources ("References", "7. Bibliography", "Works cited"). "References" also
 * heads a C++ note's section on references, so a section counts only when what it holds reads as sources (below).
 */
const SOURCES_HEADING = /^(?:[\dIVX]+(?:\.\d+)*\.?\s+)?(?:references?(?: and notes| cited| list)?|bibliography|works cited|literature cited|cited literature|further reading|endnotes|footnotes|literatur(?:verzeichnis)?|bibliographie|références|referencias|bibliografía|bibliografia|quellen)[.:]?$/iu;
/** What a source's line has: a year, an address, a DOI or ISBN. */
const SOURCE_DETAIL = /\b(?:1[5-9]|20)\d{2}\b|https?:\/\/|\bwww\.|\bdoi\b|\bISBN\b/iu;

/** The sentences under a sources heading whose section reads as sources: half or more of its lines name a year, an address or a DOI. */
export function sourcesSentences(texts: readonly string[], sections: ReadonlyArray<readonly string[]>): boolean[] {
  const listed = new Map<string, number[]>();
  sections.forEach((section, i) => {
    const at = section.findIndex((heading) => SOURCES_HEADING.test(heading.trim()));
    if (at < 0) return;
    const key = section.slice(0, at + 1).join('\u0000');
    const members = listed.get(key);
    if (members) members.push(i);
    else listed.set(key, [i]);
  });
  const result = texts.map(() => false);
  for (const members of listed.values()) {
    const detailed = members.filter((i) => isReferenceEntry(texts[i]!) || SOURCE_DETAIL.test(texts[i]!)).length;
    if (detailed * 2 >= members.length) for (const i of members) result[i] = true;
  }
  return result;
}

/**
 * Which sentences may become key sentences, and how many to pick when the person has not said: table rows,
 * contents entries, caption labels, formulas, drawing labels and reference entries (isProseSentence), what a
 * References section lists, and questions stay in the text but are never chosen. A document with no prose keeps the segments that are mostly words (a glossary table's "Mitosis | Division of a
 * nucleus"); a timetable's "15:20 | 15:20 | Burn" is nothing to study, and a document of only such gets no key
 * sentences and no cards, nor does a garbled one. Import and the rescore after a retrain both choose this way.
 */
export function keySentenceCandidates(texts: readonly string[], sections?: ReadonlyArray<readonly string[]>): { eligible?: boolean[]; defaultCount: number } {
  // A garbled text (a PDF whose fonts map letters to the wrong characters; the import warns of it) is nothing to study.
  if (looksGarbled(texts)) return { eligible: texts.map(() => false), defaultCount: 0 };
  const sources = sections ? sourcesSentences(texts, sections) : texts.map(() => false);
  const prose = texts.map((text, i) => !sources[i] && isProseSentence(text));
  // A question ("Why does the heart have four chambers?") asks rather than tells: a cloze of it tests nothing, and in
  // notes it is the person's question to themselves, its answer in the sentences after. A quiz, three questions or
  // more to each other line, keeps them: they are what it has.
  const questions = prose.filter((isProse, i) => isProse && ASKS.test(texts[i]!.trim())).length;
  const proseCount = prose.filter(Boolean).length;
  const telling = questions < 3 * (proseCount - questions) ? prose.map((isProse, i) => isProse && !ASKS.test(texts[i]!.trim())) : prose;
  const eligible = proseCount > 0 ? telling : texts.map((text, i) => !sources[i] && isMostlyWords(text));
  return { eligible, defaultCount: defaultKeyCount(eligible.filter(Boolean).length) };
}

export async function analyzeDocument(document: AnalysisInput, model: AttentionModel, options: AnalysisOptions): Promise<DocumentAnalysis> {
  // readDocument leaves the maths out itself; twice would read an escaped "\$x\$" ("$x$" once stripped) as maths too.
  const reading = await readDocument(document, model, options.params);
  const input = withoutMath(document);
  // Which sentences may be key, and which repeat another, from the text as written, maths included, as the rescore
  // after a retrain judges them (retrain.ts): without its maths, "The derivative of $x^2$ is $2x$." repeats every
  // sentence of that shape.
  const texts = document.sentences.map((sentence) => sentence.text);
  const { eligible, defaultCount } = keySentenceCandidates(texts, document.sentences.map((sentence) => sentence.section));
  const k = options.top ?? defaultCount;
  const selection = { salience: reading.salience, vectors: reading.vectors, dims: model.dims.D, texts, ...(eligible ? { eligible } : {}) };
  const chosen = new Set(selectKeySentences(selection, k));
  const sentences: SentenceAnalysis[] = input.sentences.map((_, i) => {
    const analysis: SentenceAnalysis = { salience: reading.salience[i]!, selected: chosen.has(i) };
    if (chosen.has(i)) {
      const weights = reading.tokenAttention[i]!;
      analysis.why = reading.tokens[i]!.map((token, t) => ({ token, weight: weights[t] ?? 0 }));
    }
    return analysis;
  });
  // A garbled text's "words" ("OW y", "KLIW x") name nothing: no concepts either, as no cards.
  const conceptCount = defaultCount === 0 && looksGarbled(texts) ? 0 : (options.conceptCount ?? 20);
  const concepts: ConceptScore[] = (conceptCount > 0 ? rankConcepts(input, reading, model.table, conceptCount) : []).map((concept) => ({
    ...concept,
    vector: phraseVector(model.table, concept.phrase),
  }));
  return {
    provider: model.provider,
    knownTokenShare: reading.knownTokenShare,
    // A note of only a heading has no words to know: nothing to warn about.
    reducedQuality: input.sentences.length > 0 && reading.knownTokenShare < REDUCED_QUALITY_BELOW,
    sentences,
    concepts,
  };
}
