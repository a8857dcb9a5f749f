/** The Cards screen through the real app: searching every card, acting on a selection, undo, and the way to a card's source. */
import { expect, test } from '@playwright/test';
import { answerOneCardFromToday, importSamples, nav, openApp } from './support/app';
import { changeStoredRow, storedRows } from './support/stored-rows';

interface StoredCard {
  id: string;
  documentId: string;
  sentenceId: string;
  prompt: string;
  answer: string;
  sentence: string;
  suspended: boolean;
}

test('the card browser finds cards across documents, suspends and deletes a selection with undo, and opens a card’s source', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  const stored = await storedRows<StoredCard>(page, 'cards');
  const total = stored.length;
  expect(total).toBeGreaterThan(4);

  // Ctrl+3 opens the Cards screen, with every card of both notes.
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  const cards = page.getByTestId('browser-card');
  await expect(cards).toHaveCount(total);
  await expect(page.getByTestId('cards-found')).toHaveText(`${total} cards`);

  // "/" goes to the search; a word narrows the list to the cards that hold it (or whose document's title does).
  const titles = new Map((await storedRows<{ id: string; title: string }>(page, 'documents')).map((row) => [row.id, row.title]));
  const word = 'light';
  const matching = stored.filter((card) => [card.prompt, card.answer, card.sentence, titles.get(card.documentId) ?? ''].some((text) => text.toLowerCase().includes(word)));
  expect(matching.length).toBeGreaterThan(0);
  expect(matching.length).toBeLessThan(total);
  await page.locator('main').focus();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toBeFocused();
  await page.keyboard.type(word.toUpperCase());
  await expect(cards).toHaveCount(matching.length);
  await expect(page.getByTestId('cards-found')).toHaveText(`${matching.length} of ${total} cards`);

  // Select them all and suspend them: stored as suspended, listed under "Suspended", the others untouched.
  await page.getByLabel('Select all').check();
  await expect(page.getByText(`${matching.length} selected`)).toBeVisible();
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Unsuspend', exact: true })).toBeVisible();
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).filter((card) => card.suspended).map((card) => card.id).sort()).toEqual(matching.map((card) => card.id).sort());
  // An address names the state to list: #/cards/suspended.
  await page.evaluate(() => (location.hash = '#/cards/suspended'));
  await expect(page.getByLabel('Show')).toHaveValue('suspended');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill('');
  await expect(cards).toHaveCount(matching.length);
  // A new search starts with nothing selected.
  await expect(page.getByRole('button', { name: 'Unsuspend', exact: true })).toHaveCount(0);
  await page.getByLabel('Select all').check();
  await page.getByRole('button', { name: 'Unsuspend', exact: true }).click();
  await expect(page.getByTestId('cards-none')).toBeVisible();
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).filter((card) => card.suspended)).toEqual([]);

  // Outside the search, Ctrl+A selects every card listed and Escape lets go of them.
  await page.getByLabel('Show').selectOption('all');
  await expect(cards).toHaveCount(total);
  await expect(page).toHaveURL(/#\/cards$/);
  await page.locator('main').focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByText(`${total} selected`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Select all')).toBeVisible();

  // Delete two cards, then undo: both come back.
  await cards.nth(0).getByRole('checkbox').check();
  await cards.nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('cards-undo')).toContainText('Deleted 2 cards.');
  await expect(cards).toHaveCount(total - 2);
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).length).toBe(total - 2);
  await page.getByTestId('cards-undo').getByRole('button', { name: 'Undo' }).click();
  await expect(cards).toHaveCount(total);
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).length).toBe(total);

  // A card's document link opens the reader at its sentence; back, the list is as it was left.
  await page.getByLabel('Sort').selectOption('added');
  await page.getByRole('searchbox', { name: 'Search cards' }).fill(word);
  await expect(cards).toHaveCount(matching.length);
  const link = cards.nth(0).getByRole('link');
  const sentenceId = decodeURIComponent((await link.getAttribute('href'))!.split('/').at(-1)!);
  await link.click();
  await expect(page.locator('.sentence.target')).toBeVisible();
  await expect(page.locator('.sentence.target')).toHaveAttribute('data-sentence-id', sentenceId);
  expect(stored.some((card) => card.sentenceId === sentenceId)).toBe(true);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveValue(word);
  await expect(page.getByLabel('Sort')).toHaveValue('added');
  await expect(cards).toHaveCount(matching.length);
});

test('from the keyboard: suspending keeps the focus in the list, and deleting every card still offers the undo, by Ctrl+Z too', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  const total = (await storedRows<StoredCard>(page, 'cards')).length;
  await page.keyboard.press('Control+3');
  const cards = page.getByTestId('browser-card');
  await expect(cards).toHaveCount(total);
  await page.locator('main').focus();
  await page.keyboard.press('Control+a');
  // Suspend gives way to Unsuspend: the focus goes to the Undo it offers, not to the page.
  await page.getByRole('button', { name: 'Suspend', exact: true }).press('Enter');
  await expect(page.getByRole('button', { name: 'Unsuspend', exact: true })).toBeVisible();
  await expect(page.getByTestId('cards-change-undo').getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.getByRole('button', { name: 'Unsuspend', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Suspend', exact: true })).toBeVisible();

  // Ctrl+Delete deletes the selection; with every card gone the screen says so, and still offers the undo.
  await page.locator('main').focus();
  await page.keyboard.press('Control+Delete');
  await expect(page.getByRole('heading', { name: 'No cards yet' })).toBeVisible();
  await expect(page.getByTestId('cards-undo')).toContainText(`Deleted ${total} cards.`);
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).length).toBe(0);
  await page.keyboard.press('Control+z');
  await expect(cards).toHaveCount(total);
  await expect(page.getByTestId('cards-undo')).toHaveCount(0);
  expect((await storedRows<StoredCard>(page, 'cards')).length).toBe(total);
});

test('Unbury empties the Buried list and the focus goes to its Undo, not the page', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('-');
  await expect(page.getByRole('status')).toContainText('Buried');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+3');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('buried');
  await expect(page.getByTestId('browser-card')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: 'Unbury', exact: true }).press('Enter');
  await expect(page.getByTestId('cards-none')).toContainText('No card matches.');
  await expect(page.getByTestId('cards-change-undo').getByRole('button', { name: 'Undo' })).toBeFocused();
  // Ctrl+Z buries it again.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('browser-card')).toHaveCount(1);
});

test('a leech says so in the list, and the Leeches filter says why it lists none when leeches are off', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  const [leech] = await storedRows<StoredCard>(page, 'cards');
  // Eight lapses take weeks of reviews: the card is given them.
  await changeStoredRow(page, 'cards', leech!.id, { state: 'review', reps: 12, lapses: 8, due: Date.now() + 86_400_000 * 3 });
  await page.keyboard.press('Control+3');
  const row = page.getByTestId('browser-card').filter({ hasText: leech!.prompt });
  await expect(row.getByTestId('card-leech')).toHaveText('Leech');
  await expect(page.getByTestId('card-leech')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('leeches');
  await expect(page.getByTestId('browser-card')).toHaveCount(1);

  await nav(page, 'Settings').click();
  await page.getByLabel('Leech after (lapses)').fill('0');
  await page.getByLabel('Leech after (lapses)').press('Tab');
  await page.keyboard.press('Control+3');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('leeches');
  await expect(page.getByTestId('browser-card')).toHaveCount(0);
  await expect(page.getByTestId('cards-none')).toContainText('Settings → Review is 0, which turns leeches off');
  await page.getByRole('button', { name: 'Show all cards' }).click();
  await expect(page.getByTestId('card-leech')).toHaveCount(0);
});

test('Reset to new makes a studied card new again (Anki’s Forget), its history says so, and Ctrl+Z takes it back', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  const answered = await answerOneCardFromToday(page);
  const studied = (await storedRows<StoredCard & { state: string; due: number }>(page, 'cards')).find((card) => card.id === answered)!;
  await page.keyboard.press('Control+3');
  const row = page.getByTestId('browser-card').filter({ hasText: studied.prompt });
  await expect(row.locator('.status')).not.toHaveText('New');
  // Only studied cards can be reset: with every card selected, the button counts the one studied.
  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByRole('button', { name: 'Reset to new' }).click();
  await expect(page.getByTestId('cards-change-undo')).toContainText('Reset 1 card to new');
  await expect(row.locator('.status')).toHaveText('New');
  expect((await storedRows<StoredCard & { state: string }>(page, 'cards')).find((card) => card.id === answered)!.state).toBe('new');
  await row.getByRole('button', { name: /^Card info/ }).click();
  await expect(page.getByTestId('card-info').locator('tr.reset')).toHaveText(/Reset to new/);
  await page.getByTestId('card-info').getByRole('button', { name: 'Close' }).click();

  await page.locator('main').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('cards-change-undo')).toHaveCount(0);
  await expect(row.locator('.status')).not.toHaveText('New');
  const restored = (await storedRows<StoredCard & { state: string; due: number }>(page, 'cards')).find((card) => card.id === answered)!;
  expect({ state: restored.state, due: restored.due }).toEqual({ state: studied.state, due: studied.due });
  const log = await storedRows<{ cardId: string; kind: string; time: number }>(page, 'reviewLog');
  expect(log.filter((entry) => entry.cardId === answered).sort((a, b) => a.time - b.time).map((entry) => entry.kind)).toEqual(['review', 'reset', 'undo']);
});

test('a bulk suspend says what it did and Ctrl+Z takes it back; clearing the selection leaves the focus on its checkbox', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  const total = (await storedRows<StoredCard>(page, 'cards')).length;
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('browser-card')).toHaveCount(total);
  await page.getByTestId('browser-card').nth(0).getByRole('checkbox').check();
  await page.getByTestId('browser-card').nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(page.getByTestId('cards-change-undo')).toContainText('Suspended 2 cards.');
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).filter((card) => card.suspended).length).toBe(2);
  await page.locator('main').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('cards-change-undo')).toHaveCount(0);
  await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).filter((card) => card.suspended).length).toBe(0);

  // Escape, or Clear selection, takes the selection's buttons away: the focus goes to its checkbox.
  await page.getByRole('button', { name: 'Clear selection' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Select all' })).toBeFocused();
  await page.getByTestId('browser-card').nth(0).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: 'Select all' })).toBeFocused();
});

test('the Cards screen without cards points to the Library', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Cards').click();
  await expect(page.getByRole('heading', { name: 'No cards yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Go to the Library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
});

test('an import that ends while the Today, Cards or Stats screen is open shows its new cards there', async ({ page }) => {
  await openApp(page);
  /** Imports a note from the Library, then opens `screen` before the note is read: the import surely ends while it is open. */
  const importWhileOpen = async (screen: string, topic: string) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/call/library.parse', async (route) => {
      await held;
      await route.continue();
    });
    await nav(page, 'Library').click();
    const stored = (await storedRows<StoredCard>(page, 'cards')).length;
    const text = `# ${topic}\n\nThe ${topic} glacier moves forty metres a year because meltwater lubricates its base. ${topic} glaciers carve U-shaped valleys as they flow downhill over thousands of years.\n`;
    await page.getByTestId('file-input').setInputFiles([{ name: `${topic}.md`, mimeType: 'text/markdown', buffer: Buffer.from(text) }]);
    await nav(page, screen).click();
    await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
    release();
    await expect.poll(async () => (await storedRows<StoredCard>(page, 'cards')).length).toBeGreaterThan(stored);
    await page.unroute('**/api/call/library.parse');
    return (await storedRows<StoredCard>(page, 'cards')).length;
  };

  // Today, with an empty library, shows the welcome; the first import's cards then wait there as new ones.
  await expect(page.getByRole('heading', { name: 'Welcome to Focal' })).toBeVisible();
  let total = await importWhileOpen('Today', 'Alpine');
  await expect(page.getByTestId('new-count')).toContainText(String(Math.min(total, 20)));

  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('cards-found')).toHaveText(`${total} cards`);
  total = await importWhileOpen('Cards', 'Andean');
  await expect(page.getByTestId('cards-found')).toHaveText(`${total} cards`);

  // Stats counts cards once there are reviews: one answer, then an import while it is open.
  await answerOneCardFromToday(page);
  await nav(page, 'Stats').click();
  await expect(page.getByTestId('stat-cards')).toHaveText(String(total));
  total = await importWhileOpen('Stats', 'Himalayan');
  await expect(page.getByTestId('stat-cards')).toHaveText(total.toLocaleString('en'));
});
