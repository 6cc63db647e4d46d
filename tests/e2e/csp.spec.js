// Under a strict Content-Security-Policy (no inline script or style, wasm allowed) the widget
// works fully: bundled and inline publisher data, tooltip, keyboard, table, controls.

import { test, expect, waitReady, waitAllReady, canvasStats, plotArea, tooltipText, tableCells, showControls, CANVAS } from './fixtures.js';
import { STRICT_CSP } from './server.mjs';

test('the widget works fully under a strict CSP', async ({ page }) => {
  const response = await page.goto('/tests/e2e/pages/csp/index.html');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('#status')).toHaveText('The page script ran.');

  const bundled = page.locator('#bundled');
  await waitReady(bundled);
  expect((await canvasStats(bundled)).differing).toBeGreaterThan(100);

  const plot = await plotArea(bundled);
  await page.mouse.move(plot.right - 1, (plot.top + plot.bottom) / 2);
  await expect.poll(() => tooltipText(bundled)).not.toBeNull();
  await expect(bundled.locator('.tooltip')).toBeVisible();

  await bundled.locator(CANVAS).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => tooltipText(bundled)).not.toBeNull();
  await page.keyboard.press('Escape');
  await expect.poll(() => tooltipText(bundled)).toBeNull();

  await bundled.locator('button.table-toggle').click();
  await expect(bundled.locator('.table-wrap table')).toBeVisible();
  await showControls(bundled);
  await bundled.locator('.seg.kind button').nth(1).click();
  await expect(bundled.locator('.seg.kind button').nth(1)).toHaveAttribute('aria-pressed', 'true');

  const inline = page.locator('#inline');
  await waitReady(inline);
  expect((await canvasStats(inline)).differing).toBeGreaterThan(100);
  expect(JSON.stringify(await tableCells(inline))).toContain('517');

  // The widget's styles apply (the tooltip is positioned absolutely by the shadow stylesheet).
  expect(await bundled.locator('.cc').evaluate((el) => getComputedStyle(el).display)).toBe('block');
  expect(await page.evaluate(() => window.__cc.violations)).toEqual([]);
});

// The public pages themselves carry no inline script or style either: served with the same
// policy, every widget on them still comes up and nothing is blocked.
for (const path of ['/www/index.html', '/www/builder.html', '/www/examples/flintshire-wrexham.html',
  '/www/examples/north-wales-stalking.html']) {
  test(`${path} works under the strict CSP`, async ({ page }) => {
    await page.route(/\/www\/.*\.html$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    });
    const response = await page.goto(path);
    expect(response.headers()['content-security-policy']).toBe(STRICT_CSP);
    const count = await waitAllReady(page);
    expect(count).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__cc.violations)).toEqual([]);
  });
}
