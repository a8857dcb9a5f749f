/**
 * The key concepts are merged by — kept apart from the ranker so that the graph and the renderer can use it
 * without the tagger.
 *
 * Words are joined by their plural only ("cells" and "cell", "energies" and "energy"), not by Porter stems,
 * which also join words of other meanings: "experiment" and "experience" (experi), "organ" and "organic"
 * (organ), "general" and "generation" (gener), "university" and "universe" (univers) were one concept, in a
 * document and across the graph. Measured on the keyphrase dev sets (F1@5/10, 2026-11-30): Inspec 32.45/38.44
 * with stems, 32.43/38.44 with this; SemEval-2010 20.01/23.86 and 19.94/23.68.
 */
const WORD = /[\p{L}\p{N}]+/gu;

/** A word without its plural ending, lowercased. "Virus", "analysis" and "glass" are not plurals. */
export function inflectionKey(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|ch|sh)es$/u.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  return w;
}

/** Lowercase letter-and-digit runs, each without its plural ending. */
export function conceptKey(phrase: string): string {
  return (phrase.match(WORD) ?? []).map(inflectionKey).join(' ');
}
