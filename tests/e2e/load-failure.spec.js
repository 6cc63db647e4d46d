// If the wasm cannot be fetched, the placeholders keep their own content and the console says why.

import { test, expect } from './fixtures.js';

test('a wasm that fails to load leaves the placeholder content and logs an error', async ({ page, guard }) => {
  guard.allow(/crime_compare_bg\.wasm/);
  guard.allow(/could not be loaded/);
  await page.route('**/crime_compare_bg.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
  await page.goto('/www/index.html');
  await expect.poll(() => guard.messages.some((m) => m.type === 'error' && /could not be loaded/.test(m.text)),
    { message: 'the shim logs why the chart is missing' }).toBe(true);

  for (const id of ['demo-trend', 'demo-cy', 'demo-dark']) {
    const fallback = page.locator(`#${id} .fallback`);
    await expect(fallback, `${id} keeps its placeholder`).toBeVisible();
    await expect(fallback.locator('a')).toHaveAttribute('href', /ons\.gov\.uk/);
    await expect(page.locator(`#${id} canvas`)).toHaveCount(0);
  }
  expect(guard.errors.some((e) => /404 .*crime_compare_bg\.wasm/.test(e.text))).toBe(true);
});
