/**
 * The line above a card in review: its document's title, then the card's section path, each part once. A path
 * usually starts with the note's own heading, the title too ("Photosynthesis › The overall reaction"), but not
 * for a document the person renamed or a PDF whose title comes from its file: it was left without the name of
 * where the card came from ("Summary", or nothing at all for a PDF without headings).
 */
export function sourceLine(title: string | undefined, context: readonly string[]): string[] {
  const parts = title && context[0] !== title ? [title, ...context] : [...context];
  return parts.filter((part, i) => part !== parts[i - 1]);
}
