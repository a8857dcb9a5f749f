import { describe, expect, it } from 'vitest';
import { EVIDENCE_HALF_LIFE_MS, REVIEW_RULE, SIGNAL_RULES, describeRewardMapping, reviewReward, sentenceRewards, type SentenceEvent } from './sentence-reward';

const DAY = 24 * 3600 * 1000;
const at = (kind: SentenceEvent['kind'], sentenceId: string, time = 0): SentenceEvent => ({ kind, sentenceId, time });
const rewardOf = (events: SentenceEvent[], id = 's') => sentenceRewards(events).find((r) => r.sentenceId === id)?.reward;

describe('sentenceRewards', () => {
  it('gives −1 for a deleted card and +1 for a card made by hand', () => {
    expect(rewardOf([at('card-deleted', 's')])).toBe(-1);
    expect(rewardOf([at('card-made-by-hand', 's')])).toBe(1);
  });

  it('orders the signals by the intent they show', () => {
    const r = (kind: SentenceEvent['kind']) => rewardOf([at(kind, 's')])!;
    expect(r('card-made-by-hand')).toBeGreaterThan(r('candidate-accepted'));
    expect(r('candidate-accepted')).toBeGreaterThan(r('card-edited'));
    expect(r('card-edited')).toBeGreaterThan(0);
    expect(r('card-suspended')).toBeGreaterThan(r('card-deleted'));
    expect(r('candidate-dismissed')).toBeLessThan(0);
  });

  it('lets a later verdict replace an earlier opposite one, however close in time', () => {
    expect(rewardOf([at('candidate-accepted', 's', 0), at('card-deleted', 's', 60 * DAY)])).toBe(-1);
    expect(rewardOf([at('card-deleted', 's', 0), at('card-made-by-hand', 's', DAY)])).toBe(1);
  });

  it('no longer counts a sentence as chosen by the person once its card made by hand is deleted or set aside', () => {
    const [deleted] = sentenceRewards([at('card-made-by-hand', 's', 0), at('card-deleted', 's', 7 * DAY)]);
    expect(deleted).toMatchObject({ reward: -1 });
    expect(deleted!.chosenByPerson).toBeUndefined();
    const [suspended] = sentenceRewards([at('card-made-by-hand', 's', 0), at('card-suspended', 's', DAY)]);
    expect(suspended!.reward).toBe(SIGNAL_RULES['card-suspended'].reward);
    expect(suspended!.chosenByPerson).toBeUndefined();
    expect(sentenceRewards([at('card-made-by-hand', 's', 0), at('card-edited', 's', DAY)])[0]!.chosenByPerson).toBe(true);
  });

  it('averages same-time signals by weight', () => {
    const reward = rewardOf([at('candidate-accepted', 's'), at('card-edited', 's')])!;
    const { reward: ra, weight: wa } = SIGNAL_RULES['candidate-accepted'];
    const { reward: re, weight: we } = SIGNAL_RULES['card-edited'];
    expect(reward).toBeCloseTo((ra * wa + re * we) / (wa + we), 10);
  });

  it('halves an older signal’s weight per half-life', () => {
    const edited = SIGNAL_RULES['card-edited'];
    const [r] = sentenceRewards([at('card-edited', 's', 0), at('card-deleted', 's', EVIDENCE_HALF_LIFE_MS)]);
    expect(r!.evidence).toBeCloseTo(0.5 * edited.weight + 1, 10);
    expect(r!.reward).toBeCloseTo((0.5 * edited.weight * edited.reward - 1) / (0.5 * edited.weight + 1), 10);
  });

  it('treats reviewed cards as mildly positive, growing and saturating with the days they are kept in study', () => {
    expect(reviewReward([])).toBe(0);
    const once = reviewReward([{ rating: 3, time: 0 }]);
    const monthKept = reviewReward([0, 3, 10, 30].map((d) => ({ rating: 3 as const, time: d * DAY })));
    const yearKept = reviewReward(Array.from({ length: 12 }, (_, i) => ({ rating: 3 as const, time: i * 30 * DAY })));
    expect(once).toBeGreaterThan(0);
    expect(monthKept).toBeGreaterThan(once);
    expect(yearKept).toBeGreaterThan(monthKept);
    expect(yearKept).toBeLessThanOrEqual(REVIEW_RULE.reward);
  });

  it('does not reward a hard card for the extra answers it needs: kept the same days, it earns the same', () => {
    const easy = [{ rating: 3 as const, time: 0 }, { rating: 3 as const, time: 4 * DAY }];
    const hard = [0, 600_000, 1_200_000, DAY, 2 * DAY, 4 * DAY].map((time, i) => ({ rating: (i % 2 ? 3 : 1) as 1 | 3, time }));
    expect(reviewReward(hard)).toBeCloseTo(reviewReward(easy), 12);
  });

  it('does not count repeated Again against a sentence', () => {
    const lapses = Array.from({ length: 6 }, (_, i) => ({ rating: 1 as const, time: i * DAY }));
    const [r] = sentenceRewards([], [{ sentenceId: 's', reviews: lapses }]);
    expect(r!.reward).toBeGreaterThan(0);
  });

  it('lets a deletion dominate earlier reviews of the same card', () => {
    const reviews = [1, 2, 3].map((i) => ({ rating: 3 as const, time: i * DAY }));
    const [r] = sentenceRewards([at('card-deleted', 's', 4 * DAY)], [{ sentenceId: 's', reviews }]);
    expect(r!.reward).toBeLessThan(-0.5);
  });

  it('returns one reward per sentence in [−1, 1], sorted by id', () => {
    const rewards = sentenceRewards([at('card-deleted', 'b'), at('card-made-by-hand', 'a'), at('card-edited', 'b')], [{ sentenceId: 'c', reviews: [] }]);
    expect(rewards.map((r) => r.sentenceId)).toEqual(['a', 'b']);
    for (const r of rewards) expect(Math.abs(r.reward)).toBeLessThanOrEqual(1);
  });
});

describe('describeRewardMapping', () => {
  it('lists every signal with its reward and reason', () => {
    const { rules, aggregation } = describeRewardMapping();
    expect(rules.map((r) => r.signal).sort()).toEqual([...Object.keys(SIGNAL_RULES), 'reviews'].sort());
    for (const rule of rules) expect(rule.why.length).toBeGreaterThan(10);
    expect(aggregation).toMatch(/30 days/);
  });
});
