import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/csp';

/** Writes the one CSP into index.html, so the page carries it however it is loaded. */
function cspMeta(dev: boolean): Plugin {
  return {
    name: 'focal-csp-meta',
    transformIndexHtml: (html) => html.replace('%FOCAL_CSP%', contentSecurityPolicy({ dev, meta: true })),
  };
}

export default defineConfig(({ command }) => ({
  main: {
    build: {
      // The parse worker is its own entry: it runs in a worker thread beside index.js.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'parse-worker': resolve('src/main/import/parse-worker.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules and must be CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMeta(command === 'serve')],
    build: {
      minify: true,
      // A desktop app loads its bundle from disk; the main chunk (Svelte, Dexie, Cytoscape, FSRS) is ~0.9 MB.
      chunkSizeWarningLimit: 1500,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
}));
