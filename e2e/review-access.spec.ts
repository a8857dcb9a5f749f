/** What a screen reader hears in a review, where the keyboard's focus goes, and maths drawn wherever a sentence shows. */
import { expect, test, type Page } from '@playwright/test';
import { importFiles, nav, openApp, sample } from './support/app';

const markdownFile = (name: string, text: string) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });

async function startReview(page: Page): Promise<void> {
  await nav(page, 'Today').click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await expect(page.getByTestId('review-card')).toBeVisible();
}

test('the review’s counts and buttons are named by what they do, and the focus stays on a control after Keep it and an undo', async ({ page }) => {
  await openApp(page);
  await importFiles(page, sample('cell-biology.md'));
  await startReview(page);

  const remaining = page.getByRole('group', { name: 'Remaining today' });
  await expect(remaining).toContainText(/\d+ new, 0 learning, 0 to review/);
  const showAnswer = page.getByRole('button', { name: 'Show answer (key Space)' });
  await expect(showAnswer).toBeVisible();

  await showAnswer.click();
  const ratings = page.getByRole('group', { name: 'How well did you remember?' });
  await expect(ratings.getByRole('button', { name: /^Again, in (\d+(\.\d)? (minute|minutes)|less than a minute) \(key 1\)$/ })).toBeVisible();
  await expect(ratings.getByRole('button', { name: /^Good, in .+ \(key 3\)$/ })).toBeVisible();
  await expect(ratings.getByRole('button', { name: /^Easy, in \d+(\.\d)? (day|days|month|months) \(key 4\)$/ })).toBeVisible();
  // Show answer went with the click: Good, the default answer, has the focus instead of the page.
  await expect(ratings.getByRole('button', { name: /^Good/ })).toBeFocused();

  // Keep it in the editor's delete question gives the focus back to "Delete card", which asked it.
  await page.keyboard.press('e');
  const editor = page.getByRole('dialog', { name: 'Edit card' });
  await editor.getByRole('button', { name: 'Delete card' }).click();
  await expect(editor.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await editor.getByRole('button', { name: 'Keep it' }).click();
  await expect(editor.getByRole('button', { name: 'Delete card' })).toBeFocused();
  await editor.getByRole('button', { name: 'Cancel' }).click();

  // Opened by Ctrl+Delete, Keep it leaves the editor with its question focused.
  await page.keyboard.press('Control+Delete');
  const deleting = page.getByRole('dialog', { name: 'Delete card' });
  await deleting.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit card' }).getByLabel('Question or sentence with a gap')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const first = await page.getByTestId('review-card').getAttribute('data-card-id');
  await page.keyboard.press('4');
  await expect(page.getByTestId('review-card')).not.toHaveAttribute('data-card-id', first!);
  // The Good button went with the answer: Show answer has the focus on the next card.
  await expect(showAnswer).toBeFocused();

  // Answer everything Easy; undo on the summary brings the card back with Show answer focused.
  const summary = page.getByTestId('session-summary');
  for (let i = 0; i < 60 && !(await summary.isVisible()); i++) {
    const shown = await page.getByTestId('review-card').getAttribute('data-card-id');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('4');
    await expect(summary.or(page.locator(`[data-testid="review-card"]:not([data-card-id="${shown}"])`))).toBeVisible();
  }
  await expect(summary).toBeVisible();
  // The focus lands on Back to Today: the status line says what the session was.
  await expect(page.getByTestId('review-status')).toHaveText(/^Session complete: \d+ answers?, \d+ new cards? learnt\.$/);
  await page.keyboard.press('u');
  await expect(page.getByTestId('review-card')).toBeVisible();
  await expect(showAnswer).toBeFocused();

  // Leaving with Esc puts the focus on Today's next thing to press, not on nothing.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Start review' })).toBeFocused();
});

test('w on the question does nothing, so one Escape still leaves the review', async ({ page }) => {
  await openApp(page);
  await importFiles(page, sample('cell-biology.md'));
  await startReview(page);
  // "Why this card?" is under the answer: a hidden one opened by w took the next Escape to close it.
  await page.keyboard.press('w');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});

test('a sentence’s maths is drawn under a review’s answer and in the reader’s side panel', async ({ page }) => {
  await openApp(page);
  const sentence = 'The Michaelis–Menten equation $v = \\frac{V_{max}[S]}{K_m + [S]}$ gives the rate of an enzyme reaction.';
  await importFiles(page, markdownFile('enzymes.md', `# Enzymes\n\n${sentence}\n\nEnzymes speed up reactions without being used up.\n`));
  await page.getByRole('link', { name: 'Enzymes' }).click();
  await page.locator('[data-sentence-id]').filter({ hasText: 'Michaelis' }).click();
  const panel = page.getByRole('complementary', { name: 'What the model found' });
  // KaTeX keeps the TeX for screen readers in its MathML, so the check is that a formula is drawn.
  await expect(panel.getByTestId('why-sentence').or(panel.locator('.chosen')).locator('.katex')).toBeVisible();

  const make = panel.getByRole('button', { name: 'Make a card' });
  if (await make.isVisible()) await make.click();
  await expect(panel.getByTestId('has-cards')).toBeVisible();

  await startReview(page);
  const card = page.getByTestId('review-card');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    if (await card.locator('.sentence').filter({ hasText: 'Michaelis' }).isVisible()) break;
    const shown = await card.getAttribute('data-card-id');
    await page.keyboard.press('4');
    await expect(page.locator(`[data-testid="review-card"]:not([data-card-id="${shown}"])`)).toBeVisible();
  }
  await expect(card.locator('.sentence .katex')).toBeVisible();
});

test('a card buried in review says so in its document’s card list, not that it is new, and can be unburied there', async ({ page }) => {
  await openApp(page);
  await importFiles(page, sample('cell-biology.md'));
  await startReview(page);
  const prompt = (await page.getByTestId('prompt').innerText()).trim();
  await page.keyboard.press('-');
  await expect(page.getByRole('status')).toContainText('Buried');
  await page.keyboard.press('Escape');
  await nav(page, 'Library').click();
  await page.getByRole('link', { name: 'Cell biology' }).click();
  const buried = page.getByTestId('document-card').filter({ has: page.locator('.prompt', { hasText: prompt }) });
  await expect(buried.locator('.meta')).toContainText(/^\s*Buried until /);
  await expect(page.getByTestId('document-card').filter({ hasText: /Buried until/ })).toHaveCount(1);
  // Unburied, it is back in today's cards.
  await buried.getByRole('button', { name: /^Unbury the card/ }).click();
  await expect(page.getByTestId('document-card').filter({ hasText: /Buried until/ })).toHaveCount(0);
  await expect(buried.locator('.meta')).toContainText(/^\s*New/);
});
