/**
 * The Graph screen in the window: the page fits it without scrolling, labels read at the fitted zoom, a chosen
 * node is brought into view at a readable zoom, and on a narrow window its panel lies over the graph.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { storedGraph, storedPositions } from './support/stored-graph';
import { importFiles, importSamples, nav, openApp } from './support/app';

/** A biology note written for these tests (e2e/fixtures/biology), sharing concepts with the samples. */
const biologyNote = (name: string) => ({ name, mimeType: 'text/markdown', buffer: readFileSync(join(process.cwd(), 'e2e', 'fixtures', 'biology', name)) });


/** What the canvas reports of its camera and labels (see reportView and reportLabels in cytoscape-graph.ts). */
async function canvasState(page: Page) {
  return page.getByTestId('graph-canvas').evaluate((el: HTMLElement) => {
    const numbers = (value: string | undefined) => (value ? value.split(/[,/]/).map(Number) : null);
    return {
      width: el.clientWidth,
      height: el.clientHeight,
      zoom: Number(el.dataset['zoom']),
      cover: Number(el.dataset['cover'] ?? 0),
      selectedAt: numbers(el.dataset['selectedAt']),
      neighboursInView: numbers(el.dataset['neighboursInView']),
      labels: Number(el.dataset['labels']),
      labelledDocuments: Number(el.dataset['labelledDocuments']),
      labelPx: el.dataset['labelPx'] === undefined ? null : Number(el.dataset['labelPx']),
    };
  });
}

/** Waits until the camera stops moving (a glide lasts a quarter of a second), then says where it is. */
/** The canvas's state once it has stayed the same for three looks 150 ms apart (a glide to a node takes longer to start under load than one look). */
async function settled(page: Page) {
  let last = '';
  let stillFor = 0;
  await expect
    .poll(async () => {
      const now = JSON.stringify(await canvasState(page));
      stillFor = now === last ? stillFor + 1 : 0;
      last = now;
      return stillFor >= 2;
    }, { intervals: [150] })
    .toBe(true);
  return canvasState(page);
}

async function openGraph(page: Page): Promise<void> {
  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas')).not.toHaveAttribute('data-drawn', '0', { timeout: 15_000 });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 900, height: 700 },
]) {
  test(`at ${viewport.width}×${viewport.height} the Graph page fits the window: nothing scrolls, and the line under the graph is in view`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openApp(page);
    await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
    await openGraph(page);
    // Nothing studied is weak: the line under the graph says so, where "Show more" would be.
    await page.getByRole('checkbox', { name: 'Weak' }).check();
    const line = page.getByText('No concepts match these filters.');
    await expect(line).toBeVisible();
    const fits = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return { page: document.scrollingElement!.scrollHeight <= innerHeight, main: main.scrollHeight <= main.clientHeight };
    });
    expect(fits).toEqual({ page: true, main: true });
    expect((await line.boundingBox())!.y + (await line.boundingBox())!.height).toBeLessThanOrEqual(viewport.height);
    expect((await page.getByLabel('Legend').boundingBox())!.y).toBeLessThan(viewport.height);
    // The graph takes the height the rest leaves: more than a third of the window.
    expect((await canvasState(page)).height).toBeGreaterThan(viewport.height / 3);
  });
}

test.describe('at 1280×720 with eight notes', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the fitted graph names its documents at a readable size, and labels keep their size on screen as the zoom changes', async ({ page }) => {
    test.setTimeout(90_000);
    await openApp(page);
    await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
    await importFiles(page, ...['cellular-respiration.md', 'dna-and-genes.md', 'enzymes.md', 'mitosis.md', 'membranes.md', 'immune-system.md'].map(biologyNote));
    await openGraph(page);
    const fitted = await settled(page);
    // Some 140 nodes fitted into the canvas: zoomed well out, where labels of a fixed size in graph units were ~4 px.
    expect(fitted.zoom).toBeLessThan(0.6);
    expect(fitted.labelPx).toBeGreaterThanOrEqual(10);
    expect(fitted.labelledDocuments).toBeGreaterThanOrEqual(6);
    expect(fitted.labels).toBeGreaterThan(fitted.labelledDocuments);

    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = await settled(page);
    expect(zoomed.zoom).toBeGreaterThan(fitted.zoom * 1.9);
    expect(zoomed.labelPx).toBeGreaterThanOrEqual(10);
    expect(Math.abs(zoomed.labelPx! - fitted.labelPx!)).toBeLessThan(3);
    // Past the zoom that names every node, the concepts whose labels have room are named too.
    expect(zoomed.labels).toBeGreaterThan(fitted.labels);
  });
});

test.describe('on a narrow window', () => {
  test.use({ viewport: { width: 900, height: 700 } });

  test('a node’s panel lies over the graph, which keeps its width; the node and its neighbours come into the part left free, zoomed in', async ({ page }) => {
    await openApp(page);
    await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
    await openGraph(page);
    const before = await settled(page);
    // A concept with a few neighbours lying close together where the layout put them, so that all of them can be
    // held at a readable zoom (the layout differs from run to run; a spread-out neighbourhood is centred on its node).
    const graph = await storedGraph(page);
    const positions = await expect.poll(() => storedPositions(page)).not.toEqual({}).then(() => storedPositions(page));
    const around = new Map<string, string[]>();
    for (const { source, target } of Object.values(graph.edges)) {
      around.set(source, [...(around.get(source) ?? []), target]);
      around.set(target, [...(around.get(target) ?? []), source]);
    }
    const spread = (id: string) => {
      const points = [id, ...(around.get(id) ?? [])].flatMap((n) => (positions[n] ? [positions[n]] : []));
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    };
    const concept = Object.values(graph.nodes)
      .filter((node) => node.kind === 'concept' && /^[a-z]+( [a-z]+)?$/i.test(node.label) && positions[node.id] && (around.get(node.id)?.length ?? 0) >= 2)
      .sort((a, b) => spread(a.id) - spread(b.id))[0]!;

    const search = page.getByRole('combobox', { name: 'Search the graph' });
    await search.fill(concept.label);
    await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: new RegExp(`^${concept.label} concept`) }).first().click();
    const panel = page.getByTestId('graph-panel');
    await expect(panel.getByRole('heading', { name: concept.label })).toBeVisible();
    // The glide to the node has begun (it may start a moment after the panel shows), then it ends.
    await expect.poll(async () => (await canvasState(page)).zoom, { timeout: 10_000 }).toBeGreaterThan(before.zoom * 1.4);

    const chosen = await settled(page);
    expect(chosen.width).toBeGreaterThanOrEqual(before.width * 0.8);
    const panelBox = (await panel.boundingBox())!;
    const canvasBox = (await page.getByTestId('graph-canvas').boundingBox())!;
    expect(chosen.cover).toBeGreaterThanOrEqual(canvasBox.x + canvasBox.width - panelBox.x);
    // The node lies in the part of the canvas the panel leaves free, with its neighbours, zoomed in from the fitted view.
    const [x, y] = chosen.selectedAt!;
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThan(chosen.width - chosen.cover);
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(chosen.height);
    const [inView, all] = chosen.neighboursInView!;
    expect(all).toBeGreaterThan(0);
    expect(inView).toBe(all);
    expect(chosen.zoom).toBeGreaterThan(before.zoom * 1.4);
    expect(chosen.labelPx ?? 12).toBeGreaterThanOrEqual(10);

    // Closing the panel keeps where the person is looking.
    await panel.getByRole('button', { name: 'Close (Escape)' }).click();
    await expect(panel).toHaveCount(0);
    const closed = await settled(page);
    expect(closed.width).toBe(before.width);
    expect(closed.zoom).toBeCloseTo(chosen.zoom, 3);
  });

  test('Enter on a node the arrow keys marked opens it over the graph, in view at a readable zoom', async ({ page }) => {
    await openApp(page);
    await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
    await openGraph(page);
    const before = await settled(page);
    const canvas = page.getByTestId('graph-canvas');
    await canvas.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('graph-panel')).toBeVisible();
    const chosen = await settled(page);
    expect(chosen.width).toBe(before.width);
    expect(chosen.cover).toBeGreaterThan(0);
    expect(chosen.selectedAt![0]).toBeLessThan(chosen.width - chosen.cover);
    expect(chosen.zoom).toBeGreaterThan(before.zoom);
  });
});

test('a document filter that leaves the open node out closes its panel, and the filter lists documents by name', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'photosynthesis.md', 'cell-biology.md');
  await openGraph(page);
  const graph = await storedGraph(page);
  const documents = Object.values(graph.nodes).filter((node) => node.kind === 'document');
  const [first, second] = documents;
  const onlyFirst = Object.values(graph.nodes).find(
    (node) => node.kind === 'concept' && node.documents.length === 1 && `document:${node.documents[0]}` === first!.id && /^[a-z]+( [a-z]+)?$/i.test(node.label),
  )!;

  const filter = page.getByRole('combobox', { name: 'Filter by document' });
  const names = (await filter.getByRole('option').allInnerTexts()).slice(1);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(names).toHaveLength(2);

  await page.getByRole('combobox', { name: 'Search the graph' }).fill(onlyFirst.label);
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: new RegExp(`^${onlyFirst.label} concept`) }).first().click();
  const panel = page.getByTestId('graph-panel');
  await expect(panel.getByRole('heading', { name: onlyFirst.label })).toBeVisible();
  // Its own document keeps it drawn, and the panel open; the other document's leaves it out, and the panel closes.
  await filter.selectOption({ label: first!.label });
  await expect(panel).toBeVisible();
  await filter.selectOption({ label: second!.label });
  await expect(panel).toHaveCount(0);
});
