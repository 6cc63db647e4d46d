// Shared fixtures and helpers. Every spec imports `test` and `expect` from here.
//
// The `guard` fixture runs for every test: it records console errors, uncaught page errors and
// failed requests (a wasm that does not load shows up as a 404 or a failed request) in every
// context the test uses, and fails the test after it has run if any were not expected.
// A test that provokes an error on purpose says so with `guard.allow(/pattern/)`.

import { test as base, expect } from '@playwright/test';

/** Installed in every page before its own scripts: records what the widgets announce. */
function pageProbe() {
  window.__cc = { ready: 0, changes: [], violations: [] };
  document.addEventListener('crime-compare:ready', (event) => {
    window.__cc.ready += 1;
    event.target.__ccReady = true;
  }, { capture: true });
  document.addEventListener('crime-compare:change', (event) => {
    window.__cc.changes.push(event.detail);
  }, { capture: true });
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cc.violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
  });
}

class Guard {
  constructor() {
    this.errors = [];
    this.messages = [];
    this.requests = [];
    this.allowed = [];
  }

  allow(pattern) {
    this.allowed.push(pattern);
  }

  record(kind, text) {
    this.errors.push({ kind, text });
  }

  async watch(context) {
    await context.addInitScript(pageProbe);
    context.on('console', (msg) => {
      const location = msg.location();
      const where = location && location.url ? ` (${location.url}:${location.lineNumber})` : '';
      this.messages.push({ type: msg.type(), text: msg.text() + where });
      if (msg.type() === 'error') this.record('console.error', msg.text() + where);
    });
    context.on('weberror', (error) => this.record('pageerror', String(error.error()?.stack || error.error())));
    context.on('request', (request) => this.requests.push(request.url()));
    context.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText || 'failed';
      // Requests cut short by a navigation or by the test closing the page are not failures.
      if (failure === 'net::ERR_ABORTED') return;
      this.record('requestfailed', `${request.url()}: ${failure}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 400) this.record('http', `${response.status()} ${response.url()}`);
    });
  }

  unexpected() {
    return this.errors.filter((e) => !this.allowed.some((pattern) => pattern.test(e.text)));
  }
}

export const test = base.extend({
  guard: [async ({ context }, use) => {
    const guard = new Guard();
    await guard.watch(context);
    await use(guard);
    const unexpected = guard.unexpected();
    expect(unexpected.map((e) => `${e.kind}: ${e.text}`), 'console errors, page errors or failed requests').toEqual([]);
  }, { auto: true }],

  /** A fresh, guarded context (axe-core needs browser.newContext()). */
  newContext: async ({ browser, guard, baseURL }, use) => {
    const contexts = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options });
      await guard.watch(context);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/** Every widget host on the page, by the two embed forms. */
export const HOSTS = 'crime-compare, [data-crime-compare]';

/** The chart canvas inside a widget (an overlay canvas for the crosshair may sit beside it). */
export const CANVAS = 'canvas.chart';

/** The narrative under the title (a subtitle may share the caption class). */
export const NARRATIVE = '.caption:not(.subtitle)';

/**
 * Waits until a widget is ready: it announced crime-compare:ready, or (so that a missing event
 * is reported by its own test rather than by every test) its canvas carries a plot area.
 */
export async function waitReady(locator, { scroll = true, timeout = 20_000 } = {}) {
  if (scroll) await locator.scrollIntoViewIfNeeded();
  await expect.poll(() => locator.evaluate((el) => Boolean(el.__ccReady
    || (el.shadowRoot && el.shadowRoot.querySelector('canvas[data-plot]')))), { timeout }).toBe(true);
}

/** Waits for every widget on the page, scrolling each into view as a reader would. */
export async function waitAllReady(page, { timeout = 30_000 } = {}) {
  const hosts = page.locator(HOSTS);
  const count = await hosts.count();
  for (let i = 0; i < count; i++) await waitReady(hosts.nth(i), { timeout });
  return count;
}

/** Pixel statistics of a widget's canvas: how much of it is drawn, and in how many colours. */
export function canvasStats(host) {
  return host.evaluate((el) => {
    const canvas = el.shadowRoot.querySelector('canvas.chart');
    const context = canvas.getContext('2d');
    const { width, height } = canvas;
    const data = context.getImageData(0, 0, width, height).data;
    const first = [data[0], data[1], data[2], data[3]];
    let differing = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      if (data[i] !== first[0] || data[i + 1] !== first[1] || data[i + 2] !== first[2] || data[i + 3] !== first[3]) differing++;
      if (colours.size < 1000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width, height, cssWidth: canvas.getBoundingClientRect().width, differing, samples: Math.ceil(data.length / 28), colours: colours.size };
  });
}

/** The canvas's plot area in page coordinates, from its data-plot attribute. */
export async function plotArea(host) {
  return host.evaluate((el) => {
    const canvas = el.shadowRoot.querySelector('canvas.chart');
    const rect = canvas.getBoundingClientRect();
    const [left, top, right, bottom] = (canvas.getAttribute('data-plot') || '').split(',').map(Number);
    return {
      canvas: { x: rect.left, y: rect.top, width: rect.width, height: rect.height },
      left: rect.left + left, top: rect.top + top, right: rect.left + right, bottom: rect.top + bottom,
      raw: canvas.getAttribute('data-plot'),
    };
  });
}

/** The tooltip's visible text, or null when it is hidden. */
export function tooltipText(host) {
  return host.evaluate((el) => {
    const tip = el.shadowRoot.querySelector('.tooltip');
    if (!tip || tip.hidden || tip.hasAttribute('hidden')) return null;
    // innerText keeps the line breaks between the tooltip's lines ("2018" then "3,091").
    return tip.innerText;
  });
}

/** The widget's table as an array of rows of cell texts (header row first). */
export function tableCells(host) {
  return host.evaluate((el) => Array.from(el.shadowRoot.querySelectorAll('.table-wrap table tr'),
    (tr) => Array.from(tr.querySelectorAll('th, td'), (cell) => cell.textContent.trim())));
}

/** Counts requests whose URL matches a pattern, from the moment it is called. */
export function countRequests(page, pattern) {
  const seen = [];
  page.on('request', (request) => { if (pattern.test(request.url())) seen.push(request.url()); });
  return seen;
}

/** Widget parts that stick out past the widget's own box (they would be clipped or overlap the page). */
export function overflowingParts(host) {
  return host.evaluate((el) => {
    const box = el.shadowRoot.querySelector('.cc').getBoundingClientRect();
    return Array.from(el.shadowRoot.querySelectorAll('.cc *'))
      .filter((node) => !node.closest('.table-wrap, .visually-hidden, [hidden]'))
      .filter((node) => {
        const rect = node.getBoundingClientRect();
        return rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1);
      })
      .map((node) => `${node.tagName.toLowerCase()}${node.className ? '.' + String(node.className).split(' ').join('.') : ''}`
        + ` (${Math.round(node.getBoundingClientRect().right - box.right)}px past the edge)`);
  });
}

/**
 * Opens a narrow widget's "Change chart" disclosure, if it has one showing, so its controls
 * can be used; on wide widgets the controls are already there.
 */
export async function showControls(host) {
  const button = host.locator('button.change-chart');
  if (await button.isVisible() && (await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(host.locator('#cc-controls')).toBeVisible();
}
