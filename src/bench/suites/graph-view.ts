/**
 * The Graph screen's first interactive frame for a 5,000-node / 20,000-edge library, in Chromium: the
 * stored graph is seeded into the app's IndexedDB, then the screen is opened and timed until its first
 * layout is drawn (the level of detail draws the most important nodes first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildGraph } from '../../core/graph/build-graph';
import { BENCHMARK_LIBRARY, syntheticLibrary } from '../../core/graph/synthetic-library';
import { graphView } from '../../core/graph/knowledge-graph';
import { createNodeServices } from '../../main/services/compose';
import { startWebHost } from '../../server/web-host';
import { seededRandom } from '../../core/seeded-random';
import { median, ratioAgainst, type Benchmark, type BenchResult } from '../harness';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const CYTOSCAPE = resolve('node_modules/cytoscape/dist/cytoscape.min.js');

/**
 * The peer, in the same browser: Cytoscape alone drawing every node and edge at given (seeded) places on a blank
 * page, with plain dots and straight haystack edges: no stored graph read, no layout, no level of detail.
 */
async function cytoscapeAloneMs(page: Page, nodes: readonly { id: string }[], edges: readonly { id: string; source: string; target: string }[], runs: number): Promise<number[]> {
  const random = seededRandom(7);
  const elements = [
    ...nodes.map((node) => ({ data: { id: node.id }, position: { x: random() * 4000, y: random() * 4000 } })),
    ...edges.map((edge) => ({ data: { id: edge.id, source: edge.source, target: edge.target } })),
  ];
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto('about:blank');
    await page.setContent('<div id="cy" style="width:1400px;height:900px"></div>');
    await page.addScriptTag({ path: CYTOSCAPE });
    samples.push(
      await page.evaluate(
        (json) =>
          new Promise<number>((done) => {
            const parsed = JSON.parse(json) as object[];
            const start = performance.now();
            const cy = (window as unknown as { cytoscape: (options: object) => { one: (event: string, then: () => void) => void; fit: () => void } }).cytoscape({
              container: document.getElementById('cy'),
              elements: parsed,
              layout: { name: 'preset' },
              style: [
                { selector: 'node', style: { width: 8, height: 8 } },
                { selector: 'edge', style: { width: 1, 'curve-style': 'haystack' } },
              ],
            });
            cy.one('render', () => requestAnimationFrame(() => done(performance.now() - start)));
            cy.fit();
          }),
        JSON.stringify(elements),
      ),
    );
  }
  return samples;
}

export const graphFirstFrameBenchmark: Benchmark = {
  name: 'graph.first-frame',
  async run({ runs }) {
    const skip = (why: string) => ({ name: 'graph.first-frame', description: 'Graph screen first frame', medianMs: 0, runs: 0, skipped: why });
    if (!CHROMIUM) return skip('needs Chromium at /usr/bin/chromium');
    const built = buildApp();
    if ('failed' in built) return skip(`the renderer did not build: ${built.failed}`);
    try {
      return await firstFrame(runs, join(built.dir, 'renderer'));
    } finally {
      rmSync(built.dir, { recursive: true, force: true });
    }
  },
};

/**
 * The app as the code is now, built (a few seconds) into a folder of the benchmark's own: out/ may be stale, or
 * absent in a fresh clone, or serving a Focal the person has open, whose files a build there would replace.
 */
function buildApp(): { dir: string } | { failed: string } {
  const dir = mkdtempSync(join(tmpdir(), 'focal-bench-app-'));
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const build = spawnSync(npx, ['electron-vite', 'build', '--outDir', dir, '--logLevel', 'error'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status === 0 && existsSync(join(dir, 'renderer', 'index.html'))) return { dir };
  rmSync(dir, { recursive: true, force: true });
  return { failed: (build.stderr || build.error?.message || `exit ${build.status}`).trim().split('\n').at(-1)!.slice(0, 300) };
}

async function firstFrame(runs: number, rendererDir: string): Promise<BenchResult> {
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
    const peer = existsSync(CYTOSCAPE) ? await cytoscapeAloneMs(page, nodes, edges, samples.length) : [];
    return {
      name: 'graph.first-frame',
      description: `Opening the Graph screen on a ${nodes.length}-node / ${edges.length}-edge library until its first layout is drawn in Chromium (positions kept after the first run)`,
      medianMs: median(samples),
      runs: samples.length,
      ...(peer.length > 0 ? { against: ratioAgainst({ medianMs: median(samples), runs: samples.length }, 'Cytoscape alone drawing every node and edge at given places on a blank page', { medianMs: median(peer), runs: peer.length }) } : {}),
      figures: { nodes: nodes.length, edges: edges.length, firstOpenMs: samples[0]! },
      target: '≤ 3000 ms',
    };
  } finally {
    await browser.close();
    await host.close();
    await services.close();
  }
}
