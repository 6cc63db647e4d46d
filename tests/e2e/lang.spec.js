// Language follows the page (or the nearest lang attribute) unless the embed sets its own,
// and configuration mistakes are explained in the widget's language.

import { test, expect, waitAllReady, CANVAS } from './fixtures.js';

test('a widget without lang speaks the language of the page around it', async ({ page }) => {
  await page.goto('/tests/e2e/pages/lang-inherit.html');
  await waitAllReady(page);
  const welsh = page.locator('#page-lang');
  await expect(welsh.locator('.cc')).toHaveAttribute('lang', 'cy');
  await expect(welsh.locator(CANVAS)).toHaveAttribute('aria-label', /Gogledd Cymru/);
  await expect(welsh.locator('.seg.measure button').first()).not.toHaveText('Count');

  const english = page.locator('#section-lang');
  await expect(english.locator('.cc')).toHaveAttribute('lang', 'en');
  await expect(english.locator(CANVAS)).toHaveAttribute('aria-label', /North Wales/);
});

test('an unknown offence is explained, and the chart says so cleanly', async ({ page, guard }) => {
  await page.goto('/tests/e2e/pages/lang-inherit.html');
  const host = page.locator('#bad-offence');
  await host.scrollIntoViewIfNeeded();
  await expect(host.locator('.message')).toContainText("No offence called 'Sexual offenses'. Did you mean Sexual offences?");
  await expect.poll(() => guard.messages.some((m) => m.type === 'warning' && /Sexual offenses/.test(m.text))).toBe(true);
  // No empty slots in the accessible name (such as "from  to :").
  const label = await host.locator(CANVAS).getAttribute('aria-label');
  expect(label, 'aria-label without blank placeholders').not.toMatch(/\s{2}|\s[:,.;]/);
});

test('changing an attribute from the page redraws the chart, and a re-added element starts afresh', async ({ page }) => {
  await page.goto('/tests/e2e/pages/lang-inherit.html');
  await waitAllReady(page);
  const host = page.locator('#section-lang');
  await host.evaluate((el) => el.setAttribute('area', 'Gwent'));
  await expect(host.locator(CANVAS)).toHaveAttribute('aria-label', /Gwent/);
  await host.evaluate((el) => { const parent = el.parentNode; el.remove(); parent.appendChild(el); });
  await expect(host.locator(CANVAS)).toHaveAttribute('aria-label', /Gwent/);
  await expect(host.locator('.cc')).toHaveCount(1);
});
