// The reader on a phone (issue 11): the chart comes first, the controls wait behind one
// "Change chart" button, every control is big enough for a finger, and an embed that names no
// measure gets the one that makes its areas comparable.

import { test, expect, waitReady, CANVAS } from './fixtures.js';
import { series } from './data.js';

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function phonePage(newContext) {
  const context = await newContext(PHONE);
  const page = await context.newPage();
  await page.goto('/tests/e2e/pages/phone.html');
  return { context, page };
}

/** Visible controls inside a widget whose box is smaller than `min` in either direction. */
function smallControls(host, min) {
  return host.evaluate((el, min) => Array.from(el.shadowRoot.querySelectorAll('button, select, input, [role=option], a'))
    .filter((node) => node.getClientRects().length > 0 && !node.closest('[hidden], .visually-hidden'))
    .map((node) => ({ node, rect: node.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width < min - 0.5 || rect.height < min - 0.5)
    .map(({ node, rect }) => `${node.tagName.toLowerCase()}.${node.className} "${(node.textContent || node.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(rect.width)}x${Math.round(rect.height)}`), min);
}

test('on a phone the chart starts near the top of the widget and is tall enough to read', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const host = page.locator('#compact');
  await waitReady(host);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen').toBe(true);
  const [widget, canvas] = await Promise.all([host.locator('.cc').boundingBox(), host.locator(CANVAS).boundingBox()]);
  expect(canvas.y - widget.y, 'chart top below the widget top (px)').toBeLessThanOrEqual(160);
  expect(canvas.height, 'chart height (px)').toBeGreaterThanOrEqual(200);
  // Nothing a reader must operate stands between the title and the chart.
  const before = await host.evaluate((el) => {
    const chart = el.shadowRoot.querySelector('canvas[role]');
    return Array.from(el.shadowRoot.querySelectorAll('button, select, input'))
      .filter((n) => n.getClientRects().length && (n.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING)).length;
  });
  expect(before, 'controls before the chart').toBe(0);
});

test('with a coarse pointer every visible control is at least 44 x 44 px', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  for (const id of ['compact', 'full', 'none']) {
    const host = page.locator(`#${id}`);
    await waitReady(host);
    if (id === 'compact') await host.locator('button.change-chart').tap();
    await expect.poll(() => host.locator('select.offence').count()).toBeGreaterThanOrEqual(id === 'none' ? 0 : 1);
    expect(await smallControls(host, 44), `#${id}: controls under 44 x 44 px`).toEqual([]);
  }
  // The suggestions of the area search too.
  const host = page.locator('#full');
  await host.locator('input.search').tap();
  await page.keyboard.type('Gw');
  await expect(host.locator('[role=option]').first()).toBeVisible();
  expect(await smallControls(host, 44)).toEqual([]);
});

test('with a fine pointer every visible control is at least 24 x 24 px', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/tests/e2e/pages/phone.html');
  const host = page.locator('#full');
  await waitReady(host);
  await expect(host.locator('.chip')).toHaveCount(2);
  expect(await page.evaluate(() => matchMedia('(pointer: fine)').matches)).toBe(true);
  expect(await smallControls(host, 24)).toEqual([]);
});

test('controls="none" is a fixed chart: no picker, but the tooltip, keys, table and downloads', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const host = page.locator('#none');
  await waitReady(host);
  await expect(host.locator('button.table-toggle')).toBeVisible();
  for (const selector of ['select', 'input', '.seg button', 'button.change-chart', '.chip']) {
    const visible = await host.locator(selector).evaluateAll((nodes) => nodes.filter((n) => n.getClientRects().length > 0).length);
    expect(visible, `${selector} visible`).toBe(0);
  }
  await expect(host.locator('button.download-csv')).toBeVisible();
  await host.locator(CANVAS).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(host.locator('.tooltip')).toBeVisible();
});

test('"Change chart" opens and closes the controls by touch and by keyboard, and focus returns to it', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const host = page.locator('#compact');
  await waitReady(host);
  const button = host.locator('button.change-chart');
  const controls = host.locator('#cc-controls');
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toHaveAttribute('aria-controls', 'cc-controls');
  await expect(controls).toBeHidden();

  // Touch.
  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(controls).toBeVisible();
  await expect(host.locator('select.offence')).toBeVisible();
  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(controls).toBeHidden();

  // Keyboard: Enter opens, Escape from inside closes and puts focus back on the button.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(controls).toBeVisible();
  await page.keyboard.press('Tab');
  const inside = await host.evaluate((el) => el.shadowRoot.activeElement && el.shadowRoot.querySelector('#cc-controls').contains(el.shadowRoot.activeElement));
  expect(inside, 'Tab moves into the controls just opened').toBe(true);
  await page.keyboard.press('Escape');
  await expect(controls).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press(' ');
  await expect(controls).toBeVisible();
  await page.keyboard.press(' ');
  await expect(controls).toBeHidden();
  await expect(button).toBeFocused();
});

test('on a wide screen a compact widget shows its controls under the chart, with no disclosure', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto('/tests/e2e/pages/phone.html');
  const host = page.locator('#compact');
  await waitReady(host);
  await expect(host.locator('select.offence')).toBeVisible();
  await expect(host.locator('button.change-chart')).toBeHidden();
  const [canvas, offence] = await Promise.all([host.locator(CANVAS).boundingBox(), host.locator('select.offence').boundingBox()]);
  expect(offence.y, 'the pickers come after the chart').toBeGreaterThan(canvas.y + canvas.height);
});

test('with no measure named, Cumbria against England and Wales is charted per 1,000 people; Gwent alone in counts', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const cumbria = page.locator('#cumbria');
  await waitReady(cumbria);
  await expect(cumbria.locator('.subtitle')).toContainText('per 1,000 people');
  await expect.poll(() => page.evaluate(() => document.querySelector('#cumbria').__ccReady)).toBe(true);
  const state = await cumbria.evaluate((el) => el.shadowRoot && el.shadowRoot.querySelector('.seg.measure [aria-pressed=true]')?.textContent);
  expect(state).toMatch(/1,000/);

  const gwent = page.locator('#gwent');
  await waitReady(gwent);
  await expect(gwent.locator('.subtitle')).toContainText('Offences recorded by the police');
  // The figures are the counts themselves: the latest Gwent robbery count is in the table.
  const robbery = series('Gwent', 'Robbery');
  const last = [...robbery.entries()].filter(([, v]) => v !== null && v !== undefined).at(-1);
  const cells = await gwent.evaluate((el) => Array.from(el.shadowRoot.querySelectorAll('.table-wrap td'), (td) => td.textContent));
  expect(cells).toContain(last[1].toLocaleString('en-GB'));
});

test('a dragged finger does not scroll the page sideways, and vertical scrolling still works over the chart', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const host = page.locator('#compact');
  await waitReady(host);
  const action = await host.evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.plot')).touchAction);
  expect(action).toBe('pan-y');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), 'no sideways scroll').toBe(true);
});

test('a tapped tooltip stays when the finger lifts and a tap outside the widget puts it away, focused or not', async ({ newContext }) => {
  const { page } = await phonePage(newContext);
  const host = page.locator('#compact');
  await waitReady(host);
  const canvas = host.locator(CANVAS);
  const tooltip = host.locator('.tooltip');
  const box = await canvas.boundingBox();
  const [left, top, right, bottom] = (await canvas.getAttribute('data-plot')).split(',').map(Number);
  const at = { x: right - 2, y: (top + bottom) / 2 };
  // Twice: as Chromium does (the tap focuses the chart, so a tap elsewhere also blurs it), and
  // as Safari on iOS does (no focus on a tap: only the tap outside itself can put it away). A
  // canvas without a tabindex cannot take focus at all, so the second pass never depends on how
  // an engine focuses on a tap.
  for (const focusing of [true, false]) {
    if (!focusing) await canvas.evaluate((c) => { c.blur(); c.removeAttribute('tabindex'); });
    await canvas.tap({ position: at });
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('2023');
    const focused = await host.evaluate((el) => el.shadowRoot.activeElement !== null);
    expect(focused, 'the tap focused the chart').toBe(focusing);
    await page.waitForTimeout(400);
    await expect(tooltip, 'still shown after the finger lifts').toBeVisible();
    await page.locator('h1').tap();
    await expect(tooltip, `hidden by a tap outside (${focusing ? 'focused' : 'not focused'})`).toBeHidden();
  }
});
