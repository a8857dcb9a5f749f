/** Everything the screens share, built once at start-up and handed down as props. */
import type { FocalClient } from '../../shared/client';
import { FocalDb } from '../db/focal-db';
import { LibraryRepository } from '../db/library-repository';
import { SettingsRepository } from '../db/settings-repository';
import { Importer } from './importer.svelte';
import { LibraryState } from './library.svelte';
import { ReadingSettings } from './reading-settings.svelte';
import { Notices } from './notices.svelte';
import { Router } from './router.svelte';
import { TaskTray } from './tasks.svelte';
import { ThemeState } from './theme.svelte';

export interface AppState {
  client: FocalClient;
  db: FocalDb;
  router: Router;
  theme: ThemeState;
  tasks: TaskTray;
  notices: Notices;
  library: LibraryState;
  importer: Importer;
  reading: ReadingSettings;
}

export function createAppState(client: FocalClient): AppState {
  const db = new FocalDb();
  const library = new LibraryState(new LibraryRepository(db, () => crypto.randomUUID(), () => Date.now()));
  const settings = new SettingsRepository(db);
  const reading = new ReadingSettings(settings);
  return {
    client,
    db,
    router: new Router(),
    theme: new ThemeState(settings),
    tasks: new TaskTray(),
    notices: new Notices(),
    library,
    importer: new Importer(client.api, library.repository, () => void library.refresh(), () => reading.keySentences),
    reading,
  };
}
