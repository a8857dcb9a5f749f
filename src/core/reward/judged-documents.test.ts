import { describe, expect, it } from 'vitest';
import { judgeableDocuments } from './judged-documents';

const DAY = 86_400_000;
const event = (kind: 'card-deleted' | 'card-suspended' | 'card-made-by-hand' | 'candidate-dismissed' | 'candidate-accepted', sentenceId: string, documentId: string, time = 10 * DAY) => ({ kind, sentenceId, documentId, time });
const card = (sentenceId: string, documentId: string, reps: number) => ({ sentenceId, documentId, reps, lastReview: reps > 0 ? 9 * DAY : null });

describe('the documents a retrain could be judged on', () => {
  it('are those with a wanted and an unwanted sentence, or a sentence picked by hand', () => {
    const judgeable = judgeableDocuments(
      [event('card-deleted', 'a2', 'A'), event('card-made-by-hand', 'b1', 'B'), event('card-deleted', 'c1', 'C'), event('candidate-dismissed', 'd2', 'D'), event('candidate-accepted', 'd1', 'D')],
      [card('a1', 'A', 4), card('c2', 'C', 0), card('e1', 'E', 6)],
    );
    // A: a reviewed card beside a deleted one; B: by hand; D: accepted and dismissed. C: its other card never
    // reviewed; E: reviews only, which only ever say "wanted".
    expect([...judgeable].sort()).toEqual(['A', 'B', 'D']);
  });

  it('reads a sentence reviewed and then set aside as unwanted, so reviews alone still judge nothing', () => {
    expect(judgeableDocuments([event('card-suspended', 's1', 'A')], [card('s1', 'A', 5)]).size).toBe(0);
    expect(judgeableDocuments([], [card('s1', 'A', 5), card('s2', 'A', 2), card('t1', 'B', 3)]).size).toBe(0);
  });
});
