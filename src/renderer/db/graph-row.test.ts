import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../core/graph/build-graph';
import { documentContribution } from '../../core/graph/contribution';
import { NOTE_A, NOTE_B } from '../../core/graph/fixtures/notes';
import { conceptNodeId, GRAPH_VERSION } from '../../core/graph/knowledge-graph';
import type { StoredGraph } from '../../core/graph/upgrade-graph';
import { FocalDb } from './focal-db';
import { readGraphRow } from './graph-row';

describe('reading the stored graph', () => {
  it('upgrades a graph an older Focal stored, once, and writes it back with its positions', async () => {
    const db = new FocalDb(`graph-row-${Math.random()}`);
    expect(await readGraphRow(db)).toBeUndefined();
    const current = buildGraph([NOTE_A, NOTE_B].map(documentContribution));
    // Version 1 with these notes' keys: "cell membrane" was keyed "cell membran".
    const old = (key: string) => (key === 'cell membrane' ? 'cell membran' : key);
    const contributions = Object.fromEntries(
      Object.entries(current.contributions).map(([id, c]) => [
        id,
        {
          ...c,
          concepts: c.concepts.map((concept) => ({ ...concept, key: old(concept.key) })).sort((a, b) => (a.key < b.key ? -1 : 1)),
          pairs: c.pairs.map((pair) => ({ ...pair, a: old(pair.a), b: old(pair.b) })),
        },
      ]),
    );
    const stored = { ...buildGraph(Object.values(contributions)), version: 1 } as StoredGraph;
    await db.graph.put({ id: 'library', graph: stored, positions: { [conceptNodeId('cell membran')]: { x: 1, y: 2 } } });

    const row = await readGraphRow(db);
    expect(row!.graph).toEqual(current);
    expect(row!.positions).toEqual({ [conceptNodeId('cell membrane')]: { x: 1, y: 2 } });
    expect((await db.graph.get('library'))!.graph.version).toBe(GRAPH_VERSION);
    expect(await readGraphRow(db)).toEqual(row);
  });
});
