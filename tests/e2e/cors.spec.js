// The package on a CDN of another origin (issue 15), tried as a publisher would: the page on
// the test server, pkg/ on a second origin (another port), once without CORS headers and once
// with `Access-Control-Allow-Origin`. Without them the browser blocks the module script itself:
// the placeholder stays, and nothing from us reaches the console (there is no "us" to run).
// With them the chart draws. Every request goes to the page's host or the package's, no other.

import { test, expect, waitReady, canvasStats } from './fixtures.js';
import { startServer } from './server.mjs';

let plain;
let cors;
test.beforeAll(async () => {
  plain = await startServer({ port: 0 });
  cors = await startServer({ port: 0, cors: true });
});
test.afterAll(async () => {
  await new Promise((resolve) => plain.close(resolve));
  await new Promise((resolve) => cors.close(resolve));
});

const origin = (server) => `http://127.0.0.1:${server.address().port}`;

/** A host page on the test origin that loads everything from `pkg` (tests/e2e/pages/cdn/host.js). */
async function hostPage(page, pkg) {
  await page.goto(`/tests/e2e/pages/cdn/host.html?pkg=${encodeURIComponent(pkg)}`);
}

function hosts(guard) {
  return [...new Set(guard.requests.filter((url) => /^https?:/.test(url)).map((url) => new URL(url).host))].sort();
}

test('from another origin without CORS headers, the placeholder stays and we say nothing', async ({ page, guard, baseURL }) => {
  // The browser's own report of the blocked script is expected; ours would start "crime-compare".
  guard.allow(/CORS policy|net::ERR_FAILED|Failed to load resource/);
  const pkg = origin(plain);
  await hostPage(page, pkg);
  const chart = page.locator('#chart');
  await page.waitForTimeout(1500);
  await expect(page.locator('#fallback')).toBeVisible();
  expect(await chart.evaluate((el) => el.shadowRoot === null && !customElements.get('crime-compare'))).toBe(true);
  const blocked = guard.messages.filter((m) => /CORS policy/.test(m.text));
  expect(blocked.length, 'the browser reports the blocked module').toBeGreaterThan(0);
  expect(guard.messages.filter((m) => /crime-compare:/.test(m.text))).toEqual([]);
  // The iframe is a page of the package's own origin: it needs no CORS and draws its chart,
  // but the host's resizer could not load, so it keeps the height it was written with.
  await page.locator('#frame').scrollIntoViewIfNeeded();
  const frame = await (await page.locator('#frame').elementHandle()).contentFrame();
  await expect.poll(() => frame.evaluate(() => Boolean(document.querySelector('crime-compare')?.shadowRoot?.querySelector('canvas[data-plot]'))),
    { timeout: 20_000 }).toBe(true);
  expect(await page.locator('#frame').evaluate((el) => el.getBoundingClientRect().height)).toBe(200);
  expect(hosts(guard)).toEqual([new URL(baseURL).host, new URL(pkg).host].sort());
});

test('from another origin with Access-Control-Allow-Origin, the chart draws and the iframe is resized', async ({ page, guard, baseURL }) => {
  const pkg = origin(cors);
  await hostPage(page, pkg);
  const chart = page.locator('#chart');
  await waitReady(chart);
  expect((await canvasStats(chart)).differing).toBeGreaterThan(100);
  await expect(chart.locator('.caption').first()).toContainText('North Wales');
  const frame = await (await page.locator('#frame').elementHandle()).contentFrame();
  // Chromium pauses rendering in a cross-origin frame out of view, so the frame reports its
  // height as it nears the viewport (below the reader, so nothing they read moves).
  await page.locator('#frame').scrollIntoViewIfNeeded();
  await expect.poll(async () => {
    const outer = await page.locator('#frame').evaluate((el) => el.getBoundingClientRect().height);
    const inner = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    return inner > 300 ? Math.abs(outer - inner) : Infinity;
  }).toBeLessThanOrEqual(4);
  // The wasm, the index and a figures file all came from the package's origin.
  const fromPkg = guard.requests.filter((url) => url.startsWith(pkg));
  for (const file of [/crime-compare\.js$/, /crime_compare\.js$/, /crime_compare_bg\.wasm$/, /data\/index\.ccd$/, /data\/o\d+-[0-9a-f]+\.ccd$/]) {
    expect(fromPkg.some((url) => file.test(url)), String(file)).toBe(true);
  }
  expect(hosts(guard)).toEqual([new URL(baseURL).host, new URL(pkg).host].sort());
});
