// How the widget loads: the wasm is fetched once per page, only when a widget nears the viewport,
// and the widget asks the network for nothing but its own package files.

import { test, expect, waitReady, waitAllReady, canvasStats, countRequests, HOSTS, CANVAS } from './fixtures.js';

const WASM = /\/pkg\/crime_compare_bg\.wasm$/;
const GLUE = /\/pkg\/crime_compare\.js$/;

test('two embeds on one page fetch the wasm once', async ({ page }) => {
  const wasm = countRequests(page, WASM);
  const glue = countRequests(page, GLUE);
  await page.goto('/tests/e2e/pages/two.html');
  await waitAllReady(page);
  expect(wasm.length).toBe(1);
  expect(glue.length).toBe(1);
  for (const id of ['a', 'b']) expect((await canvasStats(page.locator(`#${id}`))).differing).toBeGreaterThan(100);
});

test('a widget far below the fold fetches nothing until scrolled near', async ({ page }) => {
  const wasm = countRequests(page, WASM);
  const glue = countRequests(page, GLUE);
  await page.goto('/tests/e2e/pages/far-below.html');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(700);
  expect(glue.length, 'no glue code before scrolling').toBe(0);
  expect(wasm.length, 'no wasm before scrolling').toBe(0);
  await expect(page.locator('#below .fallback')).toBeAttached();
  await expect(page.locator('#below canvas')).toHaveCount(0);

  // Scrolling to just above the widget (within the 300px margin) starts it.
  await page.evaluate(() => {
    const top = document.getElementById('below').getBoundingClientRect().top + scrollY;
    scrollTo(0, top - innerHeight - 100);
  });
  await waitReady(page.locator('#below'), { scroll: false });
  expect(wasm.length).toBe(1);
  expect(glue.length).toBe(1);
});

test('twenty widgets on one page fetch the wasm once and all render', async ({ page }) => {
  test.setTimeout(120_000);
  const wasm = countRequests(page, WASM);
  await page.goto('/tests/e2e/pages/twenty.html');
  const count = await waitAllReady(page);
  expect(count).toBe(20);
  const hosts = page.locator(HOSTS);
  for (let i = 0; i < count; i++) {
    const stats = await canvasStats(hosts.nth(i));
    expect(stats.differing / stats.samples, `widget ${i} is drawn`).toBeGreaterThan(0.01);
  }
  expect(wasm.length).toBe(1);
  await expect.poll(() => page.evaluate(() => window.__cc.ready)).toBe(20);
});

test('the widget requests only its own package files and the page itself', async ({ page, guard, baseURL }) => {
  await page.goto('/www/index.html');
  await waitAllReady(page);
  // Interact a little too: hovering, switching measure, opening the table.
  const host = page.locator('#demo-trend');
  await host.scrollIntoViewIfNeeded();
  const box = await host.locator(CANVAS).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await host.locator('.seg.measure button').nth(1).click();
  await host.locator('button.table-toggle').click();
  await page.waitForTimeout(300);

  const allowed = new Set(['/www/index.html', '/www/style.css']);
  const unexpected = guard.requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    const parsed = new URL(url);
    if (parsed.origin !== new URL(baseURL).origin) return true;
    return !(allowed.has(parsed.pathname) || parsed.pathname.startsWith('/pkg/'));
  });
  expect(unexpected).toEqual([]);
  const packageFiles = [...new Set(guard.requests.filter((u) => u.includes('/pkg/')).map((u) => new URL(u).pathname))].sort();
  expect(packageFiles).toEqual(expect.arrayContaining(['/pkg/crime-compare.js', '/pkg/crime_compare.js', '/pkg/crime_compare_bg.wasm']));
});
