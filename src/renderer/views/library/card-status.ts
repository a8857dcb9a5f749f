/** The state a document's card list shows for each card. */
import type { CardRow } from '../../db/focal-db';

const DAY_MS = 86_400_000;

/** The local calendar day a time falls on, as a day count (the views pass the study day, which starts at the person's hour). */
export function localDayNumber(time: number): number {
  return Math.floor((time - new Date(time).getTimezoneOffset() * 60_000) / DAY_MS);
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function clockTime(time: number): string {
  return clockFormat.format(time);
}

/**
 * Suspended first (it outlasts a bury), then buried until the day it comes back, then new, due or overdue: a
 * buried card is out of today's reviews whatever its state, and must not read as a new one. Due days near at hand
 * read as a student counts them ("Due tomorrow", "Due in 5 days"), by `dayNumber` (the study day, as Today counts
 * it); later ones, and overdue ones, by their date. A learning card due later today reads by its clock time ("Due at
 * 14:32"): its next step is minutes away, and the time stays true while the list is open, where "in 10 min" would not.
 */
export function cardStatus(
  card: Pick<CardRow, 'suspended' | 'buriedUntil' | 'state' | 'due'>,
  now: number,
  day: (time: number) => string,
  dayNumber: (time: number) => number = localDayNumber,
  clock: (time: number) => string = clockTime,
): string {
  if (card.suspended) return 'Suspended';
  if (card.buriedUntil != null && card.buriedUntil > now) return `Buried until ${day(card.buriedUntil)}`;
  if (card.state === 'new') return 'New';
  const days = dayNumber(card.due) - dayNumber(now);
  if (card.due <= now) return days === 0 ? 'Due now' : `Overdue since ${day(card.due)}`;
  if (days === 0) return card.state === 'learning' || card.state === 'relearning' ? `Due at ${clock(card.due)}` : 'Due today';
  if (days === 1) return 'Due tomorrow';
  return days <= 30 ? `Due in ${days} days` : `Due ${day(card.due)}`;
}
