import { defineConfig } from '@playwright/test';
import { findChromium } from './e2e/support/browsers';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env['CI'] ? 1 : 0,
  timeout: 30_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath: findChromium() } },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
