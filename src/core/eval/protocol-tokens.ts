/**
 * The evaluation protocol's tokens (shared/eval/README.md): lowercase, `[a-z0-9]+` runs, each stemmed with
 * the original Porter algorithm. Every metric in this folder compares text through these tokens only.
 */
import { stemmer } from 'stemmer';

const stems = new Map<string, string>();
/** Words repeat heavily across a corpus; the cache stops growing here so a long run stays bounded. */
const MAX_CACHED_STEMS = 200_000;

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stems.size < MAX_CACHED_STEMS) stems.set(word, stemmed);
  }
  return stemmed;
}

export function protocolTokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
}

/** A phrase in the protocol's form: its stemmed tokens joined by single spaces ('' when it has none). */
export function stemPhrase(phrase: string): string {
  return protocolTokens(phrase).join(' ');
}
