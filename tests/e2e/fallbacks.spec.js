// Where engines differ, the shim checks for each feature it uses and falls back (issue 12):
// an engine without one gets a whole chart, or the placeholder content with a console message
// saying why, never a half-built widget. Each test removes one feature before the page's own
// scripts run, as an older Safari or Firefox would lack it.

import { test, expect, waitReady, canvasStats, plotArea, tooltipText, CANVAS } from './fixtures.js';

/** The widget is whole: styled by its own stylesheet, drawn, with its table and source line. */
async function expectWhole(host) {
  await waitReady(host);
  const styled = await host.evaluate((el) => {
    const root = el.shadowRoot;
    const cc = root.querySelector('.cc');
    const tooltip = root.querySelector('.tooltip');
    return {
      padding: parseFloat(getComputedStyle(cc).paddingLeft),
      tooltip: getComputedStyle(tooltip).position,
      hiddenTable: root.querySelector('.table-wrap').getBoundingClientRect().height,
      slot: Boolean(root.querySelector('slot')),
    };
  });
  expect(styled.padding, 'the widget\'s own padding applies').toBeGreaterThan(4);
  expect(styled.tooltip, 'the tooltip is positioned by the widget\'s stylesheet').toBe('absolute');
  expect(styled.hiddenTable, 'the collapsed table takes no room').toBeLessThanOrEqual(1);
  expect(styled.slot, 'the placeholder content is gone').toBe(false);
  const stats = await canvasStats(host);
  expect(stats.differing / stats.samples).toBeGreaterThan(0.01);
  expect(Math.abs(stats.width - stats.cssWidth), 'drawn at its own width').toBeLessThanOrEqual(2);
  await expect(host.locator('.source')).toContainText('Office for National Statistics');
}

test('without constructable stylesheets, a <style> in the shadow root styles the widget', async ({ page }) => {
  await page.addInitScript(() => {
    delete ShadowRoot.prototype.adoptedStyleSheets;
    delete Document.prototype.adoptedStyleSheets;
    delete CSSStyleSheet.prototype.replaceSync;
  });
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await expectWhole(host);
  expect(await host.evaluate((el) => el.shadowRoot.querySelectorAll('style[data-cc-style]').length)).toBe(1);
  // Removed and added again, it is styled again.
  await host.evaluate((el) => { const parent = el.parentNode; el.remove(); parent.appendChild(el); });
  await expectWhole(host);
});

test('without constructable stylesheets under a strict CSP, the placeholder stays and the console says why', async ({ page, guard }) => {
  guard.allow(/cannot be styled/);
  // The browser's own report of the blocked <style> elements.
  guard.allow(/Applying inline style violates the following Content Security Policy directive 'style-src 'self''/);
  await page.addInitScript(() => {
    delete ShadowRoot.prototype.adoptedStyleSheets;
    delete CSSStyleSheet.prototype.replaceSync;
  });
  const wasm = [];
  page.on('request', (request) => { if (request.url().endsWith('.wasm')) wasm.push(request.url()); });
  const messages = [];
  page.on('console', (msg) => { if (msg.type() === 'error') messages.push(msg.text()); });
  await page.goto('/tests/e2e/pages/csp/index.html');
  await expect.poll(() => messages.filter((m) => /cannot be styled/.test(m)).length).toBe(2);
  for (const id of ['#bundled', '#inline']) {
    const host = page.locator(id);
    // Nothing of the widget was built: the slot shows the page's own placeholder content.
    expect(await host.evaluate((el) => ({ cc: el.shadowRoot.querySelectorAll('.cc, canvas').length, slot: el.shadowRoot.querySelectorAll('slot').length })))
      .toEqual({ cc: 0, slot: 1 });
    await expect(host.locator('a').first()).toBeVisible();
  }
  expect(wasm, 'the module is not even fetched').toEqual([]);
  // The page's CSP reported the blocked <style> elements; nothing else.
  const violations = await page.evaluate(() => window.__cc.violations);
  expect(violations.every((v) => v.startsWith('style-src'))).toBe(true);
});

test('without IntersectionObserver, a widget far below the fold mounts at once', async ({ page }) => {
  await page.addInitScript(() => { delete window.IntersectionObserver; });
  await page.goto('/tests/e2e/pages/far-below.html');
  const host = page.locator('#below');
  await waitReady(host, { scroll: false });
  expect(await page.evaluate(() => scrollY), 'the page was not scrolled').toBe(0);
  await host.scrollIntoViewIfNeeded();
  await expectWhole(host);
});

test('without ResizeObserver, the chart follows the window\'s width', async ({ page }) => {
  await page.addInitScript(() => { delete window.ResizeObserver; });
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await expectWhole(host);
  const wide = (await canvasStats(host)).cssWidth;
  await page.setViewportSize({ width: 500, height: 800 });
  await expect.poll(async () => {
    const stats = await canvasStats(host);
    return stats.cssWidth < wide - 100 && Math.abs(stats.width - stats.cssWidth) <= 2;
  }, { message: `redrawn narrower than ${wide} px` }).toBe(true);
});

test('with only the old matchMedia listeners, theme="auto" still follows the colour scheme', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(MediaQueryList.prototype, 'addEventListener', { value: undefined, configurable: true });
    Object.defineProperty(MediaQueryList.prototype, 'removeEventListener', { value: undefined, configurable: true });
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await expectWhole(host);
  await expect(host.locator('.cc')).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(host.locator('.cc')).not.toHaveClass(/\bdark\b/);
});

test('without Pointer Events, the chart draws, the keys give every figure and the console says so', async ({ page, guard }) => {
  await page.addInitScript(() => { delete window.PointerEvent; });
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await expectWhole(host);
  await expect.poll(() => guard.messages.filter((m) => m.type === 'warning' && /no Pointer Events/.test(m.text)).length).toBe(1);
  // Hovering shows nothing (the engine would send no pointer events) ...
  const plot = await plotArea(host);
  await page.mouse.move(plot.right - 1, (plot.top + plot.bottom) / 2);
  await page.waitForTimeout(200);
  expect(await tooltipText(host)).toBeNull();
  // ... and the keyboard shows the figures.
  await host.locator(CANVAS).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => tooltipText(host)).not.toBeNull();
});
