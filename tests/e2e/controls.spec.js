// The widget's own controls, downloads, theme, size and address sync, used as a reader would.

import { readFileSync } from 'node:fs';
import { test, expect, waitReady, canvasStats, tableCells, CANVAS } from './fixtures.js';
import { series, periodsBetween } from './data.js';

const format = (n) => n.toLocaleString('en-GB');

async function openSingle(page) {
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await waitReady(host);
  return host;
}

const lastChange = (page) => page.evaluate(() => window.__cc.changes.at(-1) || null);

/** The cells of the column headed `name`. */
function column(cells, name) {
  const index = cells[0].findIndex((text) => text === name);
  return index < 0 ? null : cells.slice(1).map((row) => row[index]);
}

test('measure and kind buttons switch the chart and tell the page', async ({ page }) => {
  const host = await openSingle(page);
  const measures = host.locator('.seg.measure button');
  await expect(measures).toHaveCount(3);
  await expect(measures.nth(0)).toHaveAttribute('aria-pressed', 'true');
  const before = await host.locator(CANVAS).getAttribute('aria-label');

  await measures.nth(1).click();
  await expect(measures.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(measures.nth(0)).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await lastChange(page))?.measure).toBe('rate');
  await expect(host.locator(CANVAS)).not.toHaveAttribute('aria-label', before);
  expect((await canvasStats(host)).differing).toBeGreaterThan(100);

  const kinds = host.locator('.seg.kind button');
  await kinds.nth(1).click();
  await expect(kinds.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await lastChange(page))?.kind).toBe('ranking');
  const detail = await lastChange(page);
  expect(detail).toMatchObject({ area: 'North Wales', offence: 'Sexual offences', measure: 'rate', kind: 'ranking' });
  expect((await canvasStats(host)).differing).toBeGreaterThan(100);
});

test('the offence list is grouped, and choosing an offence charts its figures', async ({ page }) => {
  const host = await openSingle(page);
  const select = host.locator('select.offence');
  expect(await select.locator('optgroup').count()).toBeGreaterThan(1);
  await select.selectOption({ label: 'Robbery' });
  await expect.poll(async () => (await lastChange(page))?.offence).toMatch(/robbery/i);
  await expect(host.locator(CANVAS)).toHaveAttribute('aria-label', /robbery/i);
  const robbery = series('North Wales', 'Robbery');
  const expected = periodsBetween('2010-03', '2018-12').map((p) => format(robbery.get(p)));
  await expect.poll(async () => column(await tableCells(host), 'North Wales')).toEqual(expected);
});

test('from and to narrow the chart to the chosen years', async ({ page }) => {
  const host = await openSingle(page);
  const to = host.locator('select.to');
  const labels = await to.locator('option').allTextContents();
  const dec2015 = labels.find((text) => /2015/.test(text) && /Dec/i.test(text));
  expect(dec2015, `an option for December 2015 among ${labels.slice(0, 5)}…`).toBeTruthy();
  await to.selectOption({ label: dec2015 });
  await expect.poll(async () => (await lastChange(page))?.to).toBe('2015-12');
  const values = series('North Wales', 'Sexual offences');
  const expected = periodsBetween('2010-03', '2015-12').map((p) => format(values.get(p)));
  await expect.poll(async () => column(await tableCells(host), 'North Wales')).toEqual(expected);
});

test('downloads: the CSV holds the plotted figures; PNG and SVG are real images', async ({ page }) => {
  const host = await openSingle(page);
  const grab = async (selector) => {
    const [download] = await Promise.all([page.waitForEvent('download'), host.locator(selector).click()]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };
  const csv = await grab('button.download-csv');
  expect(csv.name).toMatch(/\.csv$/);
  const text = csv.body.toString('utf8');
  expect(text).toContain('North Wales');
  const values = series('North Wales', 'Sexual offences');
  for (const period of ['2010-03', '2014-06', '2018-12']) {
    const n = values.get(period);
    expect(text.includes(String(n)) || text.includes(format(n)), `${period}: ${n} in the CSV`).toBe(true);
  }
  expect(text).toContain('Office for National Statistics');

  const png = await grab('button.download-png');
  expect(png.name).toMatch(/\.png$/);
  expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.body.length).toBeGreaterThan(5000);

  const svg = await grab('button.download-svg');
  expect(svg.name).toMatch(/\.svg$/);
  expect(svg.body.toString('utf8')).toMatch(/<svg[\s>]/);
  expect(svg.body.toString('utf8')).toContain('North Wales');
});

test('theme="auto" follows the reader\'s colour scheme, live', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await waitReady(host);
  await expect(host.locator('.cc')).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(host.locator('.cc')).not.toHaveClass(/\bdark\b/);
});

test('the chart follows its container\'s width and the screen\'s pixel density', async ({ newContext }) => {
  const context = await newContext({ deviceScaleFactor: 2, viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const host = await openSingle(page);
  let stats = await canvasStats(host);
  expect(stats.width / stats.cssWidth, 'backing store at devicePixelRatio 2').toBeCloseTo(2, 1);
  const wide = stats.cssWidth;
  await page.locator('.box').evaluate((box) => box.classList.add('narrow'));
  // The canvas's CSS width follows the box at once; its backing store is redrawn in the next
  // frame (the ResizeObserver's), so wait for the backing store, not the CSS width.
  await expect.poll(async () => (await canvasStats(host)).cssWidth).toBeLessThan(wide - 200);
  await expect.poll(async () => (await canvasStats(host)).width).toBeLessThan(2 * (wide - 200));
  stats = await canvasStats(host);
  expect(stats.width / stats.cssWidth).toBeCloseTo(2, 1);
  expect(stats.differing / stats.samples).toBeGreaterThan(0.01);
});

test('sync-url keeps the chart\'s state in the address and restores it', async ({ page }) => {
  await page.goto('/tests/e2e/pages/sync-url.html');
  const host = page.locator('#s');
  await waitReady(host);
  await host.locator('.seg.measure button').nth(1).click();
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('measure=rate');
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  const again = page.locator('#s');
  await waitReady(again);
  await expect(again.locator('.seg.measure button').nth(1)).toHaveAttribute('aria-pressed', 'true');
});
