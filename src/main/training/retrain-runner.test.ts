/**
 * Retraining in the worker thread, as the service runs it: progress through reading and training, a result
 * the app can store, readings kept for the next retrain, and cancellation that leaves the runner usable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseParams, serializeParams } from '../../core/attention/params';
import { analyzeDocument } from '../../core/extraction/analyze-document';
import { personLikeParams } from '../../core/training/synthetic-library';
import { ReadingCache } from '../../core/training/reading-cache';
import { parseDocument } from '../../core/text/parse-document';
import type { TaskProgress } from '../../shared/contract';
import { loadAttentionModel, type LoadedModel } from '../attention/attention-model';
import { repoModelsDir } from '../services/compose';
import { TaskRegistry } from '../services/tasks';
import { prepare, rescore, retrain, type RetrainRequest } from './retrain';
import { RetrainRunner } from './retrain-runner';

const samples = join(import.meta.dirname, '..', '..', '..', 'resources', 'samples');

/** The sample notes as the app stores them, and a person who keeps the sentences that define something. */
async function request(): Promise<RetrainRequest> {
  const documents = await Promise.all(
    ['cell-biology.md', 'photosynthesis.md'].map(async (file, d) => {
      const parsed = await parseDocument({ name: file, bytes: readFileSync(join(samples, file)) });
      return { id: `doc${d}`, text: parsed.text, sentences: parsed.sentences.map((s, i) => ({ id: `doc${d}-s${i}`, text: s.text, section: s.section, start: s.start, end: s.end })) };
    }),
  );
  const events = documents.flatMap((document) =>
    document.sentences.slice(0, 12).map((s, i) => ({ kind: / (is|are) (the|a|an) /.test(s.text) ? ('candidate-accepted' as const) : ('candidate-dismissed' as const), sentenceId: s.id, time: 1_700_000_000_000 + i * 60_000 })),
  );
  return { documents, events, histories: [], inUse: null, seed: 3 };
}

describe('retraining and rescoring in the worker’s code', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadAttentionModel(repoModelsDir(), { preferGpu: false });
  });
  afterAll(async () => model.release());

  it('gives the same result from kept readings as from fresh ones, and keeps one reading per document it used', async () => {
    const input = await request();
    const readings = new ReadingCache(10_000);
    const progress: string[] = [];
    const first = await retrain(input, model, readings, (done, total, unit) => progress.push(`${unit} ${done}/${total}`));
    expect(readings.size).toBe(2);
    const second = await retrain(input, model, readings, () => {});
    expect(second).toEqual(first);
    expect(parseParams(first.params, model.baseParams).dims).toEqual(model.dims);
    // Kept with every version and backup: only what the retrain changed, the rest named as the base’s.
    expect(JSON.parse(first.params).fromBase.names).toEqual(expect.arrayContaining(['w_q', 'w_k', 'a_q', 'a_k']));
    expect(first.eventsUsed).toBe(24);
    expect(progress[0]).toBe('documents 0/2');
    expect(progress).toContain('documents 2/2');
    expect(progress.at(-1)).toMatch(/^steps (\d+)\/\1$/);
  });

  it('says when the feedback gave nothing to learn: only deletions, one in each document, score as the shipped model', async () => {
    const input = await request();
    const onlyDeleted: RetrainRequest = { ...input, events: input.documents.map((document, i) => ({ kind: 'card-deleted' as const, sentenceId: document.sentences[2]!.id, time: 1_700_000_000_000 + i })) };
    const nothing = await retrain(onlyDeleted, model, new ReadingCache(10_000), () => {});
    expect(nothing.learnedNothing).toBe(true);
    expect((await retrain(input, model, new ReadingCache(10_000), () => {})).learnedNothing).toBe(false);
  });

  it('retrains the same way whatever ids the documents and sentences got and in whatever order storage gives them', async () => {
    const input = await request();
    const renamed = (id: string) => `x${id.split('').reverse().join('')}`;
    const moved: RetrainRequest = {
      ...input,
      documents: input.documents.map((d) => ({ ...d, id: renamed(d.id), sentences: d.sentences.map((s) => ({ ...s, id: renamed(s.id) })) })).reverse(),
      events: input.events.map((e) => ({ ...e, sentenceId: renamed(e.sentenceId) })).reverse(),
    };
    const first = await retrain(input, model, new ReadingCache(10_000), () => {});
    const second = await retrain(moved, model, new ReadingCache(10_000), () => {});
    expect(second).toEqual(first);
  });

  it('reads ahead what a retrain then takes as kept', async () => {
    const input = await request();
    const readings = new ReadingCache(10_000);
    expect(await prepare({ documents: input.documents }, model, readings, () => {})).toEqual({ read: 2, alreadyRead: 0 });
    expect(await prepare({ documents: input.documents }, model, readings, () => {})).toEqual({ read: 0, alreadyRead: 2 });
    const fresh = await retrain(input, model, new ReadingCache(10_000), () => {});
    expect(await retrain(input, model, readings, () => {})).toEqual(fresh);
    expect(readings.size).toBe(2);
    // A library larger than what is kept: each read-ahead keeps what fits, and the next reads only the rest.
    const small = new ReadingCache(input.documents.reduce((n, d) => n + d.sentences.length, 0) - 1);
    expect(await prepare({ documents: input.documents }, model, small, () => {})).toEqual({ read: 2, alreadyRead: 0 });
    expect(await prepare({ documents: input.documents }, model, small, () => {})).toEqual({ read: 1, alreadyRead: 1 });
  });

  it.each([
    ['parameters set by hand', async () => {
      const params = personLikeParams(model.baseParams, 23);
      params.head[6] = 0.9;
      return params;
    }],
    // A trained query lies in the span of w_q and is scored on the projected words the reading keeps.
    ['parameters a retrain made', async () => {
      const { params } = parseParams((await retrain(await request(), model, new ReadingCache(10_000), () => {})).params, model.baseParams);
      expect(params.user_query.some((x) => x !== 0)).toBe(true);
      return params;
    }],
  ])('rescores from kept readings: the salience and key sentences that reading each document under the person’s parameters gives (%s)', async (_, paramsOf) => {
    const { documents } = await request();
    const params = await paramsOf();
    const results = await rescore({ documents, userParams: serializeParams(params, model.dims) }, model, new ReadingCache(10_000), () => {});
    for (const [d, document] of documents.entries()) {
      const analysis = await analyzeDocument(document, model, { params, conceptCount: 0 });
      expect(results[d]!.documentId).toBe(document.id);
      expect(results[d]!.selected).toEqual(document.sentences.filter((_, i) => analysis.sentences[i]!.selected).map((s) => s.id));
      analysis.sentences.forEach((sentence, i) => expect(Math.abs(results[d]!.salience[i]! - sentence.salience)).toBeLessThanOrEqual(1e-3));
      // "Why this sentence?" for each key sentence, as the import would have shown it.
      const whys = analysis.sentences.filter((sentence) => sentence.selected).map((sentence) => sentence.why!);
      expect(results[d]!.why.map((why) => why.map((word) => word.token))).toEqual(whys.map((why) => why.map((word) => word.token)));
      results[d]!.why.flat().forEach((word, i) => expect(Math.abs(word.weight - whys.flat()[i]!.weight)).toBeLessThanOrEqual(1e-4));
    }
  });

  it('gets the same key sentences at import as in the rescore after a retrain, and no TeX command as a concept', async () => {
    const note = [
      '# Derivatives',
      'The derivative measures how fast a function changes.',
      'The derivative of $x^2$ is $2x$.',
      'The derivative of $x^3$ is $3x^2$.',
      'Let $f(x) = \\sin x \\cos x$ be given.',
      'The product rule gives $\\frac{d}{dx}(uv) = u\'v + uv\'$ for any two functions.',
      'The chain rule differentiates a function of a function.',
      'A function whose derivative is zero everywhere is constant.',
    ].join('\n\n');
    const parsed = await parseDocument({ name: 'derivatives.md', bytes: new TextEncoder().encode(note) });
    const document = { id: 'maths', text: parsed.text, sentences: parsed.sentences.map((s, i) => ({ id: `m${i}`, text: s.text, section: s.section, start: s.start, end: s.end })) };
    const analysis = await analyzeDocument(document, model, { params: model.baseParams });
    const [rescored] = await rescore({ documents: [document], userParams: null }, model, new ReadingCache(10_000), () => {});
    expect(rescored!.selected).toEqual(document.sentences.filter((_, i) => analysis.sentences[i]!.selected).map((s) => s.id));
    expect(analysis.concepts.map((c) => c.phrase.toLowerCase())).not.toEqual(expect.arrayContaining(['frac']));
    expect(analysis.concepts.some((c) => /\b(frac|sin|cos|dx)\b/i.test(c.phrase))).toBe(false);
  });
});

describe('the retrain runner', () => {
  const runner = new RetrainRunner(repoModelsDir());
  afterAll(() => runner.close());

  function setup() {
    const events: TaskProgress[] = [];
    let n = 0;
    const tasks = new TaskRegistry((p) => events.push(p), () => `t${++n}`);
    const run = async () => tasks.run('Retraining your model', 'documents', null, async (task) => runner.retrain(await request(), task));
    return { tasks, events, run };
  }

  it('retrains in a worker thread, reporting the documents read and then the training steps', async () => {
    const { run, events } = setup();
    const result = await run();
    expect(result.eventsUsed).toBe(24);
    expect(JSON.parse(result.params)).toMatchObject({ format: 'focal-attention-params', fromBase: { names: expect.arrayContaining(['w_q']) } });
    expect(result.heldOut.pairs).toBeGreaterThan(0);
    expect(events.some((e) => e.unit === 'steps' && e.total !== null && e.done === e.total)).toBe(true);
    expect(events.at(-1)).toMatchObject({ state: 'done' });
  }, 60_000);

  it('reads ahead in the same worker, and a retrain queued behind it waits for it', async () => {
    const tasks = new TaskRegistry(() => {}, (() => { let n = 0; return () => `p${++n}`; })());
    const input = await request();
    const reading = tasks.run('Reading', 'documents', null, (task) => runner.prepare({ documents: input.documents }, task));
    const training = tasks.run('Retraining your model', 'documents', null, (task) => runner.retrain(input, task));
    const [prepared, result] = await Promise.all([reading, training]);
    expect(prepared.read + prepared.alreadyRead).toBe(2);
    expect(result.eventsUsed).toBe(24);
    await expect(tasks.run('Reading', 'documents', null, (task) => runner.prepare({ documents: input.documents }, task))).resolves.toEqual({ read: 0, alreadyRead: 2 });
  }, 60_000);

  it('keeps the worker and what it read when a read-ahead is cancelled, for the next read-ahead', async () => {
    const input = await request();
    // Documents this worker has not read yet (other tests used the plain ids).
    const documents = Array.from({ length: 8 }, (_, i) => ({ ...input.documents[i % 2]!, id: `cancel${i}` }));
    let cancel = () => {};
    const tasks = new TaskRegistry(
      (p) => {
        if (p.state === 'running' && p.done >= 1) cancel();
      },
      (() => { let n = 0; return () => `c${++n}`; })(),
    );
    cancel = () => tasks.cancel('c1');
    await expect(tasks.run('Preparing your model', 'documents', null, (task) => runner.prepare({ documents }, task))).rejects.toMatchObject({ code: 'cancelled' });
    cancel = () => {};
    const again = await tasks.run('Preparing your model', 'documents', null, (task) => runner.prepare({ documents }, task));
    expect(again.read + again.alreadyRead).toBe(8);
    // The worker lived on with what the cancelled read-ahead had read (how far it got before the request to
    // stop arrived depends on timing, so only that it read something is certain).
    expect(again.alreadyRead).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('cancels a running retrain at once and retrains again after', async () => {
    const { run, tasks, events } = setup();
    const running = run();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
    await expect(setup().run()).resolves.toMatchObject({ eventsUsed: 24 });
  }, 60_000);
});
