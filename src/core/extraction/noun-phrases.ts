/**
 * Candidate concepts: noun phrases (adjectives and nouns ending in a noun), found with wink-nlp's
 * part-of-speech tagger — the classic keyphrase candidate pattern (Hulth 2003).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

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
