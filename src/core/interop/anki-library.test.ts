import { describe, expect, it } from 'vitest';
import { createScheduler } from '../scheduling/fsrs-adapter';
import { buildReviewQueue, buriedUntilTomorrow } from '../scheduling/review-queue';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler-settings';
import { MEDIA_ONLY_PROMPT, ankiLibraryImport } from './anki-library';
import type { AnkiCard, AnkiImport } from './anki-package';

const T0 = Date.UTC(2026, 10, 1, 9);

describe('an Anki package as Focal stores it', () => {
  it('leaves out a card whose question is empty, and says how many; one of only a picture is kept', () => {
    const basic = { id: 1, name: 'Basic', kind: 'standard' as const, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, front: '{{Front}}', back: '{{FrontSide}}<hr id=answer>{{Back}}' }] };
    const note = (id: number, front: string, back: string) => ({ id, guid: `g${id}`, modelId: 1, fields: [front, back], raw: [front, back], tags: [] });
    const card = (id: number, noteId: number): AnkiCard => ({ id, noteId, deckId: 1, ord: 0, type: 0, queue: 0, due: id, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, suspended: false, fsrs: null });
    const imported: AnkiImport = {
      dayZero: T0,
      decks: [{ id: 1, name: 'Spanish' }],
      noteTypes: [basic],
      notes: [note(1, 'hablar', 'to speak'), note(2, '   ', 'nothing to ask'), { ...note(3, '', 'a cat'), raw: ['<img src="cat.jpg">', 'a cat'] }],
      cards: [card(10, 1), card(11, 2), card(12, 3)],
      revlog: [],
    };
    let n = 0;
    const result = ankiLibraryImport(imported, { fileName: 'spanish.apkg', now: T0, newId: () => `id-${++n}`, scheduler: createScheduler(DEFAULT_SCHEDULER_SETTINGS) });
    // A front of only a picture is kept, and says what it was.
    expect(result.cards).toBe(2);
    expect(result.emptyLeftOut).toBe(1);
    expect(result.decks[0]!.cards.map((c) => c.prompt)).toEqual(['hablar', MEDIA_ONLY_PROMPT]);
  });

  it('keeps Anki’s order of new cards: the queue introduces them by their position, whatever ids they get', () => {
    const basic = { id: 1, name: 'Basic', kind: 'standard' as const, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, front: '{{Front}}', back: '{{Back}}' }] };
    const note = (id: number) => ({ id, guid: `g${id}`, modelId: 1, fields: [`N${id}`, 'back'], raw: [`N${id}`, 'back'], tags: [] });
    const card = (id: number, position: number): AnkiCard => ({ id, noteId: id, deckId: 1, ord: 0, type: 0, queue: 0, due: position, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, suspended: false, fsrs: null });
    const imported: AnkiImport = {
      dayZero: T0,
      decks: [{ id: 1, name: 'Order' }],
      noteTypes: [basic],
      notes: [1, 2, 3].map(note),
      // Positions unlike the ids' order (a deck reordered in Anki): N2 first, then N3, then N1.
      cards: [card(1, 3), card(2, 1), card(3, 2)],
      revlog: [],
    };
    const ids = ['z', 'a', 'm'];
    const result = ankiLibraryImport(imported, { fileName: 'order.apkg', now: T0, newId: () => ids.shift() ?? `id-${Math.random()}`, scheduler: createScheduler(DEFAULT_SCHEDULER_SETTINGS) });
    const cards = result.decks[0]!.cards;
    const queue = buildReviewQueue(cards.map((c) => ({ ...c, suspended: false, buriedUntil: null })), { now: T0, settings: DEFAULT_SCHEDULER_SETTINGS });
    expect(queue.newCards.map((id) => cards.find((c) => c.id === id)!.prompt)).toEqual(['N2', 'N3', 'N1']);
  });

  it('brings a card buried in Anki back the next study day, as Anki would, and leaves the others unburied', () => {
    const basic = { id: 1, name: 'Basic', kind: 'standard' as const, fields: ['Front', 'Back'], templates: [{ name: 'Card 1', ord: 0, front: '{{Front}}', back: '{{Back}}' }] };
    const note = (id: number) => ({ id, guid: `g${id}`, modelId: 1, fields: [`N${id}`, 'back'], raw: [`N${id}`, 'back'], tags: [] });
    const card = (id: number, queue: number): AnkiCard => ({ id, noteId: id, deckId: 1, ord: 0, type: 0, queue, due: id, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, suspended: false, fsrs: null });
    const imported: AnkiImport = { dayZero: T0, decks: [{ id: 1, name: 'Buried' }], noteTypes: [basic], notes: [1, 2, 3].map(note), cards: [card(1, 0), card(2, -2), card(3, -3)], revlog: [] };
    let n = 0;
    const scheduler = createScheduler(DEFAULT_SCHEDULER_SETTINGS);
    const cards = ankiLibraryImport(imported, { fileName: 'b.apkg', now: T0, newId: () => `id-${++n}`, scheduler }).decks[0]!.cards;
    const tomorrow = buriedUntilTomorrow(T0, DEFAULT_SCHEDULER_SETTINGS.dayStartHour);
    expect(cards.map((c) => [c.prompt, c.buriedUntil])).toEqual([
      ['N1', undefined],
      ['N2', tomorrow],
      ['N3', tomorrow],
    ]);
  });
});
