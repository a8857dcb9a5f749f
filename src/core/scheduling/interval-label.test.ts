import { describe, expect, it } from 'vitest';
import { formatInterval } from './interval-label';

const MIN = 60_000;
const DAY = 1440 * MIN;

describe('interval labels', () => {
  it('read like Anki’s rating buttons', () => {
    expect([30_000, MIN, 10 * MIN, 60 * MIN, 90 * MIN, DAY, 3 * DAY, 45 * DAY, 400 * DAY, 730 * DAY].map(formatInterval)).toEqual([
      '<1m',
      '1m',
      '10m',
      '1h',
      '1.5h',
      '1d',
      '3d',
      '1.5mo',
      '1.1y',
      '2y',
    ]);
  });
});
