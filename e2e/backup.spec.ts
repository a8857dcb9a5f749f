/** Backups: export the library to a file, lose something, import the file, and everything is back. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { deleteDocument, downloadFrom, importSamples, nav, openApp } from './support/app';

test('an exported backup file restores a deleted document with its cards', async ({ page }, testInfo) => {
  const asked: string[] = [];
  page.on('dialog', (dialog) => (asked.push(dialog.message()), void dialog.accept()));
  await openApp(page);
  await importSamples(page, 'cell-biology.md');

  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  await expect(data.getByTestId('backup').first()).toContainText('Daily');
  const file = testInfo.outputPath('focal-backup.json');
  await downloadFrom(page, data.getByRole('button', { name: 'Export to a file' }), file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'focal-backup', version: 1 });

  await deleteDocument(page, 'Cell biology');

  await nav(page, 'Settings').click();
  await data.getByTestId('backup-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(/Restored 1 document and [1-9]\d* cards/);
  // The page reloaded at the top of Settings; the word that it worked is brought into view.
  await expect(data.getByRole('status')).toBeInViewport();
  // The question said what would be replaced with what.
  expect(asked.at(-1)).toMatch(/^Replace your library \(0 documents, 0 cards and 0 reviews\) with the backup from .+ \(1 document, [1-9]\d* cards and 0 reviews\)\? Your review settings and model versions become the backup's too\./);
  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
});

test('after a restore every screen shows the restored data, not what was there before', async ({ page }, testInfo) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  await nav(page, 'Settings').click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const data = page.getByRole('region', { name: 'Your data' });
  const file = testInfo.outputPath('focal-backup-dark.json');
  await downloadFrom(page, data.getByRole('button', { name: 'Export to a file' }), file);

  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await deleteDocument(page, 'Cell biology');

  await nav(page, 'Settings').click();
  await data.getByTestId('backup-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(/Restored 1 document and [1-9]\d* cards/);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // Restoring the automatic backup taken just before puts the light theme and the empty library back.
  await data.getByRole('button', { name: /^Restore the backup of .+ \(Before a restore\)$/ }).first().click();
  await expect(data.getByRole('status')).toContainText('Restored 0 documents and 0 cards.');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  await nav(page, 'Library').click();
  await expect(page.getByText('Your library is empty.', { exact: false })).toBeVisible();
});

test('a backup file that cannot be restored is refused before anything is asked or backed up', async ({ page }) => {
  const asked: string[] = [];
  page.on('dialog', (dialog) => (asked.push(dialog.message()), void dialog.dismiss()));
  await openApp(page);
  // The day's backup is taken once the library holds something.
  await importSamples(page, 'cell-biology.md');
  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  // Each backup's button says which backup it restores.
  await expect(data.getByRole('button', { name: /^Restore the backup of .+ \(Daily\)$/ })).toHaveCount(1);
  const file = (tables: unknown, schemaVersion = 5) => ({
    name: 'focal-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'focal-backup', version: 1, schemaVersion, exportedAt: 1, tables })),
  });
  const alert = page.getByRole('alert');
  await data.getByTestId('backup-input').setInputFiles(file({}, 99));
  await expect(alert).toContainText('This backup was made by a newer Focal (data version 99)');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await data.getByTestId('backup-input').setInputFiles(file({ cards: [1, 2, 'x'] }));
  await expect(alert).toContainText('This backup is damaged: row 1 of its cards table is not a record.');
  expect(asked).toEqual([]);
  await expect(data.getByTestId('backup')).toHaveCount(1);

  // "Back up now" says it did, and its backup joins the list.
  await data.getByRole('button', { name: 'Back up now' }).click();
  await expect(data.getByTestId('backup-status')).toContainText(/^Backed up \(.+\)\. The backup is first in the list below\.$/);
  await expect(data.getByRole('button', { name: /^Restore the backup of .+ \(By hand\)$/ })).toHaveCount(1);
  await expect(data.getByTestId('backup')).toHaveCount(2);
});
