import type { FocalDb } from './focal-db';

/** Typed access to the settings table; a value of the wrong shape reads as the fallback. */
export class SettingsRepository {
  constructor(private readonly db: FocalDb) {}

  async get<T>(key: string, isValid: (value: unknown) => value is T, fallback: T): Promise<T> {
    const row = await this.db.settings.get(key);
    return row && isValid(row.value) ? row.value : fallback;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
