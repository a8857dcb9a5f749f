/**
 * What a person's parameters learned, in words they can check: the words their query and word weights lean toward, and the
 * head's terms that gained or lost weight against the shipped values. Shown after a retrain so that a change
 * is visible, not only a held-out percentage. Changes are measured in how much they move a sentence within
 * its document (weight × the term's within-document spread), so a narrow feature and a wide one compare.
 */
import type { EmbeddingTable } from '../attention/embedding-table';
import type { AttentionDims, AttentionParams } from '../attention/params';
import { isNumberToken, normalizeToken, weightKey, wordBucket } from '../attention/token-vectors';
import { conceptKey } from '../extraction/concept-key';
import { FEATURE_NAMES, STOPWORDS } from '../extraction/sentence-features';
import { featureSpread, hasInterest, interestUnder, type TrainingDocument } from './train-user-params';

/** The head's inputs in order: the three leading terms, then the sentence features. */
export const HEAD_TERM_NAMES = ['attention-received', 'interest', 'centrality', ...FEATURE_NAMES] as const;
export type HeadTermName = (typeof HEAD_TERM_NAMES)[number];

export interface LearnedSummary {
  /**
   * Words the query and word weights score highest (one per stem, and one number per shape: "1962" for the
   * years), most first; empty while they move rankings too little to matter.
   */
  words: string[];
  /** Head terms whose weight rose, or fell, enough to move rankings; the largest changes first. */
  moreWeight: HeadTermName[];
  lessWeight: HeadTermName[];
}

export interface DescribeOptions {
  /** How many words to name. */
  words?: number;
  /** Documents to measure spreads on (at most 200 are used); without them nothing is named. */
  documents: readonly TrainingDocument[];
  dims: AttentionDims;
}

const WORD = /^\p{L}[\p{L}'-]+$/u;
/** Smallest change worth naming, in within-document standard deviations of salience. */
const NAMEABLE_CHANGE = 0.5;
/** Head terms named each way. */
const TERMS_NAMED = 2;

/** Mean within-document standard deviation of what the query adds to salience. */
function interestSpread(params: AttentionParams, base: AttentionParams, documents: readonly TrainingDocument[], dims: AttentionDims, table: EmbeddingTable): number {
  let sum = 0;
  let count = 0;
  for (const document of documents) {
    const n = document.sentenceIds.length;
    if (n < 2) continue;
    // The words as the retrain projected them (and kept), when the query lies in their span, as trained ones do.
    const added = interestUnder(params, document, dims, table, base.w_q);
    const mean = added.reduce((a, x) => a + x, 0) / n;
    sum += Math.sqrt(added.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
    count++;
  }
  return count ? sum / count : 0;
}

export function describeLearned(params: AttentionParams, base: AttentionParams, table: EmbeddingTable, options: DescribeOptions): LearnedSummary {
  const { dims } = options;
  const documents = options.documents.slice(0, 200);
  const words: string[] = [];
  const query = params.user_query;
  if (documents.length > 0 && hasInterest(params) && interestSpread(params, base, documents, dims, table) >= NAMEABLE_CHANGE) {
    // Words of the person's own documents: what they can recognise, not the odd fragments a direction in
    // the word space also points at.
    const documentsUsing = new Map<string, number>();
    for (const document of documents) {
      const inDocument = new Set<string>();
      for (const sentence of document.tokens) for (const token of sentence) inDocument.add(token.toLowerCase());
      for (const word of inDocument) documentsUsing.set(word, (documentsUsing.get(word) ?? 0) + 1);
    }
    // A number is named once per shape (one year stands for the years), as its weight is kept; a word once per stem.
    const scored: Array<{ word: string; score: number; shape?: string }> = [];
    for (const [word, used] of documentsUsing) {
      const normalized = normalizeToken(word);
      const number = isNumberToken(normalized);
      if (!number && (word.length < 3 || !WORD.test(word) || STOPWORDS.has(word))) continue;
      // A word's relevance as the graph computes it: its vector against the query, plus its own weight.
      const vector = table.vectorOf(word);
      let score = params.user_words[wordBucket(word)]!;
      if (vector) for (let d = 0; d < vector.length; d++) score += vector[d]! * query[d]!;
      // Weighed by how many of their documents use the word: a word in one document moves little of what they
      // read, and the rarest words have the oddest vectors ("eef", "xtra" once led a definitions learner's list).
      if (score > 0) scored.push({ word, score: score * Math.log2(1 + used), ...(number ? { shape: weightKey(normalized) } : {}) });
    }
    scored.sort((a, b) => b.score - a.score || a.word.localeCompare(b.word));
    const stems = new Set<string>();
    for (const { word, shape } of scored) {
      if (words.length >= (options.words ?? 6)) break;
      const key = shape ?? conceptKey(word);
      if (stems.has(key)) continue;
      stems.add(key);
      words.push(word);
    }
  }
  // The head's linear terms (all but the interest's weight, which is 1 once a query exists) in spread units.
  const spread = documents.length > 0 ? featureSpread(documents, params, dims) : new Float64Array(dims.F + 2);
  const changes = HEAD_TERM_NAMES.flatMap((name, j) => {
    if (name === 'interest') return [];
    const column = j === 0 ? 0 : j - 1;
    return [{ name, change: (params.head[j]! - base.head[j]!) * spread[column]! }];
  }).sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name));
  return {
    words,
    moreWeight: changes.filter((c) => c.change >= NAMEABLE_CHANGE).slice(0, TERMS_NAMED).map((c) => c.name),
    lessWeight: changes.filter((c) => c.change <= -NAMEABLE_CHANGE).slice(0, TERMS_NAMED).map((c) => c.name),
  };
}

/**
 * The words as the person's documents write them: the reading is lowercase (the word table is), so a name would
 * be shown "havel" where the notes say "Havel". Each word takes its commonest written form among the first
 * FORMS_COUNTED it is found in, where that is not all lowercase; numbers and words not found stay as they are.
 */
export function asWritten(words: readonly string[], sentences: Iterable<string>): string[] {
  const forms = words.map(() => new Map<string, number>());
  const patterns = words.map((word) => new RegExp(`(?<![\\p{L}\\p{N}'’])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]")}(?![\\p{L}\\p{N}])`, 'giu'));
  const counted = words.map(() => 0);
  for (const sentence of sentences) {
    if (counted.every((n) => n >= FORMS_COUNTED)) break;
    // Most sentences hold none of the words: a plain search rules them out before the pattern runs.
    const lower = sentence.toLowerCase().replace(/’/g, "'");
    words.forEach((word, w) => {
      if (counted[w]! >= FORMS_COUNTED || !lower.includes(word)) return;
      for (const match of sentence.matchAll(patterns[w]!)) {
        const form = match[0].replace(/’/g, "'");
        forms[w]!.set(form, (forms[w]!.get(form) ?? 0) + 1);
        counted[w]!++;
      }
    });
  }
  return words.map((word, w) => {
    // A tie keeps the reading's form: only a clear majority of capitals makes a name.
    let best = word;
    let most = forms[w]!.get(word) ?? 0;
    for (const [form, count] of forms[w]!) if (count > most) [best, most] = [form, count];
    return best === best.toLowerCase() ? word : best;
  });
}

/** How many uses of a word decide how it is written: enough to outvote a sentence-initial capital. */
const FORMS_COUNTED = 20;
