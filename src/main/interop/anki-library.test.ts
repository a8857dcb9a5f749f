import { beforeAll, describe, expect, it } from 'vitest';
import { ankiCardKey, ankiLibraryImport } from '../../core/interop/anki-library';
import { ankiGuid, exportAnkiPackage, importAnkiPackage, type Sqlite } from '../../core/interop/anki-package';
import { Rating, cardMemoryOf, resetCardMemory } from '../../core/scheduling/card-memory';
import { createScheduler } from '../../core/scheduling/fsrs-adapter';
import { resolveSchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { loadSqlite } from './sql-js-sqlite';
import { START, studied } from './studied-fixture';

const scheduler = createScheduler(resolveSchedulerSettings());
let sqlite: Sqlite;
beforeAll(async () => {
  sqlite = await loadSqlite();
});

describe('an Anki package as Focal library records', () => {
  it('gives a document per deck, a card per Anki card with its schedule, and the answers as a replayable log', () => {
    const cards = [
      studied('ribosome', [Rating.Good, Rating.Good, Rating.Hard], { text: { answer: 'ribosome is a cell part' } }),
      studied('nucleus', []),
      studied('vacuole', [Rating.Again, Rating.Good], { suspended: true }),
    ];
    const bytes = exportAnkiPackage({ deckName: 'Biology::Cells', now: START + 30 * 86_400_000, cards }, sqlite);
    let next = 0;
    const result = ankiLibraryImport(importAnkiPackage(bytes, sqlite), { fileName: 'cells.apkg', now: START + 31 * 86_400_000, newId: () => `id${next++}`, scheduler });
    expect(result).toMatchObject({ notes: 3, cards: 3, reviews: 5 });
    const [deck] = result.decks;
    expect(deck!.title).toBe('Biology::Cells');
    expect(deck!.sourceName).toBe('cells.apkg › Biology::Cells');
    expect(deck!.sentences.map((s) => deck!.text.slice(s.start, s.end))).toEqual(deck!.sentences.map((s) => s.text));
    const byKey = new Map(deck!.cards.map((card) => [card.key, card]));
    const ribosome = byKey.get(ankiCardKey(ankiGuid('ribosome'), 0))!;
    expect(ribosome).toMatchObject({ prompt: 'What is ribosome?', answer: 'ribosome is a cell part', reps: 3, state: cards[0]!.card.state, suspended: false });
    expect(ribosome.stability).toBeCloseTo(cards[0]!.card.stability, 3);
    expect(byKey.get(ankiCardKey(ankiGuid('nucleus'), 0))).toMatchObject({ state: 'new', reps: 0 });
    expect(byKey.get(ankiCardKey(ankiGuid('vacuole'), 0))).toMatchObject({ suspended: true, lapses: cards[2]!.card.lapses });
    const ribosomeLog = deck!.log.filter((entry) => entry.cardId === ribosome.id);
    expect(ribosomeLog.map((entry) => [entry.time, entry.kind === 'review' && entry.rating])).toEqual(cards[0]!.reviews.filter((review) => review.kind === 'review').map((review) => [review.time, review.rating]));
    expect(ribosomeLog[1]!.before).toEqual(ribosomeLog[0]!.after);
    expect(new Set([...deck!.cards.map((c) => c.id), ...deck!.log.map((e) => e.id), ...deck!.sentences.map((s) => s.id)]).size).toBe(3 + 5 + 3);
  });

  it('reads a card reset in Focal ("Forget" in Anki) back as new, with its answers and the reset in its log', () => {
    const answered = studied('ribosome', [Rating.Good, Rating.Good]);
    const time = START + 20 * 86_400_000;
    const before = cardMemoryOf(answered.card);
    const after = resetCardMemory(before, time);
    const reset = { ...answered, card: { ...answered.card, ...after }, reviews: [...answered.reviews, { kind: 'reset' as const, id: 'z', cardId: 'ribosome', time, before, after }] };
    const bytes = exportAnkiPackage({ deckName: 'Cells', now: time + 86_400_000, cards: [reset] }, sqlite);
    let next = 0;
    const [deck] = ankiLibraryImport(importAnkiPackage(bytes, sqlite), { fileName: 'cells.apkg', now: time + 86_400_000, newId: () => `id${next++}`, scheduler }).decks;
    expect(deck!.cards[0]).toMatchObject({ state: 'new', lastReview: null });
    expect(deck!.log.map((entry) => entry.kind)).toEqual(['review', 'review', 'reset']);
    expect(deck!.log[2]).toMatchObject({ time, before: { state: deck!.log[1]!.after.state }, after: { state: 'new' } });
  });

  it('brings a review card back on its own study day, and a learning card back at its step', () => {
    const ribosome = studied('ribosome', [Rating.Good, Rating.Good]);
    const learning = studied('nucleus', [Rating.Good]);
    expect(learning.card).toMatchObject({ state: 'learning', learningSteps: 1 });
    // Due at 05:06 UTC; days start at 04:00 (UTC here). Day zero at midnight would bring it back at 00:00, the day before.
    const due = Date.UTC(2025, 0, 20, 5, 6);
    const review = { ...ribosome, card: { ...ribosome.card, due } };
    const now = Date.UTC(2025, 0, 15, 12);
    const bytes = exportAnkiPackage({ deckName: 'Cells', now, cards: [review, learning], studyDay: { startHour: 4, utcOffsetMinutes: 0 } }, sqlite);
    let next = 0;
    const [deck] = ankiLibraryImport(importAnkiPackage(bytes, sqlite), { fileName: 'c.apkg', now, newId: () => `k${next++}`, scheduler }).decks;
    const byKey = new Map(deck!.cards.map((card) => [card.key, card]));
    expect(byKey.get(ankiCardKey(ankiGuid('ribosome'), 0))!.due).toBe(Date.UTC(2025, 0, 20, 4, 0));
    // Steps 1m 10m, one to go: the second step, so Good graduates it as it would have in Focal.
    expect(byKey.get(ankiCardKey(ankiGuid('nucleus'), 0))).toMatchObject({ state: 'learning', learningSteps: 1 });
  });

  it('keeps card keys across imports, so the caller can tell new cards from ones it has', () => {
    const bytes = exportAnkiPackage({ deckName: 'Cells', now: START, cards: [studied('golgi', [Rating.Good])] }, sqlite);
    let next = 0;
    const options = { fileName: 'x.apkg', now: START, newId: () => `n${next++}`, scheduler, documentIdFor: () => 'doc-kept' };
    const first = ankiLibraryImport(importAnkiPackage(bytes, sqlite), options);
    const second = ankiLibraryImport(importAnkiPackage(bytes, sqlite), options);
    expect(second.decks[0]!.cards[0]!.key).toBe(first.decks[0]!.cards[0]!.key);
    expect(second.decks[0]!.cards[0]!.documentId).toBe('doc-kept');
  });
});
