import { describe, expect, it } from 'vitest';
import { detailStatus } from './detail-status';

describe('the line under the graph', () => {
  it('counts what the filters allow, not the whole graph', () => {
    expect(detailStatus({ matching: 21, matchingConcepts: 20, shown: 21, filtered: true })).toEqual({ kind: 'all' });
    expect(detailStatus({ matching: 400, matchingConcepts: 380, shown: 150, filtered: true })).toEqual({ kind: 'limited', shown: 150, matching: 400, filtered: true });
  });

  it('says that nothing matches when the filters leave no concept, and offers no "Show more"', () => {
    expect(detailStatus({ matching: 0, matchingConcepts: 0, shown: 0, filtered: true })).toEqual({ kind: 'no-match' });
    expect(detailStatus({ matching: 1, matchingConcepts: 0, shown: 1, filtered: true })).toEqual({ kind: 'no-match' });
  });

  it('offers "Show more" only while the size limit leaves matching nodes out', () => {
    expect(detailStatus({ matching: 143, matchingConcepts: 140, shown: 143, filtered: false })).toEqual({ kind: 'all' });
    expect(detailStatus({ matching: 300, matchingConcepts: 290, shown: 150, filtered: false })).toEqual({ kind: 'limited', shown: 150, matching: 300, filtered: false });
  });
});
