// What a reader gets in Firefox and WebKit, over WebDriver (node:test; ENGINE=firefox|webkit,
// see driver.mjs): every public page, the strict-CSP page and the hostile-CSS page load; every
// widget on them is drawn at a sane size, shows a figure of its own table on hover and on
// keyboard steps; the table's figures are the published ones (data.js reads the committed
// sources); the Welsh widget speaks Welsh; and no page reports an uncaught error, a rejected
// promise, a console error or a blocked resource. probe.js, injected first into every page by
// the server, records those from before the page's own first script.
//
//   cd tests/e2e && ENGINE=firefox node --test webdriver/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { Key, Origin } from 'selenium-webdriver';
import { Pointer } from 'selenium-webdriver/lib/input.js';
import { startServer, ROOT } from '../server.mjs';
import { series, periodsBetween } from '../data.js';
import { newDriver, describeSession, ENGINE } from './driver.mjs';

const PROBE = '/tests/e2e/webdriver/probe.js';
const HOSTS = 'crime-compare, [data-crime-compare]';
const PAGES = [
  '/www/index.html',
  '/www/builder.html',
  ...readdirSync(`${ROOT}/www/examples`).filter((f) => f.endsWith('.html')).sort().map((f) => `/www/examples/${f}`),
  '/tests/e2e/pages/csp/index.html',
  '/tests/e2e/pages/hostile.html',
  '/tests/e2e/pages/hostile-type.html',
];
const WELSH_MONTHS = /Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr/;

let server;
let base;
let driver;

before(async () => {
  server = await startServer({ port: 0, inject: PROBE });
  base = `http://127.0.0.1:${server.address().port}`;
  driver = await newDriver();
  console.log(`# engine: ${ENGINE}, ${await describeSession(driver)}`);
});

after(async () => {
  await driver?.quit();
  server?.close();
});

/** Polls fn until it returns a truthy value; fails with `what` after `timeout` ms. */
async function until(fn, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const run = (script, ...args) => driver.executeScript(script, ...args);

async function open(path) {
  await driver.get(base + path);
  const probe = await run('return window.__ccProbe ? true : false');
  assert.ok(probe, `${path}: the probe did not run before the page`);
  return run(`return document.querySelectorAll(${JSON.stringify(HOSTS)}).length`);
}

/** Scrolls widget i into view, as a reader would, and waits until it is drawn. */
async function ready(i) {
  await run(`document.querySelectorAll(arguments[0])[arguments[1]].scrollIntoView({ block: 'center' })`, HOSTS, i);
  return until(() => run(`const el = document.querySelectorAll(arguments[0])[arguments[1]];
    return (el.__ccReady || (el.shadowRoot && el.shadowRoot.querySelector('canvas[data-plot]'))) ? (el.id || String(arguments[1])) : null;`, HOSTS, i),
  `widget ${i} to be ready`);
}

/** The widget's size, drawing and messages, read through its open shadow root. */
function inspect(i) {
  return run(`const el = document.querySelectorAll(arguments[0])[arguments[1]];
    const root = el.shadowRoot, canvas = root.querySelector('canvas.chart');
    const rect = canvas.getBoundingClientRect(), host = el.getBoundingClientRect();
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let differing = 0, samples = 0;
    for (let p = 0; p < data.length; p += 4 * 7) {
      samples++;
      if (data[p] !== data[0] || data[p + 1] !== data[1] || data[p + 2] !== data[2] || data[p + 3] !== data[3]) differing++;
    }
    const messages = Array.from(root.querySelectorAll('.message, .load-failure'))
      .filter((m) => !m.hidden && m.getClientRects().length && m.textContent.trim()).map((m) => m.textContent.trim());
    return { css: { width: rect.width, height: rect.height }, pixels: { width: canvas.width, height: canvas.height },
      host: { width: host.width }, dpr: devicePixelRatio, drawn: differing / samples, messages,
      label: canvas.getAttribute('aria-label') || '', state: el.__ccState || null };`, HOSTS, i);
}

/** The tooltip as { heading, lines }, or null when hidden. */
function tooltip(i) {
  return run(`const tip = document.querySelectorAll(arguments[0])[arguments[1]].shadowRoot.querySelector('.tooltip');
    if (!tip || tip.hidden) return null;
    const parts = Array.from(tip.children, (c) => c.textContent.trim()).filter(Boolean);
    return parts.length ? { heading: parts[0], lines: parts.slice(1) } : null;`, HOSTS, i);
}

/** The widget's table: rows of cell texts, header first (in the DOM even while collapsed). */
function table(i) {
  return run(`return Array.from(document.querySelectorAll(arguments[0])[arguments[1]].shadowRoot.querySelectorAll('.table-wrap table tr'),
    (tr) => Array.from(tr.querySelectorAll('th, td'), (c) => c.textContent.trim()));`, HOSTS, i);
}

/** Every figure written in a text: "3,091", "−4.5", "12%" (the minus sign read as one). */
function figures(text) {
  return (String(text).replace(/\u2212/g, '-').match(/-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?/g) || [])
    .map((m) => Number(m.replace(/,/g, '')));
}

/**
 * The tooltip shows a figure of the table: it names a series (its heading), a period (its
 * first line) and the figure (the next line), and the table has that figure in that series'
 * column (or row) at that period. Returns the cell as { row, column }.
 */
function assertTooltipInTable(tip, cells, where) {
  assert.ok(tip && tip.lines.length >= 2, `${where}: no tooltip with a period and a figure: ${JSON.stringify(tip)}`);
  const norm = (s) => s.trim().toLowerCase();
  const [series, period, value] = [tip.heading, tip.lines[0], tip.lines[1]];
  const header = cells[0];
  let row = cells.findIndex((r, k) => k > 0 && norm(r[0]) === norm(period));
  let column = header.indexOf(series);
  if (row < 0 || column < 1) {
    // Series in rows (a ranking): the series' row, at the period's column or its only figure.
    row = cells.findIndex((r, k) => k > 0 && r[0] === series);
    column = header.findIndex((h, k) => k > 0 && norm(h) === norm(period));
    // A map's table (area, figure, count, rank): the figure is the first column after the area.
    const isMap = ['rank', 'safle'].includes(norm(header[header.length - 1] || ''));
    if (column < 0 && (header.length === 2 || isMap)) column = 1;
  }
  assert.ok(row > 0 && column > 0, `${where}: tooltip ${JSON.stringify(tip)} names no cell of the table (header ${JSON.stringify(header)}, rows ${cells.slice(1).map((r) => r[0]).join(' / ')})`);
  const shown = figures(value)[0];
  assert.ok(shown !== undefined, `${where}: no figure in the tooltip ${JSON.stringify(tip)}`);
  assert.ok(figures(cells[row][column]).includes(shown), `${where}: tooltip figure ${shown} (${JSON.stringify(tip)}) is not the table's "${cells[row][column]}" for ${cells[row][0]}, ${header[column]}`);
  return { row, column };
}

/**
 * Moves the pointer over the plot area as a reader's mouse would: half way down its right edge
 * (the last period of a line chart), then, for a ranking, down its left edge, where every bar
 * starts, until a bar's row shows its tooltip. Returns the tooltip, or null.
 */
async function hover(i) {
  const plot = await run(`const el = document.querySelectorAll(arguments[0])[arguments[1]];
    el.scrollIntoView({ block: 'center' });
    const canvas = el.shadowRoot.querySelector('canvas.chart'), rect = canvas.getBoundingClientRect();
    const [left, top, right, bottom] = canvas.getAttribute('data-plot').split(',').map(Number);
    return { left: rect.left + left, top: rect.top + top, right: rect.left + right, bottom: rect.top + bottom,
      ranking: el.getAttribute('kind') === 'ranking', map: el.getAttribute('kind') === 'map' };`, HOSTS, i);
  // A map: from its middle (inland England) outwards over a grid, until a force answers.
  const grid = [0.5, 0.4, 0.6, 0.3, 0.7].flatMap((fy) => [0.5, 0.4, 0.6, 0.3, 0.7].map((fx) => ({
    x: plot.left + fx * (plot.right - plot.left), y: plot.top + fy * (plot.bottom - plot.top) })));
  const points = plot.ranking
    ? Array.from({ length: Math.floor((plot.bottom - plot.top) / 6) }, (_, k) => ({ x: plot.left + 4, y: plot.top + 3 + 6 * k }))
    : plot.map ? grid : [{ x: plot.right - 2, y: (plot.top + plot.bottom) / 2 }];
  for (const p of points) {
    const [x, y] = [Math.floor(p.x), Math.round(p.y)];
    await driver.actions().move({ x: x - 20, y, origin: Origin.VIEWPORT }).move({ x, y, origin: Origin.VIEWPORT, duration: 50 }).perform();
    const tip = await until(() => tooltip(i), 'a tooltip', plot.ranking || plot.map ? 300 : 20_000).catch(() => null);
    if (tip) return tip;
  }
  return null;
}

async function press(key) {
  await driver.actions().sendKeys(key).perform();
}

async function errors() {
  return run('return { errors: window.__ccProbe.errors, violations: window.__ccProbe.violations }');
}

for (const path of PAGES) {
  test(`${path}: every widget drawn, tooltip on hover and keys, no uncaught error`, async () => {
    const count = await open(path);
    assert.ok(count > 0, `${path} has widgets`);
    for (let i = 0; i < count; i++) {
      const id = await ready(i);
      const where = `${path} #${id}`;
      // Its size settles within a frame or two of mounting (a page scrollbar may appear).
      const w = await until(async () => {
        const seen = await inspect(i);
        return Math.abs(seen.pixels.width - seen.css.width * seen.dpr) <= 2 ? seen : null;
      }, `${where}: the canvas's backing store to match its size`, 5_000).catch(() => inspect(i));
      // Drawn at a sane size: the width of its box (less padding), a chart's height, the
      // backing store at the pixel ratio, and really inked.
      assert.ok(w.css.width >= 240 && w.css.width <= w.host.width + 1, `${where}: canvas ${w.css.width} px wide in a ${w.host.width} px widget`);
      assert.ok(w.css.height >= 150 && w.css.height <= Math.max(900, w.css.width), `${where}: canvas ${w.css.height} px high`);
      assert.ok(Math.abs(w.pixels.width - w.css.width * w.dpr) <= 2, `${where}: backing store ${w.pixels.width} px for ${w.css.width} css px at ${w.dpr}x`);
      assert.ok(w.drawn > 0.01, `${where}: only ${(w.drawn * 100).toFixed(2)}% of the canvas is drawn`);
      assert.deepEqual(w.messages, [], `${where}: shows a message`);
      assert.ok(w.label.length > 20, `${where}: the canvas has a summary label`);

      const cells = await table(i);
      assert.ok(cells.length > 2, `${where}: a table of what is plotted`);

      // Keyboard first, as a keyboard-only reader meets it: focus the chart; a first arrow
      // shows a figure, a second moves it. ArrowLeft
      // goes to the series' previous period with a figure; where there is none (the start of
      // the series, a ranking's top row), the other arrows are tried in turn.
      // The pointer out of the way first (scrolling may have put it over this chart).
      await driver.actions().move({ x: 1, y: 1, origin: Origin.VIEWPORT }).perform();
      await run(`document.querySelectorAll(arguments[0])[arguments[1]].shadowRoot.querySelector('canvas.chart').focus()`, HOSTS, i);
      await press(Key.ARROW_LEFT);
      const first = await until(() => tooltip(i), `${where}: a tooltip after ArrowLeft`);
      const a = assertTooltipInTable(first, cells, `${where} ArrowLeft`);
      let moved = null;
      for (const [key, name] of [[Key.ARROW_LEFT, 'ArrowLeft'], [Key.ARROW_DOWN, 'ArrowDown'], [Key.ARROW_RIGHT, 'ArrowRight'], [Key.ARROW_UP, 'ArrowUp']]) {
        await press(key);
        moved = await until(async () => {
          const t = await tooltip(i);
          return t && JSON.stringify(t) !== JSON.stringify(first) ? t : null;
        }, `${where}: the tooltip to move on ${name}`, 2_000).catch(() => null);
        if (moved) {
          const b = assertTooltipInTable(moved, cells, `${where} then ${name}`);
          if (name === 'ArrowLeft' && a.row !== b.row && a.column === b.column) {
            // An earlier period of the same series; any rows skipped have no figure in it.
            const [from, to] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
            const skipped = cells.slice(from + 1, to).map((row) => row[a.column]).filter((c) => figures(c).length > 0);
            assert.deepEqual(skipped, [], `${where}: ArrowLeft from ${first.lines[0]} to ${moved.lines[0]} skipped figures`);
          }
          break;
        }
      }
      assert.ok(moved, `${where}: no arrow key moved the tooltip from ${JSON.stringify(first)}`);
      await press(Key.ESCAPE);
      await until(async () => (await tooltip(i)) === null, `${where}: Escape to hide the tooltip`);

      // The pointer: hovering the plot's right edge shows that period's figure.
      const tip = await hover(i);
      assert.ok(tip, `${where}: no tooltip on hover`);
      assertTooltipInTable(tip, cells, `${where} hover`);

    }
    // A narrower window: every widget is drawn again at its new width, without a resize loop.
    const before = [];
    for (let i = 0; i < count; i++) before.push((await inspect(i)).css.width);
    await driver.manage().window().setRect({ width: 1037, height: 800 });
    try {
      for (let i = 0; i < count; i++) {
        await until(async () => {
          const w = await inspect(i);
          return Math.abs(w.pixels.width - w.css.width * w.dpr) <= 2 && w.drawn > 0.01 ? w : null;
        }, `${path} widget ${i}: redrawn at its new width (${before[i]} px before)`);
      }
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await driver.manage().window().setRect({ width: 1280, height: 900 });
    }
    const seen = await errors();
    assert.deepEqual(seen.errors, [], `${path}: uncaught errors, rejections or console errors`);
    assert.deepEqual(seen.violations, [], `${path}: CSP violations`);
  });
}

describe('figures and language', () => {
  const format = (n) => n.toLocaleString('en-GB');

  test('the table shows exactly the published figures (North Wales and Wales, 2010 to 2018)', async () => {
    await open('/tests/e2e/pages/single.html');
    await ready(0);
    const cells = await table(0);
    const periods = periodsBetween('2010-03', '2018-12');
    assert.equal(cells.length - 1, periods.length, 'one row per period');
    for (const [column, area] of [[1, 'North Wales'], [2, 'Wales']]) {
      assert.equal(cells[0][column], area);
      const values = series(area, 'Sexual offences');
      assert.deepEqual(cells.slice(1).map((row) => row[column]), periods.map((p) => format(values.get(p))), `${area} column`);
    }
    // The hover tooltip at the right edge is the last period's published figure.
    const tip = await hover(0);
    assert.ok(tip, 'a tooltip on hover');
    assert.equal(tip.heading, 'North Wales');
    assert.match(tip.lines[0], /December 2018/i);
    assert.equal(figures(tip.lines[1])[0], series('North Wales', 'Sexual offences').get('2018-12'), JSON.stringify(tip));
    assert.deepEqual((await errors()).errors, []);
  });

  test('the Welsh widget speaks Welsh, with the published figures', async () => {
    await open('/www/index.html');
    const index = await run(`return Array.from(document.querySelectorAll(arguments[0])).findIndex((el) => el.id === 'demo-cy')`, HOSTS);
    assert.ok(index >= 0, 'the demo page has its Welsh widget');
    await ready(index);
    const w = await inspect(index);
    assert.match(w.label, /Gogledd Cymru/);
    assert.doesNotMatch(w.label, /North Wales/);
    const published = new Set(series('North Wales', 'Sexual offences').values());
    assert.ok(figures(w.label).some((n) => published.has(n)), `a published North Wales figure in "${w.label}"`);
    const cells = await table(index);
    assert.match(cells.slice(1).map((r) => r[0]).join(' '), WELSH_MONTHS, 'the table names its periods in Welsh');
    await run(`document.querySelectorAll(arguments[0])[arguments[1]].shadowRoot.querySelector('canvas.chart').focus()`, HOSTS, index);
    await press(Key.ARROW_LEFT);
    const tip = await until(() => tooltip(index), 'a tooltip after ArrowLeft');
    assert.match(tip.lines[0], WELSH_MONTHS, `the tooltip's period in Welsh: ${tip.lines[0]}`);
    assertTooltipInTable(tip, cells, 'Welsh widget');
    assert.deepEqual((await errors()).errors, []);
  });
});

describe('touch', () => {
  const finger = () => new Pointer('finger', Pointer.Type.TOUCH);
  const live = () => run(`return document.querySelector('crime-compare').shadowRoot.querySelector('[aria-live]').textContent.trim()`);

  test('on a phone-sized window a tap shows a figure and says it, a drag moves it, a tap outside puts it away', async (t) => {
    await driver.manage().window().setRect({ width: 400, height: 860 });
    try {
      await open('/tests/e2e/pages/single.html');
      await ready(0);
      await run(`window.__ccTypes = new Set(); document.querySelector('crime-compare').shadowRoot.querySelector('canvas.chart')
        .addEventListener('pointerdown', (e) => window.__ccTypes.add(e.pointerType), true);`);
      const plot = await run(`const canvas = document.querySelector('crime-compare').shadowRoot.querySelector('canvas.chart');
        canvas.scrollIntoView({ block: 'center' });
        const rect = canvas.getBoundingClientRect(), [l, t, r, b] = canvas.getAttribute('data-plot').split(',').map(Number);
        return { left: rect.left + l, right: rect.left + r, y: rect.top + (t + b) / 2 };`);
      const [x, y] = [Math.floor(plot.right - 2), Math.round(plot.y)];
      const tap = finger();
      await driver.actions().insert(tap, tap.move({ x, y, origin: Origin.VIEWPORT }), tap.press(), tap.release()).perform();
      const types = await run('return Array.from(window.__ccTypes)');
      if (!types.includes('touch')) {
        // WebKitWebDriver (2.50) performs a touch pointer's actions as a mouse's.
        t.skip(`${ENGINE}'s WebDriver delivers touch actions as pointerType ${JSON.stringify(types)}, not touch`);
        return;
      }
      const cells = await table(0);
      const tip = await until(() => tooltip(0), 'a tooltip after a tap');
      const a = assertTooltipInTable(tip, cells, 'tap');
      assert.equal(a.row, cells.length - 1, `a tap at the right edge shows the last period: ${JSON.stringify(tip)}`);
      // A finger's move is deliberate: the live region says it once it settles.
      await until(async () => (await live()).includes(tip.lines[0]) && (await live()).includes(tip.lines[1]), `the tap announced (${JSON.stringify(tip)})`, 3_000);

      // A drag to the left, finger held down, then lifted: the tooltip follows to an earlier
      // period and stays when the finger lifts.
      const drag = finger();
      const to = Math.round(plot.left + 0.4 * (plot.right - plot.left));
      await driver.actions().insert(drag, drag.move({ x, y, origin: Origin.VIEWPORT }), drag.press(),
        drag.move({ x: to, y, origin: Origin.VIEWPORT, duration: 300 }), drag.release()).perform();
      const moved = await until(async () => {
        const now = await tooltip(0);
        return now && now.lines[0] !== tip.lines[0] ? now : null;
      }, 'the tooltip to follow the drag', 3_000);
      const b = assertTooltipInTable(moved, cells, 'drag');
      assert.ok(b.row < a.row - 5, `a drag of 60% of the plot moved ${a.row - b.row} periods back: ${JSON.stringify(moved)}`);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await tooltip(0), moved, 'the tooltip stays after the finger lifts');
      await until(async () => (await live()).includes(moved.lines[0]), 'the drag announced where it settled', 3_000);

      // A tap on the page outside the widget puts it away.
      const heading = await run(`const r = document.querySelector('h1').getBoundingClientRect(); return { x: r.left + 10, y: r.top + r.height / 2 };`);
      const away = finger();
      await driver.actions().insert(away, away.move({ x: Math.round(heading.x), y: Math.round(heading.y), origin: Origin.VIEWPORT }), away.press(), away.release()).perform();
      await until(async () => (await tooltip(0)) === null, 'a tap outside the widget to hide the tooltip', 3_000);

      // Again where a tap does not focus the chart, as in Safari on iOS (which focuses no
      // canvas on a tap, so no blur can put the tooltip away): the chart loses its tabindex, so
      // no tap can focus it, however an engine focuses on a tap (cancelling the compatibility
      // mousedown was tried first: Firefox still focused now and then).
      await run(`document.activeElement && document.activeElement.blur();
        document.querySelector('crime-compare').shadowRoot.querySelector('canvas.chart').removeAttribute('tabindex');`);
      const again = finger();
      await driver.actions().insert(again, again.move({ x, y, origin: Origin.VIEWPORT }), again.press(), again.release()).perform();
      await until(() => tooltip(0), 'a tooltip after a tap that does not focus', 3_000);
      assert.equal(await run(`return document.activeElement === document.querySelector('crime-compare')`), false, 'the tap did not focus the widget');
      const away2 = finger();
      await driver.actions().insert(away2, away2.move({ x: Math.round(heading.x), y: Math.round(heading.y), origin: Origin.VIEWPORT }), away2.press(), away2.release()).perform();
      await until(async () => (await tooltip(0)) === null, 'a tap outside to hide the tooltip of an unfocused chart', 3_000);

      // Nothing wider than the phone's screen.
      const overflow = await run('return document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 400 px`);
      assert.deepEqual((await errors()).errors, []);
    } finally {
      await driver.manage().window().setRect({ width: 1280, height: 900 });
    }
  });
});
