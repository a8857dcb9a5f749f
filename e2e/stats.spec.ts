/** The Stats screen in the real app: numbers and charts from a seeded review history, and the empty state. */
import { expect, test, type Page } from '@playwright/test';
import { nav, openApp } from './support/app';

/**
 * Writes twelve cards and a small review log straight into the app's IndexedDB, in one transaction. Days
 * are study days (they begin at 4:00, the default) counted back from the browser's own clock, each review
 * at noon of its day.
 *
 * Today: 5 answers to learnt cards (4 remembered), 24 s each, and a sixth that was undone. Yesterday: 3
 * new cards. Two days ago: 2 learnt cards, both remembered. Ten days ago: 1 new card.
 */
async function seedHistory(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const HOUR = 3_600_000;
    const DAY = 24 * HOUR;
    const now = Date.now();
    const studyDate = new Date(now - 4 * HOUR);
    const noon = (daysAgo: number) => new Date(studyDate.getFullYear(), studyDate.getMonth(), studyDate.getDate() - daysAgo, 12).getTime();
    const memory = (state: string, due: number, lastReview: number | null) => ({ state, due, stability: 4, difficulty: 5, scheduledDays: state === 'review' ? 3 : 0, learningSteps: 0, reps: 2, lapses: 0, lastReview });
    const card = (n: number, state: string, due: number, extra: object = {}) => ({
      id: `card-${n}`, documentId: 'doc', sentenceId: `sentence-${n}`, key: `cloze:sentence-${n}`, kind: 'cloze', manual: false,
      prompt: 'The [...] of the cell', answer: 'powerhouse', sentence: 'The powerhouse of the cell.', context: [], concept: null, salience: 1, createdAt: now - 30 * DAY,
      ...memory(state, due, state === 'new' ? null : state === 'review' ? now - 3 * DAY : now - 5 * 60_000), suspended: false, buriedUntil: null, edited: false, ...extra,
    });
    const cards = [
      card(1, 'new', now), card(2, 'new', now), card(3, 'new', now),
      card(4, 'learning', now + 5 * 60_000), card(5, 'learning', now + 5 * 60_000),
      card(6, 'review', now - DAY), card(7, 'review', now + DAY), card(8, 'review', now + 2 * DAY), card(9, 'review', now + 5 * DAY),
      card(10, 'relearning', now + 10 * 60_000),
      card(11, 'review', now + DAY, { suspended: true }),
      card(12, 'review', now + 3 * DAY, { buriedUntil: now + DAY }),
    ];
    let id = 0;
    const review = (daysAgo: number, rating: number, learnt: boolean, intervalDays = 3) => {
      const time = noon(daysAgo) + id * 60_000;
      return { kind: 'review', id: `review-${++id}`, cardId: 'card-6', time, rating, elapsedMs: 24_000, before: learnt ? memory('review', time, time - intervalDays * DAY) : memory('new', time, null), after: memory('review', time + DAY, time) };
    };
    const log: object[] = [
      review(10, 3, false),
      review(2, 3, true, 20), review(2, 4, true, 20),
      review(1, 3, false), review(1, 3, false), review(1, 2, false),
      review(0, 3, true), review(0, 3, true), review(0, 1, true), review(0, 3, true), review(0, 4, true),
    ];
    const undone = review(0, 1, true);
    log.push(undone, { kind: 'undo', id: 'undo-1', cardId: 'card-6', time: undone.time + 1_000, undoes: undone.id });

    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const attempt = () => {
        const request = indexedDB.open('focal');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          if (request.result.objectStoreNames.contains('reviewLog')) return resolve(request.result);
          request.result.close();
          setTimeout(attempt, 100);
        };
      };
      attempt();
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['cards', 'reviewLog'], 'readwrite');
      for (const row of cards) tx.objectStore('cards').put(row);
      for (const row of log) tx.objectStore('reviewLog').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/**
 * Opens the app at midday of a fixed day: the seeded history is counted from the browser's clock in study days
 * (they start at 4:00), and a run just before 4:00 would move cards due in minutes to tomorrow.
 */
async function openAtMidday(page: Page): Promise<void> {
  await page.clock.setFixedTime(new Date('2026-11-30T12:00:00'));
  await openApp(page);
}

async function expectDrawn(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(testId).locator('canvas').first();
  await expect(canvas).toBeVisible();
  const box = await canvas.boundingBox();
  expect(box?.width, `${testId} width`).toBeGreaterThan(100);
  expect(box?.height, `${testId} height`).toBeGreaterThan(50);
}

/** The share of a chart's canvas painted in colour (not grey text, axes or background): its bars or cells. */
async function colouredShare(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('canvas').first().evaluate((canvas) => {
    const { width, height } = canvas as HTMLCanvasElement;
    const data = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
    }
    return coloured / (width * height);
  });
}

test('a fresh profile sees an invitation to review, with a way to Today', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Stats').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stats' })).toBeVisible();
  await expect(page.getByText('Review some cards and your progress appears here')).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});

test('the review history becomes summary numbers and five drawn charts, with the numbers as text too', async ({ page }) => {
  // Less motion asked for: the charts are drawn at once (the fixed clock would otherwise hold their bars at zero height).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openAtMidday(page);
  await seedHistory(page);
  await page.reload();
  await nav(page, 'Stats').click();

  await expect(page.getByTestId('stat-retention')).toHaveText('85.7%');
  await expect(page.getByTestId('stat-reviews-today')).toHaveText('5');
  await expect(page.getByTestId('stat-time-today')).toHaveText('2 min');
  await expect(page.getByTestId('stat-streak')).toHaveText('3 days');
  await expect(page.getByTestId('stat-cards')).toHaveText('12');

  for (const chart of ['chart-heatmap', 'chart-forecast', 'chart-time', 'chart-retention', 'chart-states']) await expectDrawn(page, chart);
  // The bar charts' bars are there, not only their axes (about 3 % of the forecast's canvas, 15 % of the states').
  for (const chart of ['chart-forecast', 'chart-time', 'chart-retention', 'chart-states']) expect(await colouredShare(page, chart), chart).toBeGreaterThan(0.01);
  await expect(page.getByTestId('chart-heatmap')).toHaveAttribute('aria-label', /11 reviews on 4 days/);
  await expect(page.getByRole('heading', { level: 2, name: 'Reviews in the past year' })).toBeVisible();

  const retention = page.getByRole('table', { name: 'True retention by days since the previous review' });
  await expect(retention.getByRole('row', { name: 'Under 1 day no data 0' })).toHaveCount(1);
  await expect(retention.getByRole('row', { name: '1–7 days 80% 5' })).toHaveCount(1);
  await expect(retention.getByRole('row', { name: '7–30 days 100% 2' })).toHaveCount(1);
  const states = page.getByRole('table', { name: 'Cards by state' });
  for (const [state, count] of [['New', 3], ['Learning', 2], ['Review', 4], ['Relearning', 1], ['Suspended', 1], ['Buried', 1]] as const) {
    await expect(states.getByRole('row', { name: `${state} ${count}`, exact: true })).toHaveCount(1);
  }

  // The card count leads to the cards themselves.
  await page.getByRole('link', { name: 'Browse them' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cards' })).toBeVisible();
  await expect(page.getByTestId('browser-card')).toHaveCount(12);
});

test('the charts are redrawn in the new colours when the theme changes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAtMidday(page);
  await seedHistory(page);
  await page.reload();
  await nav(page, 'Stats').click();
  const heatmap = page.getByTestId('chart-heatmap').locator('canvas').first();
  await expect(heatmap).toBeVisible();
  const pixels = () => heatmap.evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
  // Let the opening animation settle so only the colours differ between the two pictures.
  await page.waitForTimeout(800);
  const light = await pixels();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(pixels).not.toBe(light);
  await expectDrawn(page, 'chart-heatmap');
});

test('scrolling the stats to the bottom with the wheel scrolls the content, not the whole window', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openAtMidday(page);
  await seedHistory(page);
  await page.reload();
  await nav(page, 'Stats').click();
  await expectDrawn(page, 'chart-states');
  await page.mouse.move(640, 500);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 3000);
  await expect(page.getByRole('heading', { level: 2, name: 'Cards by state' })).toBeInViewport();
  const scrolled = await page.evaluate(() => ({ scrollY: window.scrollY, overflow: document.documentElement.scrollHeight - document.documentElement.clientHeight }));
  expect(scrolled).toEqual({ scrollY: 0, overflow: 0 });
});

test('Today says how many due cards the daily review limit holds back, so it agrees with Stats', async ({ page }) => {
  await openAtMidday(page);
  await seedHistory(page);
  await page.reload();
  await nav(page, 'Today').click();
  await expect(page.getByTestId('held-by-limit')).toHaveCount(0);
  // Five reviews were done today: a limit of five holds back the one review card still due.
  await nav(page, 'Settings').click();
  await page.getByLabel('Reviews per day').fill('5');
  await page.getByLabel('Reviews per day').press('Tab');
  await nav(page, 'Today').click();
  // Three learning cards (never held back by a limit) are offered; the review card is not.
  await expect(page.getByTestId('learning-count')).toContainText('3');
  await expect(page.getByTestId('due-count')).toContainText('0');
  await expect(page.getByTestId('held-by-limit')).toHaveText('1 due card waits for the coming days: your limit is 5 reviews a day, and you have done 5 today. Change it in Settings → Review.');
  await nav(page, 'Stats').click();
  await expect(page.getByText('4 cards still due today')).toBeVisible();
  await nav(page, 'Today').click();
  await page.getByTestId('held-by-limit').getByRole('link', { name: 'Settings → Review' }).click();
  await expect(page.getByLabel('Reviews per day')).toHaveValue('5');

  // New cards the new-card limit holds back are said to wait, not shown as "0 new" alone.
  await expect(page.getByTestId('new-held-by-limit')).toHaveCount(0);
  await page.getByLabel('New cards per day').fill('0');
  await page.getByLabel('New cards per day').press('Tab');
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count')).toContainText('0');
  await expect(page.getByTestId('new-held-by-limit')).toHaveText('3 new cards wait for the coming days: your limit is 0 new cards a day. Change it in Settings → Review.');

  // With new cards allowed again, the review limit, full, still holds them back (as Anki's does), and says so.
  await nav(page, 'Settings').click();
  await page.getByLabel('New cards per day').fill('20');
  await page.getByLabel('New cards per day').press('Tab');
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count')).toContainText('0');
  await expect(page.getByTestId('new-held-by-review-limit')).toContainText('No new cards today: the due reviews and what you have done fill your limit of 5 reviews a day');
  await page.getByTestId('new-held-by-review-limit').getByRole('link', { name: 'Settings → Review' }).click();
  await page.getByLabel('New cards ignore the review limit').check();
  await nav(page, 'Today').click();
  await expect(page.getByTestId('new-count')).toContainText('3');
  await expect(page.getByTestId('new-held-by-review-limit')).toHaveCount(0);
});
