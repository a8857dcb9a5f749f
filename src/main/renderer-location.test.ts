import { describe, expect, it } from 'vitest';
import { rendererLocation } from './renderer-location';

describe('where the window loads its page from', () => {
  it('is the built file, and only that file is trusted, unless a dev server on this machine is given', () => {
    const built = rendererLocation('/app/out');
    expect(built.url).toBe('file:///app/out/renderer/index.html');
    expect(built.isTrusted('file:///app/out/renderer/index.html#/library')).toBe(true);
    expect(built.isTrusted('file:///app/out/renderer/other.html')).toBe(false);
    const dev = rendererLocation('/app/out', 'http://localhost:5173/');
    expect(dev.isTrusted('http://localhost:5173/#/today')).toBe(true);
    expect(dev.isTrusted('http://localhost:5174/')).toBe(false);
  });

  it('ignores a dev server address that is not on this machine (a packaged app is given none at all)', () => {
    const location = rendererLocation('/app/out', 'https://attacker.example/');
    expect(location.url).toBe('file:///app/out/renderer/index.html');
    expect(location.isTrusted('https://attacker.example/')).toBe(false);
  });
});
