import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/shared/csp';

/**
 * Writes the one CSP into index.html, so the page carries it however it is loaded. In a build, once the files
 * are written, the page's single script gets an integrity hash of its bytes on disk and the policy allows
 * that hash alone (CSP3 hash-sources match an external script by its integrity attribute).
 */
function cspMeta(dev: boolean): Plugin {
  let outDir = '';
  return {
    name: 'focal-csp-meta',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: (html) => (dev ? html.replace('%FOCAL_CSP%', contentSecurityPolicy({ dev, meta: true })) : html),
    writeBundle() {
      const htmlPath = join(outDir, 'index.html');
      const html = readFileSync(htmlPath, 'utf8');
      const scriptHashes: string[] = [];
      const withIntegrity = html.replace(/<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g, (tag, file: string) => {
        const hash = `sha384-${createHash('sha384').update(readFileSync(join(outDir, file))).digest('base64')}`;
        scriptHashes.push(hash);
        return tag.replace('<script ', `<script integrity="${hash}" `);
      });
      if (scriptHashes.length !== 1) throw new Error(`expected one script in ${htmlPath}, found ${scriptHashes.length}`);
      writeFileSync(htmlPath, withIntegrity.replace('%FOCAL_CSP%', contentSecurityPolicy({ meta: true, scriptHashes })));
    },
  };
}

/** Names this build (see src/renderer/build-id.ts): a new one for every build and every dev server start. */
const FOCAL_BUILD = `${JSON.parse(readFileSync('package.json', 'utf8')).version}+${Date.now().toString(36)}`;

export default defineConfig(({ command }) => ({
  main: {
    build: {
      // The parse, retrain and Anki workers are entries of their own: each runs in a worker thread beside index.js.
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'parse-worker': resolve('src/main/import/parse-worker.ts'),
          'retrain-worker': resolve('src/main/training/retrain-worker.ts'),
          'anki-worker': resolve('src/main/interop/anki-worker.ts'),
        },
      },
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
    define: { __FOCAL_BUILD__: JSON.stringify(FOCAL_BUILD) },
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), cspMeta(command === 'serve')],
    build: {
      minify: true,
      // A desktop app loads its bundle from disk; the one chunk (Svelte, Dexie, Cytoscape, ECharts, FSRS, KaTeX) is ~1.8 MB.
      chunkSizeWarningLimit: 2000,
      // Fonts (KaTeX's) and pictures stay files: the CSP loads fonts from 'self' only, never as data: URIs.
      assetsInlineLimit: 0,
      // One script, so one hash names all the code the page may run (the charts are not split off).
      rollupOptions: { input: { index: resolve('src/renderer/index.html') }, output: { inlineDynamicImports: true } },
    },
  },
}));
