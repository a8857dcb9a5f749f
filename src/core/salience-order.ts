/**
 * Orders by salience, highest first, with sentences the model did not score (null) after every scored one and
 * equal to each other, so the caller's next tie-breaker decides between them.
 */
export function mostSalientFirst(a: { salience: number | null }, b: { salience: number | null }): number {
  if (a.salience === null || b.salience === null) return (a.salience === null ? 1 : 0) - (b.salience === null ? 1 : 0);
  return b.salience - a.salience;
}
