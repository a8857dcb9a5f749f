import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FocalApi, MethodInput } from '../../shared/contract';
import { FocalDb } from '../db/focal-db';
import { ModelTraining } from './model-training.svelte';

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
