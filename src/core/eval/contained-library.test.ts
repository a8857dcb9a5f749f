import { describe, expect, it } from 'vitest';
import { requireContained } from './contained-library';

interface SugaredString {
  words?: () => string[];
}

describe('a contained library', () => {
  const nativeMap = Array.prototype.map;
  const nativeTrim = String.prototype.trim;
  const lexrank = requireContained<{ summarize: unknown }>('lexrank', import.meta.url);

  it('leaves the built-ins as they were after loading', () => {
    expect(lexrank.patchCount).toBeGreaterThan(400);
    expect(Array.prototype.map).toBe(nativeMap);
    expect(String.prototype.trim).toBe(nativeTrim);
    expect((String.prototype as SugaredString).words).toBeUndefined();
  });

  it('has its patches while it runs and loses them afterwards', () => {
    const words = lexrank.run(() => (' two  words ' as unknown as SugaredString).words!());
    expect(words).toEqual(['two', 'words']);
    expect((String.prototype as SugaredString).words).toBeUndefined();
    expect(Array.prototype.map).toBe(nativeMap);
  });

  it('removes its patches when the use throws, and refuses asynchronous use', () => {
    expect(() => lexrank.run(() => { throw new Error('boom'); })).toThrow('boom');
    expect(() => lexrank.run(() => Promise.resolve(1))).toThrow(/synchronously/);
    expect(Array.prototype.map).toBe(nativeMap);
  });

  it('is loaded once per process', () => {
    expect(requireContained('lexrank', import.meta.url)).toBe(lexrank);
  });
});
