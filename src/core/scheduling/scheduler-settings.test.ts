import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS, formatSteps, parseSteps, readSteps, resolveSchedulerSettings, validateSchedulerSettings } from './scheduler-settings';

describe('scheduler settings', () => {
  it('defaults to 90% retention, fuzz, 1m 10m steps, 20 new and 200 reviews a day, 100 years, a 4 am day start', () => {
    expect(validateSchedulerSettings(undefined)).toEqual({ ok: true, settings: { ...DEFAULT_SCHEDULER_SETTINGS } });
    expect(DEFAULT_SCHEDULER_SETTINGS).toMatchObject({
      desiredRetention: 0.9,
      fuzz: true,
      learningStepsMinutes: [1, 10],
      relearningStepsMinutes: [10],
      newCardsPerDay: 20,
      reviewsPerDay: 200,
      maximumIntervalDays: 36500,
      dayStartHour: 4,
    });
  });

  it('fills missing fields with defaults and keeps valid ones', () => {
    const result = validateSchedulerSettings({ desiredRetention: 0.85, fuzz: false, learningStepsMinutes: [5], dayStartHour: 0 });
    expect(result).toMatchObject({ ok: true, settings: { desiredRetention: 0.85, fuzz: false, learningStepsMinutes: [5], dayStartHour: 0, newCardsPerDay: 20 } });
  });

  it('accepts desired retention from 0.70 to 0.99 and nothing outside', () => {
    expect(validateSchedulerSettings({ desiredRetention: 0.7 }).ok).toBe(true);
    expect(validateSchedulerSettings({ desiredRetention: 0.99 }).ok).toBe(true);
    expect(validateSchedulerSettings({ desiredRetention: 0.69 })).toMatchObject({ ok: false, issues: [{ field: 'desiredRetention' }] });
    expect(validateSchedulerSettings({ desiredRetention: 1 })).toMatchObject({ ok: false, issues: [{ field: 'desiredRetention' }] });
  });

  it('names every wrong field at once', () => {
    const result = validateSchedulerSettings({ newCardsPerDay: 2.5, reviewsPerDay: -1, dayStartHour: 24, fuzz: 'yes', relearningStepsMinutes: [0], maximumIntervalDays: 40000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.field).sort()).toEqual(['dayStartHour', 'fuzz', 'maximumIntervalDays', 'newCardsPerDay', 'relearningStepsMinutes', 'reviewsPerDay']);
  });

  it('rejects steps that are not whole minutes, and a non-object', () => {
    expect(validateSchedulerSettings({ learningStepsMinutes: [1.5] }).ok).toBe(false);
    expect(validateSchedulerSettings({ learningStepsMinutes: 'fast' }).ok).toBe(false);
    expect(validateSchedulerSettings(42)).toMatchObject({ ok: false, issues: [{ field: 'settings' }] });
  });

  it('throws on invalid settings in code, with every problem in the message', () => {
    expect(() => resolveSchedulerSettings({ desiredRetention: 2, newCardsPerDay: -3 })).toThrow(/desiredRetention.*newCardsPerDay/);
  });

  it('reads and writes steps the way the settings screen shows them', () => {
    expect(parseSteps('1m 10m')).toEqual([1, 10]);
    expect(parseSteps('15 1h, 1d')).toEqual([15, 60, 1440]);
    expect(parseSteps('')).toEqual([]);
    expect(parseSteps('1x')).toBeNull();
    expect(parseSteps('0.5m')).toBeNull();
    expect(parseSteps('1.5h')).toEqual([90]);
    // Each unreadable step is named, with what to write instead.
    expect(readSteps('1m 1.5m')).toEqual({ problem: '“1.5m” is not a whole number of minutes: steps are at least 1m.' });
    expect(readSteps('30s')).toEqual({ problem: '“30s” is not a step: write minutes, hours or days, like “10m”, “1h” or “1d”.' });
    expect(readSteps('31d')).toEqual({ problem: '“31d” is too long: a step can be at most 30 days.' });
    expect(readSteps('1 2 3 4 5 6 7 8 9 10 11')).toEqual({ problem: 'That is 11 steps: at most 10 are allowed.' });
    expect(formatSteps([1, 10, 60, 90, 1440])).toBe('1m 10m 1h 90m 1d');
  });
});
