import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEvalDir, loadBbcArticles } from './datasets';
import { evaluateSentences } from './run-eval';
import { firstDistinct, leadK, lexrankPeer, nodeSummarizerFrequency, nodeSummarizerRank, peerText, placePieces, sentencePeers } from './sentence-peers';

/** A small news-like article whose sentences share nouns, with decimals and a quote to trip splitters. */
const article = [
  'Crude oil prices rose to $47.10 a barrel on Thursday after the energy agency raised its demand forecast.',
  'The agency said demand for crude oil from China and India would grow strongly this year.',
  'Traders in London said the oil market was nervous about supply.',
  '"Prices could climb further if supply stays tight," said one oil analyst.',
  'Stocks of crude oil in the US fell by 1.5m barrels last week.',
  'The energy agency also cut its forecast for supply from Russia.',
  'Analysts expect the oil price to stay high through the winter months.',
  'Heating oil demand usually peaks in the winter.',
];

function isValidChoice(indices: readonly number[], k: number, n: number): boolean {
  return indices.length === k && new Set(indices).size === k && indices.every((i) => Number.isInteger(i) && i >= 0 && i < n);
}

describe('sentence peers', () => {
  it('Lead-k takes the first k sentences and no more than there are', () => {
    expect(leadK(article, 3)).toEqual([0, 1, 2]);
    expect(leadK(['One.', 'Two.'], 5)).toEqual([0, 1]);
  });

  it.each([
    ['lexrank', (s: string[], k: number) => lexrankPeer(s, k)],
    ['node-summarizer frequency', (s: string[], k: number) => nodeSummarizerFrequency(s, k)],
    ['node-summarizer rank', (s: string[], k: number) => nodeSummarizerRank(s, k)],
  ])('%s returns k valid, distinct indices', async (_name, peer) => {
    for (const k of [1, 3, 5]) expect(isValidChoice(await peer(article, k), k, article.length)).toBe(true);
  });

  it('node-summarizer rank repeats its choice for the same seed', async () => {
    const first = await nodeSummarizerRank(article, 4, 7);
    expect(await nodeSummarizerRank(article, 4, 7)).toEqual(first);
  });

  it('lexrank leaves the built-ins native after running', () => {
    const nativeMap = Array.prototype.map;
    lexrankPeer(article, 2);
    expect(Array.prototype.map).toBe(nativeMap);
    expect((String.prototype as { words?: unknown }).words).toBeUndefined();
  });

  it('are all in the registry under the protocol names', () => {
    expect(Object.keys(sentencePeers())).toEqual(['lead-k', 'lexrank', 'node-summarizer-rank', 'node-summarizer-frequency']);
  });
});

describe('mapping a peer’s pieces back to the sentences', () => {
  const sentences = ['US crude rose $1.64 today.', '"It is over," he said.', 'Markets fell.'];

  it('joins the sentences with single spaces', () => {
    expect(peerText(sentences)).toBe('US crude rose $1.64 today. "It is over," he said. Markets fell.');
  });

  it('places a fragment of a sentence on that sentence', () => {
    expect(placePieces(sentences, ['US crude rose $1.', '64 today.', '"It is over," he said.', 'Markets fell.'])).toEqual([[0], [0], [1], [2]]);
  });

  it('places a piece that merges two sentences on both, the larger first', () => {
    expect(placePieces(sentences, ['US crude rose $1.64 today.', '"It is over," he said. Markets fell.'])).toEqual([[0], [1, 2]]);
  });

  it('ignores whitespace the peer collapsed, and places a rewritten piece by its words', () => {
    expect(placePieces(['A  b\n c.', 'D e.'], ['A b c.', 'D e.'])).toEqual([[0], [1]]);
    expect(placePieces(sentences, ['markets FELL', ''])).toEqual([[2], []]);
  });

  it('keeps the first k distinct indices of a ranking', () => {
    expect(firstDistinct([2, 2, -1, 0, 2, 1], 2)).toEqual([2, 0]);
  });
});

const evalDir = findEvalDir();

describe.skipIf(!evalDir)(evalDir ? 'peers on the first 30 BBC dev articles' : 'peers on BBC dev articles (skipped: ../shared/eval is absent)', () => {
  it('Lead-k and lexrank score in a sane range with no failures', async () => {
    const articles = loadBbcArticles(join(evalDir!, 'bbc-dev.jsonl'), { limit: 30 });
    const report = await evaluateSentences(articles, { 'lead-k': leadK, lexrank: lexrankPeer });
    for (const system of report.systems) {
      expect(system.failures).toEqual({ threw: 0, short: 0, invalid: 0, overlong: 0 });
      expect(system.rouge1).toBeGreaterThan(55);
      expect(system.rouge1).toBeLessThan(85);
      expect(system.rouge2).toBeGreaterThan(40);
      expect(system.rouge2).toBeLessThan(80);
      expect(system.sentenceF1).toBeGreaterThan(40);
      expect(system.sentenceF1).toBeLessThan(80);
      // ROUGE-2 is below ROUGE-1 unless the choice is the gold itself.
      expect(system.rouge2).toBeLessThan(system.rouge1);
    }
  });
});
