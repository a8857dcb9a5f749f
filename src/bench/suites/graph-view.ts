/**
 * The Graph screen's first interactive frame for a 5,000-node / 20,000-edge library, in Chromium: the
 * stored graph is seeded into the app's IndexedDB, then the screen is opened and timed until its first
 * layout is drawn (the level of detail draws the most important nodes first).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { buildGraph } from '../../core/graph/build-graph';
import { BENCHMARK_LIBRARY, syntheticLibrary } from '../../core/graph/synthetic-library';
import { graphView } from '../../core/graph/knowledge-graph';
import { createNodeServices } from '../../main/services/compose';
import { startWebHost } from '../../server/web-host';
import { median, type Benchmark } from '../harness';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export const graphFirstFrameBenchmark: Benchmark = {
  name: 'graph.first-frame',
  async run({ runs }) {
    const rendererDir = resolve('out/renderer');
    const skip = (why: string) => ({ name: 'graph.first-frame', description: 'Graph screen first frame', medianMs: 0, runs: 0, skipped: why });
    if (!CHROMIUM) return skip('needs Chromium at /usr/bin/chromium');
    if (!existsSync(resolve(rendererDir, 'index.html'))) return skip('needs the built renderer (npm run build)');

    const graph = buildGraph(syntheticLibrary(BENCHMARK_LIBRARY));
    const { nodes, edges } = graphView(graph);
    const services = createNodeServices();
    const host = await startWebHost({ rendererDir, services: services.impl, events: services.events });
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(host.url);
      await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
      await page.evaluate(
        (json) =>
          new Promise<void>((done, fail) => {
            const open = indexedDB.open('focal');
            open.onsuccess = () => {
              const tx = open.result.transaction('graph', 'readwrite');
              tx.objectStore('graph').put({ id: 'library', graph: JSON.parse(json), positions: {} });
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            };
            open.onerror = () => fail(open.error);
          }),
        JSON.stringify(graph),
      );
      const samples: number[] = [];
      for (let i = 0; i < Math.max(1, Math.min(runs, 5)); i++) {
        await page.goto(`${host.origin}/#/today`);
        await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
        const start = Date.now();
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Graph' }).click();
        await page.locator('[data-testid=graph-canvas]:not([data-drawn="0"])').waitFor({ timeout: 60_000 });
        samples.push(Date.now() - start);
      }
      return {
        name: 'graph.first-frame',
        description: `Opening the Graph screen on a ${nodes.length}-node / ${edges.length}-edge library until its first layout is drawn in Chromium (positions kept after the first run)`,
        medianMs: median(samples),
        runs: samples.length,
        figures: { nodes: nodes.length, edges: edges.length, firstOpenMs: samples[0]! },
        target: '≤ 3000 ms',
      };
    } finally {
      await browser.close();
      await host.close();
      await services.close();
    }
  },
};
