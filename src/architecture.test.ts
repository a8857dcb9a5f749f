/**
 * The layering rules of STYLE.md, checked: the pure core and the shared contract import no runtime-specific
 * library, the preload stays free of the schema library, and each heavy library has one adapter file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

const runtimeBound = /^(electron|dexie|svelte|onnxruntime-node|onnxruntime-web|cytoscape)(\/|$)/;

describe('architecture', () => {
  it.each(['src/core', 'src/shared'])('%s imports no Electron, DOM-bound or heavy runtime library', (dir) => {
    const offenders = sourceFiles(join(root, dir)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => runtimeBound.test(spec) || spec.includes('/renderer/') || spec.includes('/main/'))
        .map((spec) => `${relative(root, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the core free of clocks and unseeded randomness', () => {
    const offenders = sourceFiles(join(root, 'src/core')).filter((file) => /Date\.now\(|Math\.random\(|new Date\(\)/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('derives the preload from the contract’s names without bundling the schema library', () => {
    const preloadImports = importsOf(join(root, 'src/preload/index.ts'));
    expect(preloadImports).toEqual(['electron', '../shared/channels']);
  });

  it('imports electron only in main, the preload and the window factory’s neighbours', () => {
    const all = [...sourceFiles(join(root, 'src'))];
    const importers = all.filter((file) => importsOf(file).includes('electron')).map((f) => relative(root, f)).sort();
    expect(importers).toEqual(['src/main/index.ts', 'src/main/window.ts', 'src/preload/index.ts']);
  });

  it.each([
    ['onnxruntime-node', ['src/main/attention/onnx-session.ts']],
    ['cytoscape', ['src/renderer/components/graph/cytoscape-graph.ts']],
    ['ts-fsrs', ['src/core/scheduling/fsrs-adapter.ts']],
    ['pdfjs-dist', ['src/core/text/formats/pdf.ts']],
    ['katex', ['src/renderer/components/math/katex-math.ts']],
  ])('keeps %s behind one adapter file', (library, expected) => {
    const importers = sourceFiles(join(root, 'src'))
      .filter((file) => !file.endsWith('.d.ts') && !relative(root, file).startsWith('src/bench/'))
      .filter((file) => importsOf(file).some((spec) => spec === library || spec.startsWith(`${library}/`)))
      .map((f) => relative(root, f));
    expect(importers).toEqual(expected);
  });

  it('defines the Dexie schema in one file', () => {
    const importers = sourceFiles(join(root, 'src')).filter((file) => importsOf(file).includes('dexie')).map((f) => relative(root, f));
    expect(importers).toEqual(['src/renderer/db/focal-db.ts']);
  });
});
