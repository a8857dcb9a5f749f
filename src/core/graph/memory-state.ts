/**
 * How well the person remembers each concept, for colour: the mean of the recall probabilities FSRS predicts
 * for the concept's cards a month from now (`strengthAt(now)`), if they are not reviewed before. A card
 * belongs to a concept when it asks for it (its `concept` has the concept's key) or when it was made from a
 * sentence that mentions it. The probability is passed in
 * (`(card) => scheduler.retrievability(card, strengthAt(now))`), so this module needs no scheduler and no clock.
 */
import { conceptKey } from '../extraction/concept-key';
import type { GraphView, KnowledgeGraph } from './knowledge-graph';

/** Below 0.7 recall a month ahead a concept is weak; from 0.9 it is strong; 'none' is a concept without cards (grey). */
export const WEAK_BELOW = 0.7;
export const STRONG_FROM = 0.9;

/**
 * How far ahead strength is measured. Recall now is about 1 right after any answer, even Again; a month ahead
 * it follows FSRS stability: 90% needs a stability of about a month, while a card met once or just answered
 * Again keeps days of it (weak; fair at most when it had been known for months before the lapse).
 */
export const STRENGTH_HORIZON_DAYS = 30;

/** The moment whose predicted recall colours the graph. */
export function strengthAt(now: number): number {
  return now + STRENGTH_HORIZON_DAYS * 86_400_000;
}

export type MemoryBand = 'none' | 'weak' | 'ok' | 'strong';

/** What a card needs to be placed (a stored CardRow fits). */
export interface MemoryCard {
  sentenceId: string;
  concept: string | null;
}

export function memoryBand(memory: number | null | undefined): MemoryBand {
  if (memory === null || memory === undefined) return 'none';
  return memory < WEAK_BELOW ? 'weak' : memory < STRONG_FROM ? 'ok' : 'strong';
}

/** Per concept node: the mean of its cards' `recall` (see `strengthAt`), or null when it has none. */
export function conceptMemory<C extends MemoryCard>(graph: KnowledgeGraph, cards: readonly C[], retrievability: (card: C) => number): Record<string, number | null> {
  const bySentence = new Map<string, string[]>();
  for (const contribution of Object.values(graph.contributions)) {
    for (const concept of contribution.concepts) {
      const node = graph.keys[concept.key]?.node;
      if (!node) continue;
      for (const sentenceId of concept.sentenceIds) {
        const nodes = bySentence.get(sentenceId);
        if (!nodes) bySentence.set(sentenceId, [node]);
        else if (!nodes.includes(node)) nodes.push(node);
      }
    }
  }
  const sums = new Map<string, { total: number; count: number }>();
  for (const card of cards) {
    const nodes = new Set(bySentence.get(card.sentenceId));
    if (card.concept !== null) {
      const node = graph.keys[conceptKey(card.concept)]?.node;
      if (node) nodes.add(node);
    }
    if (nodes.size === 0) continue;
    const recall = retrievability(card);
    for (const node of nodes) {
      const sum = sums.get(node) ?? { total: 0, count: 0 };
      sum.total += recall;
      sum.count++;
      sums.set(node, sum);
    }
  }
  const memory: Record<string, number | null> = {};
  for (const node of Object.values(graph.nodes)) {
    if (node.kind !== 'concept') continue;
    const sum = sums.get(node.id);
    memory[node.id] = sum ? sum.total / sum.count : null;
  }
  return memory;
}

/** The view with each concept's memory set (null when it has no cards); other nodes are left as they are. */
export function withMemory(view: GraphView, memory: Readonly<Record<string, number | null>>): GraphView {
  return {
    nodes: view.nodes.map((node) => (node.kind === 'concept' ? { ...node, memory: memory[node.id] ?? null } : node)),
    edges: view.edges,
  };
}
