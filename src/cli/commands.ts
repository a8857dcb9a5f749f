/** The `focal` command's subcommands; each shares main's core code and returns data the CLI prints. */
import { readFile, stat } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FocalError } from '../shared/errors';
import { fingerprintBytes } from '../core/files/fingerprint';
import { packageVersion } from '../main/services/compose';
import { benchmarks } from '../bench';
import { runBenchmarks, type BenchResult } from '../bench/harness';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<unknown>;
  /** How the result reads without --json. */
  describe(result: never): string;
}

/** parseArgs with its complaints turned into `usage` errors. */
function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true } as const);
  } catch (thrown) {
    throw new FocalError('usage', thrown instanceof Error ? thrown.message : String(thrown));
  }
}

async function readInputFile(path: string | undefined): Promise<Uint8Array> {
  if (!path) throw new FocalError('usage', 'Name a file to read.');
  const info = await stat(path).catch(() => {
    throw new FocalError('not-found', `There is no file at ${path}.`);
  });
  if (!info.isFile()) throw new FocalError('not-found', `${path} is not a file.`);
  return new Uint8Array(await readFile(path));
}

const infoCommand: Command = {
  name: 'info',
  usage: 'focal info [--json]',
  summary: 'Show the version and the platform Focal runs on.',
  async run(args) {
    parse(args, {});
    return { name: 'Focal', version: packageVersion(), platform: `${process.platform}-${process.arch}`, runtime: `Node ${process.versions.node}` };
  },
  describe: (info: { name: string; version: string; platform: string; runtime: string }) =>
    `${info.name} ${info.version} (${info.runtime}, ${info.platform})`,
};

const fingerprintCommand: Command = {
  name: 'fingerprint',
  usage: 'focal fingerprint <file> [--json]',
  summary: 'Print a file’s size and SHA-256, as imports use to recognise it.',
  async run(args) {
    const { positionals } = parse(args, {});
    const bytes = await readInputFile(positionals[0]);
    return { file: positionals[0], ...(await fingerprintBytes(bytes)) };
  },
  describe: (result: { file: string; size: number; sha256: string }) => `${result.sha256}  ${result.size} bytes  ${result.file}`,
};

const benchCommand: Command = {
  name: 'bench',
  usage: 'focal bench [name…] [--runs N] [--json]',
  summary: 'Run the benchmarks (or those whose names start with the given words) and print their figures.',
  async run(args) {
    const { values, positionals } = parse(args, { runs: { type: 'string', default: '7' } });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new FocalError('usage', '--runs must be a whole number from 1 to 1000.');
    const results = await runBenchmarks(benchmarks, { runs, only: positionals });
    if (results.length === 0) throw new FocalError('usage', `No benchmark is called ${positionals.join(' ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}.`);
    return { node: process.versions.node, platform: `${process.platform}-${process.arch}`, runs, results };
  },
  describe: (report: { results: BenchResult[] }) =>
    report.results
      .map((r) => {
        const against = r.against ? `  (${r.against.ratio.toFixed(2)}× ${r.against.name}: ${r.against.medianMs.toFixed(1)} ms)` : '';
        return `${r.name.padEnd(22)} ${r.medianMs.toFixed(1).padStart(9)} ms median of ${r.runs}${against}`;
      })
      .join('\n'),
};

export const commands: Command[] = [infoCommand, fingerprintCommand, benchCommand];
