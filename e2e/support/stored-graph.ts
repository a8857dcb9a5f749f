/** The stored knowledge graph, read straight from the page's IndexedDB: what a test picks its nodes from. */
import type { Page } from '@playwright/test';

export interface StoredNode {
  id: string;
  kind: string;
  label: string;
  documents: string[];
  sourceName?: string;
}

export async function storedGraph(page: Page): Promise<{ nodes: Record<string, StoredNode>; edges: Record<string, { source: string; target: string }> }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('focal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('graph').objectStore('graph').get('library');
          request.onsuccess = () => resolve(request.result.graph);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}
