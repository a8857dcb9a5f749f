// The retrain checked from outside, through the command line only (`extract`, `train`, `extract --user-params`), as
// someone with their own harness would check it: a learner with a taste given as a pattern judges the 5 sentences
// `extract` picks in each training article (+1 wanted, −1 not) and, half the time, adds a wanted sentence it missed
// (+1), up to N feedback lines; `train` learns from them; precision@5 of the wanted sentences on the unseen articles
// is compared before and after. The split and the learner are this script's own, not `focal simulate`'s.
//
//   node scripts/train-cli-check.mjs --taste 'sport=\b(match\w*|team\w*|…)\b' [--seeds 1-6] [--events 200]
//
// Reads ../shared/eval/bbc-dev.jsonl; says so and exits 0 where it is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const articles = resolve(root, '..', 'shared', 'eval', 'bbc-dev.jsonl');
const { values } = parseArgs({ options: { taste: { type: 'string' }, seeds: { type: 'string', default: '1' }, events: { type: 'string', default: '200' } } });
const named = /^([^=]+)=(.+)$/s.exec(values.taste ?? '');
if (!named) throw new Error("--taste 'NAME=REGEX' is needed");
const [, name, pattern] = named;
const wanted = new RegExp(pattern, 'i');
const [first, last = first] = values.seeds.split('-').map(Number);
const events = Number(values.events);
if (!existsSync(articles)) {
  console.log(JSON.stringify({ skipped: `${articles} is absent: it exists on the project's machines and in CI, not in a clone` }));
  process.exit(0);
}

const focal = (...args) => execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), ...args], { cwd: root, maxBuffer: 1 << 30 }).toString();
const extract = (file, params) => focal('extract', '--docs', file, '--top', '5', '--json', ...(params ? ['--user-params', params] : [])).trim().split('\n').map((line) => JSON.parse(line));
const precisionAt5 = (results) => (100 * results.reduce((hits, r) => hits + r.sentences.filter((s) => s.selected && wanted.test(s.text)).length, 0)) / (5 * results.length);
const documents = readFileSync(articles, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).map(({ id, text }) => ({ id, text }));
const work = mkdtempSync(join(tmpdir(), 'focal-train-check-'));
/** Writes `rows` as JSON lines under the work folder; the file's path. */
function file(name, rows) {
  writeFileSync(join(work, name), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return join(work, name);
}
const round = (x) => Math.round(x * 10) / 10;
const gains = [];
try {
  for (let seed = first; seed <= last; seed++) {
    // A seeded shuffle (a linear congruential generator: this script's own, so the split is not simulate's).
    let state = seed * 9301 + 49297;
    const random = () => (state = (state * 9301 + 49297) % 233280) / 233280;
    const order = documents.map((d) => [random(), d]).sort((a, b) => a[0] - b[0]).map(([, d]) => d);
    const unseen = order.slice(0, Math.round(order.length / 3));
    const training = order.slice(unseen.length);
    const trainingFile = file('train.jsonl', training);
    const unseenFile = file('unseen.jsonl', unseen);
    const feedback = [];
    for (const result of extract(trainingFile)) {
      for (const sentence of result.sentences.filter((s) => s.selected)) feedback.push({ doc: result.id, sentence: sentence.text, reward: wanted.test(sentence.text) ? 1 : -1 });
      const missed = result.sentences.find((s) => !s.selected && wanted.test(s.text));
      if (missed && random() < 0.5) feedback.push({ doc: result.id, sentence: missed.text, reward: 1 });
      if (feedback.length >= events) break;
    }
    const params = join(work, 'params.json');
    const trained = JSON.parse(focal('train', '--docs', trainingFile, '--feedback', file('feedback.jsonl', feedback.slice(0, events)), '--out', params, '--seed', String(seed), '--json'));
    const before = precisionAt5(extract(unseenFile));
    const after = precisionAt5(extract(unseenFile, params));
    gains.push(after - before);
    console.log(JSON.stringify({ taste: name, seed, events: Math.min(events, feedback.length), kept: trained.better, setting: trained.setting, heldOut: trained.heldOut, before: round(before), after: round(after), gain: round(after - before) }));
  }
  const mean = gains.reduce((a, b) => a + b, 0) / gains.length;
  console.log(JSON.stringify({ taste: name, seeds: values.seeds, meanGain: round(mean), worstGain: round(Math.min(...gains)) }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
