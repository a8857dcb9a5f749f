/** The stem key concepts are merged by — kept apart from the ranker so that the graph and the renderer can use it without the tagger. */
import { stemmer } from 'stemmer';

const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase letter-and-digit runs, each Porter-stemmed. */
export function conceptKey(phrase: string): string {
  return (phrase.toLowerCase().match(WORD) ?? []).map((word) => stemmer(word)).join(' ');
}
