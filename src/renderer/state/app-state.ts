/** Everything the screens share, built once at start-up and handed down as props. */
import type { FocalClient } from '../../shared/client';
import { BackupStore } from '../db/backup';
import { FocalDb, type BackupsDb } from '../db/focal-db';
import { LibraryRepository } from '../db/library-repository';
import { ReviewRepository } from '../db/review-repository';
import { SettingsRepository } from '../db/settings-repository';
import { Importer } from './importer.svelte';
import { LibraryState } from './library.svelte';
import { ReadingSettings } from './reading-settings.svelte';
import { CardBrowser } from './card-browser.svelte';
import { GraphState } from './graph.svelte';
import { graphCatchUpSoon } from './graph-catch-up';
import { ModelTraining } from './model-training.svelte';
import { ReviewSession } from './review-session.svelte';
import { ScheduleSettings } from './schedule-settings.svelte';
import { Notices } from './notices.svelte';
import { Router } from './router.svelte';
import { TaskTray } from './tasks.svelte';
import { ThemeState } from './theme.svelte';
import { atMostEvery } from './at-most-every';
import { otherWindows } from './other-windows';
import { localUtcOffset, studyDayBounds } from '../../core/scheduling/study-day';

/** How often the Library's list is read again while an import stores files. */
const LIST_REFRESH_MS = 1000;
const CARDS_TELL_MS = 1000;

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
  reviews: ReviewRepository;
  schedule: ScheduleSettings;
  session: ReviewSession;
  cards: CardBrowser;
  graph: GraphState;
  training: ModelTraining;
  backups: BackupStore;
  /** The clock every screen reads: one place, so a test could pin it. */
  now: () => number;
}

/** `backupsDb` is the one connection to the backups database, shared with the backup taken before an upgrade. */
export function createAppState(client: FocalClient, backupsDb: BackupsDb): AppState {
  const db = new FocalDb();
  const now = () => Date.now();
  const newId = () => crypto.randomUUID();
  const backups = new BackupStore(db, backupsDb, newId, now);
  // Told by Focal's other windows (tabs on the web host) that the library changed there: read it again.
  const windows = otherWindows(() => {
    library.changedElsewhere++;
    refreshList.now();
    graph.changedElsewhere();
  });
  const library = new LibraryState(new LibraryRepository(db, newId, now), () => backups.take('before-delete'), () => windows.tell());
  const settings = new SettingsRepository(db);
  const reading = new ReadingSettings(settings);
  // A review tells the other windows about once a second at most, however fast its answers come.
  const reviews = new ReviewRepository(db, newId, atMostEvery(CARDS_TELL_MS, () => windows.tell()));
  const schedule = new ScheduleSettings(settings, newId);
  const notices = new Notices();
  const tasks = new TaskTray();
  const graph = new GraphState(db, schedule, now);
  const catchUpGraphSoon = graphCatchUpSoon({ graph, tasks, importing: () => importer.running, caughtUp: () => windows.tell() });
  const training = new ModelTraining(db, client.api, newId, now, () => backups.take('before-retrain'), catchUpGraphSoon);
  const refreshList = atMostEvery(LIST_REFRESH_MS, () => void library.refresh());
  const importEnded = () => {
    refreshList.now();
    windows.tell();
    // The first import of a day (or of a new library) gets the day's backup.
    backups.takeDailyIfDue().catch((error) => notices.report('The daily backup could not be made', error));
    catchUpGraphSoon();
  };
  const importer = new Importer(
    client.api,
    library.repository,
    // The list shows each stored file, but not by re-reading every document after each of a vault's thousand
    // files; at the end of an import, at once, so it matches the report.
    (finished) => (finished ? importEnded() : refreshList()),
    () => reading.keySentences,
    () => training.activeParams(),
    (progress) => tasks.update(progress, { fromPage: true }),
  );
  return {
    client,
    db,
    router: new Router(),
    theme: new ThemeState(settings),
    tasks,
    notices,
    library,
    importer,
    reading,
    reviews,
    schedule,
    session: new ReviewSession(reviews, schedule, now),
    cards: new CardBrowser(
      reviews,
      now,
      (time) => studyDayBounds(time, schedule.settings.dayStartHour, localUtcOffset).end,
      () => schedule.settings.leechThreshold,
    ),
    graph,
    training,
    backups,
    now,
  };
}
