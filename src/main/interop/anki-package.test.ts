import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { FocalError } from '../../shared/errors';
import {
  type AnkiImport,
  type Sqlite,
  FOCAL_NOTE_TYPE_ID,
  ankiAnswers,
  ankiCardMemory,
  ankiCardText,
  ankiChecksum,
  ankiGuid,
  exportAnkiPackage,
  importAnkiPackage,
} from '../../core/interop/anki-package';
import { Rating, newCardMemory } from '../../core/scheduling/card-memory';
import { loadSqlite } from './sql-js-sqlite';
import { START, studied, studyCard } from './studied-fixture';

const DAY = 86_400_000;
const MINUTE = 60_000;

let sqlite: Sqlite;
beforeAll(async () => {
  sqlite = await loadSqlite();
});

function byGuid(imported: AnkiImport, cardId: string) {
  const note = imported.notes.find((n) => n.guid === ankiGuid(cardId));
  if (!note) throw new Error(`no note for ${cardId}`);
  const card = imported.cards.find((c) => c.noteId === note.id)!;
  return { note, card, reviews: imported.revlog.filter((r) => r.cardId === card.id) };
}

function thrown(action: () => unknown): FocalError {
  try {
    action();
  } catch (error) {
    if (error instanceof FocalError) return error;
    throw error;
  }
  throw new Error('expected a FocalError');
}

/** Unicode text mixed with what HTML, Anki's fields and its templates would otherwise read as markup. */
const fieldText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('&amp;', '&nbsp;', '<br>', '<div>', '<b>x</b>', '[sound:a.mp3]', '<img src=a>', '{{c1::x}}', '\x1f', '\n', ' ', '\u00a0', 'é', '😀'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

describe('export then import', () => {
  const cards = [
    studied('new', []),
    studied('learning', [Rating.Good], { start: START + 1 * MINUTE }),
    studied('review', [Rating.Good, Rating.Good, Rating.Good, Rating.Easy], { start: START + 2 * MINUTE }),
    studied('relearning', [Rating.Good, Rating.Good, Rating.Good, Rating.Again], { start: START + 3 * MINUTE }),
    studied('suspended', [Rating.Good, Rating.Good, Rating.Hard], { suspended: true, start: START + 4 * MINUTE }),
  ];
  const now = Math.max(...cards.flatMap(({ reviews }) => reviews.map((r) => r.time))) + MINUTE;
  const input = { deckName: 'Biology::Cells', now, cards };

  it('writes a legacy package: collection.anki2 in schema 11 and an empty media map', () => {
    const files = unzipSync(exportAnkiPackage(input, sqlite));
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(files['media'])).toBe('{}');
    const db = sqlite.open(files['collection.anki2']!);
    try {
      const col = db.all('select ver, crt, models, decks, dconf from col')[0]!;
      expect(col['ver']).toBe(11);
      const models = JSON.parse(String(col['models']));
      expect(models[FOCAL_NOTE_TYPE_ID].flds.map((f: { name: string }) => f.name)).toEqual(['Front', 'Back', 'Sentence', 'Source']);
      expect(Object.values(JSON.parse(String(col['decks']))).map((d) => (d as { name: string }).name)).toEqual(['Default', 'Biology::Cells']);
      expect(db.all("select name from sqlite_master where type = 'table' order by name").map((r) => r['name'])).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      const note = db.all('select * from notes where guid = ?', [ankiGuid('review')])[0]!;
      expect(note['mid']).toBe(FOCAL_NOTE_TYPE_ID);
      expect(note['sfld']).toBe('What is review?');
      expect(note['csum']).toBe(ankiChecksum('What is review?'));
      expect(String(note['flds']).split('\x1f')).toEqual([
        'What is review?',
        'The answer to review',
        'review is a thing &amp; more &lt;than&gt; that.',
        'Cell biology › Chapter 1 › Part A',
      ]);
      const card = db.all('select type, queue, factor, data from cards where nid = ?', [note['id']!])[0]!;
      expect(card).toMatchObject({ type: 2, queue: 2, factor: 2500 });
      expect(JSON.parse(String(card['data']))).toEqual({ s: cards[2]!.card.stability, d: cards[2]!.card.difficulty });
    } finally {
      db.close();
    }
  });

  it('keeps every card’s fields, schedule, memory and review history', () => {
    const imported = importAnkiPackage(exportAnkiPackage(input, sqlite), sqlite);
    expect(imported.decks.map((d) => d.name).sort()).toEqual(['Biology::Cells', 'Default']);
    const noteType = imported.noteTypes.find((t) => t.id === FOCAL_NOTE_TYPE_ID)!;
    for (const { card, reviews } of cards) {
      const found = byGuid(imported, card.id);
      expect(found.note.fields).toEqual([card.prompt, card.answer, card.sentence, 'Cell biology › Chapter 1 › Part A']);
      expect(ankiCardText(found.card, found.note, noteType)).toEqual({ kind: 'qa', prompt: card.prompt, answer: card.answer, sentence: card.sentence });
      expect(found.card.suspended).toBe(card.suspended);
      const memory = ankiCardMemory(found.card, ankiAnswers(found.reviews), { dayZero: imported.dayZero, now });
      expect(memory.state).toBe(card.state);
      expect(memory.reps).toBe(card.reps);
      expect(memory.lapses).toBe(card.lapses);
      expect(memory.stability).toBe(card.stability);
      expect(memory.difficulty).toBe(card.difficulty);
      expect(memory.lastReview).toBe(card.lastReview);
      if (card.state === 'review') {
        expect(memory.scheduledDays).toBe(card.scheduledDays);
        expect(Math.abs(memory.due - card.due)).toBeLessThan(DAY);
      } else if (card.state !== 'new') {
        expect(Math.abs(memory.due - card.due)).toBeLessThan(1000);
      }
      expect(ankiAnswers(found.reviews).map(({ time, rating, elapsedMs }) => ({ time, rating, elapsedMs }))).toEqual(
        reviews.filter((r) => r.kind === 'review').map((r) => ({ time: r.time, rating: r.rating, elapsedMs: Math.min(60_000, r.elapsedMs) })),
      );
    }
    const types = byGuid(imported, 'relearning').reviews.map((r) => r.type);
    expect(types).toEqual([0, 0, 1, 1]);
  });

  it('keeps texts through the field format: unicode, markup characters, entities and line breaks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ prompt: fieldText, answer: fieldText, sentence: fc.string({ maxLength: 40 }) }), { minLength: 1, maxLength: 6 }),
        (texts) => {
          const exported = texts.map((text, i) => ({ card: { ...studyCard(`p${i}`, text), ...newCardMemory(START), suspended: false }, sourceTitle: 'T', reviews: [] }));
          const imported = importAnkiPackage(exportAnkiPackage({ deckName: 'P', now: START, cards: exported }, sqlite), sqlite);
          // Fields lose control characters (the \x1f separator among them) and surrounding whitespace; line breaks
          // collapse; a Markdown note's escaped dollar ("\$") is a plain "$" in Anki.
          const expected = (text: string) =>
            text
              .replace(/\r\n?/g, '\n')
              .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
              .replace(/[ \t]*\n[ \t\n]*/g, '\n')
              .replaceAll('\\$', '$')
              .trim();
          texts.forEach((text, i) => {
            const { note } = byGuid(imported, `p${i}`);
            expect(note.fields.slice(0, 3)).toEqual([expected(text.prompt), expected(text.answer), expected(text.sentence)]);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('asks a card whose sentence points back with the sentence before it, as the app shows it', () => {
    const card = studied('it', [], { text: { kind: 'cloze', prompt: 'It makes most of the cell’s […].', answer: 'ATP', leadIn: 'The mitochondrion is the cell’s power plant.' } });
    const { note } = byGuid(importAnkiPackage(exportAnkiPackage({ deckName: 'Cells', now: START, cards: [card] }, sqlite), sqlite), 'it');
    expect(note.fields[0]).toBe('The mitochondrion is the cell’s power plant.\nIt makes most of the cell’s […].');
  });

  it('gives answers logged in the same millisecond distinct log ids, a millisecond apart', () => {
    const twins = [studied('a', [Rating.Good]), studied('b', [Rating.Again])];
    const imported = importAnkiPackage(exportAnkiPackage({ deckName: 'Twins', now: START + DAY, cards: twins }, sqlite), sqlite);
    expect(imported.revlog.map((r) => [r.time, r.ease])).toEqual([
      [START, 3],
      [START + 1, 1],
    ]);
  });

  it('turns a deck named Default into Anki’s Default deck rather than a second one', () => {
    const files = unzipSync(exportAnkiPackage({ deckName: 'default', now: START, cards: [studied('x', [])] }, sqlite));
    const db = sqlite.open(files['collection.anki2']!);
    try {
      expect(Object.keys(JSON.parse(String(db.all('select decks from col')[0]!['decks'])))).toEqual(['1']);
      expect(db.all('select did from cards')[0]!['did']).toBe(1);
    } finally {
      db.close();
    }
  });

  it('queues new cards in Anki in the order Focal introduces them: most salient first, then oldest, whatever the storage order', () => {
    const card = (id: string, salience: number, createdAt: number) => studied(id, [], { text: { salience, createdAt } });
    const stored = [card('zeta', 0.2, START), card('alpha', 1.5, START + 5), card('mid-new', 0.9, START + 9), card('mid-old', 0.9, START + 1), card('beta', 0.9, START + 1)];
    const positions = (cards: typeof stored) => {
      const imported = importAnkiPackage(exportAnkiPackage({ deckName: 'Order', now: START, cards }, sqlite), sqlite);
      return [...imported.cards].sort((a, b) => a.due - b.due).map((c) => imported.notes.find((n) => n.id === c.noteId)!.guid);
    };
    const expected = ['alpha', 'beta', 'mid-old', 'mid-new', 'zeta'].map(ankiGuid);
    expect(positions(stored)).toEqual(expected);
    expect(positions([...stored].reverse())).toEqual(expected);
  });
});

/** rslib/src/storage/schema11.sql, as Anki creates a schema-11 collection. */
const ANKI_SCHEMA_11 = `
create table col
(
    id     integer primary key,
    crt    integer not null,
    mod    integer not null,
    scm    integer not null,
    ver    integer not null,
    dty    integer not null,
    usn    integer not null,
    ls     integer not null,
    conf   text    not null,
    models text    not null,
    decks  text    not null,
    dconf  text    not null,
    tags   text    not null
);
create table notes
(
    id    integer primary key,
    guid  text    not null,
    mid   integer not null,
    mod   integer not null,
    usn   integer not null,
    tags  text    not null,
    flds  text    not null,
    sfld  integer not null,
    csum  integer not null,
    flags integer not null,
    data  text    not null
);
create table cards
(
    id     integer primary key,
    nid    integer not null,
    did    integer not null,
    ord    integer not null,
    mod    integer not null,
    usn    integer not null,
    type   integer not null,
    queue  integer not null,
    due    integer not null,
    ivl    integer not null,
    factor integer not null,
    reps   integer not null,
    lapses integer not null,
    left   integer not null,
    odue   integer not null,
    odid   integer not null,
    flags  integer not null,
    data   text    not null
);
create table revlog
(
    id      integer primary key,
    cid     integer not null,
    usn     integer not null,
    ease    integer not null,
    ivl     integer not null,
    lastIvl integer not null,
    factor  integer not null,
    time    integer not null,
    type    integer not null
);
create table graves
(
    usn  integer not null,
    oid  integer not null,
    type integer not null
);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

const CRT = 1_700_000_000; // 2023-11-14T22:13:20Z
const BASIC = 1_342_697_561_419;
const CLOZE = 1_342_697_561_420;
const field = (name: string, ord: number) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 });
const MODELS = {
  [BASIC]: {
    id: BASIC, name: 'Basic', type: 0, mod: 0, usn: 0, sortf: 0, did: 1, css: '', req: [[0, 'any', [0]]],
    flds: [field('Front', 0), field('Back', 1)],
    tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}', did: null, bqfmt: '', bafmt: '' }],
  },
  [CLOZE]: {
    id: CLOZE, name: 'Cloze', type: 1, mod: 0, usn: 0, sortf: 0, did: 1, css: '',
    flds: [field('Text', 0), field('Back Extra', 1)],
    tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}', did: null, bqfmt: '', bafmt: '' }],
  },
};
const DECKS = {
  1: { id: 1, name: 'Default', dyn: 0, conf: 1 },
  1_600_000_000_001: { id: 1_600_000_000_001, name: 'Languages::German', dyn: 0, conf: 1 },
  1_600_000_000_002: { id: 1_600_000_000_002, name: 'Cram', dyn: 1 },
};
const GERMAN = 1_600_000_000_001;

/** A small collection as Anki 2.1 writes one: a Basic note with HTML, a Cloze note with two cards, cards in every queue. */
function handmadeCollection(): Uint8Array {
  const db = sqlite.create();
  try {
    db.exec(ANKI_SCHEMA_11);
    db.run('insert into col values (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [CRT, '{"nextPos": 3}', JSON.stringify(MODELS), JSON.stringify(DECKS), '{}', '{}']);
    const note = (id: number, mid: number, fields: string[], tags: string) =>
      db.run('insert into notes values (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, ?)', [id, `guid${id}`, mid, tags, fields.join('\x1f'), fields[0]!, '']);
    note(10, BASIC, ['<div><b>der Hund</b></div><div>(noun)</div>', 'the dog&nbsp;[sound:hund.mp3]<img src="dog.jpg">'], ' german animals ');
    note(11, CLOZE, ['{{c1::Berlin}} is the capital of {{c2::Germany::country}}', 'Since &lt;1990&gt;'], '');
    note(12, BASIC, ['eins', 'one'], ' german ');
    note(13, BASIC, ['zwei', 'two'], '');
    note(14, BASIC, ['drei', 'three'], '');
    note(15, BASIC, ['vier', 'four'], '');
    const card = (id: number, nid: number, ord: number, type: number, queue: number, due: number, ivl: number, factor: number, reps: number, lapses: number, extra: { odue?: number; odid?: number; did?: number; data?: string } = {}) =>
      db.run('insert into cards values (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)', [
        id, nid, extra.did ?? GERMAN, ord, type, queue, due, ivl, factor, reps, lapses, extra.odue ?? 0, extra.odid ?? 0, extra.data ?? '',
      ]);
    card(100, 10, 0, 2, 2, 500, 30, 2350, 8, 1, { data: '{"s":31.2,"d":6.4}' }); // review, with FSRS memory
    card(101, 11, 0, 0, 0, 2, 0, 0, 0, 0); // new (cloze 1)
    card(102, 11, 1, 1, 1, CRT + 600_000, 0, 0, 1, 0); // learning, due in epoch seconds
    card(103, 12, 0, 3, 3, 480, 1, 2100, 5, 2); // relearning, interday: due in days
    card(104, 13, 0, 2, -1, 450, 12, 2500, 4, 0); // suspended review
    card(105, 14, 0, 2, -2, 460, 7, 2500, 3, 0); // buried review
    card(106, 15, 0, 2, 2, 0, 9, 2500, 3, 0, { did: 1_600_000_000_002, odid: GERMAN, odue: 470 }); // in a filtered deck
    const revlog = (id: number, cid: number, ease: number, ivl: number, lastIvl: number, factor: number, time: number, type: number) =>
      db.run('insert into revlog values (?, ?, 0, ?, ?, ?, ?, ?, ?)', [id, cid, ease, ivl, lastIvl, factor, time, type]);
    revlog(1_700_100_000_000, 100, 3, -600, 0, 0, 8000, 0);
    revlog(1_700_100_600_000, 100, 3, 1, -600, 2500, 6000, 0);
    revlog(1_700_200_000_000, 100, 1, -600, 1, 2500, 12000, 1);
    revlog(1_700_300_000_000, 100, 0, 30, 1, 2350, 0, 4); // manual reschedule
    revlog(1_700_400_000_000, 102, 2, -60, 0, 0, 60000, 0);
    return db.export();
  } finally {
    db.close();
  }
}

describe('importing an Anki collection', () => {
  it('reads decks, note types, notes as text, cards in every queue and the review log', () => {
    const dummy = handmadeCollection();
    const imported = importAnkiPackage(zipSync({ 'collection.anki21': handmadeCollection(), 'collection.anki2': dummy, media: new TextEncoder().encode('{}') }), sqlite);
    expect(imported.dayZero).toBe(CRT * 1000);
    expect(imported.decks).toEqual([
      { id: 1, name: 'Default' },
      { id: GERMAN, name: 'Languages::German' },
      { id: 1_600_000_000_002, name: 'Cram' },
    ]);
    expect(imported.noteTypes.map(({ id, name, kind, fields }) => ({ id, name, kind, fields }))).toEqual([
      { id: BASIC, name: 'Basic', kind: 'standard', fields: ['Front', 'Back'] },
      { id: CLOZE, name: 'Cloze', kind: 'cloze', fields: ['Text', 'Back Extra'] },
    ]);

    const [basic, cloze] = imported.notes;
    expect(basic).toMatchObject({ id: 10, guid: 'guid10', modelId: BASIC, fields: ['der Hund\n(noun)', 'the dog'], tags: ['german', 'animals'] });
    expect(basic!.raw[0]).toBe('<div><b>der Hund</b></div><div>(noun)</div>');
    expect(cloze!.fields).toEqual(['{{c1::Berlin}} is the capital of {{c2::Germany::country}}', 'Since <1990>']);

    const card = (id: number) => imported.cards.find((c) => c.id === id)!;
    expect(card(100)).toEqual({ id: 100, noteId: 10, deckId: GERMAN, ord: 0, type: 2, queue: 2, due: 500, ivl: 30, factor: 2350, reps: 8, lapses: 1, left: 0, suspended: false, fsrs: { stability: 31.2, difficulty: 6.4 } });
    expect(card(104).suspended).toBe(true);
    expect(card(105)).toMatchObject({ queue: -2, suspended: false });
    expect(card(106)).toMatchObject({ deckId: GERMAN, due: 470 });
    expect(imported.revlog.filter((r) => r.cardId === 100).map((r) => [r.ease, r.type, r.timeMs])).toEqual([[3, 0, 8000], [3, 0, 6000], [1, 1, 12000], [0, 4, 0]]);

    const types = new Map(imported.noteTypes.map((t) => [t.id, t]));
    const text = (id: number) => {
      const c = card(id);
      const note = imported.notes.find((n) => n.id === c.noteId)!;
      return ankiCardText(c, note, types.get(note.modelId)!);
    };
    expect(text(100)).toEqual({ kind: 'qa', prompt: 'der Hund\n(noun)', answer: 'the dog', sentence: '' });
    expect(text(101)).toEqual({ kind: 'cloze', prompt: '[…] is the capital of Germany', answer: 'Berlin', sentence: 'Berlin is the capital of Germany' });
    expect(text(102).prompt).toBe('Berlin is the capital of [country]');
  });

  it('maps each card to Focal’s schedule', () => {
    const imported = importAnkiPackage(zipSync({ 'collection.anki2': handmadeCollection() }), sqlite);
    const now = (CRT + 490 * 86_400) * 1000;
    const memory = (id: number) => ankiCardMemory(imported.cards.find((c) => c.id === id)!, ankiAnswers(imported.revlog.filter((r) => r.cardId === id)), { dayZero: imported.dayZero, now });
    expect(memory(100)).toEqual({
      state: 'review', due: (CRT + 500 * 86_400) * 1000, stability: 31.2, difficulty: 6.4, scheduledDays: 30, learningSteps: 0, reps: 8, lapses: 1, lastReview: 1_700_200_000_000,
    });
    expect(memory(101)).toEqual(newCardMemory(now));
    expect(memory(102)).toMatchObject({ state: 'learning', due: (CRT + 600_000) * 1000, lastReview: 1_700_400_000_000 });
    expect(memory(103)).toMatchObject({ state: 'relearning', due: (CRT + 480 * 86_400) * 1000, lapses: 2 });
    expect(memory(104)).toMatchObject({ state: 'review', scheduledDays: 12, stability: 12, difficulty: 5 });
    expect(memory(106)).toMatchObject({ state: 'review', due: (CRT + 470 * 86_400) * 1000 });
    expect(ankiAnswers(imported.revlog.filter((r) => r.cardId === 100)).map((a) => a.rating)).toEqual([3, 3, 1]);
  });
});

describe('refusing what it cannot read', () => {
  const sqliteWithout = (table: string) => {
    const db = sqlite.create();
    try {
      db.exec(ANKI_SCHEMA_11.replace(new RegExp(`create table ${table}\\b[^;]*;`), '').replace(new RegExp(`create index \\w+ on ${table} [^;]*;`, 'g'), ''));
      return db.export();
    } finally {
      db.close();
    }
  };

  it('asks for a legacy export when only the newest format is inside', () => {
    const onlyNew = thrown(() => importAnkiPackage(zipSync({ 'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), media: new Uint8Array(4) }), sqlite));
    expect(onlyNew.code).toBe('unsupported-format');
    expect(onlyNew.message).toContain('Support older Anki versions');
    // Anki puts a placeholder collection.anki2 beside the new one; it must not be read as the deck.
    const withPlaceholder = thrown(() => importAnkiPackage(zipSync({ 'collection.anki2': handmadeCollection(), 'collection.anki21b': new Uint8Array(8) }), sqlite));
    expect(withPlaceholder.code).toBe('unsupported-format');
  });

  it('names what is wrong with a damaged package', () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(thrown(() => importAnkiPackage(random, sqlite))).toMatchObject({ code: 'malformed', message: expect.stringContaining('zip') });
    expect(thrown(() => importAnkiPackage(zipSync({ 'notes.txt': new Uint8Array(3) }), sqlite))).toMatchObject({ code: 'malformed', message: expect.stringContaining('no Anki collection') });
    expect(thrown(() => importAnkiPackage(zipSync({ 'collection.anki2': random }), sqlite))).toMatchObject({ code: 'malformed', message: expect.stringContaining('not an SQLite database') });
    expect(thrown(() => importAnkiPackage(zipSync({ 'collection.anki2': sqliteWithout('revlog') }), sqlite))).toMatchObject({ code: 'malformed', message: expect.stringContaining('no revlog table') });
  });

  it('says a collection without cards is empty', () => {
    const db = sqlite.create();
    db.exec(ANKI_SCHEMA_11);
    db.run("insert into col values (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', '{}', '{}', '{}')");
    const bytes = db.export();
    db.close();
    expect(thrown(() => importAnkiPackage(zipSync({ 'collection.anki2': bytes }), sqlite)).code).toBe('empty');
  });

  it('refuses an archive that would unpack past the limit, before unpacking it', () => {
    const zip = zipSync({ 'collection.anki2': new Uint8Array(1000) });
    const view = new DataView(zip.buffer);
    for (let at = zip.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 0xfffffff0, true);
        break;
      }
    }
    expect(thrown(() => importAnkiPackage(zip, sqlite)).code).toBe('too-large');
  });
});
