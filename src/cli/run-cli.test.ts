import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
    expect(JSON.parse(json.out).commands.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['info', 'fingerprint', 'bench']));
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

  it('fingerprints a file the same way the app does, and reports a missing one as not-found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'focal-cli-'));
    try {
      await writeFile(join(dir, 'abc.txt'), 'abc');
      const ok = await run('fingerprint', join(dir, 'abc.txt'), '--json');
      expect(JSON.parse(ok.out)).toMatchObject({ size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
      const missing = await run('fingerprint', join(dir, 'nope.txt'), '--json');
      expect(missing.code).toBe(1);
      expect(JSON.parse(missing.out).error.code).toBe('not-found');
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
