// A host page whose stylesheet resets everything must not break the widget: its styles live in
// the shadow root, and page selectors cannot reach the canvas.

import { test, expect, waitReady, canvasStats, plotArea, tooltipText, overflowingParts, NARRATIVE } from './fixtures.js';

test('a hostile host stylesheet leaves the widget intact', async ({ page }) => {
  await page.goto('/tests/e2e/pages/hostile.html');
  const host = page.locator('#w');
  await waitReady(host);
  const container = await page.locator('#box').boundingBox();
  expect(container.width).toBeCloseTo(640, 0);
  const stats = await canvasStats(host);
  // The canvas fills the container, less the widget's own padding and border.
  expect(stats.cssWidth, 'canvas width close to the container width').toBeGreaterThan(container.width - 60);
  expect(stats.cssWidth).toBeLessThanOrEqual(container.width + 1);
  expect(stats.differing / stats.samples).toBeGreaterThan(0.01);
  const fontSize = await host.locator(NARRATIVE).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontSize, 'the page\'s 40px type does not leak in').toBeLessThan(30);

  // The page's root font size (40px) must not reach the controls either (no rem units inside).
  const controlSizes = await host.evaluate((el) => Array.from(el.shadowRoot.querySelectorAll('select, input, button'),
    (node) => parseFloat(getComputedStyle(node).fontSize)));
  expect(Math.max(...controlSizes), 'largest control font size (px)').toBeLessThan(30);
  expect(await overflowingParts(host)).toEqual([]);

  const plot = await plotArea(host);
  await page.mouse.move(plot.right - 1, (plot.top + plot.bottom) / 2);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  await expect(host.locator('.tooltip')).toBeVisible();
});
