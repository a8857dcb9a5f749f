/**
 * Leeches, as Anki has them: a card forgotten again and again (its lapses reach the threshold, 8 unless the person
 * says otherwise) costs more reviews than it is worth as it stands, and is better rewritten or set aside. Focal marks
 * it (Anki's "tag only"): the review says so when it happens, and Cards lists leeches. It never suspends on its own.
 */

/** Whether a card with `lapses` lapses is a leech; a threshold of 0 makes none. */
export function isLeech(lapses: number, threshold: number): boolean {
  return threshold > 0 && lapses >= threshold;
}

/**
 * Whether an answer that took a card from `before` to `after` lapses should say it is a leech: when it reaches the
 * threshold, and again every half threshold after (Anki's rule), so a leech left as it is is pointed out again.
 */
export function becameLeech(before: number, after: number, threshold: number): boolean {
  if (after <= before || !isLeech(after, threshold)) return false;
  return (after - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0;
}
