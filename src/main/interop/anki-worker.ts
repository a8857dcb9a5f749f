/**
 * The Anki worker: reads and writes Anki packages off main's event loop. A deck of 20,000 cards with their
 * history takes seconds either way (SQLite in WebAssembly, then every answer replayed through the scheduler),
 * and main must keep answering the window meanwhile; a hostile package can be stopped by terminating this thread.
 */
import { randomUUID } from 'node:crypto';
import { ankiLibraryImport } from '../../core/interop/anki-library';
import { exportAnkiPackage, importAnkiPackage } from '../../core/interop/anki-package';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { effectiveLog } from '../../core/scheduling/review-log';
import { localUtcOffset } from '../../core/scheduling/study-day';
import { serveJobs } from '../workers/worker-jobs';
import type { AnkiJob, AnkiJobResult } from './anki-messages';
import { loadSqlite } from './sql-js-sqlite';

serveJobs(async (job: AnkiJob): Promise<AnkiJobResult> => {
  const sqlite = await loadSqlite();
  if (job.kind === 'import') {
    const scheduler = createScheduler(job.settings, { newId: randomUUID, utcOffset: localUtcOffset });
    return { kind: 'import', library: ankiLibraryImport(importAnkiPackage(job.bytes, sqlite), { fileName: job.fileName, now: job.now, newId: randomUUID, scheduler }) };
  }
  // Undone answers are left out: Anki would count them.
  const cards = job.input.cards.map((c) => ({ ...c, reviews: effectiveLog(c.reviews) }));
  const reviews = cards.reduce((n, c) => n + c.reviews.filter((entry) => entry.kind === 'review').length, 0);
  return { kind: 'export', bytes: exportAnkiPackage({ ...job.input, cards }, sqlite), reviews };
});
