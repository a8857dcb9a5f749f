import { describe, expect, it } from 'vitest';
import { attentionSegments, closestRead } from './attention-segments';

describe('a key sentence tinted by attention', () => {
  const why = [
    { token: 'mitochondria', weight: 0.3 },
    { token: 'make', weight: 0.1 },
    { token: 'atp', weight: 0.4 },
    { token: 'for', weight: 0.02 },
    { token: 'the', weight: 0.01 },
    { token: 'cell', weight: 0.17 },
  ];

  it('finds each token in the sentence as written, with the text between them untinted', () => {
    const segments = attentionSegments('Mitochondria make ATP for the cell.', why);
    expect(segments.map((s) => s.text).join('')).toBe('Mitochondria make ATP for the cell.');
    expect(segments.filter((s) => s.weight !== null).map((s) => s.text)).toEqual(['Mitochondria', 'make', 'ATP', 'for', 'the', 'cell']);
    expect(segments.at(-1)).toEqual({ text: '.', weight: null });
  });

  it('leaves out a token the sentence does not hold, and keeps the whole text', () => {
    const segments = attentionSegments('Mitochondria make ATP.', [{ token: 'mitochondrion', weight: 0.5 }, { token: 'atp', weight: 0.5 }]);
    expect(segments).toEqual([
      { text: 'Mitochondria make ', weight: null },
      { text: 'ATP', weight: 0.5 },
      { text: '.', weight: null },
    ]);
  });

  it('lists the words read most closely once each, in the sentence’s spelling', () => {
    const segments = attentionSegments('The cell and the cell wall.', [
      { token: 'the', weight: 0.05 },
      { token: 'cell', weight: 0.3 },
      { token: 'and', weight: 0.05 },
      { token: 'the', weight: 0.05 },
      { token: 'cell', weight: 0.25 },
      { token: 'wall', weight: 0.3 },
    ]);
    expect(closestRead(attentionSegments('The cell.', [{ token: 'the', weight: 0.001 }, { token: 'cell', weight: 0.999 }]), 6)).toEqual([{ word: 'cell', weight: 0.999 }]);
    expect(closestRead(segments, 2)).toEqual([
      { word: 'cell', weight: 0.55 },
      { word: 'wall', weight: 0.3 },
    ]);
  });

  it('lists the words read most closely without the small ones, which the tints still show', () => {
    const why = [{ token: 'then', weight: 0.1 }, { token: 'he', weight: 0.05 }, { token: 'told', weight: 0.06 }, { token: 'them', weight: 0.07 }, { token: 'how', weight: 0.08 }, { token: 'marshes', weight: 0.04 }];
    const segments = attentionSegments('Then he told them how marshes form.', why);
    expect(closestRead(segments, 6).map((w) => w.word)).toEqual(['told', 'marshes']);
    expect(segments.find((s) => s.text === 'how')?.weight).toBe(0.08);
  });
});
