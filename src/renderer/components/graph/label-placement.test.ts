import { describe, expect, it } from 'vitest';
import { fitAcross, labelsThatFit, spanAcross, labelStep, MAX_LABEL_STEP, MIN_LABEL_STEP, stepScale, type LabelCandidate } from './label-placement';

const label = (id: string, x: number, y: number, width = 40): LabelCandidate => ({ id, x, y, half: 10, width, height: 12 });
const options = { margin: 4, gap: 2 };

describe('label sizes', () => {
  it('keep a label’s size on screen within a tenth as the zoom changes between 1/16 and 2', () => {
    for (const zoom of [0.07, 0.1, 0.2, 0.35, 0.5, 0.8, 1, 1.3, 2]) {
      const onScreen = stepScale(labelStep(zoom)) * zoom;
      expect(onScreen).toBeGreaterThan(0.9);
      expect(onScreen).toBeLessThan(1.1);
    }
  });

  it('grow with the zoom past 2× and shrink past 1/16, instead of growing without end in graph units', () => {
    expect(labelStep(8)).toBe(MIN_LABEL_STEP);
    expect(labelStep(0.001)).toBe(MAX_LABEL_STEP);
    expect(stepScale(labelStep(8)) * 8).toBeCloseTo(4);
  });
});

describe('labelsThatFit', () => {
  it('keeps labels that do not collide, and leaves out one that would lie on a label before it', () => {
    const kept = labelsThatFit([label('a', 0, 0), label('b', 20, 0), label('b2', 30, 0), label('c', 100, 0)], 1, options);
    // b's label has no room below (a's is there), so it goes above its node; b2's has room on neither side.
    expect(Object.fromEntries(kept)).toEqual({ a: 'below', b: 'above', c: 'below' });
  });

  it('leaves out more labels as they grow (zoomed out), the first ones given first', () => {
    const row = [label('a', 0, 0), label('b', 60, 0), label('c', 120, 0)];
    expect(labelsThatFit(row, 1, options).size).toBe(3);
    expect([...labelsThatFit(row, 2, options).keys()]).toEqual(['a', 'b', 'c']);
    expect([...labelsThatFit(row, 3, options).keys()]).toEqual(['a', 'b']);
    expect([...labelsThatFit([row[2]!, row[1]!, row[0]!], 6, options).keys()]).toEqual(['c', 'b']);
  });

  it('keeps the gap between labels one above the other too', () => {
    // Below, a label starts half + margin = 14 from its node and is 12 tall: a's spans 14–26; b's, 13 lower, 27–39 (1 away); 14 lower, 28–40.
    // Above, b's would span 13 - 26 = -13 to -1: over a's node, not its label, so that is where it goes.
    expect(Object.fromEntries(labelsThatFit([label('a', 0, 0), label('b', 0, 13)], 1, options))).toEqual({ a: 'below', b: 'above' });
    expect(Object.fromEntries(labelsThatFit([label('a', 0, 0), label('b', 0, 14)], 1, options))).toEqual({ a: 'below', b: 'below' });
  });

  it('draws the leading labels always, even where they collide', () => {
    const kept = labelsThatFit([label('selected', 0, 0), label('cursor', 5, 0), label('other', 10, 0)], 1, { ...options, always: 2 });
    expect(Object.fromEntries(kept)).toEqual({ selected: 'below', cursor: 'below', other: 'above' });
  });

  it('places thousands of labels in a grid without two of them overlapping', () => {
    const many = Array.from({ length: 5000 }, (_, i) => label(`n${i}`, (i % 100) * 23, Math.floor(i / 100) * 17, 30 + (i % 7) * 10));
    const kept = labelsThatFit(many, 1, options);
    const boxes = many
      .filter((c) => kept.has(c.id))
      .map((c) => ({ x1: c.x - c.width / 2, x2: c.x + c.width / 2, y1: kept.get(c.id) === 'below' ? c.y + 14 : c.y - 26, y2: kept.get(c.id) === 'below' ? c.y + 26 : c.y - 14 }));
    expect(kept.size).toBeGreaterThan(300);
    const overlaps = boxes.filter((a, i) => boxes.slice(i + 1).some((b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2));
    expect(overlaps).toEqual([]);
  });
});

describe('fitting the graph across the canvas', () => {
  it('leaves room for the outermost labels, which keep their size on screen, and centres nodes and labels together', () => {
    // Nodes from 0 to 1,000 graph units, a 200 px label on the leftmost: 1,000 px of room.
    const zoom = fitAcross([0, 500, 1000], [200, 0, 0], 1000, 4);
    expect(zoom).toBeCloseTo(0.9, 6);
    // The label reaches 100 px (111 graph units at 0.9) left of the first node: the span's middle moves left.
    expect(spanAcross([0, 500, 1000], [200, 0, 0], zoom).middle).toBeCloseTo((-100 / 0.9 + 1000) / 2, 3);
    // Without labels, the nodes fill the room; their bodies count too (50 graph units each side here).
    expect(fitAcross([0, 500, 1000], [0, 0, 0], 1000, 4)).toBeCloseTo(1, 6);
    expect(fitAcross([0, 500, 1000], [0, 0, 0], 1000, 4, [50, 50, 50])).toBeCloseTo(1000 / 1100, 6);
  });

  it('stops at the most zoom, and falls back to the nodes alone where the labels cannot fit at all', () => {
    expect(fitAcross([0, 10], [20, 20], 1000, 2)).toBe(2);
    expect(fitAcross([0, 100], [2000, 0], 1000, 20)).toBeCloseTo(10, 6);
  });
});
