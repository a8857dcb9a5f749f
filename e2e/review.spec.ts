/** Cards and daily review through the real app, driven by the keyboard as an Anki user would. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { appUrl, importFiles, importSamples, nav, openApp, sample } from './support/app';
import { storedRows } from './support/stored-rows';

async function importSample(page: Page): Promise<number> {
  await nav(page, 'Library').click();
  await page.getByTestId('file-input').setInputFiles(sample('cell-biology.md'));
  const result = page.getByTestId('import-result');
  await expect(result).toContainText(/Added: \d+ sentences · \d+ cards?/, { timeout: 30_000 });
  return Number((await result.innerText()).match(/· (\d+) card/)![1]);
}

/** Answers the card on screen Good from the keyboard, and waits for the next: the review card and the answered card's id. */
async function answerFirstCardGood(page: Page): Promise<{ card: Locator; answered: string }> {
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  const answered = (await card.getAttribute('data-card-id'))!;
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(card).not.toHaveAttribute('data-card-id', answered);
  return { card, answered };
}

/**
 * Answers every card left with `key`, one at a time (the next card or the summary on screen before the next key),
 * until the summary shows: a key pressed while the summary appears would reach its focused "Back to Today".
 */
/** A fresh profile with the sample note imported, its review started from Today (once Today has counted the new cards). */
async function startReview(page: Page): Promise<void> {
  await openApp(page);
  await importSample(page);
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await page.keyboard.press('Space');
}

/** A fresh profile with the sample note imported, Today's count of new cards checked, and its review started. */
async function startReviewCounted(page: Page): Promise<{ newCount: Locator; today: number; card: Locator }> {
  await openApp(page);
  const cards = await importSample(page);
  await nav(page, 'Today').click();
  const newCount = page.getByTestId('new-count').locator('.number');
  const today = Math.min(cards, 20);
  await expect(newCount).toHaveText(String(today));
  await page.keyboard.press('Space');
  return { newCount, today, card: page.getByTestId('review-card') };
}

async function answerAll(page: Page, key: string): Promise<void> {
  const card = page.getByTestId('review-card');
  const summary = page.getByTestId('session-summary');
  for (let i = 0; i < 60; i++) {
    await expect(card.or(summary)).toBeVisible();
    if (await summary.isVisible()) return;
    const shown = (await card.getAttribute('data-card-id'))!;
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press(key);
    await expect(summary.or(page.locator(`[data-testid="review-card"]:not([data-card-id="${shown}"])`))).toBeVisible();
  }
  await expect(summary).toBeVisible();
}

test('an imported note gives cards that a keyboard-only review schedules, with undo and a summary', async ({ page }) => {
  await openApp(page);
  const cards = await importSample(page);
  expect(cards).toBeGreaterThanOrEqual(3);

  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count')).toContainText(String(Math.min(cards, 20)));
  await expect(page.getByTestId('due-count')).toContainText('0');

  // Space starts the session, shows the answer, and (on the answer side) rates Good.
  await page.keyboard.press('Space');
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('prompt')).toContainText('[…]');
  const remaining = page.getByTestId('remaining');
  await expect(remaining).toContainText(String(cards));
  const firstCard = await card.getAttribute('data-card-id');
  const counters = async () => ({
    new: await remaining.locator('.new').innerText(),
    learning: await remaining.locator('.learning').innerText(),
    due: await remaining.locator('.due').innerText(),
  });
  const countersBefore = await counters();
  expect(countersBefore).toEqual({ new: String(cards), learning: '0', due: '0' });

  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await expect(page.getByTestId('interval-again')).toHaveText(/\d+m|<1m/);
  await expect(page.getByTestId('interval-easy')).toHaveText(/\d+(d|mo)/);

  // Again keeps the card in learning today: one new card fewer, one learning card more.
  await page.keyboard.press('1');
  await expect(card).not.toHaveAttribute('data-card-id', firstCard!);
  await expect(remaining.locator('.new')).toHaveText(String(cards - 1));
  await expect(remaining.locator('.learning')).toHaveText('1');

  // Undo brings the same card back, on its question side, and the counts with it.
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', firstCard!);
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Undone');
  await expect.poll(counters).toEqual(countersBefore);

  // Card info, bury and suspend from the keyboard.
  await page.keyboard.press('i');
  await expect(page.getByTestId('card-info')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('-');
  await expect(page.getByRole('status')).toContainText('Buried');

  // Answer everything left: Space shows, 4 = Easy (so nothing stays in learning today).
  await answerAll(page, '4');
  const summary = page.getByTestId('session-summary');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('summary-reviewed')).toHaveText(String(cards - 1));
  // The undone Again is not counted: only the answers that stand.
  await expect(page.getByTestId('summary-ratings')).toHaveText(`0 / 0 / 0 / ${cards - 1}`);
  await expect(page.getByTestId('summary-new')).toHaveText(String(cards - 1));
  await expect(page.getByTestId('summary-set-aside')).toHaveText('1 buried');

  // Undo from the summary brings the last card back with the counters it had, and answering it again ends the session as before.
  await expect(remaining.locator('.new')).toHaveText('0');
  await page.keyboard.press('u');
  await expect(card).toBeVisible();
  await expect(remaining.locator('.new')).toHaveText('1');
  await expect(remaining.locator('.learning')).toHaveText('0');
  await expect(remaining.locator('.due')).toHaveText('0');
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('summary-reviewed')).toHaveText(String(cards - 1));
  await expect(page.getByTestId('summary-ratings')).toHaveText(`0 / 0 / 0 / ${cards - 1}`);

  await page.getByRole('button', { name: 'Back to Today' }).click();
  await expect(page.getByTestId('all-done')).toBeVisible();
  await expect(page.getByTestId('streak')).toContainText('1');

  // The stats show today's reviews: one per card answered (the undone answer does not count).
  await nav(page, 'Stats').click();
  await expect(page.getByTestId('stat-reviews-today')).toContainText(String(cards - 1), { timeout: 15_000 });
});

test('editing a card keeps the edit, and "why this card?" shows the source sentence’s attention', async ({ page }) => {
  await openApp(page);
  await importSample(page);
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  // A cloze prompt must keep its gap.
  const prompt = editor.getByLabel('Question or sentence with a gap');
  const original = await prompt.inputValue();
  await prompt.fill(original.replace('[…]', 'something'));
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByTestId('edit-problem')).toContainText('Keep the gap');
  await prompt.fill(original);
  await editor.getByLabel('Answer').fill('my own answer');
  await editor.getByRole('button', { name: 'Save' }).click();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toHaveText('my own answer');
  await expect(page.locator('.card .sentence')).toContainText('my own answer');
  await page.keyboard.press('w');
  await expect(page.getByTestId('why-card')).toContainText('Why this sentence?');
  await page.getByRole('link', { name: 'Show source' }).click();
  await expect(page.locator('.sentence.target')).toBeVisible();
});

test('a card can be made from any sentence in the reader', async ({ page }) => {
  await openApp(page);
  await importSample(page);
  await page.getByRole('link', { name: 'Cell biology' }).click();
  const plain = page.locator('[data-sentence-id]:not([data-key])').filter({ hasText: 'Golgi apparatus' });
  await plain.click();
  await page.getByRole('button', { name: 'Make a card' }).press('Enter');
  // The pressed button gives way to what it did, which takes the focus (not the page).
  await expect(page.getByRole('status').filter({ hasText: 'Made a card' })).toBeFocused();
  await expect(page.getByTestId('has-cards')).toBeVisible();

  // Any card of the document can be edited from the reader, as from a review.
  const prompt = (await page.getByTestId('document-card').first().locator('.prompt').innerText()).trim();
  const first = page.getByTestId('document-card').filter({ has: page.locator('.prompt', { hasText: prompt }) });
  await first.getByRole('button', { name: /^Edit the card/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await editor.getByLabel('Answer').fill('an edited answer');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await first.getByRole('button', { name: /^Edit the card/ }).click();
  await expect(editor.getByLabel('Answer')).toHaveValue('an edited answer');
  await editor.getByRole('button', { name: 'Delete card' }).click();
  await expect(editor).toContainText('Undo, above the cards, brings it back.');
  await editor.getByRole('button', { name: 'Keep it' }).click();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toHaveCount(0);

  // A card deleted, then brought back with the notice's Undo from the keyboard: the focus goes to its Edit button.
  const cards = page.getByTestId('document-card');
  const count = await cards.count();
  await first.getByRole('button', { name: /^Delete the card/ }).press('Enter');
  await expect(cards).toHaveCount(count - 1);
  await page.getByTestId('card-undo').getByRole('button', { name: 'Undo' }).press('Enter');
  await expect(cards).toHaveCount(count);
  await expect(first.getByRole('button', { name: /^Edit the card/ })).toBeFocused();
});

test('cards can be suspended and unsuspended from their document, and a suspended card is not reviewed', async ({ page }) => {
  await openApp(page);
  const cards = await importSample(page);
  await page.getByRole('link', { name: 'Cell biology' }).click();
  const list = page.getByTestId('document-card');
  await expect(list).toHaveCount(cards);
  await list.first().getByRole('button', { name: 'Suspend' }).click();
  await expect(list.first()).toContainText('Suspended');
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count')).toContainText(String(cards - 1));
  await page.goBack();
  await list.first().getByRole('button', { name: 'Unsuspend' }).click();
  await expect(list.first()).toContainText('New');
});

test('a focused link or button does its own action: the review shortcuts only apply when nothing interactive has focus', async ({ page }) => {
  await openApp(page);
  const cards = await importSample(page);
  await nav(page, 'Today').click();
  await expect(page.getByRole('button', { name: 'Start review' })).toBeVisible();

  // Enter on a focused sidebar link opens it, instead of starting a review.
  await nav(page, 'Library').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await nav(page, 'Today').click();
  await expect(page.getByRole('button', { name: 'Start review' })).toBeVisible();

  // Space on a link reached with Tab starts nothing.
  await nav(page, 'Today').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(nav(page, 'Cards')).toBeFocused();
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('review-card')).toHaveCount(0);

  // Enter on a focused "← End review" ends the review rather than showing the answer.
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.getByRole('button', { name: '← End review' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Start review' })).toBeVisible();

  // Enter on a focused Again button answers Again, not Good.
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /Again/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('answer')).toHaveCount(0);
  await answerAll(page, '4');
  await expect(page.getByTestId('session-summary')).toBeVisible();
  await expect(page.getByTestId('summary-ratings')).toHaveText(`1 / 0 / 0 / ${cards}`);
});

test('undo takes back a bury before the answer that came earlier, and brings back a confirmed deletion', async ({ page }) => {
  await openApp(page);
  await importSample(page);
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  const { card, answered } = await answerFirstCardGood(page);
  const buried = await card.getAttribute('data-card-id');
  const counters = await page.getByTestId('remaining').innerText();

  await page.keyboard.press('-');
  await expect(page.getByRole('status')).toContainText('Buried');
  await expect(card).not.toHaveAttribute('data-card-id', buried!);
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', buried!);
  await expect(page.getByTestId('remaining')).toHaveText(counters);
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', answered!);

  // Suspend is undone the same way.
  await page.keyboard.press('@');
  await expect(page.getByRole('status')).toContainText('Suspended');
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', answered!);

  // Deleting asks first; undo then brings the card back.
  const answeredGood = await card.getAttribute('data-card-id');
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  // The next card, once it is on screen (read before, it was the one just answered).
  await expect(card).not.toHaveAttribute('data-card-id', answeredGood!);
  const deleted = await card.getAttribute('data-card-id');
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await editor.getByRole('button', { name: 'Delete card' }).click();
  await expect(editor).toBeVisible();
  await editor.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(editor).toHaveCount(0);
  await expect(card).not.toHaveAttribute('data-card-id', deleted!);
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', deleted!);

  // Ctrl+Delete, as in Anki, asks the same question straight away, with the focus on Delete; "Keep it" keeps the card.
  await page.keyboard.press('Control+Delete');
  const deleting = page.getByRole('dialog', { name: 'Delete card' });
  await expect(deleting.getByRole('group', { name: 'Confirm deletion' })).toBeVisible();
  await expect(deleting.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await deleting.getByRole('button', { name: 'Keep it' }).click();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toHaveAttribute('data-card-id', deleted!);
  await page.keyboard.press('Control+Delete');
  await page.keyboard.press('Enter');
  await expect(card).not.toHaveAttribute('data-card-id', deleted!);
});

test('a review drops the cards of a document deleted meanwhile, in another window or from the Library, and carries on', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  const titleOfCurrent = async () => (await card.locator('.context').innerText()).split(' › ')[0]!;
  const first = await titleOfCurrent();
  const total = async () => (await page.getByTestId('remaining').locator('span').allInnerTexts()).reduce((sum, n) => sum + Number(n), 0);
  const before = await total();

  const other = await page.context().newPage();
  await other.goto(appUrl());
  await nav(other, 'Library').click();
  await other.getByRole('button', { name: `Delete ${first}` }).click();
  await expect(other.getByTestId('document-row')).toHaveCount(1);
  await other.close();

  // Told by the other window, the review moves on from the card on screen without a key pressed.
  await page.bringToFront();
  await expect(page.getByRole('status')).toContainText('That card was deleted; moving on.');
  await expect(card.locator('.context')).not.toContainText(first);
  expect(await total()).toBeLessThan(before - 1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The other document, deleted from the Library, then Back to the review: nothing is left to review.
  const second = await titleOfCurrent();
  await nav(page, 'Library').click();
  await page.getByRole('button', { name: `Delete ${second}` }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByTestId('session-summary')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('That card was deleted; moving on.');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('reviewing in two tabs: a card answered in one is passed over in the other, which says so, without a key pressed there', async ({ page }) => {
  await startReview(page);
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  const shown = (await card.getAttribute('data-card-id'))!;

  const other = await page.context().newPage();
  await other.goto(appUrl());
  await nav(other, 'Today').click();
  await expect(other.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await other.keyboard.press('Space');
  await expect(other.getByTestId('review-card')).toHaveAttribute('data-card-id', shown);
  await answerFirstCardGood(other);

  await expect(page.getByRole('status')).toContainText('That card was answered elsewhere; moving on.');
  await expect(card).not.toHaveAttribute('data-card-id', shown);
  expect((await storedRows<{ id: string; reps: number }>(page, 'cards')).find((row) => row.id === shown)!.reps).toBe(1);
  await other.close();
});

test('a review started with Space from the sidebar takes the focus, so Enter answers; shown again after the Cards screen, it does not ask a card suspended there', async ({ page }) => {
  await openApp(page);
  await importSample(page);
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  // "Today" clicked in the sidebar while Today is shown keeps the focus of its click; Space starts the review there.
  await nav(page, 'Today').click();
  await expect(nav(page, 'Today')).toBeFocused();
  await page.keyboard.press('Space');
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  const first = (await card.getAttribute('data-card-id'))!;
  // Enter shows the answer and answers Good, as in Anki, rather than following the focused link out of the review.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('answer')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(card).not.toHaveAttribute('data-card-id', first);
  expect((await storedRows<{ id: string; reps: number }>(page, 'cards')).find((row) => row.id === first)!.reps).toBe(1);

  // Away to the Cards screen without ending the review, where the card on screen is suspended: back, it is not asked.
  const shown = (await card.getAttribute('data-card-id'))!;
  await page.keyboard.press('Control+3');
  const stored = (await storedRows<{ id: string; prompt: string; sentence: string }>(page, 'cards')).find((row) => row.id === shown)!;
  await page.getByRole('searchbox', { name: 'Search cards' }).fill(stored.sentence);
  const listed = page.getByTestId('browser-card').filter({ hasText: stored.prompt.replace(/\s+/g, ' ').slice(0, 30) });
  await listed.first().getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect.poll(async () => (await storedRows<{ id: string; suspended: boolean }>(page, 'cards')).find((row) => row.id === shown)!.suspended).toBe(true);
  await page.goBack();
  await expect(card).toBeVisible();
  await expect(page.getByRole('status')).toContainText('That card was suspended elsewhere; moving on.');
  await expect(card).not.toHaveAttribute('data-card-id', shown);
});

test('reloading the page during a review starts the review again', async ({ page }) => {
  await openApp(page);
  await importSample(page);
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
});

test('the summary notices when learning cards fall due again, and reviews them from there', async ({ page }) => {
  // Midday: the half hour this test moves on must not cross the study day's start (4:00).
  await page.clock.install({ time: new Date('2026-11-30T12:00:00') });
  await openApp(page);
  const cards = await importSample(page);
  // One learning step of 30 minutes: past the 20 minutes a session looks ahead, so the session ends first.
  await nav(page, 'Settings').click();
  await page.getByLabel('Learning steps', { exact: true }).fill('30m');
  await page.getByLabel('Learning steps', { exact: true }).press('Tab');
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await page.keyboard.press('Space');
  const card = page.getByTestId('review-card');
  for (let i = 0; i < cards; i++) {
    await expect(card).toBeVisible();
    const shown = (await card.getAttribute('data-card-id'))!;
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press(i === 0 ? '1' : '4');
    // The next card is on screen before its Space (pressed during the change, it was lost now and then).
    if (i < cards - 1) await expect(card).not.toHaveAttribute('data-card-id', shown);
  }
  const summary = page.getByTestId('session-summary');
  await expect(summary).toContainText('Cards you are still learning come back at');
  await page.clock.fastForward('31:00');
  await summary.getByRole('button', { name: 'Review them now' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
});

test('the last answer of a review that was ended can still be undone from Today, as in Anki', async ({ page }) => {
  await startReview(page);
  const { card, answered } = await answerFirstCardGood(page);
  await page.getByRole('button', { name: '← End review' }).click();
  await expect(page.getByRole('button', { name: 'Start review' })).toBeVisible();
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', answered!);
  await expect(page.getByRole('status')).toContainText('Undone.');
  // Nothing further back: the next u says so.
  await page.keyboard.press('u');
  await expect(page.getByRole('status')).toContainText('Nothing to undo.');
});

test('a card whose sentence starts with “it” shows the sentence before it, which says what “it” is', async ({ page }) => {
  await openApp(page);
  const note = [
    '# Mitochondria',
    '',
    'The mitochondrion is the organelle that releases energy from food inside the cell.',
    'It makes most of the cell’s ATP through aerobic respiration on its inner membrane.',
    'Ribosomes read messenger RNA and join amino acids into proteins.',
    '',
  ].join('\n');
  await importFiles(page, { name: 'mitochondria.md', mimeType: 'text/markdown', buffer: Buffer.from(note) });
  await page.getByRole('link', { name: 'Mitochondria' }).click();
  // Made by hand, if the model did not already choose it.
  await page.locator('[data-sentence-id]').filter({ hasText: 'It makes most of' }).click();
  const make = page.getByRole('button', { name: 'Make a card' });
  if (await make.isVisible()) await make.click();
  await expect(page.getByTestId('has-cards')).toBeVisible();

  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await page.keyboard.press('Space');
  const card = page.getByTestId('review-card');
  for (let seen = 0; seen < 6 && !(await page.getByTestId('lead-in').isVisible()); seen++) await answerFirstCardGood(page);
  await expect(page.getByTestId('lead-in')).toHaveText('The mitochondrion is the organelle that releases energy from food inside the cell.');
  await expect(card.getByTestId('prompt')).toContainText('It makes most of');
});

test('"why this card?" closes on the next card, so the rating buttons stay in a 720 px window, and on Escape', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await startReview(page);
  const card = page.getByTestId('review-card');
  await expect(card).toBeVisible();
  const first = (await card.getAttribute('data-card-id'))!;
  await page.keyboard.press('Space');
  await page.keyboard.press('w');
  await expect(page.getByTestId('why-card')).toBeVisible();
  await page.keyboard.press('3');
  await expect(card).not.toHaveAttribute('data-card-id', first);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await expect(page.getByTestId('why-card')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'How well did you remember?' })).toBeInViewport({ ratio: 1 });
  // Opened again, it stays with this card until the card changes, an undo included.
  await page.keyboard.press('w');
  await expect(page.getByTestId('why-card')).toBeVisible();
  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', first);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await expect(page.getByTestId('why-card')).toHaveCount(0);
  // Escape closes it, as it closes card info, and only then leaves the review.
  await page.keyboard.press('w');
  await expect(page.getByTestId('why-card')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('why-card')).toHaveCount(0);
  await expect(card).toHaveAttribute('data-card-id', first);
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
});

test('a status message ("Undone.", "Buried…") takes a line kept for it: the card does not move', async ({ page }) => {
  await startReview(page);
  const { card, answered } = await answerFirstCardGood(page);
  const status = page.getByRole('status');
  await expect(status).toHaveText('');
  const top = (await card.boundingBox())!.y;

  await page.keyboard.press('u');
  await expect(card).toHaveAttribute('data-card-id', answered);
  await expect(status).toHaveText('Undone.');
  expect((await card.boundingBox())!.y).toBe(top);

  await page.keyboard.press('-');
  await expect(status).toContainText('Buried');
  await expect(card).not.toHaveAttribute('data-card-id', answered);
  expect((await card.boundingBox())!.y).toBe(top);
  // Showing the answer clears the message; its line stays.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await expect(status).toHaveText('');
  expect((await card.boundingBox())!.y).toBe(top);
});

test('Escape leaves the review for Today, keeping an answer just given, but only closes an open dialog; Enter on the summary goes back', async ({ page }) => {
  const { newCount, today, card } = await startReviewCounted(page);
  await expect(card).toBeVisible();
  await expect(page.locator('.keys')).toContainText('Esc leave');

  // In the editor or card info, Escape closes the dialog and the review goes on.
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await expect(editor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await page.keyboard.press('i');
  await expect(page.getByTestId('card-info')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('card-info')).toHaveCount(0);
  await expect(card).toBeVisible();

  // An answer pressed just before Escape is saved before Today counts the cards.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toBeVisible();
  await page.keyboard.press('4');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Start review' })).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(newCount).toHaveText(String(today - 1));

  // At the summary the focus is on "Back to Today": Enter goes back.
  await page.keyboard.press('Space');
  await answerAll(page, '4');
  const back = page.getByRole('button', { name: 'Back to Today' });
  await expect(back).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('all-done')).toBeVisible();
});

test('"Show source" right after an answer leaves the review with the answer saved, and a Ctrl-click leaves the review going on', async ({ page }) => {
  const { newCount, today, card } = await startReviewCounted(page);
  await answerFirstCardGood(page);
  await page.keyboard.press('Space');
  const source = page.getByRole('link', { name: 'Show source' });
  // A modified click is the browser's (a new tab here): the review stays where it was.
  const opened = page.context().waitForEvent('page');
  await source.click({ modifiers: ['Control'] });
  await (await opened).close();
  await expect(card).toBeVisible();
  await source.click();
  await expect(page.locator('.sentence.target')).toBeVisible();
  await nav(page, 'Today').click();
  await expect(newCount).toHaveText(String(today - 1));
});

test('Ctrl+Enter saves the card editor, as in Anki', async ({ page }) => {
  await startReview(page);
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await expect(editor.getByRole('button', { name: 'Save' })).toContainText('Ctrl+Enter');
  await editor.getByLabel('Answer').fill('saved from the keyboard');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Card saved');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toHaveText('saved from the keyboard');
  // Cmd+Enter too; a gap taken out of the cloze is refused there as by the Save button.
  await page.keyboard.press('e');
  const prompt = editor.getByLabel('Question or sentence with a gap');
  await prompt.fill((await prompt.inputValue()).replace('[…]', 'something'));
  await page.keyboard.press('Meta+Enter');
  await expect(editor.getByTestId('edit-problem')).toContainText('Keep the gap');
});

test('Escape in the card editor asks before throwing away what was typed; with nothing typed it just closes', async ({ page }) => {
  await startReview(page);
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  // Nothing changed: Escape closes the editor, and the review goes on.
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('review-card')).toBeVisible();

  await page.keyboard.press('e');
  const answer = editor.getByLabel('Answer');
  const before = await answer.inputValue();
  await answer.fill('typed, then Escape');
  await page.keyboard.press('Escape');
  const question = editor.getByRole('group', { name: 'Confirm discarding your changes' });
  await expect(question).toContainText('Discard your changes to this card?');
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  // Keep editing: the text is still there, and saving keeps it.
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(answer).toHaveValue('typed, then Escape');
  // Escape twice discards it.
  await page.keyboard.press('Escape');
  await expect(question).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('answer')).toHaveText(before);
});

test('Today left open past the start of the next study day reads its counts again, without a click', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-11-30T18:00:00') });
  await openApp(page);
  await importSample(page);
  // One new card a day: once it is answered, Today has nothing more until 4:00 tomorrow.
  await nav(page, 'Settings').click();
  await page.getByLabel('New cards per day').fill('1');
  await page.getByLabel('New cards per day').press('Tab');
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText('1');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-card')).toBeVisible();
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await expect(page.getByTestId('session-summary')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText('0');
  // Past 4:00 the next morning, with the screen left as it was.
  await page.clock.fastForward('11:00:00');
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText('1');
});
