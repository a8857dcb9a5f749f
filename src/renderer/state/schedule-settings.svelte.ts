/** The person's scheduling settings and optimised FSRS weights, kept in the settings table. */
import { createScheduler, type Scheduler } from '../../core/scheduling/fsrs-adapter';
import { DEFAULT_SCHEDULER_SETTINGS, validateSchedulerSettings, type SchedulerSettings, type SettingsIssue } from '../../core/scheduling/scheduler-settings';
import { localUtcOffset, type UtcOffset } from '../../core/scheduling/study-day';
import type { SettingsRepository } from '../db/settings-repository';

const SETTINGS_KEY = 'scheduler';
const WEIGHTS_KEY = 'fsrsWeights';

const isAnything = (value: unknown): value is unknown => value !== undefined;
const isWeights = (value: unknown): value is number[] | null =>
  value === null || (Array.isArray(value) && value.length >= 17 && value.every((w) => typeof w === 'number' && Number.isFinite(w)));

export class ScheduleSettings {
  settings = $state.raw<SchedulerSettings>({ ...DEFAULT_SCHEDULER_SETTINGS });
  weights = $state.raw<number[] | null>(null);

  constructor(
    private readonly repository: SettingsRepository,
    private readonly newId: () => string,
    /** The person's time zone: days between reviews are their study days. */
    private readonly utcOffset: UtcOffset = localUtcOffset,
  ) {}

  async load(): Promise<void> {
    const stored = await this.repository.get(SETTINGS_KEY, isAnything, {});
    const checked = validateSchedulerSettings(stored);
    this.settings = checked.ok ? checked.settings : { ...DEFAULT_SCHEDULER_SETTINGS };
    this.weights = await this.repository.get(WEIGHTS_KEY, isWeights, null);
  }

  /** Saves the settings if they are valid; otherwise changes nothing and returns what is wrong, field by field. */
  async save(next: Partial<SchedulerSettings>): Promise<SettingsIssue[]> {
    const checked = validateSchedulerSettings({ ...this.settings, ...next });
    if (!checked.ok) return checked.issues;
    this.settings = checked.settings;
    await this.repository.set(SETTINGS_KEY, checked.settings);
    return [];
  }

  async saveWeights(weights: number[] | null): Promise<void> {
    this.weights = weights;
    await this.repository.set(WEIGHTS_KEY, weights);
  }

  scheduler(): Scheduler {
    return createScheduler(this.settings, { ...(this.weights ? { weights: this.weights } : {}), newId: this.newId, utcOffset: this.utcOffset });
  }
}
