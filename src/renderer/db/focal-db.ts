/** The one Dexie schema: every piece of user data lives here, in the renderer. */
import Dexie, { type EntityTable } from 'dexie';

export interface SettingRow {
  key: string;
  value: unknown;
}

export class FocalDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = 'focal') {
    super(name);
    this.version(1).stores({ settings: 'key' });
  }
}
