/** How many key sentences the model picks per document: automatic (grows with length) or a fixed number. */
import type { SettingsRepository } from '../db/settings-repository';

const SETTING_KEY = 'keySentences';

function isKeySentenceSetting(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 500);
}

export class ReadingSettings {
  /** null: automatic. */
  keySentences = $state<number | null>(null);

  constructor(private readonly settings: SettingsRepository) {}

  async load(): Promise<void> {
    this.keySentences = await this.settings.get(SETTING_KEY, isKeySentenceSetting, null);
  }

  async setKeySentences(value: number | null): Promise<void> {
    if (!isKeySentenceSetting(value)) return;
    this.keySentences = value;
    await this.settings.set(SETTING_KEY, value);
  }
}
