/** Opening the app served by the web host, and finding its main parts, for every web spec. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

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

/** Imports bundled sample notes from the Library screen and waits until every one is in. */
export async function importSamples(page: Page, ...names: string[]): Promise<void> {
  await nav(page, 'Library').click();
  await page.getByTestId('file-input').setInputFiles(names.map(sample));
  await expect(page.getByTestId('import-report')).toContainText(`Imported ${names.length} of ${names.length}`, { timeout: 30_000 });
}
