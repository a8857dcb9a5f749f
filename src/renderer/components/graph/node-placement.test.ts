import { describe, expect, it } from 'vitest';
import { overlappingPairs, seedPositions, separate, type NodeBox } from './node-placement';

const square = (id: string, x: number, y: number, half = 10): NodeBox => ({ id, x, y, left: half, right: half, top: half, bottom: half });
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('seedPositions', () => {
  it('starts a new node the spacing away from the middle of its placed neighbours, and leaves placed nodes out', () => {
    const placed = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } };
    const seeds = seedPositions(['a', 'b', 'n'], [{ source: 'n', target: 'a' }, { source: 'b', target: 'n' }], placed, 30);
    expect(Object.keys(seeds)).toEqual(['n']);
    expect(distance(seeds['n']!, { x: 50, y: 0 })).toBeCloseTo(30);
  });

  it('places a new node linked only to new nodes beside them, and one linked to nothing outside the placed ones', () => {
    const placed = { a: { x: 0, y: 0 }, b: { x: 40, y: 0 } };
    const edges = [{ source: 'a', target: 'n1' }, { source: 'n1', target: 'n2' }];
    const seeds = seedPositions(['a', 'b', 'n1', 'n2', 'alone'], edges, placed, 30);
    expect(distance(seeds['n2']!, seeds['n1']!)).toBeCloseTo(30);
    // The placed nodes reach 20 from their middle (20, 0); the lone node starts the spacing beyond that.
    expect(distance(seeds['alone']!, { x: 20, y: 0 })).toBeCloseTo(50);
  });

  it('sends new nodes around the same place in different directions, the same way every time', () => {
    const edges = ['n1', 'n2', 'n3'].map((id) => ({ source: 'hub', target: id }));
    const seeds = seedPositions(['hub', 'n1', 'n2', 'n3'], edges, { hub: { x: 0, y: 0 } }, 30);
    expect(distance(seeds['n1']!, seeds['n2']!)).toBeGreaterThan(20);
    expect(distance(seeds['n2']!, seeds['n3']!)).toBeGreaterThan(20);
    expect(seedPositions(['hub', 'n1', 'n2', 'n3'], edges, { hub: { x: 0, y: 0 } }, 30)).toEqual(seeds);
  });
});

describe('overlappingPairs', () => {
  it('finds the boxes closer than the gap, labels included, and no others', () => {
    const labelled: NodeBox = { id: 'l', x: 0, y: 0, left: 60, right: 60, top: 10, bottom: 30 };
    const boxes = [labelled, square('under-label', 50, 35), square('far', 200, 0), square('near-far', 222, 0)];
    expect(overlappingPairs(boxes)).toEqual([[0, 1]]);
    expect(overlappingPairs(boxes, 5)).toEqual([[0, 1], [2, 3]]);
  });
});

describe('separate', () => {
  it('leaves boxes that are already apart where they are', () => {
    const boxes = [square('a', 0, 0), square('b', 50, 0)];
    expect(separate(boxes, 4)).toEqual({ a: { x: 0, y: 0 }, b: { x: 50, y: 0 } });
  });

  it('pushes two overlapping boxes apart along the shorter way, half each', () => {
    const moved = separate([square('a', 0, 0), square('b', 15, 2)], 4);
    expect(moved['a']!.y).toBe(0);
    expect(moved['b']!.y).toBe(2);
    expect(moved['b']!.x - moved['a']!.x).toBeCloseTo(24, 1);
    expect(moved['a']!.x + moved['b']!.x).toBeCloseTo(15);
  });

  it('parts a heap of boxes at one point, and a crowd of every size, until no two are closer than the gap', () => {
    const heap = Array.from({ length: 40 }, (_, i) => square(`h${i}`, 0, 0));
    const crowd = Array.from({ length: 200 }, (_, i) => square(`c${i}`, (i * 37) % 97, (i * 53) % 89, 5 + (i % 4) * 8));
    for (const boxes of [heap, crowd]) {
      const moved = separate(boxes, 4);
      const after = boxes.map((box) => ({ ...box, ...moved[box.id]! }));
      expect(overlappingPairs(after, 3.9)).toEqual([]);
    }
  });
});
