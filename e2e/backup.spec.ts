/** Backups: export the library to a file, lose something, import the file, and everything is back. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importSamples, nav, openApp } from './support/app';

test('an exported backup file restores a deleted document with its cards', async ({ page }, testInfo) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await importSamples(page, 'cell-biology.md');

  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  await expect(data.getByTestId('backup').first()).toContainText('Daily');
  const download = page.waitForEvent('download');
  await data.getByRole('button', { name: 'Export to a file…' }).click();
  const file = testInfo.outputPath('focal-backup.json');
  await (await download).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'focal-backup', version: 1 });

  await nav(page, 'Library').click();
  await page.getByRole('button', { name: 'Delete Cell biology' }).click();
  await expect(page.getByTestId('document-row')).toHaveCount(0);

  await nav(page, 'Settings').click();
  await data.getByTestId('backup-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(/Restored 1 documents and [1-9]\d* cards/);
  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
});
