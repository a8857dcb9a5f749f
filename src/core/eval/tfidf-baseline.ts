/**
 * A reference TF-IDF keyphrase ranker, to sanity-check the concept metrics against the published TfIdf
 * figures: candidates are noun phrases (adjectives and nouns ending in a noun, found by wink-nlp's tagger),
 * scored by term frequency in the document times inverse document frequency over a reference corpus.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { stemPhrase } from './protocol-tokens';

/** Longer runs of adjectives and nouns are mostly tagging debris (tables, reference lists). */
const MAX_PHRASE_WORDS = 4;

let tagger: ReturnType<typeof winkNLP> | undefined;

const NOUN = new Set(['NOUN', 'PROPN']);
const MODIFIER = new Set(['ADJ', 'NOUN', 'PROPN']);

function isWord(token: string): boolean {
  return /[a-z]/i.test(token);
}

/** The noun phrases of a text in order of occurrence, repeats included, as they are written. */
export function nounPhrases(text: string): string[] {
  tagger ??= winkNLP(model, ['sbd', 'pos']);
  const doc = tagger.readDoc(text);
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(tagger.its.pos) as string[];
  const phrases: string[] = [];
  let run: string[] = [];
  let runTags: string[] = [];
  const close = () => {
    // A phrase ends in a noun: drop trailing adjectives, then keep the last few words.
    while (runTags.length > 0 && !NOUN.has(runTags.at(-1)!)) {
      run.pop();
      runTags.pop();
    }
    if (run.length > 0 && run.length <= MAX_PHRASE_WORDS) phrases.push(run.join(' '));
    run = [];
    runTags = [];
  };
  words.forEach((word, i) => {
    const tag = tags[i]!;
    // "fuzzy-logic" is tagged word, '-', word: the hyphen joins, it does not end the phrase.
    if (word === '-' && run.length > 0 && MODIFIER.has(tags[i + 1] ?? '')) return;
    if (MODIFIER.has(tag) && isWord(word)) {
      run.push(word);
      runTags.push(tag);
    } else {
      close();
    }
  });
  close();
  return phrases;
}

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
