import { describe, expect, it } from 'vitest';
import { BENCHMARK_LIBRARY, syntheticLibrary } from './synthetic-library';

const small = { ...BENCHMARK_LIBRARY, documents: 12, conceptsPerDocument: 6, dimensions: 8, sharedShare: 0.3 };

describe('the synthetic library', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(syntheticLibrary(small)).toEqual(syntheticLibrary(small));
    expect(syntheticLibrary({ ...small, seed: 2 })).not.toEqual(syntheticLibrary(small));
  });

  it('gives each document its concepts, some shared, with unit vectors and links to earlier notes', () => {
    const library = syntheticLibrary(small);
    expect(library).toHaveLength(12);
    expect(library.every((d) => d.concepts.length === 6)).toBe(true);
    const keys = library.flatMap((d) => d.concepts.map((c) => c.key));
    expect(new Set(keys).size).toBeLessThan(keys.length);
    const v = library[0]!.concepts[0]!.vector!;
    expect(Math.hypot(...v)).toBeCloseTo(1, 3);
    expect(library[5]!.links.every((l) => /^Note [0-4]$/.test(l))).toBe(true);
  });
});
