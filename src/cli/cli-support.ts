/** What every `focal` command shares: its shape, argument parsing with typed errors, reading input files. */
import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ParsedDocument } from '../shared/document';
import { MAX_FILE_BYTES } from '../shared/contract';
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

/**
 * A file's size, or a typed error: none there, or a folder where a file is wanted; a document to read (`limited`)
 * also when larger than the app takes, said at once (a 300 MiB file ran for minutes and out of memory). Training
 * files (docs.jsonl of a whole corpus) are not documents, and may be larger.
 */
async function fileSize(path: string, what = 'file', limited = false): Promise<number> {
  const info = await stat(path).catch(() => {
    throw new FocalError('not-found', `There is no ${what} at ${path}.`);
  });
  if (!info.isFile()) throw new FocalError('usage', `${path} is a folder, not a ${what}: give a file's path.`);
  if (limited && info.size > MAX_FILE_BYTES) throw new FocalError('too-large', `${path} is ${Math.round(info.size / 1048576)} MiB; Focal reads files of up to ${MAX_FILE_BYTES / 1048576} MiB.`);
  return info.size;
}

export async function readInputFile(path: string | undefined): Promise<Uint8Array> {
  if (!path) throw new FocalError('usage', 'Name a file to read.');
  await fileSize(path, 'file', true);
  return new Uint8Array(await readFile(path));
}

/** A parameters file's text (`--base`, `--user-params`), with the checks of any input file. */
export async function readParamsText(path: string): Promise<string> {
  await fileSize(path, 'parameters file');
  return readFile(path, 'utf8');
}

/** Why a parameters file cannot be used, in words: not JSON at all (without echoing its bytes), or what is wrong in it. */
export function notParams(path: string, error: unknown): FocalError {
  const why = error instanceof SyntaxError ? 'it is not JSON' : error instanceof Error ? error.message : String(error);
  return new FocalError('malformed', `${path} is not a Focal parameters file: ${why}.`);
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
  await fileSize(path, `${what} file`);
  const text = await readFile(path, 'utf8');
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

/**
 * Refuses an output path that is one of the command's inputs (`train --out d.jsonl --docs d.jsonl` replaced the
 * documents with parameters), before anything is read or written.
 */
export async function refuseOutputOverInput(out: string, inputs: ReadonlyArray<readonly [flag: string, path: string | undefined]>): Promise<void> {
  const target = await realpath(out).catch(() => resolve(out));
  for (const [flag, path] of inputs) {
    if (path === undefined) continue;
    const input = await realpath(path).catch(() => resolve(path));
    if (input === target) throw new FocalError('usage', `--out ${out} is the ${flag} file: writing there would replace it. Give another path.`);
  }
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
