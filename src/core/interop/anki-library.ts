/**
 * An imported Anki collection as Focal's library: one document per deck that has cards (its notes as the
 * document's sentences), one Focal card per Anki card with Anki's schedule kept (see `ankiCardMemory`), and
 * the card's answers as Focal's review log, whose before/after states come from replaying the answers
 * through Focal's scheduler. Card keys come from the note's guid and the card's template, so importing the
 * same deck again adds only what is new.
 */
import { buriedUntilTomorrow } from '../scheduling/review-queue';
import type { ParsedSentence } from '../../shared/document';
import { newCardMemory } from '../scheduling/card-memory';
import type { Scheduler } from '../scheduling/fsrs-adapter';
import { type ResetEntry, type ReviewEntry, resetEntry } from '../scheduling/review-log';
import { sentenceHash } from '../text/sentence-hash';
import { answersSinceReset, ankiCardMemory, ankiHistory, ankiCardText, type AnkiImport, type AnkiReview, type AnkiStudyCard } from './anki-package';

export interface ImportedDeck {
  /** The deck's full name ("::" between parent and subdeck). */
  title: string;
  /** `<file> › <deck>`: how a later import of the same deck finds this document. */
  sourceName: string;
  text: string;
  /** One sentence per note, with its id. */
  sentences: Array<ParsedSentence & { id: string }>;
  cards: AnkiStudyCard[];
  log: Array<ReviewEntry | ResetEntry>;
}

export interface AnkiLibraryImport {
  decks: ImportedDeck[];
  notes: number;
  cards: number;
  reviews: number;
  /** Cards whose question is empty (a note's front field left blank): nothing to review, so left out. */
  emptyLeftOut?: number;
}

export interface AnkiLibraryOptions {
  fileName: string;
  now: number;
  newId: () => string;
  scheduler: Scheduler;
  /** The document id for a deck's document: a fresh one unless the caller maps decks to stored documents. */
  documentIdFor?: (sourceName: string) => string;
}

/** The identity a card keeps across imports: note guid and template number. */
export function ankiCardKey(guid: string, ord: number): string {
  return `anki:${guid}:${ord}`;
}

/** The question of an Anki card whose front is only a picture or a sound, which Focal does not bring in. */
export const MEDIA_ONLY_PROMPT = '(a picture or sound in Anki, not brought into Focal)';

export function ankiLibraryImport(imported: AnkiImport, options: AnkiLibraryOptions): AnkiLibraryImport {
  const notes = new Map(imported.notes.map((note) => [note.id, note]));
  const noteTypes = new Map(imported.noteTypes.map((type) => [type.id, type]));
  const deckNames = new Map(imported.decks.map((deck) => [deck.id, deck.name]));
  const reviewsByCard = new Map<number, AnkiReview[]>();
  for (const review of imported.revlog) {
    const list = reviewsByCard.get(review.cardId);
    if (list) list.push(review);
    else reviewsByCard.set(review.cardId, [review]);
  }
  const byDeck = new Map<string, typeof imported.cards>();
  for (const card of imported.cards) {
    const name = deckNames.get(card.deckId) ?? 'Default';
    const list = byDeck.get(name);
    if (list) list.push(card);
    else byDeck.set(name, [card]);
  }

  const { learningStepsMinutes, relearningStepsMinutes } = options.scheduler.settings;
  const steps = { learning: learningStepsMinutes.length, relearning: relearningStepsMinutes.length };
  const decks: ImportedDeck[] = [];
  let emptyLeftOut = 0;
  for (const [title, cards] of [...byDeck].sort(([a], [b]) => a.localeCompare(b))) {
    const sourceName = `${options.fileName} › ${title}`;
    const documentId = options.documentIdFor?.(sourceName) ?? options.newId();
    let text = '';
    const sentences: ImportedDeck['sentences'] = [];
    const sentenceOfNote = new Map<number, string>();
    const deckCards: AnkiStudyCard[] = [];
    const log: ImportedDeck['log'] = [];
    for (const card of [...cards].sort((a, b) => a.noteId - b.noteId || a.ord - b.ord)) {
      const note = notes.get(card.noteId);
      const noteType = note ? noteTypes.get(note.modelId) : undefined;
      if (!note || !noteType) continue;
      const content = ankiCardText(card, note, noteType);
      // A question with nothing to read ("<div> </div>" in Anki) would show as an empty card in every review. One of
      // only a picture or a sound (a picture deck, a listening deck) is kept, its history with it, and says so.
      let prompt = content.prompt;
      if (!prompt.trim()) {
        if (!note.raw.some((field) => /<img\b|\[sound:/i.test(field))) {
          emptyLeftOut++;
          continue;
        }
        prompt = MEDIA_ONLY_PROMPT;
      }
      let sentenceId = sentenceOfNote.get(note.id);
      const noteText = (content.sentence || [prompt, content.answer].filter(Boolean).join(' — ')).replace(/\s+/g, ' ').trim();
      if (sentenceId === undefined) {
        sentenceId = options.newId();
        sentenceOfNote.set(note.id, sentenceId);
        if (text) text += '\n\n';
        const start = text.length;
        text += noteText;
        sentences.push({ id: sentenceId, text: noteText, section: [title], page: null, start, end: text.length, hash: sentenceHash(noteText) });
      }
      const id = options.newId();
      const history = ankiHistory(reviewsByCard.get(card.id) ?? []);
      // Focal's log holds each answer with the state before and after it, as Focal's scheduler sees them, and each
      // reset ("Forget" in Anki) as the card made new again.
      let memory = newCardMemory(history[0]?.time ?? options.now);
      for (const event of history) {
        if (event.kind === 'reset') {
          const entry = resetEntry(options.newId(), id, memory, event.time);
          log.push(entry);
          memory = entry.after;
          continue;
        }
        const outcome = options.scheduler.answer({ ...memory, id }, event.rating, event.time, event.elapsedMs);
        log.push({ ...outcome.entry, id: options.newId() });
        memory = outcome.memory;
      }
      const schedule = ankiCardMemory(card, answersSinceReset(history), { dayZero: imported.dayZero, now: options.now, steps });
      deckCards.push({
        id,
        documentId,
        sentenceId,
        key: ankiCardKey(note.guid, card.ord),
        kind: content.kind,
        manual: true,
        prompt,
        answer: content.answer,
        sentence: noteText,
        context: [title],
        concept: null,
        // A new card's due is its place in Anki's new-card order: the queue introduces the highest salience first.
        salience: schedule.state === 'new' ? -card.due : 0,
        createdAt: history[0]?.time ?? options.now,
        ...schedule,
        suspended: card.suspended,
        ...(card.queue === -2 || card.queue === -3 ? { buriedUntil: buriedUntilTomorrow(options.now, options.scheduler.settings.dayStartHour) } : {}),
      });
    }
    if (deckCards.length > 0) decks.push({ title, sourceName, text, sentences, cards: deckCards, log });
  }
  const total = (count: (deck: ImportedDeck) => number) => decks.reduce((n, deck) => n + count(deck), 0);
  return {
    decks,
    notes: total((deck) => deck.sentences.length),
    cards: total((deck) => deck.cards.length),
    reviews: total((deck) => deck.log.length),
    ...(emptyLeftOut > 0 ? { emptyLeftOut } : {}),
  };
}
