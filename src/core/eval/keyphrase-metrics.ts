/**
 * Concept (keyphrase) metrics of the evaluation protocol, for one document: rank phrases, stem each word,
 * drop duplicates after stemming, keep the top 5 / top 10, and match exactly against the stemmed gold set.
 * Gold keys that never occur in the text stay in the gold, so they lower recall as in published figures.
 */
import { stemPhrase } from './protocol-tokens';

/** Per-document scores as fractions in [0, 1]. */
export interface KeyphraseScores {
  precisionAt5: number;
  recallAt5: number;
  f1At5: number;
  precisionAt10: number;
  recallAt10: number;
  f1At10: number;
}

/** Ranked phrases in protocol form, best first: stemmed, without empty phrases or repeats after stemming. */
export function distinctStemmedPhrases(ranked: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const phrase of ranked) {
    const stemmed = stemPhrase(phrase);
    if (stemmed !== '') seen.add(stemmed);
  }
  return [...seen];
}

/** The gold keys in protocol form, as a set. */
export function stemmedGoldSet(keys: readonly string[]): Set<string> {
  return new Set(distinctStemmedPhrases(keys));
}

function scoresAt(predicted: readonly string[], gold: ReadonlySet<string>, cutoff: number): { precision: number; recall: number; f1: number } {
  const kept = predicted.slice(0, cutoff);
  const correct = kept.filter((phrase) => gold.has(phrase)).length;
  // Precision divides by the phrases actually returned, which is fewer than the cutoff for short lists.
  const precision = kept.length === 0 ? 0 : correct / kept.length;
  const recall = gold.size === 0 ? 0 : correct / gold.size;
  const f1 = correct === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function scoreKeyphrases(ranked: readonly string[], goldKeys: readonly string[]): KeyphraseScores {
  const predicted = distinctStemmedPhrases(ranked);
  const gold = stemmedGoldSet(goldKeys);
  const at5 = scoresAt(predicted, gold, 5);
  const at10 = scoresAt(predicted, gold, 10);
  return {
    precisionAt5: at5.precision,
    recallAt5: at5.recall,
    f1At5: at5.f1,
    precisionAt10: at10.precision,
    recallAt10: at10.recall,
    f1At10: at10.f1,
  };
}

/** The mean of each score over documents, in percent like the published figures; zeros for no documents. */
export function macroAverageKeyphraseScores(perDocument: readonly KeyphraseScores[]): KeyphraseScores {
  const keys = ['precisionAt5', 'recallAt5', 'f1At5', 'precisionAt10', 'recallAt10', 'f1At10'] as const;
  const mean = { precisionAt5: 0, recallAt5: 0, f1At5: 0, precisionAt10: 0, recallAt10: 0, f1At10: 0 };
  for (const scores of perDocument) for (const key of keys) mean[key] += scores[key];
  for (const key of keys) mean[key] = (100 * mean[key]) / Math.max(perDocument.length, 1);
  return mean;
}
