/**
 * The stored knowledge graph, read straight from the page's IndexedDB: what a test picks its nodes from. Imports
 * only mark their documents for the graph; it takes them in when the Graph screen opens (or, after an import of
 * many, in the background), so open it first.
 */
import type { Page } from '@playwright/test';
import { storedRow, storedRows } from './stored-rows';

export interface StoredNode {
  id: string;
  kind: string;
  label: string;
  documents: string[];
  sourceName?: string;
}

/** The stored graph row: the graph, and where the overview last put each node. */
function graphRow(page: Page): Promise<{ graph: unknown; positions?: Record<string, { x: number; y: number }> } | undefined> {
  return storedRow(page, 'graph', 'library');
}

export async function storedGraph(page: Page): Promise<{ nodes: Record<string, StoredNode>; edges: Record<string, { source: string; target: string }> }> {
  const [row, changed] = await Promise.all([graphRow(page), storedRows(page, 'graphChanges')]);
  if (!row || changed.length > 0) throw new Error('The stored graph is behind the library: open the Graph screen before reading it');
  return row.graph as { nodes: Record<string, StoredNode>; edges: Record<string, { source: string; target: string }> };
}

export async function storedPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return (await storedRow<{ positions: Record<string, { x: number; y: number }> }>(page, 'graphPositions', 'library'))?.positions ?? {};
}
