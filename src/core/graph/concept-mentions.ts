/**
 * Where else a concept is mentioned. The graph links a concept to the documents whose key concepts include it;
 * a document that uses the words without the extractor picking them is found here, on demand, by its text:
 * a library's texts are read only when someone asks about one concept, never kept in the graph.
 */
import { stemmer } from 'stemmer';

const WORD = /[\p{L}\p{N}]+/gu;

export interface ConceptMention {
  documentId: string;
  /** How many times the text uses one of the concept's forms. */
  count: number;
}

/**
 * A cheap test a text must pass before its words are stemmed: a Porter stem, less its last letter, is part of
 * the word it came from ("energi" from "energy", "photosynthesi" from "photosynthesis").
 */
function stemPrefix(stem: string): string {
  return stem.length > 3 ? stem.slice(0, -1) : stem;
}

/**
 * The documents, other than `except`, whose text uses one of the concept keys (`conceptKey`: Porter stems joined by
 * spaces) as a run of words, with how often; most mentions first, then by id.
 */
export function documentsMentioning(
  keys: readonly string[],
  documents: Iterable<{ documentId: string; text: string }>,
  except: ReadonlySet<string> = new Set(),
): ConceptMention[] {
  const phrases = [...new Set(keys)].map((key) => key.split(' ').filter(Boolean)).filter((stems) => stems.length > 0);
  if (phrases.length === 0) return [];
  const prefixes = phrases.map((stems) => stemPrefix(stems[0]!));
  const stems = new Map<string, string>();
  const stemOf = (word: string) => {
    let stem = stems.get(word);
    if (stem === undefined) stems.set(word, (stem = stemmer(word)));
    return stem;
  };
  const found: ConceptMention[] = [];
  for (const { documentId, text } of documents) {
    if (except.has(documentId)) continue;
    const lower = text.toLowerCase();
    if (!prefixes.some((prefix) => lower.includes(prefix))) continue;
    const words = (lower.match(WORD) ?? []).map(stemOf);
    let count = 0;
    for (let i = 0; i < words.length; i++) {
      // One mention per position: a concept's forms may share words ("cell" and "cell membrane").
      if (phrases.some((phrase) => phrase.every((stem, k) => words[i + k] === stem))) count++;
    }
    if (count > 0) found.push({ documentId, count });
  }
  return found.sort((a, b) => b.count - a.count || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
}
