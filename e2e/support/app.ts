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
