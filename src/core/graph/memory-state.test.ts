import { describe, expect, it } from 'vitest';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { documentContribution } from './contribution';
import { NOTE_A, NOTE_B } from './fixtures/notes';
import { graphView } from './knowledge-graph';
import { conceptMemory, memoryBand, strengthAt, withMemory } from './memory-state';
import { type CardMemory, Rating, newCardMemory } from '../scheduling/card-memory';
import { createScheduler } from '../scheduling/fsrs-adapter';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler-settings';

const graph = buildGraph([documentContribution(NOTE_A), documentContribution(NOTE_B)]);
const node = (phrase: string) => graph.keys[conceptKey(phrase)]!.node;

/** Cards with their recall probability at "now", injected as the scheduler would give it. */
const cards = [
  { id: 'c1', sentenceId: 'a0', concept: 'photosynthesis', recall: 0.95 }, // a0 mentions photosynthesis and chlorophyll
  { id: 'c2', sentenceId: 'a1', concept: 'Calvin cycle', recall: 0.5 }, // a1 mentions Calvin cycle and light reactions
  { id: 'c3', sentenceId: 'b0', concept: null, recall: 0.8 }, // b0 mentions mitochondria and cellular respiration
  { id: 'c4', sentenceId: 'elsewhere', concept: 'Mitochondria', recall: 0.6 },
];
const recall = (card: (typeof cards)[number]) => card.recall;

describe('memory state of concepts', () => {
  const memory = conceptMemory(graph, cards, recall);

  it("colours a concept by the mean recall of its cards, found by the card's concept or its sentence", () => {
    expect(memory[node('photosynthesis')]).toBeCloseTo(0.95, 12);
    expect(memory[node('chlorophyll')]).toBeCloseTo(0.95, 12);
    expect(memory[node('light reactions')]).toBeCloseTo(0.5, 12);
    expect(memory[node('mitochondria')]).toBeCloseTo((0.8 + 0.6) / 2, 12);
    expect(memory[node('cellular respiration')]).toBeCloseTo(0.8, 12);
  });

  it('counts a card once when both its concept and its sentence point at the concept', () => {
    expect(memory[node('Calvin cycle')]).toBeCloseTo(0.5, 12);
  });

  it('leaves a concept without cards grey (null), and gives every concept an entry', () => {
    expect(memory[node('cell membrane')]).toBeNull();
    expect(memory[node('carbon fixation')]).toBeNull();
    expect(Object.keys(memory)).toHaveLength(8);
  });

  it('asks for each card’s recall once', () => {
    const asked: string[] = [];
    conceptMemory(graph, cards, (card) => {
      asked.push(card.id);
      return card.recall;
    });
    expect(asked).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('bands memory: weak below 0.7, ok below 0.9, strong from 0.9, none without cards', () => {
    expect([0.69, 0.7, 0.89, 0.9, 1].map(memoryBand)).toEqual(['weak', 'ok', 'ok', 'strong', 'strong']);
    expect(memoryBand(null)).toBe('none');
    expect(memoryBand(undefined)).toBe('none');
  });

  it('sets memory on the concepts of a view and leaves documents alone', () => {
    const view = withMemory(graphView(graph), memory);
    expect(view.nodes.find((n) => n.id === node('photosynthesis'))!.memory).toBeCloseTo(0.95, 12);
    expect(view.nodes.find((n) => n.id === node('cell membrane'))!.memory).toBeNull();
    expect(view.nodes.filter((n) => n.kind === 'document').every((n) => n.memory === undefined)).toBe(true);
  });
});

describe('memory strength from the scheduler', () => {
  const scheduler = createScheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false });
  const DAY = 86_400_000;
  type Card = CardMemory & { id: string };
  const answer = (card: Card, rating: Rating, now: number): Card => ({ ...card, ...scheduler.answer(card, rating, now, 3000).memory });
  /** A card's band as the graph colours it: its predicted recall a month after `now`. */
  const band = (card: Card, now: number) => memoryBand(scheduler.retrievability(card, strengthAt(now)));
  /** A new card taken through its learning steps with Good, then reviewed on time with Good `reviews` times. */
  function learnt(reviews: number): Card {
    let card: Card = { ...newCardMemory(0), id: 'card' };
    while (card.state !== 'review') card = answer(card, Rating.Good, card.lastReview === null ? 0 : card.due);
    for (let i = 0; i < reviews; i++) card = answer(card, Rating.Good, card.due);
    return card;
  }

  it('calls a card answered Again just now weak, though its recall this minute is about 100%', () => {
    const fresh = answer({ ...newCardMemory(0), id: 'new' }, Rating.Again, 0);
    expect(scheduler.retrievability(fresh, 0)).toBeGreaterThan(0.99);
    expect(band(fresh, 0)).toBe('weak');
    const young = learnt(1);
    const lapsed = answer(young, Rating.Again, young.due);
    expect(band(lapsed, young.due)).toBe('weak');
  });

  it('never calls a card answered Again just now strong, however long it was known before', () => {
    for (const reviews of [0, 2, 4, 6]) {
      const known = learnt(reviews);
      expect(band(answer(known, Rating.Again, known.due), known.due)).not.toBe('strong');
    }
  });

  it('calls a card with a long stability strong after its review and weeks later', () => {
    const known = learnt(3);
    expect(known.stability).toBeGreaterThan(60);
    expect(band(known, known.lastReview!)).toBe('strong');
    expect(band(known, known.lastReview! + 21 * DAY)).toBe('strong');
  });

  it('calls a card met once and answered Good weak: its memory lasts days, not a month', () => {
    const once = answer({ ...newCardMemory(0), id: 'once' }, Rating.Good, 0);
    expect(band(once, 0)).toBe('weak');
  });
});
