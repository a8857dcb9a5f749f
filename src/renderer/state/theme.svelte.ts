/** Light or dark: follows the operating system unless the person picked one in Settings. */
import type { SettingsRepository } from '../db/settings-repository';

export const themePreferences = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof themePreferences)[number];

const SETTING_KEY = 'theme';

function isThemePreference(value: unknown): value is ThemePreference {
  return (themePreferences as readonly unknown[]).includes(value);
}

export class ThemeState {
  preference = $state<ThemePreference>('system');
  systemPrefersDark = $state(false);
  resolved = $derived<'light' | 'dark'>(
    this.preference === 'system' ? (this.systemPrefersDark ? 'dark' : 'light') : this.preference,
  );

  constructor(private readonly settings: SettingsRepository) {}

  /** Loads the saved choice and starts following the OS; returns the function that stops it. */
  async attach(target: Window): Promise<() => void> {
    const query = target.matchMedia('(prefers-color-scheme: dark)');
    const sync = () => (this.systemPrefersDark = query.matches);
    sync();
    query.addEventListener('change', sync);
    this.preference = await this.settings.get(SETTING_KEY, isThemePreference, 'system');
    return () => query.removeEventListener('change', sync);
  }

  async choose(preference: ThemePreference): Promise<void> {
    this.preference = preference;
    await this.settings.set(SETTING_KEY, preference);
  }
}
