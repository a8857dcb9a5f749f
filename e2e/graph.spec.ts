/** The knowledge graph through the real app: two related notes, shared concepts, an inferred link, the side panel. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { storedGraph } from './support/stored-graph';
import { storedRows } from './support/stored-rows';
import { importFiles, importSamples, nav, openApp, sample } from './support/app';


test('two related notes share concepts and get an inferred link; a node’s panel leads to the source', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');

  await nav(page, 'Graph').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas.locator('canvas').first()).toBeVisible({ timeout: 15_000 });
  const graph = await storedGraph(page);
  const concepts = Object.values(graph.nodes).filter((node) => node.kind === 'concept');
  const shared = concepts.filter((node) => node.documents.length >= 2);
  expect(shared.length).toBeGreaterThan(0);
  expect(Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(10);
  expect(Number(await canvas.getAttribute('data-inferred'))).toBeGreaterThan(0);
  await expect(page.getByLabel('Legend')).toContainText('Inferred link');
  // The inferred links can be taken out, every node staying, and brought back.
  const edges = Number(await canvas.getAttribute('data-edges'));
  const inferred = Number(await canvas.getAttribute('data-inferred'));
  const nodes = Number(await canvas.getAttribute('data-nodes'));
  await page.getByRole('checkbox', { name: 'Inferred links' }).uncheck();
  await expect(canvas).toHaveAttribute('data-inferred', '0');
  await expect(canvas).toHaveAttribute('data-edges', String(edges - inferred));
  await expect(canvas).toHaveAttribute('data-nodes', String(nodes));
  await page.getByRole('checkbox', { name: 'Inferred links' }).check();
  await expect(canvas).toHaveAttribute('data-inferred', String(inferred));

  // Search with autocomplete, then the side panel of a concept both notes share.
  const concept = shared[0]!;
  await page.getByRole('combobox', { name: 'Search the graph' }).fill(concept.label.slice(0, Math.max(3, concept.label.length - 2)));
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: new RegExp(concept.label) }).first().click();
  const panel = page.getByTestId('graph-panel');
  await expect(panel.getByRole('heading', { name: concept.label })).toBeVisible();
  const sentences = panel.getByTestId('panel-sentence');
  await expect(sentences.first()).toBeVisible();
  expect(await sentences.count()).toBeGreaterThanOrEqual(2);

  // Its sentences can join the graph as nodes around it.
  const before = Number(await canvas.getAttribute('data-nodes'));
  await panel.getByRole('button', { name: 'Sentences in graph' }).click();
  await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(before);
  await panel.getByRole('button', { name: 'Hide sentences' }).click();

  // Focus on its neighbourhood, then open a sentence's source in the reader.
  await panel.getByRole('button', { name: 'Neighbours' }).click();
  await expect(page.getByText(/Showing the neighbours of/)).toBeVisible();
  const text = (await sentences.first().locator('p').innerText()).trim();
  await sentences.first().getByRole('link', { name: 'Show source' }).click();
  await expect(page.locator('.sentence.target')).toHaveText(text);
});

test('"Study this" starts a review limited to the cards around a node, and the graph exports', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible({ timeout: 15_000 });

  await page.getByRole('combobox', { name: 'Search the graph' }).fill('Photosynthesis');
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option').first().click();
  await page.getByTestId('graph-panel').getByRole('button', { name: 'Study this' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  // Limited to the cards around the node, and still after a reload.
  const remaining = async () => (await page.getByTestId('remaining').locator('span').allInnerTexts()).reduce((sum, n) => sum + Number(n), 0);
  const limited = await remaining();
  expect(limited).toBeLessThan((await storedRows<{ id: string }>(page, 'cards')).length);
  await page.reload();
  await expect(page.getByTestId('review-card')).toBeVisible();
  expect(await remaining()).toBe(limited);

  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible({ timeout: 15_000 });
  const exportMenu = page.getByText('Export', { exact: true });
  await exportMenu.click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'GraphML (whole graph)' }).click();
  expect((await download).suggestedFilename()).toBe('focal-graph.graphml');
  // The menu closes once a format is chosen, and on Escape.
  await expect(page.getByRole('button', { name: 'JSON (whole graph)' })).toBeHidden();
  await exportMenu.click();
  await expect(page.getByRole('button', { name: 'JSON (whole graph)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'JSON (whole graph)' })).toBeHidden();
  // The JSON file holds every node of the graph, not only those drawn: here a document filter draws one note's.
  const total = Object.keys((await storedGraph(page)).nodes).length;
  const canvas = page.getByTestId('graph-canvas');
  await page.getByRole('combobox', { name: 'Filter by document' }).selectOption({ label: 'Photosynthesis' });
  await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeLessThan(total);
  await exportMenu.click();
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'JSON (whole graph)' }).click();
  const exported = JSON.parse(readFileSync((await (await json).path())!, 'utf8')) as { graph: { nodes: Record<string, unknown> } };
  expect(Object.keys(exported.graph.nodes)).toHaveLength(total);

  // A concept found by search that the filter leaves out is drawn once chosen: the filter gives way.
  const nodes = Object.values((await storedGraph(page)).nodes);
  const photosynthesis = nodes.find((node) => node.kind === 'document' && node.label === 'Photosynthesis')!.id.replace(/^document:/, '');
  const hidden = nodes.find((node) => node.kind === 'concept' && !node.documents.includes(photosynthesis));
  expect(hidden).toBeDefined();
  const search = page.getByRole('combobox', { name: 'Search the graph' });
  await search.fill(hidden!.label);
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: new RegExp(`^${hidden!.label}`) }).first().click();
  await expect(page.getByTestId('graph-panel').getByRole('heading', { name: hidden!.label })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Filter by document' })).toHaveValue('');
  // The matches close when the focus leaves the search box.
  await search.fill(hidden!.label.slice(0, 3));
  await expect(page.getByRole('listbox', { name: 'Matches' })).toBeVisible();
  await search.press('Tab');
  await expect(page.getByRole('listbox', { name: 'Matches' })).toHaveCount(0);
});

test('search says when nothing matches, Escape clears it and closes the side panel, and documents sharing a title are told apart', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  // The same note again under another file name and changed, so that it is a second document with the same title.
  const copy = readFileSync(join(process.cwd(), 'resources', 'samples', 'cell-biology.md'), 'utf8') + '\nA second copy of these notes, kept in another folder.\n';
  await importFiles(page, { name: 'cells-copy.md', mimeType: 'text/markdown', buffer: Buffer.from(copy) });
  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible({ timeout: 15_000 });

  const documents = page.getByRole('combobox', { name: 'Filter by document' });
  await expect(documents.getByRole('option', { name: 'Cell biology — cell-biology.md' })).toHaveCount(1);
  await expect(documents.getByRole('option', { name: 'Cell biology — cells-copy.md' })).toHaveCount(1);

  const search = page.getByRole('combobox', { name: 'Search the graph' });
  await search.fill('zzzqqq');
  await expect(page.getByRole('status').filter({ hasText: 'No concept or document matches “zzzqqq”' })).toBeVisible();
  await search.press('Escape');
  await expect(search).toHaveValue('');

  await search.fill('Cell biology');
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: /Cell biology — cells-copy\.md/ }).click();
  const panel = page.getByTestId('graph-panel');
  await expect(panel).toContainText('cells-copy.md');
  await page.getByRole('heading', { level: 1, name: 'Graph' }).click();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  // The arrow keys move through the matches while focus stays in the search box; Enter opens the one they are on.
  await search.fill('Cell biology');
  const options = page.getByRole('listbox', { name: 'Matches' }).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', 'graph-hit-1');
  const second = (await options.nth(1).innerText()).replace(/\s+(concept|document)$/, '');
  await search.press('Enter');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(second.split(' — ')[0]!);
  // Escape in the search box (emptied by the choice) closes the panel; with a query, it clears the query first.
  await search.fill('cell');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(panel).toBeVisible();
  await search.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('a concept’s panel names the other documents that use its words, though they were not among their key concepts', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas').locator('canvas').first()).toBeVisible({ timeout: 15_000 });
  const graph = await storedGraph(page);
  const documents = Object.values(graph.nodes).filter((node) => node.kind === 'document');
  // The texts as stored (a wikilink's shown words stand for it), by document id.
  const texts = new Map((await storedRows<{ documentId: string; text: string }>(page, 'documentTexts')).map((row) => [row.documentId, row.text.toLowerCase()]));
  // A one-word concept of one note whose word the other note uses as it is.
  const found = Object.values(graph.nodes)
    .filter((node) => node.kind === 'concept' && node.documents.length === 1 && /^[a-z]{4,}$/i.test(node.label))
    .flatMap((node) => {
      const other = documents.find((d) => d.id !== `document:${node.documents[0]}`)!;
      return new RegExp(`\\b${node.label.toLowerCase()}\\b`).test(texts.get(other.documents[0]!)!) ? [{ concept: node, other }] : [];
    });
  expect(found.length, 'concepts of one note that the other note mentions').toBeGreaterThan(0);
  const { concept, other } = found[0]!;

  await page.getByRole('combobox', { name: 'Search the graph' }).fill(concept.label);
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: new RegExp(`^${concept.label} concept`) }).first().click();
  const panel = page.getByTestId('graph-panel');
  await expect(panel.getByRole('heading', { name: 'Also mentioned in' })).toBeVisible();
  const link = panel.getByTestId('mentioned-elsewhere').getByRole('link', { name: other.label });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: other.label })).toBeVisible();
  // The link opens the document at the first sentence that uses the word.
  await expect(page.locator('.sentence.target')).toContainText(new RegExp(`\\b${concept.label}`, 'i'));
});

test('the line under the graph counts what the filters allow, says when nothing matches, and closing the panel takes its sentences away', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  await nav(page, 'Graph').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).not.toHaveAttribute('data-drawn', '0', { timeout: 15_000 });
  const all = Number(await canvas.getAttribute('data-nodes'));
  const showMore = page.getByRole('button', { name: 'Show more' });

  // One document's nodes are all drawn: nothing is hidden, though the whole graph is bigger.
  const documents = page.getByRole('combobox', { name: 'Filter by document' });
  await documents.selectOption({ index: 1 });
  await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeLessThan(all);
  await expect(showMore).toHaveCount(0);
  await expect(page.getByText(/most important of/)).toHaveCount(0);
  await documents.selectOption({ index: 0 });

  // Nothing is studied yet, so nothing is weak.
  const weak = page.getByRole('checkbox', { name: 'Weak' });
  await weak.check();
  await expect(canvas).toHaveAttribute('data-nodes', '0');
  await expect(page.getByText('No concepts match these filters.')).toBeVisible();
  await expect(showMore).toHaveCount(0);
  await weak.uncheck();
  await expect(canvas).toHaveAttribute('data-nodes', String(all));

  // Sentences drawn from a panel go when it closes, by × or by Escape.
  const panel = page.getByTestId('graph-panel');
  const search = page.getByRole('combobox', { name: 'Search the graph' });
  for (const close of ['button', 'Escape'] as const) {
    await search.fill('cell');
    await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: / concept$/ }).first().click();
    await panel.getByRole('button', { name: 'Sentences in graph' }).click();
    await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(all);
    if (close === 'button') await panel.getByRole('button', { name: 'Close (Escape)' }).click();
    else await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(canvas).toHaveAttribute('data-nodes', String(all));
  }

  // A neighbourhood the filters empty says so on the canvas, which would otherwise be blank.
  await search.fill('cell');
  await page.getByRole('listbox', { name: 'Matches' }).getByRole('option', { name: / concept$/ }).first().click();
  await panel.getByRole('button', { name: 'Neighbours' }).click();
  await expect(page.getByText(/Showing the neighbours of/)).toBeVisible();
  await weak.check();
  await expect(canvas).toHaveAttribute('data-nodes', '0');
  await expect(page.getByTestId('graph-empty-view')).toHaveText('Nothing around this node matches these filters.');
  await weak.uncheck();
  await expect(page.getByTestId('graph-empty-view')).toHaveCount(0);
});

test('on the canvas the arrow keys mark a node without opening it, and Enter opens the marked one', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  await nav(page, 'Graph').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).not.toHaveAttribute('data-drawn', '0', { timeout: 15_000 });
  await expect(canvas).toHaveAttribute('aria-label', /arrow keys move between nodes \(with one open, between it and its neighbours\), Enter opens the marked one/);
  const panel = page.getByTestId('graph-panel');
  const cursor = page.getByTestId('graph-cursor');

  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cursor).toContainText('Enter opens it');
  await page.keyboard.press('ArrowRight');
  await expect(panel).toHaveCount(0);
  const markedName = async () => (await cursor.innerText()).replace(/, (concept|document|sentence)\. Enter opens it\.$/, '').split(' — ')[0]!;
  const marked = await markedName();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(marked);
  // With it open, the arrows step to its neighbours: Enter opens the next one, and the walk goes on from there.
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cursor).toContainText('Enter opens it');
  const neighbour = await markedName();
  expect(neighbour).not.toBe(marked);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText(neighbour);
  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('a concept whose card was just answered Again is weak, not strong', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  await nav(page, 'Today').click();
  // Space starts the review once Today has counted the cards.
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByTestId('remaining').locator('.learning')).toHaveText('1');

  await nav(page, 'Graph').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).not.toHaveAttribute('data-drawn', '0', { timeout: 15_000 });
  const strong = page.getByRole('checkbox', { name: 'Strong' });
  await strong.check();
  await expect(page.getByText('No concepts match these filters.')).toBeVisible();
  await strong.uncheck();
  await page.getByRole('checkbox', { name: 'Weak' }).check();
  await expect.poll(async () => Number(await canvas.getAttribute('data-nodes'))).toBeGreaterThan(0);
  await expect(page.getByText('No concepts match these filters.')).toHaveCount(0);
  await expect(page.getByLabel('Legend')).toContainText('chance of recall in a month');
});

/** A biology note written for these tests (e2e/fixtures/biology), sharing concepts with the samples. */
const biologyNote = (name: string) => ({ name, mimeType: 'text/markdown', buffer: readFileSync(join(process.cwd(), 'e2e', 'fixtures', 'biology', name)) });

type NodeBodies = Record<string, [number, number, number, number]>;

/** Opens the Graph screen and reads where its nodes' bodies were drawn (see reportLayout in cytoscape-graph.ts). */
async function drawnBodies(page: Page): Promise<NodeBodies> {
  await nav(page, 'Graph').click();
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).not.toHaveAttribute('data-drawn', '0', { timeout: 15_000 });
  return JSON.parse((await canvas.getAttribute('data-layout'))!) as NodeBodies;
}

/** The pairs of nodes whose bodies overlap. */
function overlapping(bodies: NodeBodies): string[] {
  const entries = Object.entries(bodies);
  return entries.flatMap(([a, [ax1, ay1, ax2, ay2]], i) =>
    entries.slice(i + 1).flatMap(([b, [bx1, by1, bx2, by2]]) => (ax1 < bx2 && bx1 < ax2 && ay1 < by2 && by1 < ay2 ? [`${a} on ${b}`] : [])),
  );
}

/** How far the nodes drawn in both layouts moved, as the median over them, in parts of the later layout's width or height (the larger). */
function medianMove(before: NodeBodies, after: NodeBodies): number {
  const middle = ([x1, y1, x2, y2]: number[]) => [(x1! + x2!) / 2, (y1! + y2!) / 2] as const;
  const moves = Object.keys(before)
    .filter((id) => after[id])
    .map((id) => Math.hypot(middle(after[id]!)[0] - middle(before[id]!)[0], middle(after[id]!)[1] - middle(before[id]!)[1]))
    .sort((a, b) => a - b);
  const boxes = Object.values(after);
  const extent = Math.max(
    Math.max(...boxes.map((b) => b[2])) - Math.min(...boxes.map((b) => b[0])),
    Math.max(...boxes.map((b) => b[3])) - Math.min(...boxes.map((b) => b[1])),
  );
  return moves[Math.floor(moves.length / 2)]! / extent;
}

test('notes imported later get room of their own: no node is drawn on another, and the nodes already there move little', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  const first = await drawnBodies(page);
  expect(overlapping(first)).toEqual([]);

  // Two more notes bring about twice as many nodes again, many of them linked to the first note's.
  await importFiles(page, sample('photosynthesis.md'), biologyNote('cellular-respiration.md'));
  const second = await drawnBodies(page);
  expect(Object.keys(second).length).toBeGreaterThan(2 * Object.keys(first).length);
  expect(overlapping(second)).toEqual([]);
  expect(medianMove(first, second)).toBeLessThan(0.2);

  // Deleted and imported again, a note's nodes find room again.
  await nav(page, 'Library').click();
  await page.getByRole('button', { name: 'Delete Photosynthesis' }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(2);
  await importSamples(page, 'photosynthesis.md');
  expect(overlapping(await drawnBodies(page))).toEqual([]);

  // Five more notes: some 140 nodes, none drawn on another, and so does a neighbourhood.
  await importFiles(page, ...['dna-and-genes.md', 'enzymes.md', 'mitosis.md', 'membranes.md', 'immune-system.md'].map(biologyNote));
  const third = await drawnBodies(page);
  expect(Object.keys(third).length).toBeGreaterThan(100);
  expect(overlapping(third)).toEqual([]);
  expect(medianMove(second, third)).toBeLessThan(0.25);
  const canvas = page.getByTestId('graph-canvas');
  test.info().annotations.push({ type: 'layout', description: `${Object.keys(third).length} nodes placed in ${await canvas.getAttribute('data-layout-ms')} ms` });

  const search = page.getByRole('combobox', { name: 'Search the graph' });
  await search.fill('cell');
  await search.press('Enter');
  await page.getByTestId('graph-panel').getByRole('button', { name: 'Neighbours' }).click();
  await expect(page.getByText(/Showing the neighbours of/)).toBeVisible();
  await expect.poll(async () => Object.keys(JSON.parse((await canvas.getAttribute('data-layout'))!) as NodeBodies).length).toBeLessThan(Object.keys(third).length);
  expect(overlapping(JSON.parse((await canvas.getAttribute('data-layout'))!) as NodeBodies)).toEqual([]);
});

test('an import that ends while the graph is open shows its notes there, and one of many notes leaves the next opening nothing to wait for', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await nav(page, 'Library').click();
  // Forty short notes on topics of their own: enough to be taken in in the background (BACKGROUND_CATCH_UP_MIN).
  const topics = ['glaciers', 'volcanoes', 'tides', 'comets', 'deserts', 'rivers', 'corals', 'storms'];
  const notes = Array.from({ length: 40 }, (_, i) => {
    const topic = topics[i % topics.length]!;
    return {
      name: `note-${i + 1}.md`,
      mimeType: 'text/markdown',
      buffer: Buffer.from(`# Note ${i + 1} on ${topic}\n\nThe study of ${topic} number ${i + 1} explains how ${topic} change over time. Scientists measure ${topic} with satellites and field surveys.\n`),
    };
  });
  await page.getByTestId('file-input').setInputFiles(notes);
  // The graph is opened while the notes are still being imported: it shows those stored so far.
  await nav(page, 'Graph').click();
  const documents = page.getByRole('combobox', { name: 'Filter by document' }).getByRole('option');
  await expect(documents.first()).toBeAttached({ timeout: 30_000 });
  // Once the import is over the graph takes in the rest without being opened again, and the screen draws them.
  await expect(documents).toHaveCount(41, { timeout: 60_000 });
  await expect(page.getByTestId('graph-canvas')).not.toHaveAttribute('data-drawn', '0');

  // Opened again, nothing is left to put in: no progress line.
  await nav(page, 'Today').click();
  await nav(page, 'Graph').click();
  await expect(page.getByTestId('graph-canvas')).not.toHaveAttribute('data-drawn', '0', { timeout: 30_000 });
  await expect(page.getByTestId('graph-catching-up')).toHaveCount(0);
  expect(Object.values((await storedGraph(page)).nodes).filter((node) => node.kind === 'document')).toHaveLength(40);
});

test('Focal open in two tabs: a note imported in one shows in the other’s Today, graph, cards and library, without reloading it', async ({ page, context }) => {
  await openApp(page);
  const other = await context.newPage();
  await openApp(other);
  await importSamples(page, 'photosynthesis.md');
  // Its cards are due in the other tab's Today.
  await expect(other.getByTestId('new-count')).not.toHaveText(/^0/, { timeout: 30_000 });
  await nav(other, 'Graph').click();
  const documents = other.getByRole('combobox', { name: 'Filter by document' }).getByRole('option');
  await importSamples(page, 'cell-biology.md');
  // "All documents" and the two notes.
  await expect(documents).toHaveCount(3, { timeout: 30_000 });
  await expect(other.getByTestId('graph-canvas')).not.toHaveAttribute('data-drawn', '0');
  // Its card list takes in the cards of a note imported while it is open.
  await nav(other, 'Cards').click();
  const found = other.getByTestId('cards-found');
  await expect(found).toHaveText(/\d+ cards?/);
  const counted = async () => Number((await found.textContent())!.replace(/[^\d]/g, ''));
  const before = await counted();
  await importFiles(page, { name: 'glaciers.md', mimeType: 'text/markdown', buffer: Buffer.from('# Glaciers\n\nGlaciers carve valleys as they move downhill under their own weight. Meltwater from glaciers feeds rivers through the summer.\n') });
  await expect.poll(counted, { timeout: 30_000 }).toBeGreaterThan(before);
  // Its Library lists them too; and a delete there reaches the first tab's list.
  await nav(other, 'Library').click();
  await expect(other.getByTestId('document-row')).toHaveCount(3);
  await other.getByTestId('document-row').first().getByRole('button', { name: /^Delete/ }).click();
  await expect(other.getByTestId('document-row')).toHaveCount(2);
  await expect(page.getByTestId('document-row')).toHaveCount(2);
});
