/**
 * The key concepts are merged by — kept apart from the ranker so that the graph and the renderer can use it
 * without the tagger.
 *
 * Words are joined by their plural only ("cells" and "cell", "energies" and "energy"), not by Porter stems,
 * which also join words of other meanings: "experiment" and "experience" (experi), "organ" and "organic"
 * (organ), "general" and "generation" (gener), "university" and "universe" (univers) were one concept, in a
 * document and across the graph. The keyphrase figures moved by less than 0.2 points (models/README.md, "Concepts").
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
