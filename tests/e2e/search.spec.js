// The area search is a combobox: typing filters a listbox of areas in the widget's language,
// arrow keys move the active option, Enter adds the area as a chip, the chip's button removes it.

import { test, expect, waitReady, showControls } from './fixtures.js';

async function search(host, text) {
  await showControls(host);
  const input = host.locator('input[role=combobox]');
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const listbox = host.locator('[role=listbox]');
  await expect(listbox).toBeVisible();
  return { input, listbox, options: listbox.locator('[role=option]') };
}

// Areas already charted are not offered again, so these widgets start from Gwent.
test('English search finds North Wales', async ({ page }) => {
  await page.goto('/tests/e2e/pages/search.html');
  const host = page.locator('#en');
  await waitReady(host);
  const { input, options } = await search(host, 'north w');
  await expect(options.filter({ hasText: 'North Wales' })).toHaveCount(1);
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await expect(options.filter({ hasText: 'Gogledd Cymru' })).toHaveCount(0);
});

test('Welsh search finds Gogledd Cymru', async ({ page }) => {
  await page.goto('/tests/e2e/pages/search.html');
  const host = page.locator('#cy');
  await waitReady(host);
  const { options } = await search(host, 'Gogledd');
  await expect(options.filter({ hasText: 'Gogledd Cymru' })).toHaveCount(1);
});

test('choosing an area with the keyboard adds a chip, and its button removes it', async ({ page }) => {
  await page.goto('/www/index.html');
  const host = page.locator('#demo-trend');
  await waitReady(host);
  const chips = host.locator('.chip');
  const before = await chips.count();
  const { input, options } = await search(host, 'Gwent');
  await expect(options.filter({ hasText: 'Gwent' }).first()).toBeVisible();
  await input.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  expect(active, 'aria-activedescendant names the highlighted option').toBeTruthy();
  await expect(host.locator(`[role=option][id="${active}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(host.locator(`[role=option][id="${active}"]`)).toContainText('Gwent');
  await input.press('Enter');

  await expect(chips).toHaveCount(before + 1);
  const chip = chips.filter({ hasText: 'Gwent' });
  await expect(chip).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => window.__cc.changes.length)).toBeGreaterThan(0);
  const detail = await page.evaluate(() => window.__cc.changes.at(-1));
  expect(JSON.stringify(detail.compare)).toContain('Gwent');

  await chip.locator('button').click();
  await expect(chips.filter({ hasText: 'Gwent' })).toHaveCount(0);
  await expect(chips).toHaveCount(before);
});
