/** The one Dexie schema: every piece of user data lives here, in the renderer. */
import Dexie, { type EntityTable } from 'dexie';
import type { StudyCard } from '../../core/cards/make-cards';
import type { CardMemory } from '../../core/scheduling/card-memory';
import type { LogEntry } from '../../core/scheduling/review-log';
import type { StoredGraph } from '../../core/graph/upgrade-graph';
import type { SentenceEvent } from '../../core/reward/sentence-reward';
import type { ConceptScore, LibraryFormat, ParsedSection, ParsedSentence, TextLink, BlockAnchor } from '../../shared/document';
import type { LearnedSummaryData } from '../../shared/contract';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A document in the library, without its text (kept apart so listing the library stays light). */
export interface DocumentRow {
  id: string;
  title: string;
  /** The person gave the title (renamed the document): a re-import of its file keeps it. Absent: the file's own title. */
  titleByHand?: true;
  format: LibraryFormat;
  language: string;
  /** The file's name as imported; its path inside the folder for folder imports. */
  sourceName: string;
  /** What a re-import is matched by (see plan-import.ts). */
  sourceKey: string;
  contentHash: string;
  byteSize: number;
  pageCount: number | null;
  sentenceCount: number;
  sections: ParsedSection[];
  links: string[];
  tags: string[];
  /** Front-matter aliases, the other names links find the note by; absent when none, and on rows stored before them. */
  aliases?: string[];
  warnings: string[];
  /**
   * The attention model's concepts, best first (empty when the model did not run); their vectors are in
   * conceptVectors, except on rows stored before that table.
   */
  concepts: ConceptScore[];
  /** Where the model ran for this document, and whether it knew too few of its words to be reliable. */
  modelProvider: string | null;
  reducedQuality: boolean;
  importedAt: number;
  updatedAt: number;
  /** The build of Focal that last read its file (build-id.ts); absent on rows stored before this was kept, and for Anki decks. */
  readBy?: string;
}

export interface DocumentTextRow {
  documentId: string;
  text: string;
  /** Where the text shows each link to another note, for the reader; absent when none, and on rows stored before them. Kept with the text their offsets point into, not in the document rows the library lists. */
  linkSpans?: TextLink[];
  /** Where the blocks that links name by id (`[[Note#^id]]`) start; absent when none, and on rows stored before them. */
  blockAnchors?: BlockAnchor[];
}

/** A stored sentence: the parsed sentence, where it sits, and what the model made of it. */
export interface SentenceRow extends ParsedSentence {
  id: string;
  documentId: string;
  ordinal: number;
  /** The model's salience (a logit), null when the model did not run. */
  salience: number | null;
  /** A key sentence: the model chose it. */
  selected: boolean;
  /** For key sentences: the attention each word got ("why this sentence?"). */
  why?: Array<{ token: string; weight: number }>;
}

/** A review card: what it asks, where it came from, and its schedule. */
export interface CardRow extends StudyCard, CardMemory {
  suspended: boolean;
  /** Hidden until this instant (bury); null when not buried. */
  buriedUntil: number | null;
  /** The person changed the prompt or answer by hand; a re-import leaves such a card alone. */
  edited: boolean;
}

/** The review log, append-only: answers and the undo markers that cancel them. */
export type ReviewLogRow = LogEntry;

/** The knowledge graph of the whole library (one row). */
export interface GraphRow {
  id: 'library';
  /** As stored: a graph from an older Focal is upgraded when read (graph-row.ts). */
  graph: StoredGraph;
  /**
   * The layout as a Focal before graphPositions kept it (and backups made then hold it): read when graphPositions
   * has none. Written as {} since.
   */
  positions: Record<string, { x: number; y: number }>;
  /** How many times the graph was written since it had one (absent before this was counted): see graph-row.ts. */
  revision?: number;
}

/**
 * The places the person left the graph's overview in (one row). Kept apart from the graph's row: saving a layout
 * there wrote the whole graph again, 0.43 s of the page's time at 300 news articles, after every layout and drag.
 */
export interface GraphPositionsRow {
  id: 'library';
  positions: Record<string, { x: number; y: number }>;
}

/**
 * A document changed (imported, renamed, deleted, restored) since the stored graph was last brought up to date.
 * Writing the whole graph row, concept vectors and all, at each import made an import's cost grow with the
 * library; it is brought up to date when next read (graph-row.ts), from the documents as they are then.
 */
export interface GraphChangeRow {
  documentId: string;
  /** Tells this change from a later one of the same document made while the graph caught up. */
  mark: string;
}

/**
 * A document's concept vectors (the word vectors of its concepts' phrases, by phrase), which only the graph reads.
 * Kept out of the document's row: they were nine tenths of it, and the library list, search and the reader read
 * every row. Rows stored before this table (and restored from backups made before it) keep them inline.
 */
export interface ConceptVectorsRow {
  documentId: string;
  vectors: Record<string, number[]>;
}

/** What the person did about a sentence or its card: the explicit part of the model's reward. */
export interface FeedbackRow extends SentenceEvent {
  id: string;
  documentId: string;
}

/** One version of the person's model parameters; exactly one is active (none: the shipped base). */
export interface ModelVersionRow {
  id: string;
  createdAt: number;
  /** The parameters as params JSON (src/core/attention/params.ts). */
  params: string;
  eventsUsed: number;
  /**
   * Held-out ranking quality (AUC) of the parameters before and after this retrain; `documents`: how many
   * documents held those pairs (absent in versions from before 2026-11-30).
   */
  heldOut: { before: number | null; after: number | null; pairs: number; documents?: number };
  /** What it learned, in words (absent for versions made before this was recorded). */
  learned?: LearnedSummaryData;
  /** When the feedback it learned from was gathered: later feedback is new to it (absent before this was recorded: createdAt). */
  feedbackUntil?: number;
  /** How many feedback records there were then: fewer now means some were taken back (absent before this was recorded). */
  feedbackCount?: number;
  /** Whether its held-out check was against a retrained version in use, on feedback newer than that version (absent: against the shipped model). */
  judgedAgainstVersion?: boolean;
  /** Whether the held-out check found it better (it was then put in use); absent before this was recorded. */
  judgedBetter?: boolean;
  active: boolean;
}

/**
 * Every version of the schema, oldest first: each adds tables or indexes and none removes data, so an
 * older database opens under the newest one with nothing lost (tested in focal-db.test.ts).
 */
export const SCHEMA_VERSIONS: ReadonlyArray<Record<string, string>> = [
  { settings: 'key' },
  { documents: 'id, contentHash, sourceKey, importedAt, updatedAt', documentTexts: 'documentId', sentences: 'id, documentId, [documentId+ordinal], hash' },
  { cards: 'id, documentId, sentenceId, &key, due', reviewLog: 'id, cardId, time' },
  { graph: 'id' },
  { feedback: 'id, sentenceId, documentId, time', modelVersions: 'id, createdAt' },
  { graphChanges: 'documentId', conceptVectors: 'documentId' },
  { graphPositions: 'id' },
];

export class FocalDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  documents!: EntityTable<DocumentRow, 'id'>;
  documentTexts!: EntityTable<DocumentTextRow, 'documentId'>;
  sentences!: EntityTable<SentenceRow, 'id'>;
  cards!: EntityTable<CardRow, 'id'>;
  reviewLog!: EntityTable<ReviewLogRow, 'id'>;
  graph!: EntityTable<GraphRow, 'id'>;
  graphChanges!: EntityTable<GraphChangeRow, 'documentId'>;
  graphPositions!: EntityTable<GraphPositionsRow, 'id'>;
  conceptVectors!: EntityTable<ConceptVectorsRow, 'documentId'>;
  feedback!: EntityTable<FeedbackRow, 'id'>;
  modelVersions!: EntityTable<ModelVersionRow, 'id'>;

  /** `versions` limits the schema to its first versions: how tests make databases as older Focals left them. */
  constructor(name = 'focal', versions = SCHEMA_VERSIONS.length) {
    super(name);
    SCHEMA_VERSIONS.slice(0, versions).forEach((stores, index) => this.version(index + 1).stores(stores));
  }
}

/** A copy of the whole library, kept in its own database so that a broken main database cannot take it along. */
export interface BackupRow {
  id: string;
  createdAt: number;
  reason: 'daily' | 'before-retrain' | 'before-delete' | 'before-restore' | 'before-upgrade' | 'manual';
  /** The backup file's text (see backup.ts); in pieces when one string could not hold it (backup-text.ts). */
  data: string | string[];
  bytes: number;
}

export class BackupsDb extends Dexie {
  backups!: EntityTable<BackupRow, 'id'>;

  constructor(name = 'focal-backups') {
    super(name);
    this.version(1).stores({ backups: 'id, createdAt' });
    // By kind and time: daily backups are kept apart from the others, without reading any backup's data.
    this.version(2).stores({ backups: 'id, createdAt, [reason+createdAt]' });
  }
}
