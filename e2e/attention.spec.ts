/** The attention model in the app: the reader's heat map, key sentences, "why this sentence?", concepts. */
import { expect, test } from '@playwright/test';
import { importFiles, importSamples, nav, openApp } from './support/app';

test('an imported note shows its key sentences, why each was chosen, and its concepts', async ({ page }) => {
  await openApp(page);
  await importSamples(page, 'cell-biology.md');
  await page.getByRole('link', { name: 'Cell biology' }).click();

  const keys = page.locator('[data-key="true"]');
  await expect(keys.first()).toBeVisible();
  const keyCount = await keys.count();
  expect(keyCount).toBeGreaterThanOrEqual(3);
  expect(keyCount).toBeLessThan(await page.locator('[data-sentence-id]').count());
  await expect(page.getByText(`${keyCount} key sentences`)).toBeVisible();

  await keys.first().hover();
  const why = page.getByTestId('why-panel');
  await expect(why).toContainText('Why this sentence?');
  await expect(why.locator('li')).not.toHaveCount(0);
  await expect(why).toContainText(await keys.first().innerText());
  // The sentence as written, its words tinted by the attention they got (capitals kept: "ATP", not "atp").
  await expect(why.getByTestId('why-sentence')).toHaveText((await keys.first().innerText()).trim());
  await expect(why.getByTestId('why-sentence').locator('.read')).not.toHaveCount(0);

  const concepts = page.getByRole('region', { name: 'Concepts' }).getByRole('button');
  await expect(concepts.first()).toBeVisible();
  await concepts.first().click();
  await expect(concepts.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.sentence.mentions').first()).toBeVisible();
});

test('Settings says where the model runs', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Settings').click();
  await expect(page.getByTestId('model-provider')).toHaveText(/CPU|GPU/, { timeout: 15_000 });
  // On the CPU because CUDA's libraries are missing (as on a machine without a GPU), it says so in words, and
  // keeps onnxruntime's message in the tooltip.
  const reason = page.getByTestId('gpu-reason');
  if ((await reason.count()) > 0 && /failed to load shared library/i.test((await reason.getAttribute('title')) ?? '')) {
    await expect(reason).toHaveText('its CUDA libraries are not installed on this computer');
  }
});

test('a Chinese note gets key sentences and says quality is reduced', async ({ page }) => {
  const text = '# 细胞\n\n细胞是生命的基本单位。线粒体为细胞提供能量。细胞膜控制物质进出细胞。细胞核储存遗传信息。叶绿体进行光合作用。\n';
  await openApp(page);
  await importFiles(page, { name: '细胞.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.getByRole('link', { name: '细胞' }).click();
  await expect(page.getByTestId('reduced-quality')).toBeVisible();
  await expect(page.locator('[data-key="true"]').first()).toBeVisible();
});

test('a fixed number of key sentences chosen in Settings applies to the next import', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Settings').click();
  await page.getByLabel('Number of key sentences').fill('2');
  await page.getByLabel(/Exactly/).check();
  await importSamples(page, 'photosynthesis.md');
  await page.getByRole('link', { name: 'Photosynthesis' }).click();
  await expect(page.locator('[data-key="true"]')).toHaveCount(2);
});
