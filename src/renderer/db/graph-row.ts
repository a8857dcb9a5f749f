/**
 * The stored knowledge graph, read through one door:
 * - a graph an older Focal stored (or a restored backup holds) is upgraded to this Focal's concept keys
 *   (upgrade-graph.ts);
 * - the documents changed since it was last read (imports, renames, deletes, restores, rescores: graphChanges)
 *   are put into it from the library as it is now.
 * Either way it is written back, once, before anyone builds on it.
 *
 * Why imports only mark their document: writing the whole graph row (concept vectors and all) at each import
 * made each import cost more than the last, 0.8 s a note at 400 notes. Putting 400 notes into the graph at
 * once takes seconds, so it is done a few documents at a time, letting the page draw in between.
 */
import { graphEditor } from '../../core/graph/build-graph';
import { documentContribution } from '../../core/graph/contribution';
import { emptyGraph, type DocumentContribution, type KnowledgeGraph } from '../../core/graph/knowledge-graph';
import { upgradeGraph } from '../../core/graph/upgrade-graph';
import type { ConceptVectorsRow, DocumentRow, FocalDb, SentenceRow } from './focal-db';

export interface CurrentGraphRow {
  id: 'library';
  graph: KnowledgeGraph;
  positions: Record<string, { x: number; y: number }>;
  /** Counts the writes of the graph: a catch-up that finds another one wrote since it read starts again. */
  revision?: number;
}

export interface CatchUpOptions {
  /** How far it has come: documents put into the graph, of those changed. */
  progress?: (done: number, total: number) => void;
  /** Lets the page draw between slices (tests pass their own, to change the library meanwhile). */
  pause?: () => Promise<void>;
  /** How long one slice may hold the page before it lets it draw (SLICE_MS). */
  sliceMs?: number;
}

const letThePageDraw = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long one slice of a catch-up may hold the page before it lets it draw. */
const SLICE_MS = 40;

/**
 * Notes that the document's part of the graph must be brought up to date. Call inside the change's transaction
 * (which must hold graphChanges); `mark` tells this change from a later one of the same document.
 */
export async function markGraphChanged(db: FocalDb, documentId: string, mark: string): Promise<void> {
  await db.graphChanges.put({ documentId, mark });
}

/** What a stored document gives the graph, with its concept vectors (from conceptVectors, else from a row stored before it). */
export function contributionOf(document: DocumentRow, sentences: readonly SentenceRow[], stored?: ConceptVectorsRow): DocumentContribution {
  const vectors = new Map<string, number[]>();
  for (const concept of document.concepts) {
    const vector = stored?.vectors[concept.phrase] ?? concept.vector;
    if (vector) vectors.set(concept.phrase, vector);
  }
  return documentContribution({ document, sentences, vectors });
}

/** The positions the person left the overview in: their own row, so the graph is not written again with them. */
export async function saveGraphPositions(db: FocalDb, positions: Record<string, { x: number; y: number }>): Promise<void> {
  await db.graphPositions.put({ id: 'library', positions });
}

/** One catch-up (and its write) at a time per library in this page: the Graph screen may be opened again while one runs. */
const running = new WeakMap<FocalDb, Promise<unknown>>();

/**
 * The library's graph row, upgraded when it came from an older Focal and brought up to date with the documents
 * changed since it was last read; undefined when the library never had a graph. The graph comes back as soon as
 * it is made; writing it (a second for a graph of thousands of concepts) follows, so the screen can draw first.
 */
export function readGraphRow(db: FocalDb, options: CatchUpOptions = {}): Promise<CurrentGraphRow | undefined> {
  const before = running.get(db) ?? Promise.resolve();
  const job = before.then(() => catchUp(db, options));
  // A failed write leaves the marks: the next read makes the graph again.
  running.set(
    db,
    job.then(({ saved }) => saved).catch(() => undefined),
  );
  return job.then(({ row }) => row);
}

async function catchUp(db: FocalDb, { progress, pause = letThePageDraw, sliceMs = SLICE_MS }: CatchUpOptions): Promise<{ row: CurrentGraphRow | undefined; saved?: Promise<unknown> }> {
  const seen = await db.transaction('r', [db.graph, db.graphPositions, db.graphChanges, db.documents, db.sentences, db.conceptVectors], async () => {
    const [row, saved, changes] = await Promise.all([db.graph.get('library'), db.graphPositions.get('library'), db.graphChanges.toArray()]);
    const ids = changes.map((change) => change.documentId);
    const [documents, vectors] = await Promise.all([db.documents.bulkGet(ids), db.conceptVectors.bulkGet(ids)]);
    const sentences = await Promise.all(documents.map((document) => (document ? db.sentences.where('documentId').equals(document.id).toArray() : [])));
    return { row, saved, changes, documents, vectors, sentences };
  });
  const { row, changes } = seen;
  if (!row && changes.length === 0) return { row: undefined };
  // The layout's own row; a library last saved by a Focal before it keeps the layout in the graph's row.
  const { graph: stored, positions, upgraded } = row ? upgradeGraph(row.graph, seen.saved?.positions ?? row.positions) : { graph: emptyGraph(), positions: {}, upgraded: true };
  const revision = row?.revision ?? 0;
  if (!upgraded && changes.length === 0) return { row: { id: 'library', graph: stored, positions, revision } };

  const editor = graphEditor(stored);
  let done = 0;
  progress?.(0, changes.length);
  while (done < changes.length) {
    // A document at a time until the slice's time is up: one takes 20–50 ms in a graph of thousands of concepts.
    const start = performance.now();
    do {
      const document = seen.documents[done];
      editor.set(changes[done]!.documentId, document ? contributionOf(document, seen.sentences[done]!, seen.vectors[done]) : null);
      done++;
    } while (done < changes.length && performance.now() - start < sliceMs);
    progress?.(done, changes.length);
    if (done < changes.length) await pause();
  }
  const current: CurrentGraphRow = { id: 'library', graph: editor.finish(), positions, revision: revision + 1 };

  const saved = db.transaction('rw', [db.graph, db.graphPositions, db.graphChanges], async () => {
    const now = await db.graph.get('library');
    // Another tab wrote the graph since this one read it: its graph stands, and what it did not take in keeps its mark.
    if ((now?.revision ?? 0) !== revision) return;
    await db.graph.put({ ...current, positions: {} });
    // Positions saved meanwhile are the person's latest; an upgraded graph's were renamed with its keys, and a layout
    // still in the graph's row (a Focal before graphPositions) moves to its own.
    if (upgraded || !(await db.graphPositions.get('library'))) await db.graphPositions.put({ id: 'library', positions });
    // A document changed again while this ran keeps its mark, and is put in at the next read.
    const still = await db.graphChanges.bulkGet(changes.map((change) => change.documentId));
    await db.graphChanges.bulkDelete(changes.filter((change, i) => still[i]?.mark === change.mark).map((change) => change.documentId));
  });
  return { row: current, saved };
}
