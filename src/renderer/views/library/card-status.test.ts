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

  it('gives a studied card its due day, or since when it is overdue', () => {
    expect(cardStatus(card({ state: 'review', due: NOW + 2 * DAY }), NOW, day)).toBe('Due 2026-03-12');
    expect(cardStatus(card({ state: 'review', due: NOW - 2 * DAY }), NOW, day)).toBe('Overdue since 2026-03-08');
  });
});
