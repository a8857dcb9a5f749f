/**
 * The one file that imports sql.js: SQLite compiled to WebAssembly, in memory, no native build. It gives
 * the Anki package reader and writer (src/core/interop/anki-package.ts) the small `Sqlite` they declare.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import initSqlJs, { type BindParams, type Database, type SqlJsStatic } from 'sql.js';
import type { SqlRow, SqlValue, Sqlite, SqliteDatabase } from '../../core/interop/anki-package';

let loading: Promise<Sqlite> | null = null;

/** SQLite, loaded once: the WebAssembly module is read from sql.js's package on first use. */
export function loadSqlite(): Promise<Sqlite> {
  loading ??= initialise().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function initialise(): Promise<Sqlite> {
  const require = createRequire(import.meta.url);
  const wasm = await readFile(require.resolve('sql.js/dist/sql-wasm.wasm'));
  const SQL: SqlJsStatic = await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer });
  return {
    create: () => wrap(new SQL.Database()),
    open: (bytes) => wrap(new SQL.Database(bytes)),
  };
}

function wrap(db: Database): SqliteDatabase {
  const bind = (params: readonly SqlValue[] | undefined): BindParams => (params ? [...params] : null);
  return {
    exec(sql) {
      db.exec(sql);
    },
    run(sql, params) {
      db.run(sql, bind(params));
    },
    all(sql, params) {
      const statement = db.prepare(sql);
      try {
        if (params) statement.bind(bind(params));
        const rows: SqlRow[] = [];
        while (statement.step()) rows.push(statement.getAsObject());
        return rows;
      } finally {
        statement.free();
      }
    },
    export: () => db.export(),
    close() {
      db.close();
    },
  };
}
