/** What every `focal` command shares: its shape, argument parsing with typed errors, reading input files. */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ParsedDocument } from '../shared/document';
import { FocalError } from '../shared/errors';
import type { AnalysisRequest } from '../main/import/parse-messages';
import { ParseRunner } from '../main/import/parse-runner';
import { TaskRegistry } from '../main/services/tasks';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<unknown>;
  /** How the result reads without --json. */
  describe(result: never): string;
}

/** parseArgs with its complaints turned into `usage` errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true } as const);
  } catch (thrown) {
    throw new FocalError('usage', thrown instanceof Error ? thrown.message : String(thrown));
  }
}

export async function readInputFile(path: string | undefined): Promise<Uint8Array> {
  if (!path) throw new FocalError('usage', 'Name a file to read.');
  const info = await stat(path).catch(() => {
    throw new FocalError('not-found', `There is no file at ${path}.`);
  });
  if (!info.isFile()) throw new FocalError('not-found', `${path} is not a file.`);
  return new Uint8Array(await readFile(path));
}

/** Parses (and optionally reads with the model) one file through the same worker the app uses. */
export async function parseFile(path: string | undefined, options: { password?: string; analysis?: AnalysisRequest }): Promise<ParsedDocument> {
  const bytes = await readInputFile(path);
  const runner = new ParseRunner();
  const tasks = new TaskRegistry(() => {}, () => 'cli');
  try {
    const name = basename(path!);
    return await tasks.run(`Reading ${name}`, 'bytes', bytes.byteLength, (task) =>
      runner.parse({ name, bytes, ...(options.password !== undefined ? { password: options.password } : {}) }, task, options.analysis),
    );
  } finally {
    await runner.close();
  }
}

/** Each non-blank line of a JSONL file parsed, with its line number in the file (blank lines counted) for messages. */
export async function readJsonLines(path: string, what: string): Promise<Array<{ line: number; record: unknown }>> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new FocalError('not-found', `There is no ${what} file at ${path}.`);
  });
  return text.split('\n').flatMap((content, i) => {
    if (!content.trim()) return [];
    try {
      return [{ line: i + 1, record: JSON.parse(content) as unknown }];
    } catch {
      throw new FocalError('malformed', `${path} line ${i + 1} is not JSON.`);
    }
  });
}

/** A `--docs` file: one {"id", "text"} document per line (a numeric id is read as text). */
/** A docs.jsonl's documents; a file with none, or two lines of one id (feedback would name either), is refused. */
export async function readDocumentLines(path: string): Promise<Array<{ id: string; text: string }>> {
  const lineOf = new Map<string, number>();
  const documents = (await readJsonLines(path, 'documents')).map(({ line, record }) => {
    const { id, text } = (record ?? {}) as { id?: unknown; text?: unknown };
    if (typeof text !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) throw new FocalError('malformed', `${path} line ${line} needs {"id", "text"}.`);
    const earlier = lineOf.get(String(id));
    if (earlier !== undefined) throw new FocalError('malformed', `${path} line ${line} has the id "${id}" of line ${earlier}: each document needs its own.`);
    lineOf.set(String(id), line);
    return { id: String(id), text };
  });
  if (documents.length === 0) throw new FocalError('empty', `${path} has no documents: each line is {"id", "text"}.`);
  return documents;
}

/** A result printed as one JSON document per line (JSONL) rather than one document. */
export class JsonLines {
  constructor(readonly lines: unknown[]) {}
}

/** A whole number of at least 1 given as `name` (undefined when not given), or a usage error. */
export function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new FocalError('usage', `${name} must be a whole number of at least 1.`);
  return n;
}

/** Writes a command's output file; a folder that is not there, or a path that is a folder, is said as such. */
export async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FocalError('not-found', `Cannot write ${path}: its folder does not exist.`);
    if (code === 'EISDIR') throw new FocalError('usage', `Cannot write ${path}: it is a folder; give a file's path.`);
    if (code === 'EACCES' || code === 'EPERM') throw new FocalError('usage', `Cannot write ${path}: permission denied.`);
    throw error;
  }
}
