/**
 * The key sentences under a concept, added on demand rather than kept in the base graph (a library has
 * tens of thousands of them). The graph knows their ids; the caller fetches the rows and the cards made
 * from them and asks for the concept to be expanded in the view being drawn.
 */
import { type GraphEdge, type GraphNode, type GraphView, type KnowledgeGraph, directedEdgeId, sentenceNodeId } from './knowledge-graph';
import type { MemoryCard } from './memory-state';
import { compareStrings } from '../compare-strings';

export interface ConceptSentenceRef {
  documentId: string;
  sentenceId: string;
}

/** The concept's key sentences, to fetch: documents by id, each sentence once however many merged forms mention it. */
export function conceptKeySentences(graph: KnowledgeGraph, conceptId: string): ConceptSentenceRef[] {
  const node = graph.nodes[conceptId];
  if (!node || node.kind !== 'concept') return [];
  const keys = new Set(node.keys);
  const seen = new Set<string>();
  const refs: ConceptSentenceRef[] = [];
  for (const documentId of node.documents) {
    const contribution = graph.contributions[documentId]!;
    for (const sentenceId of contribution.concepts.filter((c) => keys.has(c.key)).flatMap((c) => c.keySentenceIds)) {
      if (seen.has(sentenceId)) continue;
      seen.add(sentenceId);
      refs.push({ documentId, sentenceId });
    }
  }
  return refs;
}

/** A sentence as the expansion needs it (a stored SentenceRow fits). */
export interface ExpansionSentence {
  id: string;
  documentId: string;
  ordinal: number;
  text: string;
  salience: number | null;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The view with the concept's sentences added as nodes linked from it (`key-sentence` edges), in document
 * order. A sentence's
 * weight is sigmoid(salience); `cards` is how many cards were made from it, and with `retrievability` its
 * memory is their mean recall (null without cards). The view is returned as it is when the concept is not in it.
 */
export function expandConcept<C extends MemoryCard>(
  view: GraphView,
  conceptId: string,
  sentences: readonly ExpansionSentence[],
  cards: readonly C[] = [],
  retrievability?: (card: C) => number,
): GraphView {
  if (!view.nodes.some((node) => node.id === conceptId)) return view;
  const present = new Set(view.nodes.map((node) => node.id));
  const presentEdges = new Set(view.edges.map((edge) => edge.id));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ordered = [...sentences].sort((a, b) => compareStrings(a.documentId, b.documentId) || a.ordinal - b.ordinal);
  for (const sentence of ordered) {
    const id = sentenceNodeId(sentence.id);
    const weight = sigmoid(sentence.salience ?? 0);
    const own = cards.filter((card) => card.sentenceId === sentence.id);
    if (!present.has(id)) {
      present.add(id);
      const memory = retrievability ? (own.length === 0 ? null : own.reduce((sum, card) => sum + retrievability(card), 0) / own.length) : undefined;
      nodes.push({
        id,
        kind: 'sentence',
        label: sentence.text,
        weight,
        documents: [sentence.documentId],
        tags: [],
        keys: [],
        cards: own.length,
        ...(memory !== undefined ? { memory } : {}),
      });
    }
    const edgeId = directedEdgeId('key-sentence', conceptId, id);
    if (presentEdges.has(edgeId)) continue;
    presentEdges.add(edgeId);
    edges.push({ id: edgeId, kind: 'key-sentence', source: conceptId, target: id, weight, inferred: false, directed: true, documents: [sentence.documentId] });
  }
  return { nodes: [...view.nodes, ...nodes], edges: [...view.edges, ...edges] };
}
