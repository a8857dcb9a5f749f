import { afterEach, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/contract';
import { Rating } from '../../core/scheduling/card-memory';
import { resolveSchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { TaskRegistry } from '../services/tasks';
import type { AnkiExportRequest } from './anki-messages';
import { AnkiRunner } from './anki-runner';
import { START, studied } from './studied-fixture';

const DAY = 86_400_000;

function setup(limitFor?: (bytes: number) => number) {
  const events: TaskProgress[] = [];
  let n = 0;
  const tasks = new TaskRegistry((p) => events.push(p), () => `t${++n}`);
  const runner = new AnkiRunner(limitFor);
  runners.push(runner);
  const exportCards = (cards: AnkiExportRequest['cards']) => tasks.run('Exporting to Anki', 'cards', null, (task) => runner.export({ deckName: 'Cells', now: START + 30 * DAY, cards }, task));
  const importBytes = (bytes: Uint8Array) => tasks.run('Reading cells.apkg', 'bytes', bytes.byteLength, (task) => runner.import(bytes, 'cells.apkg', START + 31 * DAY, resolveSchedulerSettings(), task));
  return { tasks, events, exportCards, importBytes };
}

const runners: AnkiRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

describe('the Anki runner', () => {
  it('writes a package and reads it back in a worker thread, leaving undone answers out', async () => {
    const { exportCards, importBytes, events } = setup();
    const ribosome = studied('ribosome', [Rating.Good, Rating.Good, Rating.Hard]);
    const undone = { kind: 'undo' as const, id: 'u', cardId: 'ribosome', time: ribosome.reviews.at(-1)!.time + 1, undoes: ribosome.reviews.at(-1)!.id };
    const exported = await exportCards([{ ...ribosome, reviews: [...ribosome.reviews, undone] }, studied('nucleus', [])]);
    expect(exported.reviews).toBe(2);
    const library = await importBytes(exported.bytes);
    expect(library).toMatchObject({ notes: 2, cards: 2, reviews: 2 });
    expect(library.decks[0]!.cards.map((card) => card.prompt).sort()).toEqual(['What is nucleus?', 'What is ribosome?']);
    expect(events.filter((e) => e.state === 'done')).toHaveLength(2);
  });

  it('passes a damaged package’s typed error through and reads the next one', async () => {
    const { exportCards, importBytes } = setup();
    const zipHeaderOnly = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(importBytes(zipHeaderOnly)).rejects.toMatchObject({ code: 'malformed' });
    const { bytes } = await exportCards([studied('golgi', [Rating.Good])]);
    await expect(importBytes(bytes)).resolves.toMatchObject({ cards: 1 });
  });

  it('stops a package past its time limit with a timeout error naming it, and works after', async () => {
    const slow = setup(() => 1);
    const { bytes } = await slow.exportCards(Array.from({ length: 300 }, (_, i) => studied(`c${i}`, [Rating.Good, Rating.Good])));
    // Each import hands its bytes over to the worker: a copy for each.
    await expect(slow.importBytes(bytes.slice())).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('cells.apkg') });
    await expect(setup().importBytes(bytes)).resolves.toMatchObject({ cards: 300 });
  });

  it('reads bytes already handed to an earlier import as no bytes (a typed error, not a wait), and goes on with the next', async () => {
    const { exportCards, importBytes } = setup();
    const { bytes } = await exportCards([studied('golgi', [Rating.Good])]);
    const copy = bytes.slice();
    await importBytes(bytes);
    expect(bytes.byteLength).toBe(0);
    await expect(importBytes(bytes)).rejects.toMatchObject({ code: 'malformed' });
    await expect(importBytes(copy)).resolves.toMatchObject({ cards: 1 });
  });

  it('cancels an export at once', async () => {
    const { exportCards, tasks, events } = setup();
    const running = exportCards(Array.from({ length: 3000 }, (_, i) => studied(`c${i}`, [Rating.Good, Rating.Good, Rating.Good])));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tasks.cancel('t1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
  });
});
