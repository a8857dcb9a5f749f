/** "Retrain my model": what the person does with cards becomes a retrained, versioned model. */
import { expect, test, type Page } from '@playwright/test';
import { importSamples, nav, openApp } from './support/app';
import { storedRows } from './support/stored-rows';

/** Two sample notes imported, and in each a card deleted, one suspended and cards made from three plain sentences. */
async function importAndGiveFeedback(page: Page): Promise<void> {
  await openApp(page);
  await importSamples(page, 'cell-biology.md', 'photosynthesis.md');
  for (const title of ['Cell biology', 'Photosynthesis']) {
    await nav(page, 'Library').click();
    await page.getByRole('link', { name: title, exact: true }).click();
    const cards = page.getByTestId('document-card');
    await expect(cards.first()).toBeVisible();
    await cards.first().getByRole('button', { name: 'Delete' }).click();
    await cards.first().getByRole('button', { name: 'Suspend' }).click();
    for (const plain of (await page.locator('[data-sentence-id]:not([data-key])').all()).slice(0, 3)) {
      await plain.click();
      const make = page.getByRole('button', { name: 'Make a card' });
      if (await make.isVisible()) await make.click();
    }
  }
}

/**
 * Takes the cards off two key sentences that have no feedback, straight from the database (as if they were
 * never made, leaving no feedback behind): the model in use then suggests those two sentences.
 */
async function dropCardsOfTwoKeySentences(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('focal');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['sentences', 'cards', 'feedback'], 'readwrite');
          const sentences = tx.objectStore('sentences').getAll() as IDBRequest<Array<{ id: string; selected: boolean }>>;
          const feedback = tx.objectStore('feedback').getAll() as IDBRequest<Array<{ sentenceId: string }>>;
          const cards = tx.objectStore('cards').getAll() as IDBRequest<Array<{ id: string; sentenceId: string }>>;
          // Requests in one transaction complete in order: the cards come last.
          cards.onsuccess = () => {
            const judged = new Set(feedback.result.map((f) => f.sentenceId));
            const carded = new Set(cards.result.map((c) => c.sentenceId));
            // A sentence may have more than one card: all of its cards go.
            const two = new Set(sentences.result.filter((s) => s.selected && carded.has(s.id) && !judged.has(s.id)).slice(0, 2).map((s) => s.id));
            for (const card of cards.result.filter((c) => two.has(c.sentenceId))) tx.objectStore('cards').delete(card.id);
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('deleting and making cards is recorded, and a retrain reports its held-out check and keeps a version', async ({ page }) => {
  test.setTimeout(120_000);
  await importAndGiveFeedback(page);

  await nav(page, 'Settings').click();
  const section = page.getByRole('region', { name: 'Your model' });
  await expect(section).toContainText(/[1-9]\d* actions? recorded/);
  // Cards made by hand in both documents: a retrain can be judged, and the panel does not say otherwise.
  await expect(page.getByTestId('retrain-judgeable')).toHaveCount(0);
  await section.getByRole('button', { name: 'Retrain my model' }).click();
  // The retrain shows its progress here too, with a Cancel that has focus (the pressed button is disabled
  // meanwhile) — or, once it has ended, its outcome has it: focus never falls to the page's body. (Two short
  // notes retrain in a second or two: main's progress may not reach the page before the answer does.)
  const result = page.getByTestId('retrain-result');
  await expect(page.getByTestId('retrain-progress').or(result)).toBeVisible();
  await expect(section.getByRole('button', { name: 'Cancel' }).or(result)).toBeFocused();
  await expect(result).toContainText(/Used \d+ rewarded sentences?/, { timeout: 60_000 });
  await expect(page.getByTestId('retrain-progress')).toHaveCount(0);
  // Cancel has gone with the task: focus moves on to the outcome, not to the page's body.
  await expect(result).toBeFocused();
  await expect(page.getByTestId('model-version')).toHaveCount(1);
  // Whether kept or not, the person can use the new version; documents are then re-read with it.
  const use = section.getByRole('button', { name: 'Use it anyway' });
  if (await use.isVisible()) await use.click();
  await expect(section.getByText('in use').first()).toBeVisible();
  // The re-read documents either bring new suggestions or the panel says there are none.
  await expect(page.getByTestId('candidate').first().or(page.getByTestId('no-candidates'))).toBeVisible();
  const candidates = page.getByTestId('candidate');
  if ((await candidates.count()) > 0) {
    const before = await candidates.count();
    await candidates.first().getByRole('button', { name: 'Not for me' }).click();
    await expect(candidates).toHaveCount(before - 1);
  }
  await section.getByText('What your model learns from').click();
  await expect(section).toContainText('You delete a card');

  // A second retrain must beat the version in use, judged only on feedback that version never learned from.
  await nav(page, 'Library').click();
  await page.getByRole('link', { name: 'Cell biology', exact: true }).click();
  await page.getByTestId('document-card').first().getByRole('button', { name: 'Delete' }).click();
  await nav(page, 'Settings').click();
  // A retrain the person cancels (main answers as it does for a cancel in the task tray) says so, not the last result.
  await page.route('**/api/call/model.retrain', (route) => route.fulfill({ json: { ok: false, error: { code: 'cancelled', message: '“Retraining your model” was cancelled.' } } }), { times: 1 });
  await section.getByRole('button', { name: 'Retrain my model' }).click();
  await expect(page.getByTestId('retrain-cancelled')).toContainText('You cancelled the retrain: nothing changed');
  await expect(result).toHaveCount(0);
  await expect(page.getByTestId('model-version')).toHaveCount(1);
  await section.getByRole('button', { name: 'Retrain my model' }).click();
  // One deleted card is too little new feedback to judge on, and the version list says so.
  await expect(result).toContainText('Since the model in use was trained, you have judged too few new sentences', { timeout: 60_000 });
  await expect(page.getByTestId('model-version')).toHaveCount(2);
  await expect(page.getByTestId('model-version').first()).toContainText('not judged: too little held-out feedback');
  await expect(page.getByTestId('model-version').nth(1)).toContainText(/judged better|not judged better/);
  // "Use it anyway" puts it in use and the result says so; choosing another model takes that back. Pressed from
  // the keyboard, each button gives way to what it did, and focus stays there.
  await result.getByRole('button', { name: 'Use it anyway' }).press('Enter');
  await expect(result).toContainText('The retrained model is in use');
  await expect(result).toBeFocused();
  // The "in use" badge stays one line high in a row that wraps.
  const inUse = page.getByTestId('model-version').first();
  await inUse.evaluate((row) => (row.style.width = '220px'));
  const [row, badge] = await Promise.all([inUse.boundingBox(), inUse.getByText('in use', { exact: true }).boundingBox()]);
  expect(row!.height).toBeGreaterThan(2 * badge!.height);
  await section.getByRole('button', { name: 'Use Focal’s shipped model' }).press('Enter');
  await expect(result.getByRole('button', { name: 'Use it anyway' })).toBeVisible();
  await expect(result).not.toContainText('The retrained model is in use');
  await expect(section.getByRole('listitem').filter({ hasText: 'Focal’s shipped model' })).toBeFocused();

  // A version's "Use" pressed from the keyboard: its row keeps focus and says it is in use.
  const newest = page.getByTestId('model-version').first();
  await newest.getByRole('button', { name: /^Use the version of/ }).press('Enter');
  await expect(newest).toContainText('in use');
  await expect(newest).toBeFocused();
  // Suggestions answered from the keyboard leave, and focus goes on to the next one, then to the line saying there are none.
  await dropCardsOfTwoKeySentences(page);
  await nav(page, 'Library').click();
  await nav(page, 'Settings').click();
  await expect(candidates).toHaveCount(2);
  await candidates.first().getByRole('button', { name: 'Not for me' }).press('Enter');
  await expect(candidates).toHaveCount(1);
  await expect(candidates.first().getByRole('button', { name: 'Not for me' })).toBeFocused();
  await candidates.first().getByRole('button', { name: 'Make a card' }).press('Enter');
  await expect(page.getByTestId('no-candidates')).toBeFocused();
  // The last answer can be taken back: its card goes and the sentence is a suggestion again.
  await page.getByTestId('no-candidates').getByRole('button', { name: 'Undo' }).click();
  await expect(candidates).toHaveCount(1);
  await expect(page.getByTestId('candidate-answer')).toContainText('is a suggestion again');
  // A double click answers once, and its undo brings the suggestion back.
  const dismissals = async () => (await storedRows<{ kind: string }>(page, 'feedback')).filter((row) => row.kind === 'candidate-dismissed').length;
  const dismissed = await dismissals();
  await candidates.first().getByRole('button', { name: 'Not for me' }).dblclick();
  await expect(candidates).toHaveCount(0);
  expect(await dismissals()).toBe(dismissed + 1);
  await page.getByTestId('no-candidates').getByRole('button', { name: 'Undo' }).click();
  await expect(candidates).toHaveCount(1);
  expect(await dismissals()).toBe(dismissed);
  // The undo is still offered after a look at another screen.
  await candidates.first().getByRole('button', { name: 'Not for me' }).click();
  await expect(candidates).toHaveCount(0);
  await nav(page, 'Library').click();
  await nav(page, 'Settings').click();
  await page.getByTestId('no-candidates').getByRole('button', { name: 'Undo' }).click();
  await expect(candidates).toHaveCount(1);
  expect(await dismissals()).toBe(dismissed);
});

test('with nothing done or reviewed yet, a retrain says there is nothing to learn from and adds no version', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Settings').click();
  // Before anything is pressed, the panel says what a retrain needs to be judged.
  await expect(page.getByTestId('retrain-judgeable')).toContainText('in at least 2 documents');
  await expect(page.getByTestId('retrain-judgeable')).toContainText('So far no document has that');
  await page.getByRole('region', { name: 'Your model' }).getByRole('button', { name: 'Retrain my model' }).click();
  await expect(page.getByTestId('retrain-nothing-yet')).toContainText('Nothing to learn from yet');
  await expect(page.getByTestId('model-version')).toHaveCount(0);
  await expect(page.getByTestId('retrain-result')).toHaveCount(0);
});

test('the same notes and the same actions retrain the same way in a fresh profile, whatever ids the import gave', async ({ browser }) => {
  test.setTimeout(120_000);
  const results: string[] = [];
  for (let profile = 0; profile < 2; profile++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await importAndGiveFeedback(page);
    await nav(page, 'Settings').click();
    await page.getByRole('region', { name: 'Your model' }).getByRole('button', { name: 'Retrain my model' }).click();
    const result = page.getByTestId('retrain-result');
    await expect(result).toContainText(/Used \d+ rewarded sentences?/, { timeout: 60_000 });
    results.push(await result.innerText());
    await context.close();
  }
  expect(results[0]).toMatch(/\d+ ?% of the time before and \d+ ?%/);
  expect(results[1]).toBe(results[0]);
});
