/**
 * Anki's package format (.apkg / .colpkg), both ways, as pure functions over an injected SQLite.
 *
 * A legacy package is a zip holding `collection.anki2` (or `collection.anki21`): an SQLite database in
 * Anki's schema 11 (tables col, notes, cards, revlog, graves; note types, decks and deck options as JSON in
 * the single `col` row — https://github.com/ankitects/anki/blob/main/rslib/src/storage/schema11.sql) and a
 * `media` file mapping numbered entries to file names. Anki 2.1.50+ writes `collection.anki21b` instead
 * (zstd-compressed, newer schema) unless "Support older Anki versions" is ticked; that one is refused.
 *
 * Time conventions of the card table (https://github.com/ankidroid/Anki-Android/wiki/Database-Structure):
 * a new card's `due` is its position in the new queue; an intraday learning card's (queue 1) is epoch
 * seconds; review and interday learning cards' (queue 2, 3) are days since the collection's `crt`.
 */
import { zipSync } from 'fflate';
import { FocalError } from '../../shared/errors';
import { compareStrings } from '../compare-strings';
import { GAP, type StudyCard } from '../cards/make-cards';
import { type CardMemory, type CardState, type Rating, isRating } from '../scheduling/card-memory';
import { type MemoryModel, createMemoryModel } from '../scheduling/fsrs-adapter';
import type { ResetEntry, ReviewEntry } from '../scheduling/review-log';
import { isInterdayLearning } from '../scheduling/review-queue';
import { fixedUtcOffset, studyDayOf, studyDayStart } from '../scheduling/study-day';
import { unzipWithinLimit } from '../text/formats/zip';
import { ankiChecksum, ankiGuid } from './anki-guid';

export { ankiChecksum, ankiGuid, sha1 } from './anki-guid';

// ---------------------------------------------------------------------------------------------------
// The SQLite this module needs (one adapter in main implements it).

export type SqlValue = number | string | Uint8Array | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqliteDatabase {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): void;
  /** Runs one statement with positional `?` parameters. */
  run(sql: string, params?: readonly SqlValue[]): void;
  /** The rows of one query, as objects keyed by column name. */
  all(sql: string, params?: readonly SqlValue[]): SqlRow[];
  /** The whole database file. */
  export(): Uint8Array;
  close(): void;
}

export interface Sqlite {
  create(): SqliteDatabase;
  open(bytes: Uint8Array): SqliteDatabase;
}

// ---------------------------------------------------------------------------------------------------
// Export.

/** A Focal card with its schedule, as export reads it and an import builds it. */
/** `buriedUntil`: a card buried in Anki comes back when Anki would bring it back, the next study day (absent: not buried). */
export type AnkiStudyCard = StudyCard & CardMemory & { suspended: boolean; buriedUntil?: number };

export interface AnkiExportCard {
  card: AnkiStudyCard;
  /** The title of the document the card came from (the note's Source field, with the section path). */
  sourceTitle: string;
  /** The card's reviews and resets that still count (undone ones already removed). */
  reviews: ReadonlyArray<ReviewEntry | ResetEntry>;
}

export interface AnkiExportInput {
  /** The deck the cards go into; "::" makes a subdeck, as in Anki. */
  deckName: string;
  now: number;
  cards: readonly AnkiExportCard[];
  /**
   * The person's study day: its start hour and their clock's offset from UTC in minutes. Anki counts review days
   * from the collection's creation at its day start; without this, from midnight UTC.
   */
  studyDay?: { startHour: number; utcOffsetMinutes: number };
  /** The person's review settings, as the deck's options (Anki's defaults without them). */
  schedule?: AnkiDeckSchedule;
}

/** The review settings Anki's deck options can hold. */
export interface AnkiDeckSchedule {
  learningStepsMinutes: readonly number[];
  relearningStepsMinutes: readonly number[];
  newCardsPerDay: number;
  reviewsPerDay: number;
  maximumIntervalDays: number;
  desiredRetention: number;
}

/** Between the parts of the Source field, as the app shows a card's context. */
const PATH_SEPARATOR = ' › ';

/**
 * The note's Source field: the document's title, then the card's section path, each part said once. A
 * section path usually starts with the document's own heading (the app shows "Photosynthesis › The overall
 * reaction" for a card of the document "Photosynthesis"), and a `sourceTitle` may already end with the path.
 */
export function ankiSourcePath(sourceTitle: string, context: readonly string[]): string {
  const clean = (parts: readonly string[]) => parts.map((part) => cleanText(part).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const title = clean(sourceTitle.split(PATH_SEPARATOR));
  const path = clean(context);
  const titleEndsWithPath = path.length > 0 && path.length <= title.length && path.every((part, i) => title[title.length - path.length + i] === part);
  const parts = titleEndsWithPath ? title : [...title, ...path];
  return parts.filter((part, i) => part !== parts[i - 1]).join(PATH_SEPARATOR);
}

/** The Focal note type's id: fixed, so a second export's notes land in the same note type in Anki. */
export const FOCAL_NOTE_TYPE_ID = 1_717_171_717_171;
const FOCAL_NOTE_TYPE_NAME = 'Focal';
const FOCAL_FIELDS = ['Front', 'Back', 'Sentence', 'Source'] as const;

/**
 * The ease Anki's SM-2 tables get: 2500 (‰) is Anki's starting ease. Focal schedules with FSRS, whose
 * memory state goes in the card's `data` instead; the ease only matters if FSRS is off in Anki.
 */
const ANKI_DEFAULT_FACTOR = 2500;

/** Anki caps a logged answer time at the deck's "maximum answer seconds", 60 by default. */
const MAX_ANSWER_MS = 60_000;
const DAY_MS = 86_400_000;

/** Anki's card and revlog type codes. */
const CARD_TYPE: Record<CardState, number> = { new: 0, learning: 1, review: 2, relearning: 3 };
const REVLOG_TYPE: Record<CardState, number> = { new: 0, learning: 0, review: 1, relearning: 2 };

/**
 * A legacy `.apkg` (schema 11, `collection.anki2` + `media` `{}`) holding one deck and one note type
 * "Focal" (Front, Back, Sentence, Source; one card showing Front, then Back with Sentence and Source).
 * Each card becomes a note and a card with its schedule translated (see `ankiSchedule`) and each review
 * a revlog row (see `ankiRevlogRow`). Note guids come from the Focal card id, so exporting again updates
 * the same notes in Anki rather than duplicating them. Notes and new-queue positions follow the order Focal
 * introduces new cards in (`inIntroductionOrder`), so Anki shows them in the same order.
 */
export function exportAnkiPackage(input: AnkiExportInput, sqlite: Sqlite): Uint8Array {
  const nowSecs = Math.floor(input.now / 1000);
  const dayZero = collectionDayZero(input);
  const deckName = cleanText(input.deckName).replace(/\n/g, ' ').trim() || 'Focal';
  // Every collection has the Default deck (id 1); a deck of that name is it.
  const deckId = deckName.toLowerCase() === 'default' ? 1 : input.now;
  const db = sqlite.create();
  try {
    db.exec(SCHEMA_11);
    db.run('insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      Math.floor(dayZero / 1000),
      input.now,
      input.now,
      JSON.stringify(collectionConfig(deckId, input.cards.length)),
      JSON.stringify({ [FOCAL_NOTE_TYPE_ID]: focalNoteType(deckId, nowSecs) }),
      JSON.stringify(deckTable(deckId, deckName, nowSecs)),
      JSON.stringify({ 1: deckOptions(input.schedule) }),
      '{}',
    ]);
    db.exec('begin');
    const revlogIds = uniqueIds();
    inIntroductionOrder(input.cards).forEach(({ card, sourceTitle, reviews }, index) => {
      const id = input.now + index;
      const source = ankiSourcePath(sourceTitle, card.context);
      // A card whose sentence points back ("It uses ATP…") asks with the sentence before it, as the app shows it.
      const asked = card.leadIn ? `${card.leadIn}\n\n${card.prompt}` : card.prompt;
      // A Markdown note's escaped dollar (`\$`, a dollar sign Focal would otherwise draw as maths) is a plain "$" in Anki.
      const texts = [asked, card.answer, card.sentence, source].map((text) => cleanText(text).replaceAll('\\$', '$').trim());
      const front = texts[0]!;
      db.run('insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)', [
        id,
        ankiGuid(card.id),
        FOCAL_NOTE_TYPE_ID,
        nowSecs,
        ' focal ',
        texts.map(textToField).join('\x1f'),
        front,
        ankiChecksum(front),
        '',
      ]);
      const schedule = ankiSchedule(card, { now: input.now, dayZero, position: index + 1 });
      db.run('insert into cards values (?, ?, ?, 0, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)', [
        id,
        id,
        deckId,
        nowSecs,
        schedule.type,
        schedule.queue,
        schedule.due,
        schedule.ivl,
        schedule.factor,
        card.reps,
        card.lapses,
        schedule.left,
        schedule.data,
      ]);
      for (const review of [...reviews].sort((a, b) => a.time - b.time)) {
        const revlogId = revlogIds.claim(Math.round(review.time));
        const row = ankiRevlogRow(review);
        db.run('insert into revlog values (?, ?, -1, ?, ?, ?, ?, ?, ?)', [revlogId, id, row.ease, row.ivl, row.lastIvl, row.factor, row.time, row.type]);
      }
    });
    db.exec('commit');
    const collection = db.export();
    return zipSync({ 'collection.anki2': collection, media: new TextEncoder().encode('{}') });
  } finally {
    db.close();
  }
}

/**
 * Hands out distinct ids: each the smallest free one at or after the id asked for (a revlog row's id is its time in
 * ms, and two answers can share one). Taken ids point past themselves, paths shortened as they are walked, so 20,000
 * rows of one time — a bulk reset logs every card at the same instant — take milliseconds, where stepping through the
 * taken ids one by one took a minute.
 */
export function uniqueIds(): { claim(wanted: number): number } {
  const next = new Map<number, number>();
  const freeFrom = (wanted: number): number => {
    let free = wanted;
    while (next.has(free)) free = next.get(free)!;
    for (let at = wanted; at !== free; ) {
      const after = next.get(at)!;
      next.set(at, free);
      at = after;
    }
    return free;
  };
  return {
    claim(wanted) {
      const id = freeFrom(wanted);
      next.set(id, id + 1);
      return id;
    },
  };
}

export interface AnkiSchedule {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  left: number;
  /** The card's `data` column: `{"s": stability, "d": difficulty}` for a card with an FSRS memory, else "". */
  data: string;
}

/**
 * Most salient first, as Focal's review queue introduces new cards; then oldest first, then by id, so the
 * same cards always export in the same order (storage order is the order of random ids).
 */
export function inIntroductionOrder<T extends { card: Pick<StudyCard, 'id' | 'salience' | 'createdAt'> }>(cards: readonly T[]): T[] {
  return [...cards].sort((a, b) => b.card.salience - a.card.salience || a.card.createdAt - b.card.createdAt || compareStrings(a.card.id, b.card.id));
}

/**
 * A Focal schedule in Anki's terms. New → type 0 / queue 0, `due` = position. Learning and relearning →
 * type 1 / 3 in queue 1 with `due` in epoch seconds, or queue 3 with `due` in days when the step is a day or more
 * long or ends on a later day; `left` = 1 (one step to go: Focal's step list is a setting Anki does not receive). Review →
 * type 2 / queue 2, `due` in days since `dayZero`, `ivl` = scheduled days. Suspended → queue −1.
 * The FSRS memory goes where Anki 23.10+ reads it: the card's `data` JSON, keys "s" and "d"
 * (rslib/src/storage/card/data.rs); Anki then schedules the card with FSRS from that state.
 */
export function ankiSchedule(card: CardMemory & { suspended: boolean }, options: { now: number; dayZero: number; position: number }): AnkiSchedule {
  const daysFromZero = (ms: number) => Math.max(0, Math.floor((ms - options.dayZero) / DAY_MS));
  const type = CARD_TYPE[card.state];
  let queue: number;
  let due: number;
  let left = 0;
  if (card.state === 'new') {
    queue = 0;
    due = options.position;
  } else if (card.state === 'review') {
    queue = 2;
    due = daysFromZero(card.due);
  } else {
    left = 1;
    // A step of a day or more is due on its day in Anki too (queue 3), today's included: in queue 1 it waited for its minute.
    const onADay = isInterdayLearning(card) || daysFromZero(card.due) > daysFromZero(options.now);
    queue = onADay ? 3 : 1;
    due = onADay ? daysFromZero(card.due) : Math.floor(card.due / 1000);
  }
  const hasMemory = card.state !== 'new' && card.stability > 0 && card.difficulty > 0;
  return {
    type,
    queue: card.suspended ? -1 : queue,
    due,
    ivl: card.state === 'new' || card.state === 'learning' ? 0 : Math.max(1, Math.round(card.scheduledDays)),
    factor: card.state === 'new' ? 0 : ANKI_DEFAULT_FACTOR,
    left,
    data: hasMemory ? JSON.stringify({ s: card.stability, d: card.difficulty }) : '',
  };
}

export interface AnkiRevlogRow {
  ease: number;
  /** After the answer: days, or negative seconds while the card is in (re)learning steps. */
  ivl: number;
  /** Before the answer, in the same units. */
  lastIvl: number;
  factor: number;
  /** Answer time in ms, capped at 60 s as Anki caps it. */
  time: number;
  /** 0 learn, 1 review, 2 relearn: from the card's state before the answer. */
  type: number;
}

/** Anki's revlog type of a manual change of schedule, which "Forget" (Reset) logs with ease 0. */
const REVLOG_MANUAL = 4;

/**
 * A Focal review as Anki logs an answer (rslib/src/revlog: positive ivl = days, negative = seconds); a reset as Anki
 * logs its own "Forget": a manual entry with ease 0 and ease factor 0, from which Anki's FSRS counts the card anew.
 */
export function ankiRevlogRow(review: ReviewEntry | ResetEntry): AnkiRevlogRow {
  const interval = (memory: CardMemory, from: number | null): number => {
    if (memory.state === 'new' || from === null) return 0;
    if (memory.state === 'review') return Math.max(1, Math.round(memory.scheduledDays));
    return -Math.max(1, Math.round((memory.due - from) / 1000));
  };
  if (review.kind === 'reset') return { ease: 0, ivl: 0, lastIvl: interval(review.before, review.before.lastReview), factor: 0, time: 0, type: REVLOG_MANUAL };
  return {
    ease: review.rating,
    ivl: interval(review.after, review.time),
    lastIvl: interval(review.before, review.before.lastReview),
    factor: review.before.state === 'new' || review.before.state === 'learning' ? 0 : ANKI_DEFAULT_FACTOR,
    time: Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(review.elapsedMs))),
    type: REVLOG_TYPE[review.before.state],
  };
}

/**
 * The collection's day zero (Anki's `crt`): the start of the study day of the earliest review due date, or of
 * `now`, so every review `due` is ≥ 0. Anki counts a card's due day from it, so a card due at 05:06 with days
 * starting at 04:00 comes back due at 04:00 the same day, not at midnight, which is still the day before. Days
 * are counted in 24 hours at today's clock offset, as Anki counts them: across a change of daylight saving time a
 * card due within an hour of the day's start can come back a day early.
 */
function collectionDayZero(input: AnkiExportInput): number {
  let earliest = input.now;
  for (const { card } of input.cards) if (card.state !== 'new') earliest = Math.min(earliest, card.due);
  if (!input.studyDay) return Math.floor(earliest / DAY_MS) * DAY_MS;
  const { startHour, utcOffsetMinutes } = input.studyDay;
  const offset = fixedUtcOffset(utcOffsetMinutes);
  return studyDayStart(studyDayOf(earliest, startHour, offset), startHour, offset);
}

/** Text → field HTML: markup characters escaped, newlines as `<br>`, and "[sound:" defused so it stays text. */
function textToField(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\[sound:/g, '&#91;sound:').replace(/\n/g, '<br>');
}

/** Drops what cannot live in a field: the field separator and other control characters; CRLF becomes LF. */
function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

// ---------------------------------------------------------------------------------------------------
// The collection's fixed parts (schema 11, as rslib/src/storage/schema11.sql creates them).

const SCHEMA_11 = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null,
  dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null,
  tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null,
  usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null,
  factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null,
  lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

function collectionConfig(deckId: number, cardCount: number) {
  return {
    activeDecks: [deckId],
    curDeck: deckId,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: String(FOCAL_NOTE_TYPE_ID),
    nextPos: cardCount + 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
  };
}

function deckEntry(id: number, name: string, mod: number) {
  return {
    id,
    name,
    mod,
    usn: -1,
    desc: '',
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

/** Anki expects the Default deck (id 1) in every collection. */
function deckTable(deckId: number, deckName: string, mod: number) {
  return deckId === 1 ? { 1: deckEntry(1, deckName, mod) } : { 1: deckEntry(1, 'Default', mod), [deckId]: deckEntry(deckId, deckName, mod) };
}

const DEFAULT_DECK_OPTIONS = {
  id: 1,
  name: 'Default',
  mod: 0,
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: ANKI_DEFAULT_FACTOR, ints: [1, 4, 0], order: 1, perDay: 20 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
};

/**
 * The deck options the package carries: the person's steps, daily limits, longest interval and desired retention
 * (read by Anki 23.10 and later when FSRS is on), so the cards are studied in Anki as they were in Focal.
 */
export function deckOptions(schedule?: AnkiDeckSchedule): typeof DEFAULT_DECK_OPTIONS & { desiredRetention?: number } {
  if (!schedule) return DEFAULT_DECK_OPTIONS;
  return {
    ...DEFAULT_DECK_OPTIONS,
    new: { ...DEFAULT_DECK_OPTIONS.new, delays: [...schedule.learningStepsMinutes], perDay: schedule.newCardsPerDay },
    rev: { ...DEFAULT_DECK_OPTIONS.rev, maxIvl: schedule.maximumIntervalDays, perDay: schedule.reviewsPerDay },
    lapse: { ...DEFAULT_DECK_OPTIONS.lapse, delays: [...schedule.relearningStepsMinutes] },
    desiredRetention: schedule.desiredRetention,
  };
}

const FOCAL_CSS = `.card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }
.sentence { margin-top: 1em; font-size: 16px; }
.source { margin-top: 0.5em; font-size: 12px; color: grey; }`;

function focalNoteType(deckId: number, mod: number) {
  return {
    id: FOCAL_NOTE_TYPE_ID,
    name: FOCAL_NOTE_TYPE_NAME,
    type: 0,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      {
        name: 'Card 1',
        ord: 0,
        qfmt: '{{Front}}',
        afmt:
          '{{FrontSide}}<hr id=answer>{{Back}}' +
          '{{#Sentence}}<div class=sentence>{{Sentence}}</div>{{/Sentence}}' +
          '{{#Source}}<div class=source>{{Source}}</div>{{/Source}}',
        bqfmt: '',
        bafmt: '',
        did: null,
        bfont: '',
        bsize: 0,
      },
    ],
    flds: FOCAL_FIELDS.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: FOCAL_CSS,
    latexPre: '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}

// ---------------------------------------------------------------------------------------------------
// Import.

export interface AnkiDeck {
  id: number;
  /** Full name; "::" separates parent and subdeck. */
  name: string;
}

export interface AnkiTemplate {
  name: string;
  ord: number;
  /** Question and answer templates; empty when the collection keeps them where Focal cannot read them. */
  front: string;
  back: string;
}

export interface AnkiNoteType {
  id: number;
  name: string;
  kind: 'standard' | 'cloze';
  fields: string[];
  templates: AnkiTemplate[];
}

export interface AnkiNote {
  id: number;
  guid: string;
  modelId: number;
  /** Field values as plain text (see `fieldToText`); cloze markup `{{c1::…}}` is kept. */
  fields: string[];
  /** Field values as stored (HTML). */
  raw: string[];
  tags: string[];
}

export interface AnkiCard {
  id: number;
  noteId: number;
  /** The card's home deck (its original deck when it sits in a filtered deck). */
  deckId: number;
  /** Template number, or cloze number − 1 for a cloze note. */
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** −3/−2 buried, −1 suspended, 0 new, 1 learning (due in seconds), 2 review, 3 learning (due in days), 4 preview. */
  queue: number;
  /** As `queue` and `type` say (see the module comment); the original due for a card in a filtered deck. */
  due: number;
  /** Days. */
  ivl: number;
  /** Ease in permille. */
  factor: number;
  reps: number;
  lapses: number;
  /** A (re)learning card's steps to go: today's in the thousands, all of them below (Anki's `left`). */
  left: number;
  suspended: boolean;
  /** The FSRS memory Anki 23.10+ keeps in the card's `data`; null when absent. */
  fsrs: { stability: number; difficulty: number } | null;
}

export interface AnkiReview {
  /** Answer time, epoch ms (the row id). */
  time: number;
  cardId: number;
  /** 1–4 (Again … Easy); 0 for a manual reschedule. */
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  /** How long the answer took, ms. */
  timeMs: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
}

export interface AnkiImport {
  /** The collection's day zero (its `crt`), epoch ms: review cards' `due` counts days from it. */
  dayZero: number;
  decks: AnkiDeck[];
  noteTypes: AnkiNoteType[];
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiReview[];
}

const KIND = 'Anki package';
const damaged = (what: string) => new FocalError('malformed', `This ${KIND} is damaged or not an Anki package: ${what}.`);

/**
 * Reads a `.apkg` or `.colpkg`: `collection.anki21` when present, else `collection.anki2`. A package with
 * only the newest format (`collection.anki21b`) is refused as `unsupported-format`; anything unreadable is
 * `malformed`, an archive too big to unpack `too-large`, and a collection without cards `empty`.
 */
export function importAnkiPackage(bytes: Uint8Array, sqlite: Sqlite): AnkiImport {
  const names = new Set<string>();
  const files = unzipWithinLimit(
    bytes,
    (name) => {
      names.add(name);
      return name === 'collection.anki21' || name === 'collection.anki2';
    },
    KIND,
  );
  const collection = files['collection.anki21'] ?? (names.has('collection.anki21b') ? undefined : files['collection.anki2']);
  if (!collection) {
    if (names.has('collection.anki21b')) {
      throw new FocalError(
        'unsupported-format',
        'This Anki package uses the newest Anki format, which Focal cannot read yet. In Anki, export again with "Support older Anki versions" ticked, then import that file.',
      );
    }
    throw damaged('it holds no Anki collection (collection.anki2 or collection.anki21)');
  }
  if (!isSqlite(collection)) throw damaged('its collection is not an SQLite database');
  let db: SqliteDatabase;
  try {
    db = sqlite.open(collection);
  } catch {
    throw damaged('its collection cannot be opened');
  }
  try {
    return readCollection(db);
  } finally {
    db.close();
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';

function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 100) return false;
  for (let i = 0; i < SQLITE_MAGIC.length; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

function query(db: SqliteDatabase, sql: string, what: string): SqlRow[] {
  try {
    return db.all(sql);
  } catch {
    throw damaged(`its ${what} cannot be read`);
  }
}

function readCollection(db: SqliteDatabase): AnkiImport {
  const tables = new Set(query(db, "select name from sqlite_master where type = 'table'", 'table list').map((row) => String(row['name'])));
  const missing = ['col', 'notes', 'cards', 'revlog'].filter((table) => !tables.has(table));
  if (missing.length > 0) throw damaged(`its collection has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}`);
  const col = query(db, 'select crt, models, decks from col limit 1', 'collection settings')[0];
  if (!col) throw damaged('its collection settings are missing');

  let noteTypes = noteTypesFromJson(parseJson(col['models'], 'note types'));
  if (noteTypes.length === 0 && tables.has('notetypes') && tables.has('fields')) noteTypes = noteTypesFromTables(db);
  let decks = decksFromJson(parseJson(col['decks'], 'decks'));
  if (decks.length === 0 && tables.has('decks')) {
    decks = query(db, 'select id, name from decks', 'decks').map((row) => ({ id: num(row['id']), name: String(row['name'] ?? '').replace(/\x1f/g, '::') }));
  }

  const notes = query(db, 'select id, guid, mid, tags, flds from notes order by id', 'notes').map((row): AnkiNote => {
    const raw = String(row['flds'] ?? '').split('\x1f');
    return {
      id: num(row['id']),
      guid: String(row['guid'] ?? ''),
      modelId: num(row['mid']),
      fields: raw.map(fieldToText),
      raw,
      tags: String(row['tags'] ?? '').split(/\s+/).filter(Boolean),
    };
  });
  const cards = query(db, 'select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, data from cards order by id', 'cards').map(
    (row): AnkiCard => {
      const filtered = num(row['odid']) !== 0;
      const queue = num(row['queue']);
      return {
        id: num(row['id']),
        noteId: num(row['nid']),
        deckId: filtered ? num(row['odid']) : num(row['did']),
        ord: num(row['ord']),
        type: num(row['type']),
        queue,
        due: filtered && num(row['odue']) !== 0 ? num(row['odue']) : num(row['due']),
        ivl: num(row['ivl']),
        factor: num(row['factor']),
        reps: num(row['reps']),
        lapses: num(row['lapses']),
        left: num(row['left']),
        suspended: queue === -1,
        fsrs: fsrsMemory(row['data']),
      };
    },
  );
  if (cards.length === 0) throw new FocalError('empty', `This ${KIND} holds no cards.`);
  const revlog = query(db, 'select id, cid, ease, ivl, lastIvl, factor, time, type from revlog order by id', 'review history').map(
    (row): AnkiReview => ({
      time: num(row['id']),
      cardId: num(row['cid']),
      ease: num(row['ease']),
      ivl: num(row['ivl']),
      lastIvl: num(row['lastIvl']),
      factor: num(row['factor']),
      timeMs: num(row['time']),
      type: num(row['type']),
    }),
  );
  return { dayZero: num(col['crt']) * 1000, decks, noteTypes, notes, cards, revlog };
}

function num(value: SqlValue | undefined): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function parseJson(value: SqlValue | undefined, what: string): unknown {
  if (typeof value !== 'string' || value === '') return {};
  try {
    return JSON.parse(value);
  } catch {
    throw damaged(`its ${what} are not valid JSON`);
  }
}

function objectValues(value: unknown): Record<string, unknown>[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

function byOrd<T extends { ord?: unknown }>(items: T[]): T[] {
  return items.map((item, index) => ({ item, ord: typeof item.ord === 'number' ? item.ord : index })).sort((a, b) => a.ord - b.ord).map(({ item }) => item);
}

function noteTypesFromJson(models: unknown): AnkiNoteType[] {
  return objectValues(models).map((model) => ({
    id: num(model['id'] as SqlValue),
    name: String(model['name'] ?? ''),
    kind: model['type'] === 1 ? 'cloze' : 'standard',
    fields: byOrd(objectValues(model['flds'])).map((field) => String(field['name'] ?? '')),
    templates: byOrd(objectValues(model['tmpls'])).map((template, index) => ({
      name: String(template['name'] ?? ''),
      ord: typeof template['ord'] === 'number' ? template['ord'] : index,
      front: String(template['qfmt'] ?? ''),
      back: String(template['afmt'] ?? ''),
    })),
  }));
}

/**
 * Schema 18 keeps note types in tables with protobuf configs Focal does not decode: names are read, template
 * formats are left empty, and a note type counts as cloze when its name says so.
 */
function noteTypesFromTables(db: SqliteDatabase): AnkiNoteType[] {
  const fields = query(db, 'select ntid, ord, name from fields order by ntid, ord', 'note fields');
  const templates = query(db, "select ntid, ord, name from templates order by ntid, ord", 'card templates');
  return query(db, 'select id, name from notetypes', 'note types').map((row) => {
    const id = num(row['id']);
    const names = templates.filter((t) => num(t['ntid']) === id);
    return {
      id,
      name: String(row['name'] ?? ''),
      kind: /cloze/i.test(String(row['name'] ?? '')) ? 'cloze' : 'standard',
      fields: fields.filter((f) => num(f['ntid']) === id).map((f) => String(f['name'] ?? '')),
      templates: names.map((t) => ({ name: String(t['name'] ?? ''), ord: num(t['ord']), front: '', back: '' })),
    };
  });
}

function decksFromJson(decks: unknown): AnkiDeck[] {
  return objectValues(decks).map((deck) => ({ id: num(deck['id'] as SqlValue), name: String(deck['name'] ?? '') }));
}

function fsrsMemory(data: SqlValue | undefined): AnkiCard['fsrs'] {
  if (typeof data !== 'string' || !data.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    const stability = parsed['s'];
    const difficulty = parsed['d'];
    if (typeof stability === 'number' && typeof difficulty === 'number' && stability > 0 && difficulty > 0) return { stability, difficulty };
  } catch {
    // Anki reads an unparsable `data` as empty, and so does Focal.
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Field text.

const BLOCK_TAG = /<\/?(?:div|p|li|ul|ol|dl|dt|dd|tr|table|thead|tbody|h[1-6]|blockquote|pre|section|article|header|footer|hr)\b[^>]*>/gi;

/**
 * A field's HTML as plain text: `<br>` and block tags become line breaks, other tags go, entities are
 * decoded, `[sound:…]` and images are removed; lines are kept but runs of blank lines collapse, and the
 * ends are trimmed. Cloze markup is text and stays as it is.
 */
export function fieldToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\[sound:[^\]]*\]/g, '')
    .replace(/<img\b[^>]*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_TAG, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  return decodeEntities(text)
    .replace(/[ \t]*\n[ \t\n]*/g, '\n')
    .trim();
}

/** The named entities Anki's editor and common decks write; numeric references cover the rest. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', shy: '',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', minus: '−', micro: 'µ',
  para: '¶', sect: '§', cent: '¢', pound: '£', yen: '¥', euro: '€', iexcl: '¡', iquest: '¿',
  frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', ordf: 'ª', ordm: 'º',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', rArr: '⇒', lArr: '⇐', hArr: '⇔',
  le: '≤', ge: '≥', ne: '≠', asymp: '≈', equiv: '≡', infin: '∞', sum: '∑', prod: '∏', radic: '√', part: '∂',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ',
  tau: 'τ', phi: 'φ', omega: 'ω', theta: 'θ', Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω', Pi: 'Π',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

// ---------------------------------------------------------------------------------------------------
// Cloze.

const INNERMOST_CLOZE = /\{\{c(\d+)::((?:(?!\{\{c\d+::)[\s\S])*?)\}\}/;

export interface ClozeText {
  /** The text with this card's gaps as `[…]` (or `[hint]` when the cloze has a hint), other clozes shown. */
  prompt: string;
  /** What this card's gaps hide, joined with ", ". */
  answer: string;
  /** The whole text, every cloze shown. */
  sentence: string;
}

/** One cloze card of a note: `ord` is the card's ordinal, 0 for `{{c1::…}}`. Nested clozes resolve inside out. */
export function clozeToFocal(text: string, ord: number): ClozeText {
  const number = ord + 1;
  const answers: string[] = [];
  const resolve = (source: string, gap: (inner: string, hint: string | undefined, active: boolean) => string): string => {
    let result = source;
    for (let match = INNERMOST_CLOZE.exec(result); match; match = INNERMOST_CLOZE.exec(result)) {
      const body = match[2]!;
      const split = body.indexOf('::');
      const inner = split < 0 ? body : body.slice(0, split);
      const hint = split < 0 ? undefined : body.slice(split + 2);
      result = result.slice(0, match.index) + gap(inner, hint, Number(match[1]) === number) + result.slice(match.index + match[0].length);
    }
    return result;
  };
  const prompt = resolve(text, (inner, hint, active) => (active ? (hint ? `[${hint}]` : GAP) : inner));
  const sentence = resolve(text, (inner, _hint, active) => {
    if (active) answers.push(inner);
    return inner;
  });
  return { prompt, answer: answers.join(', '), sentence };
}

// ---------------------------------------------------------------------------------------------------
// From Anki's cards to Focal's.

const FIELD_REFERENCE = /\{\{(?![#^/!])([^{}]+?)\}\}/g;
const SPECIAL_FIELDS = new Set(['FrontSide', 'Tags', 'Deck', 'Subdeck', 'Card', 'CardFlag', 'Type', 'CardID']);

function referencedFields(template: string, noteType: AnkiNoteType): number[] {
  const indices: number[] = [];
  for (const match of template.matchAll(FIELD_REFERENCE)) {
    const name = match[1]!.split(':').pop()!.trim();
    if (SPECIAL_FIELDS.has(name)) continue;
    const index = noteType.fields.indexOf(name);
    if (index >= 0 && !indices.includes(index)) indices.push(index);
  }
  return indices;
}

export interface AnkiCardText {
  kind: 'cloze' | 'qa';
  prompt: string;
  answer: string;
  /** The whole sentence to show with the answer: a cloze's full text, Focal's Sentence field, else "". */
  sentence: string;
}

/**
 * What a card asks and answers, as plain text. A Focal note reads its own fields; a cloze note resolves
 * its cloze for the card's ordinal; any other note type shows the fields its template puts on the front as
 * the prompt and those only on the back as the answer (the first and second fields when the templates are
 * unknown).
 */
export function ankiCardText(card: Pick<AnkiCard, 'ord'>, note: AnkiNote, noteType: AnkiNoteType): AnkiCardText {
  const field = (index: number) => note.fields[index] ?? '';
  if (noteType.name === FOCAL_NOTE_TYPE_NAME && FOCAL_FIELDS.every((name, index) => noteType.fields[index] === name)) {
    return { kind: 'qa', prompt: field(0), answer: field(1), sentence: field(2) };
  }
  const template = noteType.templates.find((t) => t.ord === card.ord) ?? noteType.templates[0];
  if (noteType.kind === 'cloze') {
    const clozeField = template?.front.match(/\{\{[^{}]*cloze:([^{}]+?)\}\}/)?.[1]?.trim();
    const index = Math.max(0, clozeField ? noteType.fields.indexOf(clozeField) : 0);
    const { prompt, answer, sentence } = clozeToFocal(field(index), card.ord);
    return { kind: 'cloze', prompt, answer, sentence };
  }
  const front = template && template.front ? referencedFields(template.front, noteType) : [0];
  const back = template && template.back ? referencedFields(template.back, noteType).filter((index) => !front.includes(index)) : [1];
  const join = (indices: number[]) => indices.map(field).filter(Boolean).join('\n');
  return { kind: 'qa', prompt: join(front), answer: join(back), sentence: '' };
}

export interface AnkiMemoryOptions {
  /** `AnkiImport.dayZero`. */
  dayZero: number;
  now: number;
  /** How many learning and relearning steps the person's settings have: a (re)learning card resumes at its step. */
  steps?: { learning: number; relearning: number };
  /** FSRS's memory model for replaying history when a card has no stored memory; FSRS-6 defaults when absent. */
  memoryModel?: MemoryModel;
}

let defaultMemoryModel: MemoryModel | undefined;

/** FSRS-6 defaults, built on first use and shared: the model keeps no state between calls. */
function fsrsDefaults(): MemoryModel {
  return (defaultMemoryModel ??= createMemoryModel());
}

const STATE_OF_TYPE: Record<number, CardState> = { 0: 'new', 1: 'learning', 2: 'review', 3: 'relearning' };

/**
 * An Anki card as Focal's `CardMemory`. The due time follows Anki's units (review cards: day zero plus
 * `due` days, so within a day of Anki's own; learning cards: epoch seconds or days); a new card is due
 * `now`. Stability and difficulty come, in order of preference, from the card's FSRS `data`, from
 * replaying its answers through FSRS, or — for a card with neither — from its SM-2 interval (stability ≈
 * interval, since SM-2 at the default ease aims near 90% recall) and ease (a linear map, 2500 ‰ → 5).
 * `answers` are this card's own, as `ankiAnswers` gives them.
 */
export function ankiCardMemory(card: AnkiCard, answers: readonly AnkiAnswer[], options: AnkiMemoryOptions): CardMemory {
  const state = STATE_OF_TYPE[card.type] ?? 'new';
  if (state === 'new') {
    return { state, due: options.now, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null };
  }
  const dayToMs = (day: number) => options.dayZero + day * DAY_MS;
  // A learning card's due is epoch seconds in queue 1 and days in queue 3; a suspended card keeps its units.
  const dueInDays = state === 'review' || card.due < 1e8;
  const due = dueInDays ? dayToMs(card.due) : card.due * 1000;
  const lastAnswer = answers.at(-1)?.time;
  const lastReview = lastAnswer ?? (state === 'review' ? due - Math.max(1, card.ivl) * DAY_MS : Math.min(due, options.now));
  const model = options.memoryModel ?? fsrsDefaults();
  const memory = card.fsrs ?? replayMemory(answers, model) ?? sm2Memory(card, state, model);
  return {
    state,
    due,
    stability: memory.stability,
    difficulty: memory.difficulty,
    // A learning card due on a day (Anki's queue 3) is on a step of a day or more: due that whole day in Focal too.
    scheduledDays: state === 'review' ? Math.max(1, card.ivl) : dueInDays ? Math.max(1, Math.round((due - lastReview) / DAY_MS)) : 0,
    learningSteps: stepOf(card, state, options.steps),
    reps: card.reps,
    lapses: card.lapses,
    lastReview,
  };
}

/**
 * The (re)learning step a card is on, from the steps it has to go (`left % 1000`): with steps 1m 10m and one to
 * go, the second (index 1), so Good graduates it. 0 when the count is unknown or says more than the settings hold.
 */
function stepOf(card: AnkiCard, state: CardState, steps: AnkiMemoryOptions['steps']): number {
  const count = state === 'learning' ? steps?.learning : state === 'relearning' ? steps?.relearning : undefined;
  const toGo = card.left % 1000;
  if (!count || toGo <= 0 || toGo > count) return 0;
  return count - toGo;
}

export interface AnkiAnswer {
  cardId: number;
  time: number;
  rating: Rating;
  elapsedMs: number;
}

/** Anki's "Forget" (Reset): a card made new again, which Anki logs as a manual row (type 4) of no answer and no interval. */
export interface AnkiReset {
  kind: 'reset';
  cardId: number;
  time: number;
}

/** An answer, or a reset, in a card's Anki history. */
export type AnkiHistoryEvent = ({ kind: 'answer' } & AnkiAnswer) | AnkiReset;

/**
 * Anki's log rows as Focal's history of a card, oldest first: its answers and its resets ("Forget", a manual row
 * with ease 0 and interval 0). Other manual rows ("Set due date", whose row keeps an interval; FSRS's reschedules,
 * type 5) answer nothing and are left out. The caller rebuilds Focal's before/after states by replaying them.
 */
export function ankiHistory(reviews: readonly AnkiReview[]): AnkiHistoryEvent[] {
  return reviews
    .flatMap((review): AnkiHistoryEvent[] => {
      if (review.type === REVLOG_MANUAL && review.ease === 0 && review.ivl === 0) return [{ kind: 'reset', cardId: review.cardId, time: review.time }];
      if (!isRating(review.ease) || review.type > 3) return [];
      return [{ kind: 'answer', cardId: review.cardId, time: review.time, rating: review.ease as Rating, elapsedMs: Math.max(0, review.timeMs) }];
    })
    .sort((a, b) => a.time - b.time);
}

/**
 * The answers that make a card's memory now, oldest first: those since its last reset (a reset starts its memory
 * over). Manual reschedules are left out, as `ankiHistory` leaves them.
 */
export function ankiAnswers(reviews: readonly AnkiReview[]): AnkiAnswer[] {
  return answersSinceReset(ankiHistory(reviews));
}

/** Of a card's history (`ankiHistory`), the answers since its last reset, which make its memory now. */
export function answersSinceReset(history: readonly AnkiHistoryEvent[]): AnkiAnswer[] {
  const lastReset = history.findLastIndex((event) => event.kind === 'reset');
  return history.slice(lastReset + 1).flatMap((event) => (event.kind === 'answer' ? [{ cardId: event.cardId, time: event.time, rating: event.rating, elapsedMs: event.elapsedMs }] : []));
}

function replayMemory(answers: readonly AnkiAnswer[], model: MemoryModel): { stability: number; difficulty: number } | null {
  let memory: { stability: number; difficulty: number } | null = null;
  let previous = 0;
  for (const answer of answers) {
    memory = model.next(memory, memory ? Math.max(0, Math.floor((answer.time - previous) / DAY_MS)) : 0, answer.rating);
    previous = answer.time;
  }
  return memory;
}

function sm2Memory(card: AnkiCard, state: CardState, model: MemoryModel): { stability: number; difficulty: number } {
  if (state === 'learning') return model.next(null, 0, 3);
  const factor = card.factor > 0 ? card.factor : ANKI_DEFAULT_FACTOR;
  return { stability: Math.max(1, card.ivl), difficulty: Math.min(10, Math.max(1, 11 - ((factor - 1000) / 1000) * 4)) };
}

