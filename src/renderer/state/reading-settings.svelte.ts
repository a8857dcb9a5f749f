/** How many key sentences the model picks per document: automatic (grows with length) or a fixed number. */
import type { SettingsRepository } from '../db/settings-repository';

const SETTING_KEY = 'keySentences';

function isKeySentenceSetting(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 500);
}

/** Why a fixed number of key sentences cannot be saved, in the words the settings screen shows; null when it can. */
export function keySentencesProblem(value: unknown): string | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 500 ? null : 'Key sentences per document must be a whole number from 1 to 500.';
}

export class ReadingSettings {
  /** null: automatic. */
  keySentences = $state<number | null>(null);

  constructor(private readonly settings: SettingsRepository) {}

  async load(): Promise<void> {
    this.keySentences = await this.settings.get(SETTING_KEY, isKeySentenceSetting, null);
  }

  /** Throws on a value that is neither null nor a whole number from 1 to 500 (see keySentencesProblem): nothing is saved. */
  async setKeySentences(value: number | null): Promise<void> {
    if (!isKeySentenceSetting(value)) throw new RangeError(keySentencesProblem(value) ?? 'invalid setting');
    this.keySentences = value;
    await this.settings.set(SETTING_KEY, value);
  }
}
