/**
 * Which rewarded sentences a version of the parameters never learned from: those whose every event and review
 * came after the feedback it was trained on ended. Only they can judge that version fairly against a new one.
 */
export function sentencesFirstJudgedAfter(
  time: number,
  events: readonly { sentenceId: string; time: number }[],
  histories: readonly { sentenceId: string; reviews: readonly { time: number }[] }[] = [],
): Set<string> {
  const first = new Map<string, number>();
  const note = (sentenceId: string, at: number) => {
    const known = first.get(sentenceId);
    if (known === undefined || at < known) first.set(sentenceId, at);
  };
  for (const event of events) note(event.sentenceId, event.time);
  for (const history of histories) for (const review of history.reviews) note(history.sentenceId, review.time);
  return new Set([...first].flatMap(([sentenceId, at]) => (at > time ? [sentenceId] : [])));
}
