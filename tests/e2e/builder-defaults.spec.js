// The builder preselects the measure the widget would choose, and writes the controls attribute.

import { test, expect, waitReady } from './fixtures.js';

test('the builder preselects rates for areas of very different size, counts otherwise, until a measure is chosen', async ({ page }) => {
  await page.goto('/www/builder.html');
  const preview = page.locator('#preview');
  await waitReady(preview);
  await expect.poll(() => page.locator('#area option').count()).toBeGreaterThan(40);
  // North Wales against Wales and England and Wales: populations differ more than tenfold.
  await expect(page.getByLabel('Per 1,000 people')).toBeChecked();
  await expect(preview).toHaveAttribute('measure', 'rate');
  const code = page.locator('#snippet-parts code').first();
  await expect(code).toContainText('measure="rate"');

  // One area alone: counts.
  await page.locator('#compare').selectOption([]);
  await page.locator('#area').selectOption('Gwent');
  await expect(page.getByLabel('Number of offences')).toBeChecked();
  await expect(preview).toHaveAttribute('measure', 'count');

  // Chosen by hand, the measure stays whatever the areas.
  await page.getByLabel('Change on a year before').check();
  await page.locator('#compare').selectOption(['England and Wales']);
  await expect(page.getByLabel('Change on a year before')).toBeChecked();
  await expect(preview).toHaveAttribute('measure', 'change');
});

test('the builder writes the controls attribute, and the preview follows it', async ({ page }) => {
  await page.goto('/www/builder.html');
  const preview = page.locator('#preview');
  await waitReady(preview);
  const code = page.locator('#snippet-parts code').first();
  await expect(code).not.toContainText('controls=');
  await page.locator('#controls').selectOption('none');
  await expect(preview).toHaveAttribute('controls', 'none');
  await expect(code).toContainText('controls="none"');
  await expect(preview.locator('select.offence')).toBeHidden();
  await page.locator('#controls').selectOption('full');
  await expect(code).toContainText('controls="full"');
  await expect(preview.locator('select.offence')).toBeVisible();
});
