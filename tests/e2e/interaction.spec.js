// Reading values off the chart: mouse hover, a finger dragging across it, and the keyboard all
// show a tooltip (repeated in a live region) with the published figure for that period.

import { test, expect, waitReady, plotArea, tooltipText, CANVAS } from './fixtures.js';
import { series, numbersIn, periodsBetween } from './data.js';

const FROM = '2010-03';
const TO = '2018-12';
const PERIODS = periodsBetween(FROM, TO);
const NORTH_WALES = series('North Wales', 'Sexual offences');
const WALES = series('Wales', 'Sexual offences');

/** The figures the tooltip may show for a period (one series or both). */
function figuresAt(period) {
  return [NORTH_WALES.get(period), WALES.get(period)];
}

/** The counts in a tooltip: numbers that are not the period's own year or month. */
function countsIn(text) {
  // Counts are written with thousands separators ("3,091"); a bare 19xx/20xx is a year.
  const withoutYears = String(text).replace(/(?<!\d|\d[,.])(19|20)\d{2}(?!\d|[,.]\d)/g, ' ');
  return numbersIn(withoutYears).filter((n) => n >= 100);
}

/** The first count in the tooltip is the value; a change line may follow it. */
function expectFigureOf(text, period) {
  const wanted = figuresAt(period);
  const counts = countsIn(text);
  expect(counts.length, `a figure in the tooltip "${text}"`).toBeGreaterThan(0);
  expect(wanted, `tooltip "${text}" shows a figure for ${period}: one of ${wanted}`).toContain(counts[0]);
}

async function openSingle(page) {
  await page.goto('/tests/e2e/pages/single.html');
  const host = page.locator('#w');
  await waitReady(host);
  return host;
}

test('hovering the chart shows the figure for the period under the pointer', async ({ page }) => {
  const host = await openSingle(page);
  const plot = await plotArea(host);
  expect(plot.right - plot.left, `plot area ${plot.raw}`).toBeGreaterThan(200);
  const middle = (plot.top + plot.bottom) / 2;

  await page.mouse.move(plot.right - 1, middle);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  expectFigureOf(await tooltipText(host), TO);
  // A hover is not announced (the live region is for deliberate moves: keys, taps).
  await expect(host.locator('.live')).toHaveAttribute('aria-live', 'polite');
  expect(await host.locator('.live').textContent()).toBe('');

  await page.mouse.move(plot.left + 1, middle);
  await expect.poll(async () => figuresAt(FROM).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  expectFigureOf(await tooltipText(host), FROM);

  // A period in the middle: the tooltip follows the pointer.
  const index = 20;
  const x = plot.left + (plot.right - plot.left) * (index / (PERIODS.length - 1));
  await page.mouse.move(x, middle);
  await expect.poll(async () => figuresAt(PERIODS[index]).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  expectFigureOf(await tooltipText(host), PERIODS[index]);

  // Leaving the chart hides the tooltip.
  await page.mouse.move(plot.canvas.x + plot.canvas.width / 2, plot.canvas.y + plot.canvas.height + 200);
  await expect.poll(() => tooltipText(host)).toBeNull();
});

test('dragging a finger across the chart shows the tooltip', async ({ newContext }) => {
  const context = await newContext({ hasTouch: true, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const host = await openSingle(page);
  const plot = await plotArea(host);
  const y = Math.round((plot.top + plot.bottom) / 2);
  const cdp = await context.newCDPSession(page);
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(x), y, id: 1, radiusX: 4, radiusY: 4, force: 1 }],
  });
  await touch('touchStart', plot.left + 10);
  const steps = 12;
  for (let i = 1; i <= steps; i++) await touch('touchMove', plot.left + 10 + ((plot.right - 1 - plot.left - 10) * i) / steps);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  await expect.poll(async () => figuresAt(TO).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  expectFigureOf(await tooltipText(host), TO);
  await touch('touchMove', plot.left + 1);
  await expect.poll(async () => figuresAt(FROM).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  await touch('touchEnd', plot.left + 1);
});

test('touch pointer events (pointerType touch) show the tooltip', async ({ page }) => {
  const host = await openSingle(page);
  const plot = await plotArea(host);
  const y = (plot.top + plot.bottom) / 2;
  await host.evaluate((el, { xs, y }) => {
    const canvas = el.shadowRoot.querySelector('canvas.chart');
    const fire = (type, x) => canvas.dispatchEvent(new PointerEvent(type, {
      bubbles: true, composed: true, cancelable: true, pointerId: 7, pointerType: 'touch', isPrimary: true,
      clientX: x, clientY: y, buttons: type === 'pointerup' ? 0 : 1, pressure: type === 'pointerup' ? 0 : 0.5,
    }));
    fire('pointerdown', xs[0]);
    for (const x of xs.slice(1)) fire('pointermove', x);
  }, { xs: [plot.left + 5, (plot.left + plot.right) / 2, plot.right - 1], y });
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  expectFigureOf(await tooltipText(host), TO);
});

test('the keyboard moves through periods and series, and Escape hides the tooltip', async ({ page }) => {
  const host = await openSingle(page);
  const canvas = host.locator(CANVAS);
  await canvas.focus();
  await expect(canvas).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => tooltipText(host)).not.toBeNull();

  // Far enough right to reach the last period whichever period the focus started on.
  for (let i = 0; i < PERIODS.length + 2; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => figuresAt(TO).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  expectFigureOf(await tooltipText(host), TO);
  await expect.poll(async () => countsIn(await host.locator('.live').textContent())[0]).toBeDefined();
  expectFigureOf(await host.locator('.live').textContent(), TO);

  await page.keyboard.press('ArrowLeft');
  const previous = PERIODS[PERIODS.length - 2];
  await expect.poll(async () => figuresAt(previous).includes(countsIn(await tooltipText(host) || '')[0])).toBe(true);
  expectFigureOf(await tooltipText(host), previous);

  // Up and down move between the two series at the same period.
  const seen = new Set();
  for (const key of ['ArrowDown', 'ArrowUp', 'ArrowDown']) {
    await page.keyboard.press(key);
    const text = await tooltipText(host);
    expectFigureOf(text, previous);
    seen.add(text);
  }
  expect(seen.size, 'the tooltip text changes with the series (or shows both)').toBeGreaterThanOrEqual(1);

  await page.keyboard.press('Escape');
  await expect.poll(() => tooltipText(host)).toBeNull();
});
