/**
 * The stored knowledge graph, read through one door: a graph an older Focal stored (or a restored backup holds)
 * is upgraded to this Focal's concept keys and written back before anyone builds on it (upgrade-graph.ts).
 */
import type { KnowledgeGraph } from '../../core/graph/knowledge-graph';
import { upgradeGraph } from '../../core/graph/upgrade-graph';
import type { FocalDb } from './focal-db';

export interface CurrentGraphRow {
  id: 'library';
  graph: KnowledgeGraph;
  positions: Record<string, { x: number; y: number }>;
}

/** The library's graph row, upgraded when it came from an older Focal; undefined when there is none yet. */
export function readGraphRow(db: FocalDb): Promise<CurrentGraphRow | undefined> {
  return db.transaction('rw', db.graph, async () => {
    const row = await db.graph.get('library');
    if (!row) return undefined;
    const { graph, positions, upgraded } = upgradeGraph(row.graph, row.positions);
    const current: CurrentGraphRow = { id: 'library', graph, positions };
    if (upgraded) await db.graph.put(current);
    return current;
  });
}
