import { describe, expect, it } from 'vitest';
import { cardStatus } from './card-status';

const NOW = Date.UTC(2026, 2, 10, 12);
const DAY = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);
const card = (over: Partial<Parameters<typeof cardStatus>[0]> = {}) => ({ suspended: false, buriedUntil: null, state: 'new' as const, due: NOW, ...over });

describe('what a document’s card list says of a card', () => {
  it('says a buried card is buried, and until when, not that it is new', () => {
    expect(cardStatus(card({ buriedUntil: NOW + DAY }), NOW, day)).toBe('Buried until 2026-03-11');
    expect(cardStatus(card({ state: 'review', due: NOW - DAY, buriedUntil: NOW + DAY }), NOW, day)).toBe('Buried until 2026-03-11');
  });

  it('forgets a bury whose day has come', () => {
    expect(cardStatus(card({ buriedUntil: NOW - 1 }), NOW, day)).toBe('New');
  });

  it('says suspended before buried', () => {
    expect(cardStatus(card({ suspended: true, buriedUntil: NOW + DAY }), NOW, day)).toBe('Suspended');
  });

  it('says when a studied card is due as a student counts days, or since when it is overdue', () => {
    const utcDay = (time: number) => Math.floor(time / DAY);
    const clock = (time: number) => new Date(time).toISOString().slice(11, 16);
    const status = (due: number, state: 'review' | 'learning' | 'relearning' = 'review') => cardStatus(card({ state, due }), NOW, day, utcDay, clock);
    expect(status(NOW + 10 * 60_000, 'learning')).toBe('Due at 12:10');
    expect(status(NOW + 60 * 60_000, 'relearning')).toBe('Due at 13:00');
    expect(status(NOW + 60 * 60_000)).toBe('Due today');
    expect(status(NOW + DAY, 'learning')).toBe('Due tomorrow');
    expect(status(NOW - 60_000, 'learning')).toBe('Due now');
    expect(status(NOW + DAY)).toBe('Due tomorrow');
    expect(status(NOW + 2 * DAY)).toBe('Due in 2 days');
    expect(status(NOW + 30 * DAY)).toBe('Due in 30 days');
    expect(status(NOW + 31 * DAY)).toBe('Due 2026-04-10');
    expect(status(NOW - 2 * DAY)).toBe('Overdue since 2026-03-08');
  });
});
