import type { AnkiLibraryImport } from '../../core/interop/anki-library';
import type { AnkiExportCard, AnkiExportInput } from '../../core/interop/anki-package';
import type { LogEntry } from '../../core/scheduling/review-log';
import type { SchedulerSettings } from '../../core/scheduling/scheduler-settings';

/** What main sends the Anki worker: a package to read into decks, or cards to write as one. */
export type AnkiJob =
  | { id: number; kind: 'import'; bytes: Uint8Array; fileName: string; now: number; settings: SchedulerSettings }
  | { id: number; kind: 'export'; input: AnkiExportRequest };

/** The cards to export with their whole logs, undone answers and undo entries included (the worker leaves them out). */
export type AnkiExportRequest = Omit<AnkiExportInput, 'cards'> & { cards: ReadonlyArray<Omit<AnkiExportCard, 'reviews'> & { reviews: readonly LogEntry[] }> };

/** What it answers: the decks read, or the package and how many answers it holds. */
export type AnkiJobResult = { kind: 'import'; library: AnkiLibraryImport } | { kind: 'export'; bytes: Uint8Array; reviews: number };
