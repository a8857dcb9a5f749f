/**
 * The review settings a user can change, their defaults and their limits. Everything that reaches the
 * scheduler or the queue has passed `validateSchedulerSettings`, so the code behind it trusts its input.
 */

export interface SchedulerSettings {
  /** Probability of recall FSRS aims for when it picks an interval (0.70–0.99). */
  desiredRetention: number;
  /** Spread review intervals a little so cards learnt together do not stay due together. */
  fuzz: boolean;
  /** Steps of a new card before it graduates, in minutes. Empty: FSRS alone decides. */
  learningStepsMinutes: number[];
  /** Steps of a forgotten review card, in minutes. */
  relearningStepsMinutes: number[];
  newCardsPerDay: number;
  reviewsPerDay: number;
  maximumIntervalDays: number;
  /** Local hour at which a new study day begins (Anki's "next day starts at"). */
  dayStartHour: number;
  /** A learning card due within this many minutes is shown now rather than making the user wait. */
  learnAheadMinutes: number;
  /** Lapses after which a card is a leech (Anki's default, 8); 0: no card is. See leech.ts. */
  leechThreshold: number;
  /**
   * Whether new cards are shown whatever the review limit (Anki's "New cards ignore review limit", off by default):
   * off, new cards count against the review limit too, and none come once it is reached — a backlog of reviews is
   * better caught up with before more cards are learnt.
   */
  newCardsIgnoreReviewLimit: boolean;
}

export const DEFAULT_SCHEDULER_SETTINGS: Readonly<SchedulerSettings> = Object.freeze({
  desiredRetention: 0.9,
  fuzz: true,
  learningStepsMinutes: [1, 10],
  relearningStepsMinutes: [10],
  newCardsPerDay: 20,
  reviewsPerDay: 200,
  maximumIntervalDays: 36500,
  dayStartHour: 4,
  learnAheadMinutes: 20,
  leechThreshold: 8,
  newCardsIgnoreReviewLimit: false,
});

export const SETTINGS_LIMITS = {
  desiredRetention: { min: 0.7, max: 0.99 },
  newCardsPerDay: { min: 0, max: 9999 },
  reviewsPerDay: { min: 0, max: 99999 },
  maximumIntervalDays: { min: 1, max: 36500 },
  dayStartHour: { min: 0, max: 23 },
  learnAheadMinutes: { min: 0, max: 1440 },
  leechThreshold: { min: 0, max: 99 },
  /** Steps: at most this many, each a whole number of minutes (ts-fsrs reads steps as integers) up to 30 days. */
  steps: { count: 10, maxMinutes: 30 * 1440 },
} as const;

export interface SettingsIssue {
  /** The offending field; 'settings' when the input is not an object at all. */
  field: keyof SchedulerSettings | 'settings';
  message: string;
}

export type SettingsValidation = { ok: true; settings: SchedulerSettings } | { ok: false; issues: SettingsIssue[] };

type NumericField = 'desiredRetention' | 'newCardsPerDay' | 'reviewsPerDay' | 'maximumIntervalDays' | 'dayStartHour' | 'learnAheadMinutes' | 'leechThreshold';
const INTEGER_FIELDS = new Set<NumericField>(['newCardsPerDay', 'reviewsPerDay', 'maximumIntervalDays', 'dayStartHour', 'learnAheadMinutes', 'leechThreshold']);

/** Checks settings from storage or the settings screen; a missing field takes its default, a wrong one is an issue. */
export function validateSchedulerSettings(input: unknown): SettingsValidation {
  const source = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const issues: SettingsIssue[] = [];
  const settings: SchedulerSettings = { ...DEFAULT_SCHEDULER_SETTINGS, learningStepsMinutes: [...DEFAULT_SCHEDULER_SETTINGS.learningStepsMinutes], relearningStepsMinutes: [...DEFAULT_SCHEDULER_SETTINGS.relearningStepsMinutes] };
  if (typeof input !== 'object' || input === null) {
    if (input !== undefined) issues.push({ field: 'settings', message: 'settings must be an object' });
  }

  for (const field of Object.keys(SETTINGS_LIMITS).filter((k) => k !== 'steps') as NumericField[]) {
    const value = source[field];
    if (value === undefined) continue;
    const { min, max } = SETTINGS_LIMITS[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) issues.push({ field, message: `${field} must be a number` });
    else if (INTEGER_FIELDS.has(field) && !Number.isInteger(value)) issues.push({ field, message: `${field} must be a whole number` });
    else if (value < min || value > max) issues.push({ field, message: `${field} must be between ${min} and ${max}` });
    else settings[field] = value;
  }

  for (const field of ['fuzz', 'newCardsIgnoreReviewLimit'] as const) {
    const value = source[field];
    if (value === undefined) continue;
    if (typeof value === 'boolean') settings[field] = value;
    else issues.push({ field, message: `${field} must be true or false` });
  }

  for (const field of ['learningStepsMinutes', 'relearningStepsMinutes'] as const) {
    const value = source[field];
    if (value === undefined) continue;
    const problem = stepsProblem(value);
    if (problem) issues.push({ field, message: `${field} ${problem}` });
    else settings[field] = [...(value as number[])];
  }

  return issues.length ? { ok: false, issues } : { ok: true, settings };
}

function stepsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be a list of minutes';
  if (value.length > SETTINGS_LIMITS.steps.count) return `may have at most ${SETTINGS_LIMITS.steps.count} steps`;
  for (const step of value) {
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= 0) return 'must be whole positive numbers of minutes';
    if (step > SETTINGS_LIMITS.steps.maxMinutes) return 'may not exceed 30 days per step';
  }
  return null;
}

/** Defaults overlaid with `partial`; throws on anything invalid (for code and tests, not for user input). */
export function resolveSchedulerSettings(partial: Partial<SchedulerSettings> = {}): SchedulerSettings {
  const result = validateSchedulerSettings(partial);
  if (!result.ok) throw new RangeError(result.issues.map((i) => i.message).join('; '));
  return result.settings;
}

const STEP_UNITS: Record<string, number> = { m: 1, h: 60, d: 1440 };

/**
 * Reads steps as the settings screen shows them ("1m 10m", "1h 1d"; a bare number is minutes) into minutes, or
 * says what is wrong with them in words a person can act on.
 */
export function readSteps(text: string): { steps: number[] } | { problem: string } {
  const parts = text.trim().split(/[\s,]+/).filter(Boolean);
  const steps: number[] = [];
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(part);
    const unit = match ? (match[2] || 'm').toLowerCase() : '';
    if (!match || !(unit in STEP_UNITS)) return { problem: `“${part}” is not a step: write minutes, hours or days, like “10m”, “1h” or “1d”.` };
    const minutes = Number(match[1]) * STEP_UNITS[unit]!;
    if (!Number.isInteger(minutes) || minutes <= 0) return { problem: `“${part}” is not a whole number of minutes: steps are at least 1m.` };
    if (minutes > SETTINGS_LIMITS.steps.maxMinutes) return { problem: `“${part}” is too long: a step can be at most 30 days.` };
    steps.push(minutes);
  }
  if (steps.length > SETTINGS_LIMITS.steps.count) return { problem: `That is ${steps.length} steps: at most ${SETTINGS_LIMITS.steps.count} are allowed.` };
  return { steps };
}

/** `readSteps` without the reason: the steps in minutes, or null when unreadable. */
export function parseSteps(text: string): number[] | null {
  const read = readSteps(text);
  return 'steps' in read ? read.steps : null;
}

/** Minutes as the settings screen shows them: whole days as "d", whole hours as "h", else minutes. */
export function formatSteps(minutes: readonly number[]): string {
  return minutes
    .map((m) => (m >= 1440 && m % 1440 === 0 ? `${m / 1440}d` : m >= 60 && m % 60 === 0 ? `${m / 60}h` : `${m}m`))
    .join(' ');
}
