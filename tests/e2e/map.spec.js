// The map: hovering each Welsh force shows its name and figure (Welsh names in a Welsh map),
// the keyboard reaches every force in the table's order, and the table's figures are the
// published counts (computed here from the source tables by data.js) with rates in rank order.

import { test, expect, waitReady, waitAllReady, plotArea, tooltipText, tableCells, countRequests, CANVAS } from './fixtures.js';
import { series, numbersIn } from './data.js';

const PERIOD = '2023-06';
const WELSH = [['North Wales', 'Gogledd Cymru'], ['Dyfed-Powys', 'Dyfed-Powys'], ['South Wales', 'De Cymru'], ['Gwent', 'Gwent']];

/** The published count of sexual offences in the year ending June 2023 for a force. */
function countOf(force) {
  return series(force, 'Sexual offences').get(PERIOD);
}

/** Hovers a grid of points over the map and collects each tooltip seen. */
async function sweep(page, host, steps = 16) {
  const plot = await plotArea(host);
  const step = Math.max(plot.right - plot.left, plot.bottom - plot.top) / steps;
  const seen = new Map();
  for (let y = plot.top + step / 2; y < plot.bottom; y += step) {
    for (let x = plot.left + step / 2; x < plot.right; x += step) {
      await page.mouse.move(x, y);
      const text = await tooltipText(host);
      if (text) seen.set(text.split('\n')[0].trim(), text);
    }
  }
  return seen;
}

for (const [id, lang] of [['wales', 0], ['cymru', 1]]) {
  test(`hovering each Welsh force on the ${id} map shows its name and figure`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('/tests/e2e/pages/map.html');
    const host = page.locator(`#${id}`);
    await waitReady(host);
    const seen = await sweep(page, host);
    for (const names of WELSH) {
      const name = names[lang];
      const text = seen.get(name);
      expect(text, `a tooltip for ${name} among ${[...seen.keys()].join(', ')}`).toBeTruthy();
      // The count behind the rate is the published one; the rate has two decimals.
      expect(numbersIn(text)).toContain(countOf(names[0]));
      expect(text).toMatch(/\d\.\d\d/);
      expect(text).toMatch(lang ? /o 4[0-9]/ : /of 4[0-9]/);
    }
    // Only the four framed forces answer: the muted English areas are context.
    expect(seen.size).toBe(4);
  });
}

test('the keyboard reaches every force, in the order of the table', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/tests/e2e/pages/map.html');
  const host = page.locator('#national');
  await waitReady(host);
  await host.locator(CANVAS).focus();
  // The first key shows the main area (where the narrative starts); Home then goes to the top.
  await page.keyboard.press('Home');
  await expect.poll(() => tooltipText(host)).toContain('North Wales');
  await page.keyboard.press('Home');
  const order = [];
  for (let i = 0; i < 50; i++) {
    const text = await tooltipText(host);
    expect(text).not.toBeNull();
    const name = text.split('\n')[0].trim();
    if (order[order.length - 1] !== name) order.push(name);
    await page.keyboard.press('ArrowDown');
  }
  expect(new Set(order).size).toBe(43);
  // Live region: a deliberate move is announced.
  await expect.poll(() => host.evaluate((el) => el.shadowRoot.querySelector('.live').textContent)).toContain(order[42]);
  // Escape dismisses; Enter makes the focused force the main area.
  await page.keyboard.press('Escape');
  await expect.poll(() => tooltipText(host)).toBeNull();
  await page.keyboard.press('Home');
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect.poll(() => host.evaluate((el) => el.shadowRoot.querySelector('.caption').textContent)).toContain(`${order[0]} had the highest rate`);
  // The table lists the forces in the keyboard's order.
  await host.locator('button.table-toggle').click();
  const rows = (await tableCells(host)).slice(1);
  expect(rows.map((r) => r[0])).toEqual(order);
});

test('the table lists every force with its published count, its rate and its rank', async ({ page }) => {
  await page.goto('/tests/e2e/pages/map.html');
  const host = page.locator('#national');
  await waitReady(host);
  await host.locator('button.table-toggle').click();
  const [header, ...rows] = await tableCells(host);
  expect(header).toEqual(['Area', 'Rate per 1,000 people', 'Count', 'Rank']);
  expect(rows.length).toBe(43);
  let checked = 0;
  for (const [name, , count] of rows) {
    const published = countOf(name);
    if (published === undefined) continue;
    expect(numbersIn(count)[0], name).toBe(published);
    checked++;
  }
  expect(checked).toBeGreaterThanOrEqual(40);
  const rates = rows.map((r) => Number(r[1]));
  expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  // From the issue, checked against `crime-data query`: 3.62, 7th of 43; the City of London 11.37.
  expect(rows.find((r) => r[0] === 'North Wales').slice(1)).toEqual(['3.62', countOf('North Wales').toLocaleString('en-GB'), '7 of 43']);
  expect(rows[0].slice(0, 2)).toEqual(['City of London', '11.37']);
  await expect(host.locator('.caption')).toContainText('North Wales had the 7th highest rate of sexual offences of the 43 police force areas in the year ending June 2023: 3.62 per 1,000 people, against 3.14 across England and Wales.');
  await expect(host.locator('.source')).toContainText('Contains OS data © Crown copyright and database right 2022');
});

test('the boundaries are fetched only by a map, once for every map on the page', async ({ page }) => {
  const geometry = countRequests(page, /\/g-[0-9a-f]+\.ccd$/);
  await page.goto('/tests/e2e/pages/single.html');
  await waitReady(page.locator('#w'));
  expect(geometry).toEqual([]);
  await page.goto('/tests/e2e/pages/map.html');
  expect(await waitAllReady(page)).toBe(3);
  expect(geometry.length).toBe(1);
});
