/**
 * Key-sentence metrics of the evaluation protocol, for one article: ROUGE-1 and ROUGE-2 F1 between the
 * chosen and the gold sentences, and sentence F1 by token-set Dice. All values are fractions in [0, 1].
 */
import { protocolTokens } from './protocol-tokens';

export interface SentenceScores {
  rouge1: number;
  rouge2: number;
  sentenceF1: number;
}

/** A chosen sentence counts as a gold one when their token sets overlap at least this much (protocol). */
export const SENTENCE_MATCH_DICE = 0.8;

function ngramCounts(sentences: readonly string[][], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tokens of sentences) {
    // N-grams stay inside a sentence, so pooling does not depend on the order the sentences come in.
    for (let i = 0; i + n <= tokens.length; i++) {
      const gram = tokens.slice(i, i + n).join(' ');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * ROUGE-N F1 (Lin 2004) over tokenised sentences: n-gram counts of all candidate sentences pooled against
 * all reference sentences pooled, each shared n-gram counted at most as often as the reference has it.
 */
export function rougeNF1(candidate: readonly string[][], reference: readonly string[][], n: number): number {
  const candidateCounts = ngramCounts(candidate, n);
  const referenceCounts = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of candidateCounts) overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  if (overlap === 0) return 0;
  return f1(overlap / total(candidateCounts), overlap / total(referenceCounts));
}

/** Dice coefficient 2|A∩B| / (|A|+|B|); 0 when both sets are empty. */
export function tokenSetDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * How many chosen sentences match a gold sentence: each chosen sentence, in order, takes the unused gold
 * sentence it overlaps most, provided their Dice reaches the threshold.
 */
export function countSentenceMatches(chosen: readonly string[][], gold: readonly string[][], threshold = SENTENCE_MATCH_DICE): number {
  const goldSets = gold.map((tokens) => new Set(tokens));
  const used = new Set<number>();
  let matches = 0;
  for (const tokens of chosen) {
    const chosenSet = new Set(tokens);
    let best = -1;
    let bestDice = -1;
    goldSets.forEach((goldSet, index) => {
      if (used.has(index)) return;
      const dice = tokenSetDice(chosenSet, goldSet);
      if (dice >= threshold && dice > bestDice) {
        best = index;
        bestDice = dice;
      }
    });
    if (best >= 0) {
      used.add(best);
      matches++;
    }
  }
  return matches;
}

/** Scores one article's chosen sentences against its gold sentences (both as plain text). */
export function scoreChosenSentences(chosen: readonly string[], gold: readonly string[]): SentenceScores {
  const chosenTokens = chosen.map(protocolTokens);
  const goldTokens = gold.map(protocolTokens);
  const matches = countSentenceMatches(chosenTokens, goldTokens);
  return {
    rouge1: rougeNF1(chosenTokens, goldTokens, 1),
    rouge2: rougeNF1(chosenTokens, goldTokens, 2),
    sentenceF1: chosen.length === 0 || gold.length === 0 ? 0 : f1(matches / chosen.length, matches / gold.length),
  };
}

/** The mean of each score over articles (macro average); zeros for no articles. */
export function macroAverageSentenceScores(perArticle: readonly SentenceScores[]): SentenceScores {
  const sum = { rouge1: 0, rouge2: 0, sentenceF1: 0 };
  for (const scores of perArticle) {
    sum.rouge1 += scores.rouge1;
    sum.rouge2 += scores.rouge2;
    sum.sentenceF1 += scores.sentenceF1;
  }
  const n = Math.max(perArticle.length, 1);
  return { rouge1: sum.rouge1 / n, rouge2: sum.rouge2 / n, sentenceF1: sum.sentenceF1 / n };
}
