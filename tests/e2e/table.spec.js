// The data table lists exactly the plotted values, formatted, and the toggle shows and hides it.

import { test, expect, waitReady, tableCells } from './fixtures.js';
import { series, periodsBetween, englandAndWalesVariants } from './data.js';

const format = (n) => n.toLocaleString('en-GB');

/** The cells of the column or row headed by `name` (tables may put areas in columns or rows). */
function cellsFor(cells, name) {
  const header = cells[0] || [];
  let column = header.findIndex((text) => text === name);
  if (column < 0) column = header.findIndex((text) => text.startsWith(name));
  if (column > 0) return cells.slice(1).filter((row) => row.length > 1).map((row) => row[column]);
  const row = cells.find((r) => r[0] === name) || cells.find((r) => r[0].startsWith(name));
  return row ? row.slice(1) : null;
}

test('the table shows exactly the plotted values', async ({ page }) => {
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await waitReady(host);
  const cells = await tableCells(host);
  const periods = periodsBetween('2010-03', '2018-12');
  for (const area of ['North Wales', 'Wales']) {
    const column = cellsFor(cells, area);
    const values = series(area, 'Sexual offences');
    const expected = periods.map((p) => format(values.get(p)));
    expect(column, `cells for ${area}`).not.toBeNull();
    // Same values, each formatted, in time order (oldest or newest first).
    const forward = JSON.stringify(column) === JSON.stringify(expected);
    expect(forward ? column : [...column].reverse(), `${area} cells`).toEqual(expected);
  }
  // No other data rows than the plotted periods.
  const dataRows = cells.slice(1).filter((row) => row.length > 1);
  expect([periods.length, 2]).toContain(dataRows.length);
});

test('England and Wales in the table is the sum of the 43 territorial forces', async ({ page }) => {
  await page.goto('/tests/e2e/pages/twenty.html');
  const host = page.locator('#w0');
  await waitReady(host);
  // North Wales against England and Wales would default to rates (populations differ more
  // than tenfold): the sums are counts, so ask for counts.
  await host.evaluate((el) => el.setAttribute('measure', 'count'));
  await expect(host.locator('canvas[role]')).toHaveAttribute('aria-label', /.+/);
  await expect.poll(async () => (await tableCells(host))[0]?.length > 0
    && !(await host.locator('.subtitle').textContent()).includes('1,000')).toBe(true);
  const cells = await tableCells(host);
  const column = cellsFor(cells, 'England and Wales');
  expect(column).not.toBeNull();
  const numbers = column.filter((c) => /\d/.test(c)).map((c) => Number(c.replace(/[^\d.-]/g, '')));
  const [all, territorial] = englandAndWalesVariants('Sexual offences').map((m) => new Set(m.values()));
  // data/PROVENANCE.md: the national total is the 43 territorial forces, without British
  // Transport Police or the fraud bodies.
  const matchesTerritorial = numbers.every((n) => territorial.has(n));
  expect(numbers.length).toBeGreaterThan(40);
  expect(matchesTerritorial, `England and Wales figures ${numbers.slice(-3)} are sums of the 43 forces`).toBe(true);
  expect(numbers.some((n) => !all.has(n)), 'and not sums of every row, British Transport Police included').toBe(true);
});

test('the table toggle shows and hides the table', async ({ page }) => {
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await waitReady(host);
  const toggle = host.locator('button.table-toggle');
  const table = host.locator('.table-wrap table');
  await expect(table).toHaveCount(1);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  // Collapsed: still in the DOM, but hidden from everyone (screen readers too), as the toggle says.
  const wrap = host.locator('.table-wrap');
  const hiddenBox = await wrap.boundingBox();
  expect(hiddenBox === null || hiddenBox.width <= 1 || hiddenBox.height <= 1, `collapsed box ${JSON.stringify(hiddenBox)}`).toBe(true);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(table).toBeVisible();
  expect((await wrap.boundingBox()).height).toBeGreaterThan(100);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

test('the change table gives every period its change on the year before', async ({ page }) => {
  // The demo's change chart shows June 2022 to June 2023 (no series break in between); each period's year-earlier
  // figure exists in the data even when it falls before the chart's first period.
  await page.goto('/www/index.html');
  const host = page.locator('#demo-change');
  await waitReady(host);
  const cells = await tableCells(host);
  const periods = periodsBetween('2022-06', '2023-06');
  for (const area of ['Dyfed-Powys', 'Wales']) {
    const values = series(area, 'Stalking and harassment');
    const expected = periods.map((p) => {
      const yearBefore = `${Number(p.slice(0, 4)) - 1}${p.slice(4)}`;
      return Math.round(100 * (values.get(p) / values.get(yearBefore) - 1));
    });
    const column = cellsFor(cells, area);
    expect(column, `cells for ${area}`).not.toBeNull();
    const shown = column.map((text) => (/\d/.test(text) ? Number(text.replace(/\u2212/g, '-').replace(/[^\d.-]/g, '')) : text));
    expect(shown, `${area}: % change on the year before, ${periods.join(', ')}`).toEqual(expected);
  }
});
