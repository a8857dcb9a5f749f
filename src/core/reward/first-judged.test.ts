import { describe, expect, it } from 'vitest';
import { sentencesFirstJudgedAfter } from './first-judged';

describe('the feedback new to the parameters in use', () => {
  it('is the sentences whose every event and review came after they were trained', () => {
    const events = [
      { kind: 'candidate-accepted' as const, sentenceId: 'old', time: 10 },
      { kind: 'card-edited' as const, sentenceId: 'old', time: 30 },
      { kind: 'candidate-dismissed' as const, sentenceId: 'new', time: 25 },
      { kind: 'card-made-by-hand' as const, sentenceId: 'reviewed', time: 21 },
    ];
    const histories = [
      { sentenceId: 'reviewed', reviews: [{ rating: 3 as const, time: 19 }] },
      { sentenceId: 'only-reviews', reviews: [{ rating: 1 as const, time: 40 }] },
    ];
    expect([...sentencesFirstJudgedAfter(20, events, histories)].sort()).toEqual(['new', 'only-reviews']);
  });
});
