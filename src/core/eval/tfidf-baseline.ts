/**
 * A reference TF-IDF keyphrase ranker, to sanity-check the concept metrics against the published TfIdf
 * figures: candidates are noun phrases (adjectives and nouns ending in a noun, found by wink-nlp's tagger),
 * scored by term frequency in the document times inverse document frequency over a reference corpus.
 */
import { nounPhrases } from '../extraction/noun-phrases';
import { stemPhrase } from './protocol-tokens';

export type PhraseRanker = (text: string) => string[];

/**
 * A ranker whose document frequencies come from `corpus` (typically the evaluation documents
 * themselves). Phrases are grouped by their stemmed form; each group is shown as first written, best
 * first, earlier first among equals.
 */
export function createTfidfRanker(corpus: readonly string[]): PhraseRanker {
  const candidatesOf = new Map<string, string[]>();
  const documentFrequency = new Map<string, number>();
  for (const text of corpus) {
    const phrases = nounPhrases(text);
    candidatesOf.set(text, phrases);
    for (const stem of new Set(phrases.map(stemPhrase))) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  }
  const n = corpus.length;
  return (text) => {
    const phrases = candidatesOf.get(text) ?? nounPhrases(text);
    const groups = new Map<string, { shown: string; count: number; first: number }>();
    phrases.forEach((phrase, position) => {
      const stem = stemPhrase(phrase);
      if (stem === '') return;
      const group = groups.get(stem);
      if (group) group.count++;
      else groups.set(stem, { shown: phrase, count: 1, first: position });
    });
    const scored = [...groups].map(([stem, group]) => ({
      ...group,
      // Smoothed so a phrase unseen in the corpus still gets a finite, high weight.
      score: group.count * Math.log((n + 1) / ((documentFrequency.get(stem) ?? 0) + 1)),
    }));
    scored.sort((a, b) => b.score - a.score || a.first - b.first);
    return scored.map((group) => group.shown);
  };
}
