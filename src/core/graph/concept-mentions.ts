/**
 * Where else a concept is mentioned. The graph links a concept to the documents whose key concepts include it;
 * a document that uses the words without the extractor picking them is found here, on demand, by its text:
 * a library's texts are read only when someone asks about one concept, never kept in the graph.
 *
 * Words are matched by their inflections only ("cell" and "cells", "energy" and "energies", "nucleus" and "nuclei"), not by Porter
 * stems, which also join words of other meanings: "generation" and "general" share the stem "gener",
 * "formation" and "format" the stem "format".
 */
import { compareStrings } from '../compare-strings';
import { inflectionKey, irregularPluralsOf } from '../extraction/concept-key';

/** Words, with a possessive or contraction kept on ("cell’s" is read as "cell"). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** A word's key: its possessive ending off, then its plural (see concept-key.ts). */
const wordKey = (word: string) => inflectionKey(word.replace(/['’]s?$/u, ''));

export interface ConceptMention {
  documentId: string;
  /** How many times the text uses the concept's words. */
  count: number;
  /** Where in the text the first of them starts (a UTF-16 offset). */
  firstAt: number;
}

/**
 * The documents, other than `except`, whose text uses `phrase` (a concept's label) as a run of words in any
 * inflection, with how often and where first; most mentions first, then by id.
 */
export function documentsMentioning(
  phrase: string,
  documents: Iterable<{ documentId: string; text: string }>,
  except: ReadonlySet<string> = new Set(),
): ConceptMention[] {
  const wanted = (phrase.match(WORD) ?? []).map(wordKey);
  if (wanted.length === 0) return [];
  // A cheap test before a text's words are read: the first word, less its last letter, is part of every regular
  // inflection ("fl" of "fly" is in "flies"; "energ" of "energy" in "energies"); irregular plurals are their own.
  const prefixes = [wanted[0]!, ...irregularPluralsOf(wanted[0]!)].map((form) => form.slice(0, Math.max(2, form.length - 1)));
  const found: ConceptMention[] = [];
  for (const { documentId, text } of documents) {
    const lower = except.has(documentId) ? '' : text.toLowerCase();
    if (!prefixes.some((prefix) => lower.includes(prefix))) continue;
    const words: Array<{ key: string; at: number }> = [];
    for (const match of text.matchAll(WORD)) words.push({ key: wordKey(match[0]), at: match.index });
    let count = 0;
    let firstAt = -1;
    for (let i = 0; i + wanted.length <= words.length; i++) {
      if (!wanted.every((key, k) => words[i + k]!.key === key)) continue;
      if (count++ === 0) firstAt = words[i]!.at;
    }
    if (count > 0) found.push({ documentId, count, firstAt });
  }
  return found.sort((a, b) => b.count - a.count || compareStrings(a.documentId, b.documentId));
}
