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
 * Reviews: a card that is kept and studied is mildly good, growing with how long it has been kept in study (the days
 * from its first answer to its last) and saturating, whatever the ratings. Not with the number of answers: a hard
 * card is answered more often in the same weeks, and counting answers would reward it for being hard. Nor are
 * repeated Again (lapses) counted against the sentence: a hard sentence is not an unimportant one, and punishing it
 * would teach the model to pick easy, trivial sentences. Deleting or suspending is how a person says a card is not
 * worth it.
 */
export const REVIEW_RULE: SignalRule = {
  signal: 'reviews',
  reward: 0.3,
  weight: 0.5,
  why: 'You kept studying the card: a mild sign it is worth having, growing the longer you keep it. Answers of Again count neither for it nor against it.',
};
/** Days kept in study (counting the first answer's day as one) for the review signal to reach half of REVIEW_RULE.reward. */
export const DAYS_TO_HALF_SIGNAL = 3;

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
      'A later verdict on a sentence (making, keeping, passing over, deleting or setting aside its card) replaces an earlier one. Edits and reviews are averaged in by weight, older ones counting half as much for every 30 days before the newest.',
  };
}

const DAY_MS = 86_400_000;

/** The review signal of one card: grows with the days it has been kept in study, saturating at REVIEW_RULE.reward. */
export function reviewReward(reviews: readonly ReviewOutcome[]): number {
  if (reviews.length === 0) return 0;
  let first = Infinity;
  let last = -Infinity;
  for (const review of reviews) {
    first = Math.min(first, review.time);
    last = Math.max(last, review.time);
  }
  const days = 1 + (last - first) / DAY_MS;
  return (REVIEW_RULE.reward * days) / (days + DAYS_TO_HALF_SIGNAL);
}

/**
 * Verdicts: what the person decided about the sentence itself. Only the newest counts: making a card again after
 * deleting it, or deleting a card made by hand, is a change of mind, and averaging the two would leave a sentence
 * the person now rejects looking half wanted (and, made by hand, still "chosen").
 */
const VERDICTS: ReadonlySet<ExplicitSignalKind> = new Set(['card-made-by-hand', 'card-deleted', 'card-suspended', 'candidate-accepted', 'candidate-dismissed']);

interface Evidence {
  value: number;
  weight: number;
  time: number;
  byHand?: boolean;
}

/**
 * One reward per sentence that has any signal, sorted by sentence id so the output is stable.
 * The newest verdict, each edit and the review signal are (value, weight, time) pieces of evidence; the reward is
 * their weighted mean with the weights decayed by age relative to that sentence's newest evidence.
 */
export function sentenceRewards(events: readonly SentenceEvent[], histories: readonly CardReviewHistory[] = []): SentenceReward[] {
  const bySentence = new Map<string, Evidence[]>();
  const add = (sentenceId: string, evidence: Evidence) => {
    const list = bySentence.get(sentenceId);
    if (list) list.push(evidence);
    else bySentence.set(sentenceId, [evidence]);
  };
  const verdicts = new Map<string, SentenceEvent>();
  for (const event of events) {
    if (!VERDICTS.has(event.kind)) {
      const rule = SIGNAL_RULES[event.kind];
      add(event.sentenceId, { value: rule.reward, weight: rule.weight, time: event.time });
      continue;
    }
    const earlier = verdicts.get(event.sentenceId);
    if (earlier === undefined || event.time >= earlier.time) verdicts.set(event.sentenceId, event);
  }
  for (const [sentenceId, event] of verdicts) {
    const rule = SIGNAL_RULES[event.kind];
    add(sentenceId, { value: rule.reward, weight: rule.weight, time: event.time, ...(event.kind === 'card-made-by-hand' ? { byHand: true } : {}) });
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
