import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Svelte plugin compiles the renderer's rune modules (*.svelte.ts) so their state logic is unit-tested.
  plugins: [svelte({ configFile: './svelte.config.js' })],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['scripts/ensure-model.ts'],
    testTimeout: 30_000,
  },
});
