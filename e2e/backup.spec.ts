/** Backups: export the library to a file, lose something, import the file, and everything is back. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { deleteDocument, downloadFrom, importSamples, nav, openApp } from './support/app';

test('an exported backup file restores a deleted document with its cards', async ({ page }, testInfo) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await importSamples(page, 'cell-biology.md');

  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  await expect(data.getByTestId('backup').first()).toContainText('Daily');
  const file = testInfo.outputPath('focal-backup.json');
  await downloadFrom(page, data.getByRole('button', { name: 'Export to a file…' }), file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'focal-backup', version: 1 });

  await deleteDocument(page, 'Cell biology');

  await nav(page, 'Settings').click();
  await data.getByTestId('backup-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(/Restored 1 documents and [1-9]\d* cards/);
  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
});
