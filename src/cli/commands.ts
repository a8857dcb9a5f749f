/** The `focal` command's subcommands; each shares main's core code and returns data the CLI prints. */
import type { ParsedDocument } from '../shared/document';
import { FocalError } from '../shared/errors';
import { packageVersion } from '../main/services/compose';
import { benchmarks } from '../bench';
import { chooseBenchmarks, runBenchmarks, type BenchResult } from '../bench/harness';
import { runInOwnProcess } from '../bench/own-process';
import { parse, parseFile, type Command } from './cli-support';
import { evalCommand, extractCommand } from './model-commands';
import { simulateCommand, trainCommand } from './training-commands';

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

const parseCommand: Command = {
  name: 'parse',
  usage: 'focal parse <file> [--password P] [--json]',
  summary: 'Read a file (Markdown, text, PDF, HTML, DOCX, EPUB) into sections and sentences, as an import does.',
  async run(args) {
    const { positionals, values } = parse(args, { password: { type: 'string' } });
    const document = await parseFile(positionals[0], values.password !== undefined ? { password: values.password } : {});
    const { sentences, ...rest } = document;
    return { ...rest, sentences: sentences.map(({ text, section, page, start, end, hash }) => ({ text, section, page, start, end, hash })) };
  },
  describe: (doc: ParsedDocument) =>
    [
      `${doc.title}  (${doc.format}, ${doc.language}${doc.pageCount ? `, ${doc.pageCount} pages` : ''}, ${doc.sentences.length} sentences, ${doc.sections.length} sections)`,
      ...doc.warnings.map((w) => `warning: ${w}`),
      ...doc.sentences.slice(0, 12).map((s) => `  ${s.page ? `p${s.page} ` : ''}${s.section.length ? `[${s.section.at(-1)}] ` : ''}${s.text}`),
      doc.sentences.length > 12 ? `  … and ${doc.sentences.length - 12} more (use --json for all)` : '',
    ]
      .filter(Boolean)
      .join('\n'),
};

const benchCommand: Command = {
  name: 'bench',
  usage: 'focal bench [name…] [--runs N] [--json]',
  summary: `Run the benchmarks (or those whose names start with the given words), each in a process of its own, and print their figures. Names: ${benchmarks.map((b) => b.name).join(', ')}.`,
  async run(args) {
    const { values, positionals } = parse(args, { runs: { type: 'string', default: '7' } });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1 || runs > 1000) throw new FocalError('usage', '--runs must be a whole number from 1 to 1000.');
    // Several suites: each in a process of its own, so no suite's figure carries the heap of the ones before it.
    const several = chooseBenchmarks(benchmarks, positionals).length > 1;
    const results = await runBenchmarks(benchmarks, { runs, only: positionals, ...(several ? { runSuite: runInOwnProcess } : {}) });
    if (results.length === 0) throw new FocalError('usage', `No benchmark is called ${positionals.join(' ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}.`);
    return { node: process.versions.node, platform: `${process.platform}-${process.arch}`, runs, results };
  },
  describe: (report: { results: BenchResult[] }) =>
    report.results
      .map((r) => {
        if (r.skipped) return `${r.name.padEnd(22)} skipped: ${r.skipped}`;
        const against = r.against ? `  (${r.against.ratio.toFixed(2)}× ${r.against.name}: ${r.against.medianMs.toFixed(1)} ms)` : '';
        return `${r.name.padEnd(22)} ${r.medianMs.toFixed(1).padStart(9)} ms median of ${r.runs}${against}`;
      })
      .join('\n'),
};

export const commands: Command[] = [infoCommand, parseCommand, extractCommand, evalCommand, trainCommand, simulateCommand, benchCommand];
