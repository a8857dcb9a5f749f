/**
 * What the line under the graph says about how much of it is drawn. Counts are of what the filters allow:
 * a node a filter leaves out does not match, and "Show more" could never bring it back.
 */
export type DetailStatus =
  /** Every matching node is drawn: nothing to say. */
  | { kind: 'all' }
  /** Filters are on and no concept passes them. */
  | { kind: 'no-match' }
  /** The size limit left some matching nodes out; "Show more" adds them. */
  | { kind: 'limited'; shown: number; matching: number; filtered: boolean };

export interface DetailCounts {
  /** Nodes the filters allow (all nodes when none is on). */
  matching: number;
  /** Concepts among them. */
  matchingConcepts: number;
  /** Matching nodes the size limit lets through. */
  shown: number;
  filtered: boolean;
}

export function detailStatus({ matching, matchingConcepts, shown, filtered }: DetailCounts): DetailStatus {
  if (filtered && matchingConcepts === 0) return { kind: 'no-match' };
  if (shown >= matching) return { kind: 'all' };
  return { kind: 'limited', shown, matching, filtered };
}
