import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CardMemory, Rating, newCardMemory } from '../scheduling/card-memory';
import type { ReviewEntry } from '../scheduling/review-log';
import {
  type AnkiCard,
  type AnkiNote,
  type AnkiNoteType,
  type AnkiReview,
  ankiAnswers,
  ankiHistory,
  ankiCardMemory,
  ankiCardText,
  ankiChecksum,
  ankiGuid,
  ankiRevlogRow,
  ankiSchedule,
  ankiSourcePath,
  clozeToFocal,
  deckOptions,
  fieldToText,
  sha1,
  uniqueIds,
} from './anki-package';
import { seededRandom } from '../seeded-random';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 2, 10, 12, 0);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('revlog ids', () => {
  it('gives each wanted id the smallest free one at or after it, as stepping through the taken ones would', () => {
    const random = seededRandom(5);
    const wanted = Array.from({ length: 2000 }, () => Math.floor(random() * 300));
    const taken = new Set<number>();
    const stepped = wanted.map((id) => {
      let free = id;
      while (taken.has(free)) free++;
      taken.add(free);
      return free;
    });
    const ids = uniqueIds();
    expect(wanted.map((id) => ids.claim(id))).toEqual(stepped);
  });

  it('hands out a run for many rows of one time (a bulk reset) and leaves later times alone', () => {
    const ids = uniqueIds();
    const same = Array.from({ length: 20_000 }, () => ids.claim(1_000));
    expect(same).toEqual(Array.from({ length: 20_000 }, (_, i) => 1_000 + i));
    expect(ids.claim(50_000)).toBe(50_000);
    expect(ids.claim(5_000)).toBe(21_000);
  });
});

describe('sha1', () => {
  it('matches the FIPS test vectors', () => {
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
});

describe('note identity', () => {
  it('computes Anki’s checksum: the first 8 hex digits of sha1 as an integer', () => {
    expect(ankiChecksum('abc')).toBe(0xa9993e36);
    expect(ankiChecksum('Paris')).toBe(parseInt(createHash('sha1').update('Paris').digest('hex').slice(0, 8), 16));
  });

  it('gives each card a stable base91 guid of at most 11 characters', () => {
    expect(ankiGuid('card-1')).toBe(ankiGuid('card-1'));
    expect(ankiGuid('card-1')).not.toBe(ankiGuid('card-2'));
    expect(ankiGuid('card-1')).toMatch(/^[a-zA-Z0-9!#$%&()*+,\-./:;<=>?@[\]^_`{|}~]{1,11}$/);
  });
});

describe('field text', () => {
  it('turns breaks and blocks into lines and drops other markup', () => {
    expect(fieldToText('<b>Mitochondria</b> are the<br>powerhouse<div>of the <i>cell</i></div>')).toBe('Mitochondria are the\npowerhouse\nof the cell');
    expect(fieldToText('<ul>\n<li>one</li>\n<li>two</li>\n</ul>')).toBe('one\ntwo');
  });

  it('decodes entities once, named and numeric', () => {
    expect(fieldToText('a &lt;b&gt; &amp;amp; caf&#233; &#x1F600; &nbsp;x&nbsp;&mdash;')).toBe('a <b> &amp; café 😀  x —');
  });

  it('removes sounds, images, scripts and comments', () => {
    expect(fieldToText('word [sound:word.mp3]<img src="a.png"><script>alert(1)</script><!-- note -->')).toBe('word');
  });

  it('keeps cloze markup as text', () => {
    expect(fieldToText('The {{c1::<b>heart</b>::organ}} pumps')).toBe('The {{c1::heart::organ}} pumps');
  });
});

describe('cloze', () => {
  it('hides the card’s own cloze and shows the others', () => {
    const text = '{{c1::Paris}} is the capital of {{c2::France}}';
    expect(clozeToFocal(text, 0)).toEqual({ prompt: '[…] is the capital of France', answer: 'Paris', sentence: 'Paris is the capital of France' });
    expect(clozeToFocal(text, 1)).toEqual({ prompt: 'Paris is the capital of […]', answer: 'France', sentence: 'Paris is the capital of France' });
  });

  it('shows a hint in the gap, as Anki does, and joins repeated numbers', () => {
    expect(clozeToFocal('{{c1::H::element}}2{{c1::O}}', 0)).toEqual({ prompt: '[element]2[…]', answer: 'H, O', sentence: 'H2O' });
  });

  it('resolves nested clozes inside out', () => {
    const text = '{{c1::The {{c2::mitochondrion}} makes ATP}}.';
    expect(clozeToFocal(text, 0)).toEqual({ prompt: '[…].', answer: 'The mitochondrion makes ATP', sentence: 'The mitochondrion makes ATP.' });
    expect(clozeToFocal(text, 1).prompt).toBe('The […] makes ATP.');
  });
});

function memory(partial: Partial<CardMemory>): CardMemory {
  return { ...newCardMemory(NOW - 30 * DAY), ...partial };
}

describe('schedule to Anki', () => {
  const dayZero = Date.UTC(2025, 0, 1);
  const options = { now: NOW, dayZero, position: 7 };

  it('puts a new card in the new queue at its position', () => {
    expect(ankiSchedule({ ...memory({}), suspended: false }, options)).toMatchObject({ type: 0, queue: 0, due: 7, ivl: 0, data: '' });
  });

  it('dates a review card in days from day zero, with its interval and FSRS memory', () => {
    const card = memory({ state: 'review', due: dayZero + 100 * DAY + 5 * 3_600_000, stability: 12.5, difficulty: 4.25, scheduledDays: 11, reps: 4, lastReview: NOW });
    expect(ankiSchedule({ ...card, suspended: false }, options)).toEqual({ type: 2, queue: 2, due: 100, ivl: 11, factor: 2500, left: 0, data: '{"s":12.5,"d":4.25}' });
  });

  it('dates a learning step today in epoch seconds and one on a later day in days', () => {
    const today = memory({ state: 'learning', due: NOW + 600_000, stability: 2, difficulty: 5, lastReview: NOW });
    expect(ankiSchedule({ ...today, suspended: false }, options)).toMatchObject({ type: 1, queue: 1, due: Math.floor((NOW + 600_000) / 1000), left: 1 });
    const later = { ...today, state: 'relearning' as const, due: NOW + 2 * DAY };
    expect(ankiSchedule({ ...later, suspended: false }, options)).toMatchObject({ type: 3, queue: 3, due: Math.floor((NOW + 2 * DAY - dayZero) / DAY) });
    // A day-long step due later today is due today in days, as Anki keeps it (in seconds it would wait for its minute).
    const dayStep = { ...today, scheduledDays: 1, due: NOW + 3_600_000 };
    expect(ankiSchedule({ ...dayStep, suspended: false }, options)).toMatchObject({ type: 1, queue: 3, due: Math.floor((NOW + 3_600_000 - dayZero) / DAY) });
  });

  it('suspends with queue −1 and keeps the type', () => {
    const card = memory({ state: 'review', due: NOW, stability: 3, difficulty: 5, scheduledDays: 3 });
    expect(ankiSchedule({ ...card, suspended: true }, options)).toMatchObject({ type: 2, queue: -1 });
  });
});

describe('revlog rows', () => {
  const review = (before: Partial<CardMemory>, after: Partial<CardMemory>, rating: Rating, elapsedMs = 4200): ReviewEntry => ({
    kind: 'review',
    id: 'r',
    cardId: 'c',
    time: NOW,
    rating,
    elapsedMs,
    before: memory(before),
    after: memory(after),
  });

  it('logs a first answer as learning, with a negative-seconds step interval', () => {
    expect(ankiRevlogRow(review({}, { state: 'learning', due: NOW + 600_000 }, Rating.Good))).toEqual({ ease: 3, ivl: -600, lastIvl: 0, factor: 0, time: 4200, type: 0 });
  });

  it('logs a review in days and a lapse as relearning next time', () => {
    const reviewed = review({ state: 'review', scheduledDays: 5, lastReview: NOW - 5 * DAY }, { state: 'review', scheduledDays: 13 }, Rating.Good, 90_000);
    expect(ankiRevlogRow(reviewed)).toEqual({ ease: 3, ivl: 13, lastIvl: 5, factor: 2500, time: 60_000, type: 1 });
    const relearnt = review({ state: 'relearning', due: NOW, lastReview: NOW - 600_000 }, { state: 'review', scheduledDays: 2 }, Rating.Good);
    expect(ankiRevlogRow(relearnt)).toMatchObject({ ivl: 2, lastIvl: -600, type: 2 });
  });

  it('logs a reset as Anki logs "Forget": a manual entry with ease 0, which the import reads as no answer', () => {
    const before = memory({ state: 'review', scheduledDays: 21, lastReview: NOW - 21 * DAY });
    const row = ankiRevlogRow({ kind: 'reset', id: 'r', cardId: 'c', time: NOW, before, after: { ...memory({}), reps: before.reps, lapses: before.lapses } });
    expect(row).toEqual({ ease: 0, ivl: 0, lastIvl: 21, factor: 0, time: 0, type: 4 });
    expect(ankiAnswers([{ time: NOW, cardId: 1, ease: row.ease, ivl: row.ivl, lastIvl: row.lastIvl, factor: row.factor, timeMs: row.time, type: row.type }])).toEqual([]);
  });
});

describe('Anki cards to Focal', () => {
  const dayZero = Date.UTC(2024, 0, 1);
  const base: AnkiCard = { id: 1, noteId: 1, deckId: 1, ord: 0, type: 0, queue: 0, due: 3, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0, suspended: false, fsrs: null };
  const answer = (time: number, ease: number, type = 1): AnkiReview => ({ time, cardId: 1, ease, ivl: 1, lastIvl: 0, factor: 2500, timeMs: 5000, type });

  it('makes a new card due now with no memory', () => {
    expect(ankiCardMemory(base, [], { dayZero, now: NOW })).toEqual(newCardMemory(NOW));
  });

  it('uses the stored FSRS memory and dates a review card from day zero', () => {
    const card = { ...base, type: 2, queue: 2, due: 400, ivl: 20, reps: 6, lapses: 1, fsrs: { stability: 21.5, difficulty: 6.1 } };
    const reviews = [answer(NOW - 40 * DAY, 3), answer(NOW - 20 * DAY, 3), answer(NOW - 10 * DAY, 0, 4)];
    expect(ankiCardMemory(card, ankiAnswers(reviews), { dayZero, now: NOW })).toEqual({
      state: 'review',
      due: dayZero + 400 * DAY,
      stability: 21.5,
      difficulty: 6.1,
      scheduledDays: 20,
      learningSteps: 0,
      reps: 6,
      lapses: 1,
      lastReview: NOW - 20 * DAY,
    });
  });

  it('replays the answers through FSRS when the card has no stored memory', () => {
    const card = { ...base, type: 2, queue: 2, due: 400, ivl: 20, reps: 3 };
    const result = ankiCardMemory(card, ankiAnswers([answer(NOW - 30 * DAY, 3, 0), answer(NOW - 29 * DAY, 3), answer(NOW - 20 * DAY, 3)]), { dayZero, now: NOW });
    expect(result.stability).toBeGreaterThan(5);
    expect(result.difficulty).toBeGreaterThanOrEqual(1);
    expect(result.difficulty).toBeLessThanOrEqual(10);
  });

  it('resumes a learning card at its step, from the steps it has to go', () => {
    // Steps 1m 10m, one to go (queue 1, due in seconds): the second step, so Good graduates it.
    const learning = { ...base, type: 1, queue: 1, due: Math.floor(NOW / 1000) + 600, left: 1001 };
    expect(ankiCardMemory(learning, [], { dayZero, now: NOW, steps: { learning: 2, relearning: 1 } }).learningSteps).toBe(1);
    expect(ankiCardMemory({ ...learning, left: 2002 }, [], { dayZero, now: NOW, steps: { learning: 2, relearning: 1 } }).learningSteps).toBe(0);
    // More to go than the settings have, or no settings: the first step.
    expect(ankiCardMemory({ ...learning, left: 3 }, [], { dayZero, now: NOW, steps: { learning: 2, relearning: 1 } }).learningSteps).toBe(0);
    expect(ankiCardMemory(learning, [], { dayZero, now: NOW }).learningSteps).toBe(0);
  });

  it('estimates memory from SM-2 interval and ease without history', () => {
    const card = { ...base, type: 2, queue: 2, due: 400, ivl: 30, factor: 2500 };
    expect(ankiCardMemory(card, [], { dayZero, now: NOW })).toMatchObject({ stability: 30, difficulty: 5, lastReview: dayZero + 370 * DAY });
  });

  it('reads a learning card’s due in seconds, and in days when it is interday', () => {
    const seconds = { ...base, type: 1, queue: 1, due: Math.floor(NOW / 1000) + 60 };
    expect(ankiCardMemory(seconds, [], { dayZero, now: NOW })).toMatchObject({ state: 'learning', due: NOW + 60_000, scheduledDays: 0 });
    const days = { ...base, type: 3, queue: 3, due: 500, ivl: 4 };
    // Due on a day, so on a step of a day or more: Focal's queue takes it any time that day, as Anki does.
    const interday = ankiCardMemory(days, ankiAnswers([answer(dayZero + 497 * DAY + 3_600_000, 1)]), { dayZero, now: NOW });
    expect(interday).toMatchObject({ state: 'relearning', due: dayZero + 500 * DAY, scheduledDays: 3 });
    expect(ankiCardMemory(days, [], { dayZero, now: NOW }).scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it('keeps answers and leaves out manual reschedules', () => {
    expect(ankiAnswers([answer(20, 3), answer(10, 1, 0), answer(30, 0, 4), answer(40, 4, 5)])).toEqual([
      { cardId: 1, time: 10, rating: 1, elapsedMs: 5000 },
      { cardId: 1, time: 20, rating: 3, elapsedMs: 5000 },
    ]);
  });

  it('reads a "Forget" row (manual, ease 0, interval 0) as a reset, and the answers since it as the card’s memory', () => {
    const forget: AnkiReview = { ...answer(30, 0, 4), ivl: 0 };
    const reviews = [answer(20, 3), answer(10, 1, 0), forget, answer(35, 0, 4), answer(50, 3, 0)];
    expect(ankiHistory(reviews).map((event) => `${event.kind} ${event.time}`)).toEqual(['answer 10', 'answer 20', 'reset 30', 'answer 50']);
    expect(ankiAnswers(reviews)).toEqual([{ cardId: 1, time: 50, rating: 3, elapsedMs: 5000 }]);
  });
});

describe('card text', () => {
  const note = (fields: string[]): AnkiNote => ({ id: 1, guid: 'g', modelId: 1, fields, raw: fields, tags: [] });

  it('reads a reversed card’s prompt from its own template', () => {
    const type: AnkiNoteType = {
      id: 1,
      name: 'Basic (and reversed card)',
      kind: 'standard',
      fields: ['Front', 'Back'],
      templates: [
        { name: 'Card 1', ord: 0, front: '{{Front}}', back: '{{FrontSide}}<hr id=answer>{{Back}}' },
        { name: 'Card 2', ord: 1, front: '{{Back}}', back: '{{FrontSide}}<hr id=answer>{{Front}}' },
      ],
    };
    expect(ankiCardText({ ord: 0 }, note(['cat', 'Katze']), type)).toEqual({ kind: 'qa', prompt: 'cat', answer: 'Katze', sentence: '' });
    expect(ankiCardText({ ord: 1 }, note(['cat', 'Katze']), type)).toEqual({ kind: 'qa', prompt: 'Katze', answer: 'cat', sentence: '' });
  });

  it('resolves a cloze note for the card’s ordinal', () => {
    const type: AnkiNoteType = { id: 2, name: 'Cloze', kind: 'cloze', fields: ['Text', 'Back Extra'], templates: [{ name: 'Cloze', ord: 0, front: '{{cloze:Text}}', back: '{{cloze:Text}}<br>{{Back Extra}}' }] };
    expect(ankiCardText({ ord: 1 }, note(['{{c1::A}} and {{c2::B}}', '']), type)).toEqual({ kind: 'cloze', prompt: 'A and […]', answer: 'B', sentence: 'A and B' });
  });
});

describe('the Source field', () => {
  it('reads as the app shows the card’s place: the title once, then the sections', () => {
    expect(ankiSourcePath('Photosynthesis', ['Photosynthesis', 'The overall reaction'])).toBe('Photosynthesis › The overall reaction');
    expect(ankiSourcePath('Cell biology', ['Organelles', 'Mitochondria'])).toBe('Cell biology › Organelles › Mitochondria');
  });

  it('does not repeat a path the title already ends with', () => {
    expect(ankiSourcePath('Photosynthesis › Photosynthesis › The overall reaction', ['Photosynthesis', 'The overall reaction'])).toBe('Photosynthesis › The overall reaction');
    expect(ankiSourcePath('Cell biology › Organelles', ['Organelles'])).toBe('Cell biology › Organelles');
  });

  it('keeps the title alone for a card without sections, and drops empty parts', () => {
    expect(ankiSourcePath('Notes', [])).toBe('Notes');
    expect(ankiSourcePath('', ['  ', 'Intro'])).toBe('Intro');
    expect(ankiSourcePath('Notes', ['Line\nbreak'])).toBe('Notes › Line break');
  });
});

describe('the deck options an export carries', () => {
  it('are the person’s steps, limits, longest interval and retention, and Anki’s defaults without them', () => {
    const schedule = { learningStepsMinutes: [1, 10], relearningStepsMinutes: [5], newCardsPerDay: 15, reviewsPerDay: 150, maximumIntervalDays: 3650, desiredRetention: 0.85 };
    expect(deckOptions(schedule)).toMatchObject({ new: { delays: [1, 10], perDay: 15 }, rev: { maxIvl: 3650, perDay: 150 }, lapse: { delays: [5] }, desiredRetention: 0.85 });
    expect(deckOptions()).toMatchObject({ new: { perDay: 20 }, lapse: { delays: [10] } });
    expect(deckOptions()).not.toHaveProperty('desiredRetention');
  });
});

