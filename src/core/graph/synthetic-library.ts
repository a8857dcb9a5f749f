/**
 * A seeded synthetic library for the graph's benchmark and property tests: documents about topics, each with
 * concepts (some shared with earlier documents), key sentences that mention several of them, wikilinks to
 * earlier notes, and concept vectors scattered around their topic's direction so that some concepts of
 * different documents are close. Deterministic: the same options give the same documents.
 */
import type { ConceptScore } from '../../shared/document';
import { seededRandom } from '../seeded-random';
import { type ContributionSource, documentContribution } from './contribution';
import type { DocumentContribution } from './knowledge-graph';

export interface SyntheticLibraryOptions {
  documents: number;
  conceptsPerDocument: number;
  /** Share of a document's concepts taken from earlier documents (0–1). */
  sharedShare: number;
  /** Share of those written differently (capitalised, with a slightly different vector): same key, another label. */
  respellShare: number;
  /** Share of new concepts that are a near-twin of an earlier one (another key, cosine about 0.999): merged. */
  twinShare: number;
  topics: number;
  dimensions: number;
  keySentencesPerDocument: number;
  conceptsPerKeySentence: number;
  linksPerDocument: number;
  /** Spread of a concept around its topic: cosine between two concepts of a topic averages 1 / (1 + spread²). */
  spread: number;
  seed: number;
}

/** 250 notes × 20 concepts: about 5,000 nodes and 20,000 edges (a third of them inferred). */
export const BENCHMARK_LIBRARY: SyntheticLibraryOptions = {
  documents: 250,
  conceptsPerDocument: 20,
  sharedShare: 0.04,
  respellShare: 0.2,
  twinShare: 0.01,
  topics: 40,
  dimensions: 100,
  keySentencesPerDocument: 12,
  conceptsPerKeySentence: 3,
  linksPerDocument: 2,
  spread: 1,
  seed: 20240101,
};

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function randomUnit(random: () => number, dimensions: number): number[] {
  const v = Array.from({ length: dimensions }, () => gaussian(random));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

export function syntheticSources(options: SyntheticLibraryOptions): ContributionSource[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const topics = Array.from({ length: options.topics }, () => randomUnit(random, options.dimensions));
  const conceptTopic: number[] = [];
  const conceptVector: number[][] = [];
  const jitter = (vector: readonly number[], amount: number) => {
    const noise = randomUnit(random, options.dimensions);
    return vector.map((x, d) => x + amount * noise[d]!);
  };
  const newConcept = (topic: number): number => {
    const twinOf = conceptVector.length > 0 && random() < options.twinShare ? Math.floor(random() * conceptVector.length) : null;
    conceptTopic.push(twinOf === null ? topic : conceptTopic[twinOf]!);
    conceptVector.push(twinOf === null ? jitter(topics[topic]!, options.spread) : jitter(conceptVector[twinOf]!, 0.04));
    return conceptVector.length - 1;
  };
  const phrase = (concept: number) => `t${conceptTopic[concept]} idea ${concept}`;

  const sources: ContributionSource[] = [];
  for (let d = 0; d < options.documents; d++) {
    const topic = d % options.topics;
    const chosen = new Set<number>();
    const respelled = new Set<number>();
    while (chosen.size < options.conceptsPerDocument) {
      const shared = conceptVector.length > 0 && random() < options.sharedShare;
      const concept = shared ? Math.floor(random() * conceptVector.length) : newConcept(topic);
      if (shared && random() < options.respellShare) respelled.add(concept);
      chosen.add(concept);
    }
    const concepts = [...chosen];
    const written = (c: number) => (respelled.has(c) ? phrase(c).toUpperCase() : phrase(c));
    const sentences = Array.from({ length: options.keySentencesPerDocument * 2 }, (_, ordinal) => ({
      id: `d${d}-s${ordinal}`,
      ordinal,
      salience: random() * 4 - 2,
      selected: ordinal % 2 === 0,
    }));
    const mentions = new Map<number, Set<number>>(concepts.map((c) => [c, new Set<number>()]));
    sentences.forEach((sentence) => {
      for (let k = 0; k < options.conceptsPerKeySentence; k++) mentions.get(pick(concepts))!.add(sentence.ordinal);
    });
    const scores: ConceptScore[] = concepts.map((c) => ({
      phrase: written(c),
      score: 0.3 + random() * 1.2,
      sentences: [...mentions.get(c)!].sort((a, b) => a - b),
    }));
    const links = d === 0 ? [] : Array.from({ length: options.linksPerDocument }, () => `Note ${Math.floor(random() * d)}`);
    sources.push({
      document: { id: `doc-${String(d).padStart(4, '0')}`, title: `Note ${d}`, sourceName: `notes/note-${d}.md`, links, tags: [`topic-${topic}`], concepts: scores },
      sentences,
      vectors: Object.fromEntries(concepts.map((c) => [written(c), respelled.has(c) ? jitter(conceptVector[c]!, 0.05) : conceptVector[c]!])),
    });
  }
  return sources;
}

export function syntheticLibrary(options: SyntheticLibraryOptions): DocumentContribution[] {
  return syntheticSources(options).map(documentContribution);
}
