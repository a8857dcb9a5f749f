import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FocalApi, MethodInput } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { FocalDb } from '../db/focal-db';
import { serializeParams, zeroParams } from '../../core/attention/params';
import { ModelTraining, tooLittleToJudge } from './model-training.svelte';

/** Parameters main could use, small: every value 0. */
const dims = { D: 2, R: 1, RA: 1, F: 1 };
const params = serializeParams(zeroParams(dims), dims);

/** A library of two documents, one of which the person has given feedback on, and an API that records what main is asked. */
async function setup() {
  const db = new FocalDb(`training-${Math.random()}`);
  for (const id of ['a', 'b']) {
    await db.documents.put({ id, title: id, contentHash: id, sourceKey: id, importedAt: 1, updatedAt: 1 } as never);
    await db.documentTexts.put({ documentId: id, text: `Text of ${id}.` });
    await db.sentences.put({ id: `${id}1`, documentId: id, ordinal: 0, text: `Text of ${id}.`, section: [], page: null, start: 0, end: 10, hash: id, salience: null, selected: true });
  }
  const asked: Array<MethodInput<'model.prepareRetrain'>> = [];
  const api = { 'model.prepareRetrain': async (input: MethodInput<'model.prepareRetrain'>) => (asked.push(input), { read: input.documents.length, alreadyRead: 0 }) } as unknown as FocalApi;
  const training = new ModelTraining(db, api, () => 'v1', () => 0);
  return { db, asked, training };
}

describe('reading ahead for a retrain', () => {
  it('asks main to read only the documents with feedback or cards, once until there is more to learn from', async () => {
    const { db, asked, training } = await setup();
    await training.prepare();
    expect(asked).toHaveLength(0);
    await db.feedback.put({ id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 1 });
    await training.prepare();
    await training.prepare();
    expect(asked.map((input) => input.documents.map((d) => d.id))).toEqual([['b']]);
    expect(asked[0]!.documents[0]).toEqual({ id: 'b', text: 'Text of b.', sentences: [{ id: 'b1', text: 'Text of b.', section: [], start: 0, end: 10 }] });
    await db.feedback.put({ id: 'f2', documentId: 'a', sentenceId: 'a1', kind: 'candidate-accepted', time: 2 });
    await training.prepare();
    expect(asked.map((input) => input.documents.map((d) => d.id).sort())).toEqual([['b'], ['a', 'b']]);
  });
});

describe('re-reading the library with the model in use', () => {
  it('stores each document’s salience and key sentences, with a "why" for each key sentence and none for the others', async () => {
    const { db } = await setup();
    await db.sentences.update('b1', { why: [{ token: 'old', weight: 1 }] });
    const api = {
      'model.rescore': async () => [
        { documentId: 'a', selected: ['a1'], salience: [1.5], why: [[{ token: 'text', weight: 0.7 }]] },
        { documentId: 'b', selected: [], salience: [-0.2], why: [] },
      ],
    } as unknown as FocalApi;
    await new ModelTraining(db, api, () => 'v1', () => 0).rescore();
    expect(await db.sentences.get('a1')).toMatchObject({ selected: true, salience: 1.5, why: [{ token: 'text', weight: 0.7 }] });
    const b1 = await db.sentences.get('b1');
    expect(b1).toMatchObject({ selected: false, salience: -0.2 });
    expect(b1!.why).toBeUndefined();
  });
});

describe('what the panel counts before a retrain', () => {
  it('counts the actions on documents still in the library, and the documents a retrain could be judged on', async () => {
    const { db, training } = await setup();
    await db.feedback.bulkPut([
      { id: 'f1', documentId: 'a', sentenceId: 'a1', kind: 'card-made-by-hand', time: 1 },
      { id: 'f2', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 1 },
      { id: 'f3', documentId: 'gone', sentenceId: 'g1', kind: 'card-made-by-hand', time: 1 },
    ]);
    await training.load();
    // b has only an unwanted sentence; the deleted document's action counts for nothing.
    expect(training).toMatchObject({ events: 2, judgeable: 1 });
    await db.cards.put({ id: 'c', documentId: 'b', sentenceId: 'b2', reps: 3, lastReview: 1 } as never);
    await training.load();
    expect(training.judgeable).toBe(2);
    expect(training.judgeableSinceInUse).toBe(false);
  });

  it('with a retrained version in use, counts only what was first judged after it was trained, as the check does', async () => {
    const { db, training } = await setup();
    await db.modelVersions.put(version('v1', true, { createdAt: 100, feedbackUntil: 100 }));
    await db.feedback.bulkPut([
      { id: 'f1', documentId: 'a', sentenceId: 'a1', kind: 'card-made-by-hand', time: 50 },
      { id: 'f2', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 150 },
    ]);
    // b1's card answered before the version and once since: judged before, so it cannot judge the version.
    await db.cards.bulkPut([
      { id: 'old', documentId: 'b', sentenceId: 'b2', reps: 2, lastReview: 160 },
      { id: 'new', documentId: 'a', sentenceId: 'a2', reps: 1, lastReview: 170 },
    ] as never);
    await db.reviewLog.bulkPut([
      { kind: 'review', id: 'r1', cardId: 'old', time: 60, rating: 3, elapsedMs: 0, before: {}, after: {} },
      { kind: 'review', id: 'r2', cardId: 'old', time: 160, rating: 3, elapsedMs: 0, before: {}, after: {} },
      { kind: 'review', id: 'r3', cardId: 'new', time: 170, rating: 3, elapsedMs: 0, before: {}, after: {} },
    ] as never);
    await training.load();
    // All feedback ever makes a judgeable (made by hand) and b (deleted beside reviewed); since v1, neither.
    expect(training).toMatchObject({ judgeable: 0, judgeableSinceInUse: true });
    await db.feedback.put({ id: 'f3', documentId: 'a', sentenceId: 'a3', kind: 'candidate-dismissed', time: 180 });
    await training.load();
    // a now has a sentence wanted since (a2, first answered at 170) beside one turned down since (a3).
    expect(training.judgeable).toBe(1);
  });
});

const version = (id: string, active: boolean, times: { createdAt: number; feedbackUntil?: number }) =>
  ({ id, params: `params of ${id}`, eventsUsed: 1, heldOut: { before: 0.5, after: 0.6, pairs: 4 }, active, ...times });

describe('sentences the retrained model suggests', () => {
  it('takes them in turns from each document, those whose cards the person keeps first, its surest first, leaving out those with a card, turned down or with nothing to ask', async () => {
    const { db, training } = await setup();
    const sentence = (id: string, documentId: string, ordinal: number, salience: number | null, text = `Sentence ${id} names the mitochondrion.`) =>
      db.sentences.put({ id, documentId, ordinal, text, section: [], page: null, start: 0, end: 1, hash: id, salience, selected: true });
    await db.sentences.clear();
    // Ids that sort against the wanted order, as random ids may.
    await sentence('z', 'b', 0, 2);
    await sentence('y', 'a', 1, 1);
    await sentence('x', 'a', 0, 1);
    await sentence('w', 'a', 2, 3);
    await sentence('v', 'b', 1, null);
    await sentence('u', 'b', 2, 5);
    // A fragment the splitter cut off: accepting it would make no card.
    await sentence('t', 'a', 3, 9, '" said Calder.');
    await db.cards.put({ id: 'c1', documentId: 'b', sentenceId: 'u' } as never);
    await db.feedback.put({ id: 'f1', documentId: 'a', sentenceId: 'w', kind: 'candidate-dismissed', time: 1 });
    await training.load();
    // The shipped model in use has learned nothing of the person: nothing is suggested as theirs.
    expect(training.candidates).toEqual([]);
    await db.modelVersions.put(version('v1', true, { createdAt: 5 }));
    await training.load();
    // Document a's only record is a dismissal, so b takes the first turn: b's surest, a's first two (equally sure:
    // reading order), b's unscored one.
    expect(training.candidates.map((c) => c.sentenceId)).toEqual(['z', 'x', 'v', 'y']);
    // Cards of a that the person studies outweigh it: a first again, as by title.
    await db.cards.bulkPut([
      { id: 'c2', documentId: 'a', sentenceId: 'y2', reps: 3, suspended: false },
      { id: 'c3', documentId: 'a', sentenceId: 'y3', reps: 1, suspended: false },
    ] as never);
    await training.load();
    expect(training.candidates.map((c) => c.sentenceId)).toEqual(['x', 'z', 'y', 'v']);
  });

  it('are answered once however often their button is pressed while the answer is saved', async () => {
    const { db, training } = await setup();
    await db.modelVersions.put(version('v1', true, { createdAt: 5 }));
    await training.load();
    const [candidate] = training.candidates;
    expect(candidate).toBeDefined();
    const answerCandidate = vi.fn(async (_documentId: string, sentenceId: string) => {
      await db.feedback.put({ id: 'f1', documentId: 'a', sentenceId, kind: 'candidate-dismissed', time: 1 });
      return 'record';
    });
    const [first, second] = await Promise.all([training.answer(candidate!, false, answerCandidate), training.answer(candidate!, false, answerCandidate)]);
    expect([first, second]).toEqual(['record', undefined]);
    expect(answerCandidate).toHaveBeenCalledTimes(1);
    expect(training.answering.size).toBe(0);
    // Once saved, it can be answered again (after an undo it is a suggestion again).
    await training.answer(candidate!, false, answerCandidate);
    expect(answerCandidate).toHaveBeenCalledTimes(2);
  });
});

describe('retraining', () => {
  it('asks main to beat the version in use on the feedback newer than it, and records when this retrain’s feedback ended', async () => {
    const { db } = await setup();
    let clock = 100;
    const asked: Array<MethodInput<'model.retrain'>> = [];
    const api = {
      'model.retrain': async (input: MethodInput<'model.retrain'>) => {
        asked.push(input);
        clock += 50;
        return { params: 'new params', rewardedSentences: 1, eventsUsed: 1, heldOut: { before: 0.7, after: 0.6, pairs: 3 }, better: false, learned: { words: [], moreWeight: [], lessWeight: [] } };
      },
    } as unknown as FocalApi;
    const ids = ['v2', 'v3', 'v4', 'v5'];
    const retraining = new ModelTraining(db, api, () => ids.shift()!, () => clock);
    await db.feedback.put({ id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 50 });
    await db.modelVersions.put(version('v1', true, { createdAt: 40, feedbackUntil: 30 }));
    const first = await retraining.retrain();
    expect(asked[0]!.inUse).toEqual({ params: 'params of v1', trainedAt: 30 });
    expect(first).toMatchObject({ kept: false, againstVersion: true });
    expect(await db.modelVersions.get('v2')).toMatchObject({ feedbackUntil: 100, createdAt: 150, judgedAgainstVersion: true, judgedBetter: false, active: false });
    // Pressed again with nothing done or reviewed since the newest version learned: no retrain, no look-alike version.
    expect(await retraining.retrain()).toBeNull();
    expect(retraining.nothingNew).toBe(true);
    expect(asked).toHaveLength(1);
    // A version from before feedbackUntil was recorded is taken to have learned from the feedback until it was made.
    await db.modelVersions.delete('v2');
    await db.modelVersions.put(version('v1', true, { createdAt: 40 }));
    await retraining.retrain();
    expect(retraining.nothingNew).toBe(false);
    expect(asked[1]!.inUse).toEqual({ params: 'params of v1', trainedAt: 40 });
    // Every retrain uses the same seed: the same documents and feedback retrain the same way.
    expect(asked.map((input) => input.seed)).toEqual([1, 1]);
    await db.feedback.put({ id: 'f9', documentId: 'a', sentenceId: 'a1', kind: 'candidate-accepted', time: 401 });
    await retraining.retrain();
    expect(asked).toHaveLength(3);
    // With the shipped model in use there is nothing to beat but the base, judged on everything.
    await db.modelVersions.clear();
    await retraining.retrain();
    expect(asked[3]!.inUse).toBeNull();
    expect(await db.modelVersions.get('v5')).toMatchObject({ judgedAgainstVersion: false });
  });

  it('adds no version when the retrain learned nothing, and says so', async () => {
    const { db } = await setup();
    const api = {
      'model.retrain': async () => ({ params: 'base again', rewardedSentences: 2, eventsUsed: 2, heldOut: { before: null, after: null, pairs: 0, documents: 0 }, better: false, learnedNothing: true, learned: { words: [], moreWeight: [], lessWeight: [] } }),
    } as unknown as FocalApi;
    const retraining = new ModelTraining(db, api, () => 'v1', () => 100);
    await db.feedback.bulkPut([
      { id: 'f1', documentId: 'a', sentenceId: 'a1', kind: 'card-deleted', time: 50 },
      { id: 'f2', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 60 },
    ]);
    expect(await retraining.retrain()).toBeNull();
    expect(retraining.learnedNothing).toEqual({ rewardedSentences: 2 });
    expect(retraining.last).toBeNull();
    expect(await db.modelVersions.count()).toBe(0);
  });

  it('retrains again when feedback was taken back since the newest version, though nothing was added', async () => {
    const { db } = await setup();
    const asked: Array<MethodInput<'model.retrain'>> = [];
    const api = {
      'model.retrain': async (input: MethodInput<'model.retrain'>) => {
        asked.push(input);
        return { params: 'new params', rewardedSentences: 1, eventsUsed: 1, heldOut: { before: 0.5, after: 0.6, pairs: 3 }, better: false, learned: { words: [], moreWeight: [], lessWeight: [] } };
      },
    } as unknown as FocalApi;
    let n = 0;
    const retraining = new ModelTraining(db, api, () => `v${++n}`, () => 100);
    await db.feedback.bulkPut([
      { id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 50 },
      { id: 'f2', documentId: 'a', sentenceId: 'a1', kind: 'card-suspended', time: 60 },
    ]);
    await retraining.retrain();
    expect(await db.modelVersions.get('v1')).toMatchObject({ feedbackCount: 2, feedbackUntil: 100 });
    expect(await retraining.retrain()).toBeNull();
    // The suspension is undone: its record goes, and the model has something new to learn (that it is gone).
    await db.feedback.delete('f2');
    expect(await retraining.retrain()).not.toBeNull();
    expect(asked).toHaveLength(2);
  });

  it('backs the library up before the model in use changes, and not for a retrain that failed or was not put in use', async () => {
    const { db } = await setup();
    const order: string[] = [];
    let fail = true;
    let better = false;
    const api = {
      'model.retrain': async () => {
        order.push('retrain');
        if (fail) throw new Error('main process unreachable');
        return { params, rewardedSentences: 1, eventsUsed: 1, heldOut: { before: 0.5, after: 0.6, pairs: 3, documents: 2 }, better, learned: { words: [], moreWeight: [], lessWeight: [] } };
      },
      'model.rescore': async () => (order.push('rescore'), []),
    } as unknown as FocalApi;
    let n = 0;
    const retraining = new ModelTraining(db, api, () => `v${++n}`, () => 100, async () => {
      order.push(`backup with ${await db.modelVersions.filter((v) => v.active).count()} in use`);
    });
    await db.feedback.put({ id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 50 });
    await expect(retraining.retrain()).rejects.toThrow('unreachable');
    expect(order).toEqual(['retrain']);
    expect(retraining.running).toBe(false);
    fail = false;
    // Not put in use: a version in the list, and nothing else changed to back up.
    await retraining.retrain();
    expect(order).toEqual(['retrain', 'retrain']);
    expect(await db.modelVersions.count()).toBe(1);
    // Chosen by the person: backed up before the key sentences change, once main has scored them.
    await retraining.use('v1');
    expect(order.slice(2)).toEqual(['rescore', 'backup with 0 in use']);
    // Kept by the check: the same.
    better = true;
    await db.feedback.put({ id: 'f2', documentId: 'b', sentenceId: 'b2', kind: 'card-deleted', time: 150 });
    await retraining.retrain();
    expect(order.slice(4)).toEqual(['retrain', 'rescore', 'backup with 1 in use']);
  });

  it('says there is nothing to learn from yet, and adds no version, with no feedback and no reviews at all', async () => {
    const { db } = await setup();
    let asked = 0;
    const api = { 'model.retrain': async () => (asked++, {}) } as unknown as FocalApi;
    const retraining = new ModelTraining(db, api, () => 'v1', () => 100);
    expect(await retraining.retrain()).toBeNull();
    expect(retraining.nothingYet).toBe(true);
    expect(asked).toBe(0);
    expect(await db.modelVersions.count()).toBe(0);
  });

  it('keeps the last result true to the model in use as the person switches versions', async () => {
    const { db } = await setup();
    const api = {
      'model.retrain': async () => ({ params, rewardedSentences: 1, eventsUsed: 1, heldOut: { before: 0.5, after: 0.9, pairs: 3, documents: 2 }, better: true, learned: { words: [], moreWeight: [], lessWeight: [] } }),
      'model.rescore': async () => [],
    } as unknown as FocalApi;
    const retraining = new ModelTraining(db, api, () => 'v1', () => 100);
    await db.feedback.put({ id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 50 });
    expect(await retraining.retrain()).toMatchObject({ kept: true, versionId: 'v1' });
    await retraining.use(null);
    expect(retraining.last).toMatchObject({ kept: false, better: true });
    await retraining.use('v1');
    expect(retraining.last).toMatchObject({ kept: true });
  });

  it('says a cancelled retrain was cancelled, adds no version and no backup, and no longer shows the earlier result', async () => {
    const { db } = await setup();
    let cancel = false;
    const api = {
      'model.retrain': async () => {
        if (cancel) throw new FocalError('cancelled', '“Retraining your model” was cancelled.');
        return { params: 'p', rewardedSentences: 1, eventsUsed: 1, heldOut: { before: 0.5, after: 0.6, pairs: 3, documents: 2 }, better: false, learned: { words: [], moreWeight: [], lessWeight: [] } };
      },
    } as unknown as FocalApi;
    let backups = 0;
    let n = 0;
    const retraining = new ModelTraining(db, api, () => `v${++n}`, () => 100, async () => void backups++);
    await db.feedback.put({ id: 'f1', documentId: 'b', sentenceId: 'b1', kind: 'card-deleted', time: 50 });
    await retraining.retrain();
    expect(retraining.last).toMatchObject({ versionId: 'v1' });
    await db.feedback.put({ id: 'f2', documentId: 'a', sentenceId: 'a1', kind: 'card-deleted', time: 150 });
    cancel = true;
    expect(await retraining.retrain()).toBeNull();
    expect(retraining).toMatchObject({ cancelled: true, last: null, running: false });
    expect(await db.modelVersions.count()).toBe(1);
    // Neither retrain was put in use: nothing to back up.
    expect(backups).toBe(0);
    // The next retrain's own result replaces the cancel's line.
    cancel = false;
    await retraining.retrain();
    expect(retraining).toMatchObject({ cancelled: false, last: { versionId: 'v2' } });
  });
});

describe('choosing the version in use', () => {
  /** Version v1 in use, v2 usable, and an API that records what main is asked to score with. */
  async function withVersions() {
    const { db } = await setup();
    await db.modelVersions.bulkPut([
      { ...version('v1', true, { createdAt: 1 }), params },
      { ...version('v2', false, { createdAt: 2 }), params },
    ]);
    const scoredWith: Array<string | null> = [];
    let unreachable = false;
    const api = {
      'model.rescore': async (input: MethodInput<'model.rescore'>) => {
        if (unreachable) throw new FocalError('unreachable', 'Focal’s background process cannot be reached.');
        scoredWith.push(input.userParams);
        return [{ documentId: 'a', selected: [], salience: [-1], why: [] }];
      },
    } as unknown as FocalApi;
    let backups = 0;
    let changes = 0;
    const training = new ModelTraining(db, api, () => 'v9', () => 100, async () => void backups++, () => void changes++);
    const inUse = async () => (await db.modelVersions.filter((v) => v.active).toArray()).map((v) => v.id);
    return { db, training, scoredWith, inUse, backups: () => backups, changes: () => changes, cutOff: () => (unreachable = true) };
  }

  it('refuses a version whose parameters cannot be read, and changes nothing: the version in use, the key sentences, the backups', async () => {
    const { db, training, scoredWith, inUse, backups } = await withVersions();
    await db.modelVersions.update('v2', { params: '{broken' });
    await expect(training.use('v2')).rejects.toMatchObject({ code: 'malformed', message: expect.stringMatching(/^This model version is damaged: its parameters cannot be read \(.*JSON.*\)\. Nothing was changed\.$/) });
    // Parameters that parse as JSON but are not a model's are refused alike.
    await db.modelVersions.update('v2', { params: JSON.stringify({ format: 'focal-attention-params', version: 3, dims, values: {} }) });
    await expect(training.use('v2')).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('pool_query must be a list of numbers') });
    expect(await inUse()).toEqual(['v1']);
    expect(scoredWith).toEqual([]);
    expect(backups()).toBe(0);
    expect(await db.sentences.get('a1')).toMatchObject({ selected: true, salience: null });
  });

  it('switches only once main has scored the library with the chosen version: a failure leaves the version in use as it was, and no backup', async () => {
    const { db, training, scoredWith, inUse, cutOff, backups, changes } = await withVersions();
    await training.use('v2');
    expect(await inUse()).toEqual(['v2']);
    expect(scoredWith).toEqual([params]);
    expect(await db.sentences.get('a1')).toMatchObject({ selected: false, salience: -1 });
    expect(backups()).toBe(1);
    // The graph is told once the new key sentences are stored (it takes them in when many documents changed).
    expect(changes()).toBe(1);
    expect(await db.graphChanges.get('a')).toBeDefined();
    cutOff();
    await expect(training.use(null)).rejects.toMatchObject({ code: 'unreachable' });
    expect(await inUse()).toEqual(['v2']);
    expect(backups()).toBe(1);
    expect(changes()).toBe(1);
    await expect(training.use('gone')).rejects.toMatchObject({ code: 'not-found' });
    expect(await inUse()).toEqual(['v2']);
  });

  it('scores again a document imported while main scored the library, with the version now in use', async () => {
    const { db } = await setup();
    await db.modelVersions.put({ ...version('v2', false, { createdAt: 2 }), params });
    const scored: string[][] = [];
    const api = {
      'model.rescore': async (input: MethodInput<'model.rescore'>) => {
        scored.push(input.documents.map((d) => d.id));
        // Document b is imported again meanwhile.
        if (scored.length === 1) await db.documents.update('b', { updatedAt: 5 });
        return input.documents.map((d) => ({ documentId: d.id, selected: [], salience: [-1], why: [] }));
      },
    } as unknown as FocalApi;
    await new ModelTraining(db, api, () => 'v9', () => 100).use('v2');
    expect(scored).toEqual([['a', 'b'], ['b']]);
  });
});

describe('whether a held-out check could judge', () => {
  it('needs held-out pairs in at least two documents; older versions without a document count go by their pairs', () => {
    expect(tooLittleToJudge({ pairs: 0, documents: 0 })).toBe(true);
    expect(tooLittleToJudge({ pairs: 6, documents: 1 })).toBe(true);
    expect(tooLittleToJudge({ pairs: 6, documents: 2 })).toBe(false);
    expect(tooLittleToJudge({ pairs: 0 })).toBe(true);
    expect(tooLittleToJudge({ pairs: 6 })).toBe(false);
  });
});

describe('a retrain whose page is gone', () => {
  const running = (taskId: string) => ({ taskId, title: 'Retraining your model', unit: 'steps' as const, done: 1, total: 10, state: 'running' as const, method: 'model.retrain' as const });

  it('is cancelled by the next page, unless a page still waiting for it holds the lock', async () => {
    const db = new FocalDb(`training-orphan-${Math.random()}`);
    const cancelled: string[] = [];
    const api = { 'tasks.cancel': async ({ taskId }: { taskId: string }) => (cancelled.push(taskId), { cancelled: true }) } as unknown as FocalApi;
    let held: Array<{ name: string }> = [];
    vi.stubGlobal('navigator', { locks: { query: async () => ({ held }), request: async (_name: string, call: () => unknown) => call() } });
    try {
      const training = new ModelTraining(db, api, () => 'v1', () => 0);
      // Another open page waits for its retrain: it goes on.
      held = [{ name: 'focal-retrain' }];
      training.noticeTask(running('t1'));
      await vi.waitFor(() => expect(held).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(cancelled).toEqual([]);
      // No page waits for this one (its page was reloaded): cancelled once, and the panel says so.
      held = [];
      training.noticeTask(running('t2'));
      training.noticeTask(running('t2'));
      await vi.waitFor(() => expect(cancelled).toEqual(['t2']));
      expect(training.interrupted).toBe(true);
      // Tasks of other methods, and a retrain's later events, are left alone.
      training.noticeTask({ ...running('t3'), method: 'library.parse' });
      training.noticeTask({ ...running('t4'), state: 'done' });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(cancelled).toEqual(['t2']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
