import { describe, expect, it } from 'vitest';
import { becameLeech, isLeech } from './leech';

describe('leeches', () => {
  it('are cards with as many lapses as the threshold or more; a threshold of 0 makes none', () => {
    expect([7, 8, 12].map((lapses) => isLeech(lapses, 8))).toEqual([false, true, true]);
    expect(isLeech(50, 0)).toBe(false);
  });

  it('are pointed out when a lapse reaches the threshold and every half threshold after, as Anki does', () => {
    const pointedOut = Array.from({ length: 20 }, (_, i) => i + 1).filter((after) => becameLeech(after - 1, after, 8));
    expect(pointedOut).toEqual([8, 12, 16, 20]);
    // An answer that is not a lapse says nothing, whatever the count; an odd threshold rounds its half up.
    expect(becameLeech(8, 8, 8)).toBe(false);
    expect(Array.from({ length: 12 }, (_, i) => i + 1).filter((after) => becameLeech(after - 1, after, 5))).toEqual([5, 8, 11]);
  });
});
