/**
 * Graphs stored before 2026-11-30 (version 1) keyed concepts by Porter stems, which joined words of other
 * meanings ("experiment" and "experience"); version 2 did not join irregular plurals ("viruses" and "virus");
 * version 3 linked a wikilink to every note whose title matched it, beside the note it names; version 4 linked a
 * wikilink that names several notes to each, not the one in the linking note's folder; version 5 linked two concepts
 * by similarity when either listed the other among its nearest, not both. A stored graph is
 * upgraded when it is read: each document's concepts are keyed again from their phrases (conceptKey) and the
 * graph is built again from those contributions, so documents no longer share a concept by stem alone and
 * links resolve as today (aliases count once their documents are imported again: older graphs did not keep them). Within a document, the concepts its import already merged
 * by stem stay merged (their phrase and sentences are all that is stored) until the document is imported again.
 * Layout positions follow their concepts to the new node ids.
 */
import { compareStrings } from '../compare-strings';
import { conceptKey } from '../extraction/concept-key';
import { buildGraph } from './build-graph';
import { conceptNodeId, GRAPH_VERSION, type ConceptPair, type ContributedConcept, type DocumentContribution, type KnowledgeGraph } from './knowledge-graph';

/** A graph as older Focals stored it: the same records, concepts keyed by Porter stems (1) or plural endings only (2), links by title too (1–3), an ambiguous link to every note of its name (1–4), similar pairs listed by one end (1–5). */
export type StoredGraph = KnowledgeGraph | (Omit<KnowledgeGraph, 'version'> & { version: 1 | 2 | 3 | 4 | 5 });

type Positions = Record<string, { x: number; y: number }>;

/** The contribution with its concepts keyed by `conceptKey`; concepts that now share a key are one. */
function rekeyed(contribution: DocumentContribution, renamed: Map<string, string>): DocumentContribution {
  const byKey = new Map<string, ContributedConcept>();
  const newKeyOf = new Map<string, string>();
  for (const concept of contribution.concepts) {
    const key = conceptKey(concept.phrase);
    newKeyOf.set(concept.key, key);
    if (!renamed.has(concept.key)) renamed.set(concept.key, key);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...concept, key });
      continue;
    }
    const best = concept.score > seen.score ? concept : seen;
    byKey.set(key, {
      ...best,
      key,
      sentenceIds: [...new Set([...seen.sentenceIds, ...concept.sentenceIds])],
      keySentenceIds: [...new Set([...seen.keySentenceIds, ...concept.keySentenceIds])],
    });
  }
  const pairs = new Map<string, ConceptPair>();
  for (const pair of contribution.pairs) {
    const [a, b] = [newKeyOf.get(pair.a) ?? pair.a, newKeyOf.get(pair.b) ?? pair.b].sort();
    if (a === b) continue;
    const id = `${a}\u0000${b}`;
    const seen = pairs.get(id);
    pairs.set(id, { a: a!, b: b!, weight: (seen?.weight ?? 0) + pair.weight });
  }
  return {
    ...contribution,
    concepts: [...byKey.values()].sort((x, y) => compareStrings(x.key, y.key)),
    pairs: [...pairs.values()].sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b)),
  };
}

/** The graph as this Focal keys it, and the layout positions moved to the nodes' new ids; the same objects when already current. */
export function upgradeGraph(stored: StoredGraph, positions: Positions = {}): { graph: KnowledgeGraph; positions: Positions; upgraded: boolean } {
  if (stored.version === GRAPH_VERSION) return { graph: stored, positions, upgraded: false };
  const renamed = new Map<string, string>();
  const contributions = Object.keys(stored.contributions)
    .sort()
    .map((id) => rekeyed(stored.contributions[id]!, renamed));
  const graph = buildGraph(contributions, stored.thresholds);
  const moved: Positions = {};
  for (const [id, position] of Object.entries(positions)) {
    const oldKey = id.startsWith('concept:') ? id.slice('concept:'.length) : null;
    const newKey = oldKey === null ? null : renamed.get(oldKey);
    const newId = newKey ? (graph.keys[newKey]?.node ?? conceptNodeId(newKey)) : id;
    moved[newId] ??= position;
  }
  return { graph, positions: moved, upgraded: true };
}
