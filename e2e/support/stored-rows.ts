/** Rows of the page's IndexedDB ('focal', as Dexie made it), read straight from the browser: what a test checks was stored. */
import type { Page } from '@playwright/test';

/** Every row of one table. */
export function storedRows<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(readStore, { table, key: null }) as Promise<T[]>;
}

/** One row by its key, or undefined. */
export function storedRow<T>(page: Page, table: string, key: string): Promise<T | undefined> {
  return page.evaluate(readStore, { table, key }) as Promise<T | undefined>;
}

// Runs in the page (page.evaluate sends its source), so it uses nothing from this module.
function readStore({ table, key }: { table: string; key: string | null }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('focal');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const store = db.transaction(table).objectStore(table);
        const request = key === null ? store.getAll() : store.get(key);
        request.onsuccess = () => (db.close(), resolve(request.result));
        request.onerror = () => (db.close(), reject(request.error));
      } catch (error) {
        // No such table (yet): fail the test with the reason rather than let it wait for its timeout.
        db.close();
        reject(error);
      }
    };
  });
}

/**
 * Changes fields of one stored row, behind the app's back: for a state a test cannot reach in its time (a card
 * forgotten eight times). The screen shows it once it reads its rows again.
 */
export function changeStoredRow(page: Page, table: string, key: string, changes: Record<string, unknown>): Promise<void> {
  return page.evaluate(
    ({ table, key, changes }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('focal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(table, 'readwrite');
          const store = transaction.objectStore(table);
          const request = store.get(key);
          request.onsuccess = () => store.put({ ...request.result, ...changes });
          transaction.oncomplete = () => (db.close(), resolve());
          transaction.onerror = () => (db.close(), reject(transaction.error));
        };
      }),
    { table, key, changes },
  );
}
