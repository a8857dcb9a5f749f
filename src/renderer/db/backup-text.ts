/**
 * A backup's JSON written and read in pieces. A browser's longest string is about 512 MB, and a library of forty
 * textbooks (1.2 million sentences) makes a longer backup: one JSON.stringify of it threw "Invalid string length",
 * and with it every backup and every delete (which backs up first). Written here as chunks of whole rows, the text is
 * the same JSON as before; read here row by row, no string holds more than one row.
 */

/** About how many characters a chunk holds: far below the longest string, and few chunks for a usual library. */
export const CHUNK_CHARS = 16 * 1024 * 1024;

/** The header fields and tables of a backup, as backup.ts writes them (in this order). */
export interface BackupShape {
  format: string;
  version: number;
  schemaVersion: number;
  exportedAt: number;
  tables: Record<string, unknown[]>;
}

/** The backup's JSON in chunks (joined, exactly JSON.stringify(backup)); every chunk ends between rows. */
export function backupChunks(backup: BackupShape, chunkChars = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 0;
  const push = (text: string) => {
    parts.push(text);
    size += text.length;
    if (size >= chunkChars) {
      chunks.push(parts.join(''));
      parts = [];
      size = 0;
    }
  };
  const { format, version, schemaVersion, exportedAt, tables } = backup;
  push(`{"format":${JSON.stringify(format)},"version":${JSON.stringify(version)},"schemaVersion":${JSON.stringify(schemaVersion)},"exportedAt":${JSON.stringify(exportedAt)},"tables":{`);
  Object.entries(tables).forEach(([name, rows], t) => {
    push(`${t > 0 ? ',' : ''}${JSON.stringify(name)}:[`);
    for (let i = 0; i < rows.length; i++) push(`${i > 0 ? ',' : ''}${JSON.stringify(rows[i])}`);
    push(']');
  });
  push('}}');
  if (parts.length > 0) chunks.push(parts.join(''));
  return chunks;
}

/** Why a text could not be read as a backup's JSON: it is not JSON at all, or it stops or breaks part-way. */
export class BackupTextError extends Error {
  constructor(readonly kind: 'not-json' | 'damaged') {
    super(kind);
  }
}

/** Characters that end a number, true, false or null. */
const isDelimiter = (code: number) => code === 44 || code === 93 || code === 125 || code === 32 || code === 10 || code === 13 || code === 9;

type Container = { array: unknown[] } | { object: Record<string, unknown>; key: string | null };

/**
 * Reads JSON text given in chunks, split anywhere, into its value, building it as it goes: no string longer than one
 * string or number of the JSON is made. Lenient about separators (a backup is checked row by row afterwards), strict
 * about what a cut-short or broken text shows: an unclosed string or container, or more after the value.
 */
export async function readJsonChunks(chunks: Iterable<string> | AsyncIterable<string>): Promise<unknown> {
  const stack: Container[] = [];
  let result: unknown;
  let done = false;
  let started = false;
  let token: 'string' | 'literal' | null = null;
  let raw = '';
  let escaped = false;

  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new BackupTextError(started ? 'damaged' : 'not-json');
    }
  };
  const put = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) {
      result = value;
      done = true;
    } else if ('array' in top) top.array.push(value);
    else if (top.key === null) {
      if (typeof value !== 'string') throw new BackupTextError('damaged');
      top.key = value;
    } else {
      // As JSON.parse does: a "__proto__" key is a property of its own, never the object's prototype.
      Object.defineProperty(top.object, top.key, { value, writable: true, enumerable: true, configurable: true });
      top.key = null;
    }
  };

  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      if (token === 'string') {
        let j = i;
        for (; j < chunk.length; j++) {
          const code = chunk.charCodeAt(j);
          if (escaped) escaped = false;
          else if (code === 92) escaped = true;
          else if (code === 34) break;
        }
        if (j === chunk.length) {
          raw += chunk.slice(i);
          break;
        }
        raw += chunk.slice(i, j + 1);
        i = j;
        token = null;
        put(parse(raw));
        raw = '';
        continue;
      }
      if (token === 'literal') {
        let j = i;
        while (j < chunk.length && !isDelimiter(chunk.charCodeAt(j))) j++;
        raw += chunk.slice(i, j);
        if (j === chunk.length) break;
        token = null;
        put(parse(raw));
        raw = '';
        i = j - 1;
        continue;
      }
      const c = chunk[i]!;
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ',' || c === ':') continue;
      if (done) throw new BackupTextError('damaged');
      if (!started && c !== '{' && c !== '[') throw new BackupTextError('not-json');
      started = true;
      if (c === '{') stack.push({ object: {}, key: null });
      else if (c === '[') stack.push({ array: [] });
      else if (c === '}' || c === ']') {
        const top = stack.pop();
        if (!top || ('array' in top) !== (c === ']') || (!('array' in top) && top.key !== null)) throw new BackupTextError('damaged');
        put('array' in top ? top.array : top.object);
      } else if (c === '"') {
        token = 'string';
        raw = '"';
        escaped = false;
      } else {
        token = 'literal';
        raw = '';
        i--;
      }
    }
  }
  if (token === 'literal' && stack.length === 0 && !done) put(parse(raw));
  else if (token !== null) throw new BackupTextError('damaged');
  if (!started) throw new BackupTextError('not-json');
  if (!done) throw new BackupTextError('damaged');
  return result;
}
