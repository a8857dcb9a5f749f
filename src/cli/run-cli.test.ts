import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the focal command', () => {
  it('lists its commands with --help, as text or JSON', async () => {
    const text = await run('--help');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Usage: npm run focal -- <command>/);
    expect(text.out).toMatch(/bench/);
    const json = await run('--help', '--json');
    expect(JSON.parse(json.out).commands.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['info', 'parse', 'bench']));
  });

  it('fails with exit 1 and one JSON error line for an unknown command or bad options', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err.split('\n')).toHaveLength(1);
    expect(JSON.parse(unknown.err)).toEqual({ error: { code: 'usage', message: expect.stringMatching(/frobnicate/) } });
    const badOption = await run('info', '--nope', '--json');
    expect(badOption.code).toBe(1);
    expect(JSON.parse(badOption.out).error.code).toBe('usage');
  });

  it('parses a file the way an import does, and reports a missing one as not-found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'focal-cli-'));
    try {
      await writeFile(join(dir, 'cells.md'), '# Cells\n\n## Division\n\nCells divide by mitosis. Dr. Lee counted 3.5 divisions per hour.\n');
      const ok = await run('parse', join(dir, 'cells.md'), '--json');
      expect(ok.code).toBe(0);
      const doc = JSON.parse(ok.out);
      expect(doc).toMatchObject({ title: 'Cells', language: 'en', format: 'markdown' });
      expect(doc.sentences).toEqual([
        expect.objectContaining({ text: 'Cells divide by mitosis.', section: ['Cells', 'Division'], page: null }),
        expect.objectContaining({ text: 'Dr. Lee counted 3.5 divisions per hour.', section: ['Cells', 'Division'] }),
      ]);
      expect(doc.text.slice(doc.sentences[0].start, doc.sentences[0].end)).toBe('Cells divide by mitosis.');
      const missing = await run('parse', join(dir, 'nope.txt'), '--json');
      expect(missing.code).toBe(1);
      expect(JSON.parse(missing.out).error.code).toBe('not-found');
      // A folder, and a file larger than the app takes (sparse: nothing is written), are refused before reading.
      expect(JSON.parse((await run('parse', dir, '--json')).out).error).toMatchObject({ code: 'usage', message: expect.stringContaining('is a folder') });
      await truncate(join(dir, 'huge.md'), 300 * 1024 * 1024).catch(async () => {
        await writeFile(join(dir, 'huge.md'), '');
        await truncate(join(dir, 'huge.md'), 300 * 1024 * 1024);
      });
      expect(JSON.parse((await run('parse', join(dir, 'huge.md'), '--json')).out).error).toMatchObject({ code: 'too-large', message: expect.stringContaining('256 MiB') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs as `npm run focal` with a non-zero exit on failure', () => {
    const ok = spawnSync('npm', ['run', '-s', 'focal', '--', 'info', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'Focal' });
    const bad = spawnSync('npm', ['run', '-s', 'focal', '--', 'nope'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stderr.trim())).toMatchObject({ error: { code: 'usage' } });
  });
});
