/** Anki: cards go out as an .apkg that holds them all, and an .apkg comes in as a deck, once. */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importAnkiPackage } from '../src/core/interop/anki-package';
import { loadSqlite } from '../src/main/interop/sql-js-sqlite';
import { deleteDocument, downloadFrom, importSamples, nav, openApp } from './support/app';

test('exported cards come back from the .apkg as an Anki deck, and a second import adds nothing', async ({ page }, testInfo) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await openApp(page);
  await importSamples(page, 'cell-biology.md');

  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  const file = testInfo.outputPath('focal.apkg');
  await downloadFrom(page, data.getByRole('button', { name: 'Export cards to Anki…' }), file);
  await expect(data.getByRole('status')).toContainText(/Exported (\d+) cards and 0 reviews/);
  const exported = Number(/Exported (\d+) cards/.exec((await data.getByRole('status').textContent()) ?? '')![1]);
  expect(exported).toBeGreaterThan(0);
  const apkg = importAnkiPackage(new Uint8Array(readFileSync(file)), await loadSqlite());
  expect(apkg.cards).toHaveLength(exported);
  expect(apkg.decks.map((deck) => deck.name)).toContain('Focal');
  // The Source field names the card's place as the app does: the title once, then its section.
  const sources = apkg.notes.map((note) => note.fields[3]);
  expect(sources).toContain('Cell biology › Organelles');
  expect(sources.every((source) => source?.startsWith('Cell biology') && !source.includes('Cell biology › Cell biology'))).toBe(true);

  // Imported back while its cards are still here: Focal knows its own notes, and adds nothing.
  await data.getByTestId('anki-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(`Imported 0 cards with 0 reviews from focal.apkg; ${exported} were already in your library.`);
  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);

  await deleteDocument(page, 'Cell biology');

  await nav(page, 'Settings').click();
  await data.getByTestId('anki-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(`Imported ${exported} cards with 0 reviews from focal.apkg.`);
  // Reading the package (main) and storing its cards (the page) each show in the task tray.
  const tray = page.getByRole('region', { name: 'Background tasks' });
  // (The last of each: the import before may still show its own.)
  await expect(tray.getByTestId('task').filter({ hasText: 'Reading focal.apkg' }).last()).toHaveAttribute('data-state', 'done');
  const storing = tray.getByTestId('task').filter({ hasText: 'Storing focal.apkg' }).last();
  await expect(storing).toHaveAttribute('data-state', 'done');
  await expect(storing).toContainText(`${exported} of ${exported} cards`);
  await data.getByTestId('anki-input').setInputFiles(file);
  await expect(data.getByRole('status')).toContainText(`Imported 0 cards with 0 reviews from focal.apkg; ${exported} were already in your library.`);

  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toContainText('Anki deck');
});

test('a file that is not an Anki package is refused with a clear message and changes nothing', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Settings').click();
  const data = page.getByRole('region', { name: 'Your data' });
  await data.getByTestId('anki-input').setInputFiles({ name: 'deck.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip at all') });
  await expect(page.getByRole('alert').or(page.getByTestId('notice')).first()).toContainText(/Anki package/);
  await nav(page, 'Library').click();
  await expect(page.getByTestId('document-row')).toHaveCount(0);
});
