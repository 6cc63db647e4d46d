// The demo page as a reader sees it: every chart is really drawn, and what it says matches the
// published figures in data/rec-crime-pfa.csv.

import { test, expect, waitReady, waitAllReady, canvasStats, overflowingParts, HOSTS, CANVAS, NARRATIVE } from './fixtures.js';
import { series, numbersIn } from './data.js';

const SOURCE_LINE = 'Source: Office for National Statistics / Home Office, police recorded crime. Open Government Licence v3.0.';

test('the demo chart is drawn and its narrative names North Wales and a published figure', async ({ page }) => {
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await waitReady(host);

  const stats = await canvasStats(host);
  expect(stats.width, 'canvas has a size').toBeGreaterThan(200);
  expect(stats.differing / stats.samples, 'share of pixels that differ from the background').toBeGreaterThan(0.01);
  expect(stats.colours, 'distinct colours drawn (lines, axes, text)').toBeGreaterThan(3);

  const canvas = host.locator(CANVAS);
  // An interactive element screen readers hand the arrow keys to, with its key instructions.
  await expect(canvas).toHaveAttribute('role', 'application');
  await expect(canvas).toHaveAttribute('aria-describedby', /cc-keys/);
  await expect(canvas).toHaveAttribute('tabindex', '0');
  await expect(canvas).toHaveAttribute('data-plot', /^\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?$/);
  const label = await canvas.getAttribute('aria-label');
  expect(label).toContain('North Wales');
  const published = new Set(series('North Wales', 'Sexual offences').values());
  const quoted = numbersIn(label).filter((n) => published.has(n));
  expect(quoted, `a North Wales figure from the CSV in "${label}"`).not.toEqual([]);

  const caption = host.locator(NARRATIVE);
  await expect(caption).toBeVisible();
  await expect(caption).toContainText('North Wales');
  await expect(host.locator('.source')).toContainText(SOURCE_LINE);
  // Once ready, the fallback content is no longer shown.
  await expect(page.locator('#demo-trend .fallback')).toBeHidden();
});

test('the Welsh embed speaks Welsh', async ({ page }) => {
  await page.goto('/www/index.html');
  const host = page.locator('#demo-cy');
  await waitReady(host);
  const label = await host.locator(CANVAS).getAttribute('aria-label');
  expect(label).toContain('Gogledd Cymru');
  const published = new Set(series('North Wales', 'Sexual offences').values());
  expect(numbersIn(label).some((n) => published.has(n)), `a North Wales figure in "${label}"`).toBe(true);
  expect(label).not.toContain('North Wales');
  expect((await canvasStats(host)).differing).toBeGreaterThan(100);
});

test('every embed on the demo page renders and announces crime-compare:ready', async ({ page }) => {
  await page.goto('/www/index.html');
  const count = await waitAllReady(page);
  expect(count).toBe(8);
  const hosts = page.locator(HOSTS);
  for (let i = 0; i < count; i++) {
    const host = hosts.nth(i);
    const id = await host.getAttribute('id');
    const stats = await canvasStats(host);
    expect(stats.differing / stats.samples, `${id} is drawn`).toBeGreaterThan(0.01);
    const messages = await host.locator('.message').evaluateAll((els) =>
      els.filter((el) => !el.hidden && el.textContent.trim() !== '').map((el) => el.textContent.trim()));
    expect(messages, `${id} shows no error message`).toEqual([]);
  }
  await expect.poll(() => page.evaluate(() => window.__cc.ready), { message: 'crime-compare:ready events' }).toBe(count);
  await expect(page.locator('#demo-dark .cc')).toHaveClass(/\bdark\b/);
  // The dark chart is drawn dark: its background pixel (top-left) is dark, the light one light.
  const corner = (id) => page.locator(id).evaluate((el) => {
    const canvas = el.shadowRoot.querySelector('canvas.chart');
    const [r, g, b, a] = canvas.getContext('2d').getImageData(1, 1, 1, 1).data;
    return a === 0 ? null : (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
  const darkCorner = await corner('#demo-dark');
  const darkWrap = await page.locator('#demo-dark .cc').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(darkCorner === null ? darkWrap : darkCorner, 'dark chart background').not.toBe('rgb(255, 255, 255)');
  if (darkCorner !== null) expect(darkCorner).toBeLessThan(0.3);
  await expect(page.locator('#demo-trend .cc')).not.toHaveClass(/\bdark\b/);
});

test('the ready event carries the widget state', async ({ page }) => {
  await page.addInitScript(() => {
    window.__readyDetail = null;
    document.addEventListener('crime-compare:ready', (event) => {
      if (event.target.id === 'demo-trend') window.__readyDetail = event.detail;
    }, { capture: true });
  });
  await page.goto('/www/index.html');
  await expect.poll(() => page.evaluate(() => window.__readyDetail)).not.toBeNull();
  const detail = await page.evaluate(() => window.__readyDetail);
  expect(detail).toMatchObject({ area: 'North Wales', offence: 'Sexual offences', measure: 'count', kind: 'trend', lang: 'en' });
});

test('the demo page reflows to a phone width without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await waitReady(host);
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: innerWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
  const stats = await canvasStats(host);
  expect(stats.cssWidth).toBeLessThanOrEqual(360);
  expect(stats.differing).toBeGreaterThan(100);
  // Every control fits inside the widget (its host clips paint, so overflow would be cut off).
  expect(await overflowingParts(host)).toEqual([]);
});
