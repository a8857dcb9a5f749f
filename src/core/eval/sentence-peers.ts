/**
 * The key-sentence peers of the evaluation protocol — Lead-k, npm `lexrank`, npm `node-summarizer` in rank
 * and in frequency mode — as extractors over the same sentence list Focal gets.
 *
 * Each npm peer summarises one text, which it splits into sentences its own way; it is given the article's
 * sentences joined by spaces, and every piece it ranks is mapped back, by position in that text, to the
 * sentences it stands for (see placePieces). Peers are asked for their whole ranking and the first k
 * distinct sentences are kept: where their split matches ours this is exactly their top k; where they cut
 * one of our sentences in two, the next-ranked sentence takes the freed place; where they merge two,
 * choosing the piece chooses both. A peer may still return fewer than k (node-summarizer's rank mode never
 * ranks a sentence outside the part of its graph the walk starts in); the evaluation fills such gaps.
 */
import { createRequire } from 'node:module';
import { requireContained } from './contained-library';
import { protocolTokens } from './protocol-tokens';
import type { SentenceExtractor } from './run-eval';
import { tokenSetDice } from './sentence-metrics';
import { seededRandom } from '../seeded-random';

export type SentencePeerName = 'lead-k' | 'lexrank' | 'node-summarizer-rank' | 'node-summarizer-frequency';

/** The first k sentences: the classic news baseline. */
export function leadK(sentences: readonly string[], k: number): number[] {
  return Array.from({ length: Math.max(0, Math.min(k, sentences.length)) }, (_, index) => index);
}

/** The text an npm peer summarises: the sentences in order, one space apart. */
export function peerText(sentences: readonly string[]): string {
  return sentences.join(' ');
}

/**
 * For each piece a peer split `peerText(sentences)` into, the sentences it stands for: the one it overlaps
 * most, then any other it covers at least half of (a piece that merges two sentences stands for both);
 * empty when it cannot be placed. Pieces are found in order, ignoring whitespace (peers trim and collapse
 * it); a piece a peer rewrote is placed by token-set Dice instead.
 */
export function placePieces(sentences: readonly string[], pieces: readonly string[]): number[][] {
  let squeezed = '';
  /** For each UTF-16 unit of `squeezed`, the sentence it came from. */
  const owner: number[] = [];
  const squeezedLength = sentences.map((sentence, index) => {
    const part = sentence.replace(/\s+/g, '');
    squeezed += part;
    for (let i = 0; i < part.length; i++) owner.push(index);
    return part.length;
  });
  const sentenceSets = sentences.map((sentence) => new Set(protocolTokens(sentence)));

  let cursor = 0;
  return pieces.map((piece) => {
    const needle = piece.replace(/\s+/g, '');
    if (needle === '') return [];
    let at = squeezed.indexOf(needle, cursor);
    if (at < 0) at = squeezed.indexOf(needle);
    if (at >= 0) {
      cursor = at + needle.length;
      const overlap = new Map<number, number>();
      for (let i = at; i < at + needle.length; i++) overlap.set(owner[i]!, (overlap.get(owner[i]!) ?? 0) + 1);
      const [main] = [...overlap].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
      const alsoCovered = [...overlap].filter(([index, chars]) => index !== main && 2 * chars >= squeezedLength[index]!).map(([index]) => index);
      return [main, ...alsoCovered];
    }
    const pieceSet = new Set(protocolTokens(piece));
    let best = -1;
    let bestDice = 0;
    sentenceSets.forEach((set, index) => {
      const dice = tokenSetDice(pieceSet, set);
      if (dice > bestDice) {
        best = index;
        bestDice = dice;
      }
    });
    return best < 0 ? [] : [best];
  });
}

/** The first k distinct indices of a ranking, skipping negative ones. */
export function firstDistinct(ranked: readonly number[], k: number): number[] {
  const chosen: number[] = [];
  for (const index of ranked) {
    if (chosen.length >= k) break;
    if (index >= 0 && !chosen.includes(index)) chosen.push(index);
  }
  return chosen;
}

/** Best first; a weight that is not a number ranks last; ties keep text order, as the peers' stable sorts do. */
function rankPieces(weights: readonly number[]): number[] {
  const score = (i: number) => (Number.isFinite(weights[i]) ? weights[i]! : -Infinity);
  return weights.map((_, i) => i).sort((a, b) => score(b) - score(a) || a - b);
}

interface LexrankLine {
  weight: number;
  text: string;
  index: number;
}

interface Lexrank {
  summarize(text: string, lines: number, callback: (error: unknown, topLines: LexrankLine[], summary: string) => void): void;
}

/** npm `lexrank` 1.0.5: power iteration over a Tanimoto similarity graph of its own sentence split. */
export function lexrankPeer(sentences: readonly string[], k: number): number[] {
  const lexrank = requireContained<Lexrank>('lexrank', import.meta.url);
  const lines = lexrank.run((library) => {
    let answer: LexrankLine[] | undefined;
    // Asking for more lines than the text has returns every line with its weight, in text order.
    library.summarize(peerText(sentences), Number.MAX_SAFE_INTEGER, (error, topLines) => {
      if (error) throw error instanceof Error ? error : new Error(String(error));
      answer = topLines;
    });
    if (!answer) throw new Error('lexrank did not answer synchronously');
    return answer.map((line) => ({ ...line }));
  });
  if (!lines.some((line) => Number.isFinite(line.weight))) throw new Error('lexrank gave no finite weights');
  const placed = placePieces(sentences, lines.map((line) => line.text));
  return firstDistinct(rankPieces(lines.map((line) => line.weight)).flatMap((piece) => placed[piece]!), k);
}

type Ranked = [weight: number, cleanSentence: string][];

interface Preprocesser {
  paragraphToSentences(text: string): string[] | Error;
  cleanSentences(list: string[]): [string[], Map<string, string>];
  nounsAndAdjectives(clean: string[]): Promise<Map<string, string[]> | undefined>;
  createTextRankGraph(nounsAndAdjectives: Map<string, string[]>): unknown;
  textRank(graph: unknown): Map<string, number>;
}

interface Summarizer {
  preprocesser: Preprocesser;
  sortSentences(list: Ranked): Ranked;
  textRankMapToList(visits: Map<string, number>): Ranked;
  summarizeByFrequency(): { sorted_sentences: Ranked };
}

type SummarizerClass = new (text: string, sentenceCount: number) => Summarizer;

let summarizerClass: SummarizerClass | undefined;

/**
 * node-summarizer's Summarizer, the class behind its SummarizerManager: the manager only joins the top
 * sentences into one string, while the class's steps expose the ranking and let the random walk be seeded.
 */
function summarizer(text: string, k: number): Summarizer {
  summarizerClass ??= (createRequire(import.meta.url)('node-summarizer/src/Summarizer.js') as { Summarizer: SummarizerClass }).Summarizer;
  return new summarizerClass(text, k);
}

/** The peer's pieces in text order; its tokenizer drops text after the last . ? ! and fails on none. */
function summarizerPieces(instance: Summarizer, text: string): string[] {
  const pieces = instance.preprocesser.paragraphToSentences(text);
  if (!Array.isArray(pieces) || pieces.length === 0) throw new Error('node-summarizer found no sentences');
  return pieces;
}

/** Maps a ranking of cleaned sentences back to our sentence indices through the pieces they came from. */
function rankedSentences(sentences: readonly string[], pieces: readonly string[], cleaned: readonly string[], ranked: Ranked): number[] {
  const placed = placePieces(sentences, pieces);
  const unusedPieces = new Map<string, number[]>();
  cleaned.forEach((clean, piece) => unusedPieces.set(clean, [...(unusedPieces.get(clean) ?? []), piece]));
  return ranked.flatMap(([, clean]) => {
    const piece = unusedPieces.get(clean)?.shift();
    return piece === undefined ? [] : placed[piece]!;
  });
}

/** node-summarizer 1.0.7, frequency mode: the mean max-normalised word frequency of each sentence. */
export function nodeSummarizerFrequency(sentences: readonly string[], k: number): number[] {
  const text = peerText(sentences);
  const instance = summarizer(text, k);
  const pieces = summarizerPieces(instance, text);
  const cleaned = instance.preprocesser.cleanSentences(pieces.slice())[0];
  return firstDistinct(rankedSentences(sentences, pieces, cleaned, instance.summarizeByFrequency().sorted_sentences), k);
}


/** Runs synchronous `use` with Math.random replaced by a seeded generator. */
function withSeededRandom<R>(seed: number, use: () => R): R {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return use();
  } finally {
    Math.random = original;
  }
}

/**
 * node-summarizer 1.0.7, rank mode: a 10,000-step random walk over a graph whose edges count the nouns and
 * adjectives (WordNet, via wordpos) two sentences share; sentences rank by visits. The steps are those of
 * Summarizer.summarizeByRank, with the walk's Math.random seeded so a run can be repeated.
 */
export async function nodeSummarizerRank(sentences: readonly string[], k: number, seed = 1): Promise<number[]> {
  const text = peerText(sentences);
  const instance = summarizer(text, k);
  const pieces = summarizerPieces(instance, text);
  const cleaned = instance.preprocesser.cleanSentences(pieces.slice())[0];
  const nounsAndAdjectives = await instance.preprocesser.nounsAndAdjectives(cleaned);
  if (!nounsAndAdjectives) throw new Error('node-summarizer could not tag nouns and adjectives');
  const graph = instance.preprocesser.createTextRankGraph(nounsAndAdjectives);
  const visits = withSeededRandom(seed, () => instance.preprocesser.textRank(graph));
  const ranked = instance.sortSentences(instance.textRankMapToList(visits));
  return firstDistinct(rankedSentences(sentences, pieces, cleaned, ranked), k);
}

/** The four peers by name; `seed` drives node-summarizer's random walk. */
export function sentencePeers(options: { seed?: number } = {}): Record<SentencePeerName, SentenceExtractor> {
  const seed = options.seed ?? 1;
  return {
    'lead-k': leadK,
    lexrank: lexrankPeer,
    'node-summarizer-rank': (sentences, k) => nodeSummarizerRank(sentences, k, seed),
    'node-summarizer-frequency': nodeSummarizerFrequency,
  };
}
