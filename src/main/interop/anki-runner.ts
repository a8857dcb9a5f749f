/**
 * Runs Anki imports and exports in a worker thread, one at a time (see worker-jobs.ts): cancelling one, or an
 * import running past its time limit, terminates the worker, and the next job starts a fresh one.
 */
import type { AnkiLibraryImport } from '../../core/interop/anki-library';
import type { SchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { timeLimitFor } from '../import/parse-runner';
import type { TaskHandle } from '../services/tasks';
import { WorkerJobs, movableBytes, workerModuleUrl } from '../workers/worker-jobs';
import type { AnkiExportRequest, AnkiJob, AnkiJobResult } from './anki-messages';

type Message<Kind extends AnkiJob['kind']> = Omit<Extract<AnkiJob, { kind: Kind }>, 'id'>;

export class AnkiRunner {
  private readonly jobs = new WorkerJobs<AnkiJobResult>(workerModuleUrl('anki-worker', import.meta.url), 'Focal’s Anki reader');

  constructor(private readonly limitFor: (byteSize: number) => number = timeLimitFor) {}

  /** Reads a package's decks, cards and history; its bytes move to the worker. */
  async import(file: Uint8Array, fileName: string, now: number, settings: SchedulerSettings, task: TaskHandle): Promise<AnkiLibraryImport> {
    const { bytes, transfer } = movableBytes(file);
    const message: Message<'import'> = { kind: 'import', bytes, fileName, now, settings };
    const result = await this.jobs.run(message, {
      task,
      what: `Reading “${fileName}”`,
      limitMs: this.limitFor(bytes.byteLength),
      limitReason: 'The package may be damaged or unusually large.',
      transfer,
    });
    if (result.kind !== 'import') throw new Error('the Anki worker answered an import with an export');
    return result.library;
  }

  /** Writes the cards and their history as one package. No time limit: it is the person's own library. */
  async export(input: AnkiExportRequest, task: TaskHandle): Promise<{ bytes: Uint8Array; reviews: number }> {
    const message: Message<'export'> = { kind: 'export', input };
    const result = await this.jobs.run(message, { task, what: 'Exporting to Anki' });
    if (result.kind !== 'export') throw new Error('the Anki worker answered an export with an import');
    return result;
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}
