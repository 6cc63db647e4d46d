// The embed builder: the form drives the live preview and the code to copy, in four variants.

import { test, expect, waitReady } from './fixtures.js';

test('the builder updates the preview and the snippet, and copies it', async ({ newContext, baseURL }) => {
  const context = await newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto('/www/builder.html');
  const preview = page.locator('#preview');
  await waitReady(preview);
  // The lists come from the widget's own data once it has loaded.
  await expect.poll(() => page.locator('#area option').count()).toBeGreaterThan(40);
  await expect(page.locator('#offence optgroup')).not.toHaveCount(0);

  await page.locator('#offence').selectOption('Stalking and harassment');
  await expect(preview).toHaveAttribute('offence', 'Stalking and harassment');
  await page.getByLabel('Per 1,000 people').check();
  await expect(preview).toHaveAttribute('measure', 'rate');
  await page.locator('#lang').selectOption('cy');
  await expect(preview).toHaveAttribute('lang', 'cy');
  await page.locator('#theme').selectOption('dark');
  await expect(preview.locator('.cc')).toHaveClass(/\bdark\b/);

  const code = page.locator('#snippet-parts code');
  await expect(code).toHaveCount(1);
  await expect(code.first()).toContainText('<crime-compare area="North Wales"');
  await expect(code.first()).toContainText('offence="Stalking and harassment"');
  await expect(code.first()).toContainText('measure="rate"');
  await expect(code.first()).toContainText(`<script type="module" src="${baseURL}/pkg/crime-compare.js"></script>`);
  // Built with textContent: the code is text, with no elements inside.
  expect(await code.first().evaluate((el) => el.childElementCount)).toBe(0);

  await page.getByLabel('Hugo').check();
  await expect(code).toHaveCount(2);
  await expect(page.locator('#snippet-parts h3').first()).toContainText('layouts/shortcodes/crime-compare.html');
  await expect(code.nth(0)).toContainText('{{ with .Get "area" }} area="{{ . }}"{{ end }}');
  await expect(code.nth(1)).toContainText('{{< crime-compare area="North Wales"');

  await page.getByLabel('Jekyll').check();
  await expect(page.locator('#snippet-parts h3').first()).toContainText('_includes/crime-compare.html');
  await expect(code.nth(1)).toContainText('{% include crime-compare.html area="North Wales"');

  await page.getByLabel('WordPress').check();
  await expect(code).toHaveCount(3);
  await expect(code.nth(0)).toContainText('[crime-compare area="North Wales"');
  await expect(code.nth(1)).toContainText('<!-- wp:html -->');
  await expect(code.nth(1)).toContainText('<div data-crime-compare data-area="North Wales"');

  await page.locator('#snippet-parts button.copy').first().click();
  await expect(page.locator('#copy-status')).toHaveText(/Copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await code.first().textContent());
});
