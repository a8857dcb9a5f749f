/** Opening the app served by the web host, and finding its main parts, for every web spec. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const appUrl = () => process.env['FOCAL_WEB_URL']!;
export const appOrigin = () => process.env['FOCAL_WEB_ORIGIN']!;

export async function openApp(page: Page): Promise<void> {
  await page.goto(appUrl());
  await expect(page).toHaveURL(`${appOrigin()}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
}

export const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

/** A bundled sample note (resources/samples) as a file for an <input type=file>. */
export const sample = (name: string) => ({ name, mimeType: 'text/markdown', buffer: readFileSync(join(process.cwd(), 'resources', 'samples', name)) });

type FilePayload = ReturnType<typeof sample>;

/** Imports files from the Library screen and waits until every one is in. */
export async function importFiles(page: Page, ...files: FilePayload[]): Promise<void> {
  await nav(page, 'Library').click();
  await page.getByTestId('file-input').setInputFiles(files);
  await expect(page.getByTestId('import-report')).toContainText(`Imported ${files.length} of ${files.length}`, { timeout: 30_000 });
}

/** Imports bundled sample notes from the Library screen and waits until every one is in. */
export const importSamples = (page: Page, ...names: string[]) => importFiles(page, ...names.map(sample));

/** Clicks a button that starts a download and saves the downloaded file at `path`. */
export async function downloadFrom(page: Page, button: Locator, path: string): Promise<void> {
  const download = page.waitForEvent('download');
  await button.click();
  await (await download).saveAs(path);
}

/** Deletes a document from the Library screen and waits until the library is empty (the specs delete their only one). */
export async function deleteDocument(page: Page, title: string): Promise<void> {
  await nav(page, 'Library').click();
  await page.getByRole('button', { name: `Delete ${title}` }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(0);
}

/** Starts a review from Today, answers its first card Good and leaves the review: the answered card's id. */
export async function answerOneCardFromToday(page: Page): Promise<string> {
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count').locator('.number')).toHaveText(/^[1-9]/);
  await page.getByRole('button', { name: 'Start review' }).click();
  const card = page.getByTestId('review-card');
  const answered = (await card.getAttribute('data-card-id'))!;
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await expect(card).not.toHaveAttribute('data-card-id', answered);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  return answered;
}
