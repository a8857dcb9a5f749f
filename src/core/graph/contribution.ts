/**
 * What one stored document contributes to the knowledge graph, normalised at the edge: concepts keyed by
 * conceptKey with their sentences as ids, unit vectors, and the pairs of concepts that share key sentences.
 * The caller supplies the concept vectors (the attention model's word vectors live in main), so this module
 * loads nothing.
 */
import type { ConceptScore } from '../../shared/document';
import { conceptKey } from '../extraction/concept-key';
import type { ConceptPair, ContributedConcept, DocumentContribution } from './knowledge-graph';

export interface ContributionSource {
  /** The stored document (a DocumentRow fits). */
  document: {
    id: string;
    title: string;
    sourceName: string;
    links: readonly string[];
    tags: readonly string[];
    /** Absent on documents stored before aliases were read. */
    aliases?: readonly string[];
    concepts: readonly ConceptScore[];
  };
  /** Its sentences (SentenceRows fit): concepts' sentence indices are ordinals. */
  sentences: ReadonlyArray<{ id: string; ordinal: number; salience: number | null; selected: boolean }>;
  /** Embedding of each concept phrase, by the phrase as written in `concepts`; a concept without one neither merges nor gets inferred links. */
  vectors: Readonly<Record<string, ArrayLike<number>>> | ReadonlyMap<string, ArrayLike<number>>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Decimals kept of a unit vector's components: the int8 word table holds no more, and the stored graph stays small. */
const VECTOR_DECIMALS = 1e4;

/** The vector scaled to unit length (components rounded to 4 decimals); null for a missing, empty, zero or non-finite one. */
export function unitVector(vector: ArrayLike<number> | undefined): number[] | null {
  if (!vector || vector.length === 0) return null;
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  if (!Number.isFinite(norm) || norm === 0) return null;
  return Array.from(vector, (x) => Math.round((x / norm) * VECTOR_DECIMALS) / VECTOR_DECIMALS || 0);
}

function uniqueIgnoringCase(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function documentContribution(source: ContributionSource): DocumentContribution {
  const { document } = source;
  const byOrdinal = new Map(source.sentences.map((s) => [s.ordinal, s]));
  const vectorOf = (phrase: string) =>
    source.vectors instanceof Map ? source.vectors.get(phrase) : (source.vectors as Readonly<Record<string, ArrayLike<number>>>)[phrase];

  // Concepts that stem alike are one concept; rankConcepts already merges them, other producers may not.
  const byKey = new Map<string, { best: ConceptScore; ordinals: Set<number> }>();
  for (const concept of document.concepts) {
    const key = conceptKey(concept.phrase);
    if (key === '') continue;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { best: concept, ordinals: new Set(concept.sentences) });
    else {
      if (concept.score > seen.best.score) seen.best = concept;
      for (const ordinal of concept.sentences) seen.ordinals.add(ordinal);
    }
  }

  const concepts: ContributedConcept[] = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, { best, ordinals }]) => {
      const mentioned = [...ordinals].sort((a, b) => a - b).flatMap((o) => byOrdinal.get(o) ?? []);
      return {
        key,
        phrase: best.phrase,
        score: best.score,
        sentenceIds: mentioned.map((s) => s.id),
        keySentenceIds: mentioned.filter((s) => s.selected).map((s) => s.id),
        vector: unitVector(vectorOf(best.phrase)),
      };
    });

  // Pairs of concepts per key sentence, each sentence adding sigmoid(salience): a logit becomes a weight in (0, 1).
  const inKeySentence = new Map<number, string[]>();
  for (const [key, { ordinals }] of byKey) {
    for (const ordinal of ordinals) {
      if (!byOrdinal.get(ordinal)?.selected) continue;
      const keys = inKeySentence.get(ordinal) ?? [];
      keys.push(key);
      inKeySentence.set(ordinal, keys);
    }
  }
  const pairWeights = new Map<string, ConceptPair>();
  for (const ordinal of [...inKeySentence.keys()].sort((a, b) => a - b)) {
    const keys = inKeySentence.get(ordinal)!.sort();
    const weight = sigmoid(byOrdinal.get(ordinal)!.salience ?? 0);
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const id = `${keys[i]}\n${keys[j]}`;
        const pair = pairWeights.get(id) ?? { a: keys[i]!, b: keys[j]!, weight: 0 };
        pair.weight += weight;
        pairWeights.set(id, pair);
      }
    }
  }
  const pairs = [...pairWeights.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));

  const aliases = uniqueIgnoringCase(document.aliases ?? []);
  return {
    documentId: document.id,
    title: document.title,
    sourceName: document.sourceName,
    tags: uniqueIgnoringCase(document.tags.map((t) => t.replace(/^#/, ''))),
    links: uniqueIgnoringCase(document.links),
    ...(aliases.length > 0 ? { aliases } : {}),
    concepts,
    pairs,
  };
}
