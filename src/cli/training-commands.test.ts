import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParams } from '../core/attention/params';
import { findEvalDir } from '../core/eval/datasets';
import { runCli } from './run-cli';
import { seedRange, slipRate } from './training-commands';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (t) => out.push(t), (t) => err.push(t));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs `body` with a fresh temporary folder, removed afterwards whatever happens. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'focal-train-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const notes = [
  'Mitochondria make most of the ATP in a cell. The membrane is 7 nanometres thick. Photosynthesis is the process that turns light into sugar.',
  'Ribosomes build proteins. A human cell holds 46 chromosomes. Osmosis is the movement of water across a membrane.',
  'The nucleus stores DNA. In 1953 the structure of DNA was described. Diffusion is the spread of particles from high to low concentration.',
];

describe('focal train', () => {
  it('writes retrained parameters that extract then uses, and reports the held-out check', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'docs.jsonl'), notes.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n'));
      const feedback = notes.flatMap((text, i) =>
        text.split(/(?<=\.) /).map((sentence) => JSON.stringify({ doc: `d${i}`, sentence, reward: / is (the|a) /.test(sentence) ? 1 : -1 })),
      );
      await writeFile(join(dir, 'feedback.jsonl'), [...feedback, JSON.stringify({ doc: 'd0', sentence: 'Not in the document.', reward: 1 })].join('\n'));
      const trained = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'params.json'), '--seed', '3', '--json');
      expect(trained.code).toBe(0);
      const report = JSON.parse(trained.out);
      expect(report).toMatchObject({ events: 10, unmatched: 1, provider: 'cpu', repeatedLines: [] });
      expect(report.unmatchedLines).toEqual([{ line: 10, why: 'document "d0" has no sentence "Not in the document."' }]);
      expect(report.eventsUsed).toBeGreaterThan(0);
      expect(report.heldOut.before).toHaveProperty('auc');
      expect(report.learnedNothing).toBe(false);

      const extracted = await run('extract', '--docs', join(dir, 'docs.jsonl'), '--user-params', join(dir, 'params.json'), '--json');
      expect(extracted.code).toBe(0);
      expect(extracted.out.split('\n')).toHaveLength(3);
      expect(parseParams(await readFile(join(dir, 'params.json'), 'utf8')).dims.F).toBe(10);
    });
  });

  it('says when the feedback gave nothing to learn: one unwanted sentence in each document', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'docs.jsonl'), notes.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join('\n'));
      await writeFile(join(dir, 'feedback.jsonl'), notes.map((text, i) => JSON.stringify({ doc: `d${i}`, sentence: text.split(/(?<=\.) /)[1], reward: -1 })).join('\n'));
      const result = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'p.json'));
      expect(result.code).toBe(0);
      expect(result.out).toContain('this feedback gave nothing to learn');
    });
  });

  it('matches sentences whatever their spacing, counts a repeated sentence once, and says which lines it skipped', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'docs.jsonl'), JSON.stringify({ id: 'd0', text: notes[0] }));
      const lines = [
        { doc: 'd0', sentence: 'Mitochondria make most\n  of the ATP in a cell.', reward: -1 },
        { doc: 'd9', sentence: 'Ribosomes build proteins.', reward: 1 },
        { doc: 'd0', sentence: 'Photosynthesis is the process that turns light into sugar.', reward: 1 },
        { doc: 'd0', sentence: 'Mitochondria make most of the ATP in a cell.', reward: 1 },
      ];
      // A blank line: the line numbers in messages are the file's own.
      await writeFile(join(dir, 'feedback.jsonl'), ['', ...lines.map((line) => JSON.stringify(line))].join('\n'));
      const result = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'p.json'));
      expect(result.code).toBe(0);
      expect(result.out).toContain(`Skipped 1 feedback line that names no sentence of the documents (line 3: there is no document "d9" in ${join(dir, 'docs.jsonl')}).`);
      expect(result.out).toContain('1 feedback line names a sentence an earlier line named; the later reward counts (line 5: the sentence of line 2).');
      expect(result.out).toContain('Used 2 of 4 feedback events.');
    });
  });

  it.each([
    ['no line names a sentence of the documents', { doc: 'd0', sentence: 'Ribosomes build proteins.', reward: 1 }, 'line 1: document "d0" has no sentence "Ribosomes build proteins."'],
    ['a line is not {doc, sentence, reward}', { doc: 'd0', sentence: 'x', reward: 5 }, 'line 1 needs {"doc", "sentence", "reward" in −1..1}'],
  ])('refuses feedback where %s, says why, and writes nothing', async (_, line, why) => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'docs.jsonl'), JSON.stringify({ id: 'd0', text: notes[0] }));
      await writeFile(join(dir, 'feedback.jsonl'), JSON.stringify(line));
      const result = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'p.json'), '--json');
      expect(result.code).toBe(1);
      const { error } = JSON.parse(result.out);
      expect(error.code).toBe('malformed');
      expect(error.message).toContain(why);
      await expect(readFile(join(dir, 'p.json'))).rejects.toThrow();
    });
  });
});

describe('a docs.jsonl', () => {
  it('with no documents is empty, and with two lines of one id is refused, naming both lines', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'none.jsonl'), '\n');
      const none = await run('extract', '--docs', join(dir, 'none.jsonl'), '--json');
      expect([none.code, JSON.parse(none.out).error.code]).toEqual([1, 'empty']);
      await writeFile(join(dir, 'twice.jsonl'), [JSON.stringify({ id: 'd0', text: notes[0] }), JSON.stringify({ id: 'd0', text: notes[1] })].join('\n'));
      const twice = await run('extract', '--docs', join(dir, 'twice.jsonl'), '--json');
      expect(twice.code).toBe(1);
      expect(JSON.parse(twice.out).error).toMatchObject({ code: 'malformed', message: expect.stringContaining('line 2 has the id "d0" of line 1') });
    });
  });
});

describe('focal train, asked to write nowhere or to learn from nothing', () => {
  it('says a feedback file with no lines is empty, and an --out in no folder cannot be written, and writes nothing', async () => {
    await inTempDir(async (dir) => {
      await writeFile(join(dir, 'docs.jsonl'), JSON.stringify({ id: 'd0', text: notes[0] }));
      await writeFile(join(dir, 'empty.jsonl'), '');
      const empty = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'empty.jsonl'), '--out', join(dir, 'p.json'), '--json');
      expect([empty.code, JSON.parse(empty.out).error.code]).toEqual([1, 'empty']);
      await expect(readFile(join(dir, 'p.json'))).rejects.toThrow();
      await writeFile(join(dir, 'feedback.jsonl'), JSON.stringify({ doc: 'd0', sentence: 'The membrane is 7 nanometres thick.', reward: 1 }));
      const nowhere = await run('train', '--docs', join(dir, 'docs.jsonl'), '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'no', 'such', 'p.json'), '--json');
      expect(nowhere.code).toBe(1);
      expect(JSON.parse(nowhere.out).error).toMatchObject({ code: 'not-found', message: expect.stringContaining('its folder does not exist') });
    });
  });

  it('refuses an --out that is one of its inputs, a folder given as a file, and a parameters file that is no JSON, changing nothing', async () => {
    await inTempDir(async (dir) => {
      const docs = join(dir, 'docs.jsonl');
      await writeFile(docs, JSON.stringify({ id: 'd0', text: notes[0] }));
      await writeFile(join(dir, 'feedback.jsonl'), JSON.stringify({ doc: 'd0', sentence: 'The membrane is 7 nanometres thick.', reward: 1 }));
      const over = await run('train', '--docs', docs, '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, '.', 'docs.jsonl'), '--json');
      expect(JSON.parse(over.out).error).toMatchObject({ code: 'usage', message: expect.stringContaining('is the --docs file') });
      expect(JSON.parse(await readFile(docs, 'utf8'))).toMatchObject({ id: 'd0' });
      const folder = await run('train', '--docs', dir, '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'p.json'), '--json');
      expect(JSON.parse(folder.out).error).toMatchObject({ code: 'usage', message: expect.stringContaining('is a folder, not a documents file') });
      await writeFile(join(dir, 'base.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]));
      const garbage = await run('train', '--docs', docs, '--feedback', join(dir, 'feedback.jsonl'), '--out', join(dir, 'p.json'), '--base', join(dir, 'base.json'), '--json');
      expect(JSON.parse(garbage.out).error).toEqual({ code: 'malformed', message: `${join(dir, 'base.json')} is not a Focal parameters file: it is not JSON.` });
    });
  });
});

describe('focal simulate', () => {
  it.each([['--limit', '0'], ['--limit', 'x'], ['--seed', 'x']])('refuses %s %s with a usage error', async (flag, value) => {
    const result = await run('simulate', flag, value, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).error).toMatchObject({ code: 'usage', message: expect.stringContaining(flag) });
  });

  it.each([['sport'], ['=\\bgoal'], ['sport='], ['sport=(unclosed']])('refuses --taste %s with a usage error that says what it wants', async (spec) => {
    const result = await run('simulate', '--taste', spec, '--json');
    expect(result.code).toBe(1);
    const error = JSON.parse(result.out).error;
    expect(error.code).toBe('usage');
    expect(error.message).toMatch(/--taste/);
  });
});

const evalDir = findEvalDir();
describe.skipIf(!evalDir)(evalDir ? 'focal simulate on 30 BBC dev articles' : 'focal simulate (skipped: ../shared/eval is absent)', () => {
  it('adds a learner for each --taste NAME=REGEX and reports it beside the designed ones; --in-sequence retrains as the app does', async () => {
    const result = await run('simulate', '--limit', '30', '--taste', 'quotes=["“”]', '--in-sequence', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { inSequence: boolean; learners: Array<{ taste: string; preferredShare: number; after: Array<{ events: number; kept: boolean; judgedAgainst: number }> }> };
    expect(report.learners.map((l) => l.taste)).toEqual(['definitions', 'numbers', 'topic', 'none', 'quotes']);
    expect(report.learners[4]!.preferredShare).toBeGreaterThan(0.05);
    expect(report.learners[4]!.after.map((a) => a.events)).toHaveLength(3);
    // Each retrain is judged against the newest kept version (0: the shipped model).
    expect(report.inSequence).toBe(true);
    for (const learner of report.learners) {
      let inUse = 0;
      for (const checkpoint of learner.after) {
        expect(checkpoint.judgedAgainst).toBe(inUse);
        if (checkpoint.kept) inUse = checkpoint.events;
      }
    }
  }, 120_000);

  it('refuses a --taste that matches no sentence of the articles, naming it', async () => {
    const result = await run('simulate', '--limit', '3', '--taste', 'typo=\\bphotosynthessis\\b', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).error).toEqual({ code: 'usage', message: '--taste typo: matches no sentence of the 3 articles, so there is nothing to learn or to measure.' });
  }, 60_000);
});

describe('--slips', () => {
  it('reads a share of sentences below a half, and refuses anything else with a usage error', () => {
    expect(slipRate('0')).toBe(0);
    expect(slipRate('0.1')).toBe(0.1);
    for (const bad of ['', 'x', '-0.1', '0.5', '2']) expect(() => slipRate(bad)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});

describe('--seeds', () => {
  it('reads a range or a list, and refuses anything else with a usage error', () => {
    expect(seedRange('1-4')).toEqual([1, 2, 3, 4]);
    expect(seedRange('3, 7,9')).toEqual([3, 7, 9]);
    for (const bad of ['', '4-1', '1-50', 'a,b', '1.5', '-2']) expect(() => seedRange(bad)).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});
