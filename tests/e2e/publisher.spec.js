// Publisher data inline: good rows chart, bad rows are reported by row number, gaps stay gaps.

import { test, expect, waitReady, canvasStats, tableCells, NARRATIVE } from './fixtures.js';
import { numbersIn } from './data.js';

const GOOD = [517, 433, 509, 424, 507];

test('a bad publisher row is reported with its row number while the good rows chart', async ({ page, guard }) => {
  // Reporting the publisher's mistake in the console as well is fine; it must name the row.
  guard.allow(/Row 3: count 'abc' is not a whole number/);
  await page.goto('/tests/e2e/pages/publisher-bad.html');
  const host = page.locator('#w');
  const message = host.locator('.message');
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute('role', 'alert');
  // Rows are counted from the first data row (the header is not a row), as in the contract.
  await expect(message).toContainText("Row 3: count 'abc' is not a whole number");

  await waitReady(host);
  expect((await canvasStats(host)).differing).toBeGreaterThan(100);
  const numbers = numbersIn((await tableCells(host)).slice(1).map((row) => row.slice(1).join(' ')).join(' '));
  expect(numbers.filter((n) => n >= 100).sort()).toEqual([...GOOD].sort());
});

test('publisher data as JSON charts, and gaps stay gaps', async ({ page }) => {
  await page.goto('/tests/e2e/pages/publisher-json.html');
  const host = page.locator('#w');
  await waitReady(host);
  expect((await canvasStats(host)).differing).toBeGreaterThan(100);
  const cells = await tableCells(host);
  const numbers = numbersIn(cells.slice(1).map((row) => row.slice(1).join(' ')).join(' ')).filter((n) => n >= 100);
  expect(numbers.sort()).toEqual([517, 433, 469, 509, 424, 507].sort());
  await expect(host.locator(NARRATIVE)).toContainText(/Flintshire/);

  // The publisher's population column gives rates per 1,000 people.
  await host.locator('.seg.measure button').nth(1).click();
  const rates = (count, population) => (Math.round((count / population) * 1000 * 100) / 100).toFixed(2);
  const expected = [rates(517, 155000), rates(433, 155000), rates(469, 155000), rates(509, 135000), rates(424, 135000), rates(507, 135000)];
  await expect.poll(async () => (await tableCells(host)).slice(1).flatMap((row) => row.slice(1))
    .filter((text) => /\d/.test(text)).sort()).toEqual(expected.sort());
});

test('the Flintshire and Wrexham story charts the published figures with gaps', async ({ page }) => {
  await page.goto('/www/examples/flintshire-wrexham.html');
  await expect(page.locator('article')).toContainText('194,683');
  const host = page.locator('#story-chart');
  await waitReady(host);
  const cells = await tableCells(host);
  const numbers = numbersIn(cells.slice(1).map((row) => row.slice(1).join(' ')).join(' ')).filter((n) => n >= 100);
  // Six published figures and nothing made up for the missing years.
  expect(numbers.sort()).toEqual([517, 433, 469, 509, 424, 507].sort());
  await expect(host.locator('.source')).toContainText('Home Office police recorded crime by CSP');
});
