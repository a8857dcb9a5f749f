import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Debian's Chromium first (no browser download is possible here), then a Playwright-installed one. */
export function findChromium(): string | undefined {
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return bundled;
  } catch {
    // No Playwright browser installed either; global setup explains.
  }
  return undefined;
}
