/** The state a document's card list shows for each card. */
import type { CardRow } from '../../db/focal-db';

/**
 * Suspended first (it outlasts a bury), then buried until the day it comes back, then new, due or overdue: a
 * buried card is out of today's reviews whatever its state, and must not read as a new one.
 */
export function cardStatus(card: Pick<CardRow, 'suspended' | 'buriedUntil' | 'state' | 'due'>, now: number, day: (time: number) => string): string {
  if (card.suspended) return 'Suspended';
  if (card.buriedUntil != null && card.buriedUntil > now) return `Buried until ${day(card.buriedUntil)}`;
  if (card.state === 'new') return 'New';
  return `${card.due < now ? 'Overdue since' : 'Due'} ${day(card.due)}`;
}
