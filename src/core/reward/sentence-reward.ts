/**
 * How a person's behaviour becomes a reward per sentence, in [−1, 1]: the one place that says what the
 * model learns from. Explicit verdicts (deleting, suspending, dismissing, accepting, making or editing a
 * card) carry most of the weight; the review log adds a mild "kept and studied" signal. The table below is
 * also what the app shows in its "what your model learns from" panel, so the numbers and their reasons
 * cannot drift apart.
 */
import type { Rating } from '../scheduling/card-memory';
import { compareStrings } from '../compare-strings';

export type ExplicitSignalKind =
  | 'card-deleted'
  | 'card-suspended'
  | 'card-made-by-hand'
  | 'card-edited'
  | 'candidate-dismissed'
  | 'candidate-accepted';

/** Something the person did about one sentence (or the card made from it). `time` is epoch ms. */
export interface SentenceEvent {
  kind: ExplicitSignalKind;
  sentenceId: string;
  time: number;
}

/** One answer from the review log, already without undone answers (see `effectiveReviews`). */
export interface ReviewOutcome {
  rating: Rating;
  time: number;
}

/** The effective reviews of the card made from a sentence. */
export interface CardReviewHistory {
  sentenceId: string;
  reviews: readonly ReviewOutcome[];
}

export interface SentenceReward {
  sentenceId: string;
  /** In [−1, 1]: positive = the person wants cards like this one. */
  reward: number;
  /** Summed weight of the evidence behind the reward (recency-decayed); training may trust larger values more. */
  evidence: number;
  /**
   * The person picked this sentence themselves (a card made by hand): the model never offered it, so training
   * compares it with the other sentences the model passed over, not with the ones it offered (see
   * train-user-params.ts).
   */
  chosenByPerson?: boolean;
}

export interface SignalRule {
  signal: ExplicitSignalKind | 'reviews';
  /** The reward one such signal gives on its own. */
  reward: number;
  /** How much it counts against the other signals on the same sentence. */
  weight: number;
  why: string;
}

/**
 * The mapping, as data. Magnitudes order the signals by how much effort and intent they show:
 * making a card by hand costs the most and says the most; a passing click says less.
 */
export const SIGNAL_RULES: Readonly<Record<ExplicitSignalKind, SignalRule>> = {
  'card-made-by-hand': {
    signal: 'card-made-by-hand',
    reward: 1,
    weight: 1,
    why: 'You chose a sentence the model did not: the clearest sign of what it missed. Making a card again also takes back an earlier delete or pass on its sentence.',
  },
  'card-deleted': {
    signal: 'card-deleted',
    reward: -1,
    weight: 1,
    // Only the sentence's last card: deleting the fill-in-the-blank and keeping the question is a choice of form.
    why: 'You removed the sentence’s last card as not useful: the sentence should not have been chosen.',
  },
  'card-suspended': {
    signal: 'card-suspended',
    reward: -0.75,
    weight: 1,
    // Suspending can also mean "not now", so it says a little less than deleting.
    why: 'You set aside the sentence’s last card in study: probably not useful, though it may only mean "not now". Unsuspending it takes this back.',
  },
  'candidate-accepted': {
    signal: 'candidate-accepted',
    reward: 0.6,
    weight: 1,
    // Weaker than making a card by hand: accepting a suggestion is cheap and shown items get accepted more.
    why: 'You kept a suggested sentence as a card.',
  },
  'candidate-dismissed': {
    signal: 'candidate-dismissed',
    reward: -0.6,
    weight: 1,
    why: 'You passed over a suggested sentence.',
  },
  'card-edited': {
    signal: 'card-edited',
    reward: 0.3,
    weight: 0.5,
    // An edit means the content is worth keeping and only the wording was off: small, positive.
    why: 'You edited the card: worth keeping, the wording was off.',
  },
};

/**
 * Reviews: a card that is kept and studied is mildly good, growing with the number of reviews and
 * saturating, whatever the ratings. Repeated Again (lapses) are NOT counted against the sentence: a hard
 * sentence is not an unimportant one, and punishing it would teach the model to pick easy, trivial sentences.
 * Deleting or suspending is how a person says a card is not worth it.
 */
export const REVIEW_RULE: SignalRule = {
  signal: 'reviews',
  reward: 0.3,
  weight: 0.5,
  why: 'You kept studying the card: a mild sign it is worth having. Hard cards (answered Again) are not counted against it.',
};
/** Reviews needed for the review signal to reach half of REVIEW_RULE.reward. */
export const REVIEWS_TO_HALF_SIGNAL = 3;

/** Older evidence on a sentence counts half as much per this interval before the newest: the person's latest verdict wins. */
export const EVIDENCE_HALF_LIFE_MS = 30 * 24 * 3600 * 1000;

export interface RewardMappingDescription {
  rules: SignalRule[];
  aggregation: string;
}

/** The mapping for the "what your model learns from" panel. */
export function describeRewardMapping(): RewardMappingDescription {
  return {
    rules: [...Object.values(SIGNAL_RULES), REVIEW_RULE].map((rule) => ({ ...rule })),
    aggregation:
      'Several signals on one sentence are averaged by weight, older ones counting half as much for every 30 days before the newest, so a later verdict outweighs an earlier one.',
  };
}

/** The review signal of one card: grows with the count of reviews, saturating at REVIEW_RULE.reward. */
export function reviewReward(reviews: readonly ReviewOutcome[]): number {
  const n = reviews.length;
  return (REVIEW_RULE.reward * n) / (n + REVIEWS_TO_HALF_SIGNAL);
}

interface Evidence {
  value: number;
  weight: number;
  time: number;
  byHand?: boolean;
}

/**
 * One reward per sentence that has any signal, sorted by sentence id so the output is stable.
 * Each signal is an (value, weight, time) piece of evidence; the reward is their weighted mean with the
 * weights decayed by age relative to that sentence's newest evidence.
 */
export function sentenceRewards(events: readonly SentenceEvent[], histories: readonly CardReviewHistory[] = []): SentenceReward[] {
  const bySentence = new Map<string, Evidence[]>();
  const add = (sentenceId: string, evidence: Evidence) => {
    const list = bySentence.get(sentenceId);
    if (list) list.push(evidence);
    else bySentence.set(sentenceId, [evidence]);
  };
  for (const event of events) {
    const rule = SIGNAL_RULES[event.kind];
    add(event.sentenceId, { value: rule.reward, weight: rule.weight, time: event.time, ...(event.kind === 'card-made-by-hand' ? { byHand: true } : {}) });
  }
  for (const history of histories) {
    if (history.reviews.length === 0) continue;
    const last = history.reviews.reduce((t, review) => Math.max(t, review.time), -Infinity);
    add(history.sentenceId, { value: reviewReward(history.reviews), weight: REVIEW_RULE.weight, time: last });
  }
  const rewards: SentenceReward[] = [];
  for (const [sentenceId, list] of bySentence) {
    const newest = list.reduce((t, e) => Math.max(t, e.time), -Infinity);
    let sum = 0;
    let total = 0;
    for (const e of list) {
      const weight = e.weight * Math.pow(0.5, (newest - e.time) / EVIDENCE_HALF_LIFE_MS);
      sum += weight * e.value;
      total += weight;
    }
    const reward = total > 0 ? Math.max(-1, Math.min(1, sum / total)) : 0;
    rewards.push({ sentenceId, reward, evidence: total, ...(list.some((e) => e.byHand) ? { chosenByPerson: true } : {}) });
  }
  return rewards.sort((a, b) => compareStrings(a.sentenceId, b.sentenceId));
}
