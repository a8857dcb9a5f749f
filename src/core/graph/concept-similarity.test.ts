import { describe, expect, it } from 'vitest';
import { SimilarityIndex, compareNeighbours, disjoint, dot, withNeighbour } from './concept-similarity';

describe('concept similarity', () => {
  const a = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7];
  const b = [0.7, 0.6, -0.5, 0.4, 0.3, -0.2, 0.1];

  it('gives the same dot product bit for bit whichever vector comes first', () => {
    expect(dot(a, b)).toBe(dot(b, a));
    expect(dot(a, b)).toBeCloseTo(a.reduce((s, x, i) => s + x * b[i]!, 0), 12);
  });

  it('gives the same dot product bit for bit with trailing zeros', () => {
    expect(dot([...a, 0, 0, 0], [...b, 0, 0, 0])).toBe(dot(a, b));
    expect(dot([...a, 0], [...b, 0])).toBe(dot(a, b));
  });

  it('indexes vectors so a row holds each key’s dot product with every slot, equal to dot()', () => {
    const index = new SimilarityIndex();
    index.set('a', a);
    index.set('short', [1, 0]);
    index.set('b', b);
    const row = index.row('a')!;
    expect(row[index.keys.indexOf('b')]).toBe(dot(a, b));
    expect(row[index.keys.indexOf('short')]).toBe(dot(a, [1, 0]));
    expect(index.similarity('b', 'a')).toBe(dot(b, a));
    index.set('b', null);
    expect(index.keys).toContain('');
    expect(index.similarity('a', 'b')).toBe(-Infinity);
    expect(index.row('b')).toBeNull();
    index.set('c', b);
    expect(index.keys.filter((k) => k !== '')).toEqual(['a', 'short', 'c']);
    expect(index.similarity('c', 'a')).toBe(dot(b, a));
  });

  it('tells whether two sorted id lists share an id', () => {
    expect(disjoint(['a', 'c'], ['b', 'd'])).toBe(true);
    expect(disjoint(['a', 'c'], ['c'])).toBe(false);
    expect(disjoint([], ['a'])).toBe(true);
  });

  it('keeps the best neighbours, equal similarities in id order', () => {
    const list = [
      { id: 'x', similarity: 0.9 },
      { id: 'y', similarity: 0.7 },
    ];
    expect(withNeighbour(list, { id: 'w', similarity: 0.7 }, 2)).toEqual([
      { id: 'x', similarity: 0.9 },
      { id: 'w', similarity: 0.7 },
    ]);
    expect(withNeighbour(list, { id: 'z', similarity: 0.1 }, 2)).toBe(list);
    expect([{ id: 'b', similarity: 0.5 }, { id: 'a', similarity: 0.5 }].sort(compareNeighbours).map((n) => n.id)).toEqual(['a', 'b']);
  });
});
