// The builder's iframe, resizer and AMP variants (issue 15): what the builder writes is parsed
// back and rendered on a fresh page; the AMP snippet is checked against the AMP validator's
// rules for amp-iframe, and the frame speaks AMP's resize protocol.

import { test, expect } from './fixtures.js';
import { readFileSync } from 'node:fs';

// www/ is plain browser code with no package.json: loaded here as the browser loads it, an ES module.
const source = readFileSync(new URL('../../www/builder-embeds.js', import.meta.url), 'utf8');
const { ampSnippet, embedSrc, embedSnippets } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

const STATE = { area: 'North Wales', compare: 'Wales', offence: 'Sexual offences', measure: 'count', kind: 'trend', lang: 'en', theme: 'light', controls: '' };

/** Serves `body` as a page of the test origin, so snippets run exactly as pasted. */
async function freshPage(page, path, body) {
  await page.route(`**${path}`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fresh page</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
  }));
  await page.goto(path);
}

async function frameReady(page) {
  const frame = await (await page.locator('iframe').first().elementHandle()).contentFrame();
  await expect.poll(() => frame.evaluate(() => Boolean(document.querySelector('crime-compare')?.shadowRoot?.querySelector('canvas[data-plot]'))),
    { timeout: 20_000 }).toBe(true);
  return frame;
}

async function chooseAndRead(page, label) {
  await page.goto('/www/builder.html');
  await expect(page.locator('#preview')).toHaveJSProperty('__ccReady', true, { timeout: 20_000 });
  await page.getByLabel(label, { exact: true }).check();
  return page.locator('#snippet-parts code').allTextContents();
}

test('the builder\'s iframe with the resizer, pasted into a fresh page, is as tall as its content', async ({ page, guard, baseURL }) => {
  const [snippet] = await chooseAndRead(page, 'Iframe with the resizer script');
  expect(snippet).toContain('<script type="module" src="');
  expect(snippet).toMatch(/<iframe src="[^"]*\/pkg\/embed\.html\?area=North%20Wales&amp;compare=[^"]*Wales[^"]*&amp;offence=Sexual%20offences/);
  const written = Number(/height="(\d+)"/.exec(snippet)[1]);
  expect(written).toBeGreaterThan(300); // the preview's measured height, not a guess
  await freshPage(page, '/tests/e2e/pages/embed/fresh-resizer.html', snippet);
  await frameReady(page);
  await expect.poll(async () => {
    const iframe = await page.locator('iframe').evaluate((el) => el.getBoundingClientRect().height);
    const frame = await (await page.locator('iframe').elementHandle()).contentFrame();
    const content = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    return Math.abs(iframe - content);
  }).toBeLessThanOrEqual(4);
  expect(guard.requests.filter((url) => !url.startsWith('data:') && new URL(url).host !== new URL(baseURL).host)).toEqual([]);
});

test('the builder\'s plain iframe keeps the height it was written with and draws the chart', async ({ page }) => {
  const [snippet] = await chooseAndRead(page, 'Iframe (no script allowed)');
  expect(snippet).not.toContain('<script');
  const written = Number(/height="(\d+)"/.exec(snippet)[1]);
  await freshPage(page, '/tests/e2e/pages/embed/fresh-plain.html', snippet);
  await frameReady(page);
  expect(await page.locator('iframe').evaluate((el) => el.getBoundingClientRect().height)).toBe(written);
});

test('over http the builder\'s AMP variant says AMP needs https', async ({ page }) => {
  await chooseAndRead(page, 'AMP');
  await expect(page.locator('#snippet-parts h3').nth(1)).toContainText('AMP refuses this address: amp-iframe needs https');
});

/**
 * The AMP validator's rules for amp-iframe (validator-amp-iframe.protoascii in ampproject/amphtml,
 * and amp-iframe's documentation), checked on the parsed snippet. The official validator is
 * not used: its npm package downloads the validator from AMP's CDN at run time.
 */
function ampIframeProblems({ head, body, pageOrigin }) {
  const problems = [];
  const doc = new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, 'text/html');
  const script = doc.head.querySelector('script[custom-element="amp-iframe"]');
  if (!script || !script.hasAttribute('async') || script.getAttribute('src') !== 'https://cdn.ampproject.org/v0/amp-iframe-0.1.js') {
    problems.push('the amp-iframe extension script is missing or wrong');
  }
  const frames = doc.body.querySelectorAll('amp-iframe');
  if (frames.length !== 1) return [...problems, `expected one amp-iframe, found ${frames.length}`];
  const el = frames[0];
  const allowed = new Set(['allow', 'allowfullscreen', 'allowpaymentrequest', 'allowtransparency', 'frameborder', 'referrerpolicy',
    'resizable', 'sandbox', 'scrolling', 'tabindex', 'src', 'srcdoc', '[src]',
    // extended-amp-global
    'layout', 'width', 'height', 'heights', 'sizes', 'media', 'noloading', 'on', 'placeholder', 'fallback', 'id', 'class', 'title', 'role', 'hidden', 'lang', 'dir']);
  for (const { name } of el.attributes) {
    if (!allowed.has(name) && !/^(aria|data)-/.test(name)) problems.push(`attribute ${name} is not allowed on amp-iframe`);
  }
  const src = el.getAttribute('src');
  if (!src && !el.hasAttribute('srcdoc')) problems.push('one of src and srcdoc is mandatory');
  let url = null;
  try { url = new URL(src); } catch { problems.push(`src ${src} is not a URL`); }
  if (url && !['https:', 'data:'].includes(url.protocol)) problems.push(`src protocol ${url.protocol} is not allowed (https or data)`);
  if (src && /__amp_source_origin/.test(src)) problems.push('src may not contain __amp_source_origin');
  for (const [name, values] of [['frameborder', ['0', '1']], ['resizable', ['']], ['allowfullscreen', ['']], ['scrolling', ['auto', 'no', 'yes']]]) {
    if (el.hasAttribute(name) && !values.includes(el.getAttribute(name))) problems.push(`${name}="${el.getAttribute(name)}" is not allowed`);
  }
  const layout = el.getAttribute('layout');
  const layouts = ['fill', 'fixed', 'fixed-height', 'flex-item', 'intrinsic', 'nodisplay', 'responsive'];
  if (!layouts.includes(layout)) problems.push(`layout ${layout} is not supported by amp-iframe`);
  const length = (v) => /^\d+(\.\d+)?(px)?$/.test(v || '');
  if (layout === 'fixed-height') {
    if (!length(el.getAttribute('height'))) problems.push('layout fixed-height needs a height');
    if (el.hasAttribute('width') && el.getAttribute('width') !== 'auto') problems.push('layout fixed-height allows only width="auto"');
  }
  if (['fixed', 'responsive', 'intrinsic'].includes(layout) && !(length(el.getAttribute('width')) && length(el.getAttribute('height')))) {
    problems.push(`layout ${layout} needs a width and a height`);
  }
  const sandbox = (el.getAttribute('sandbox') || '').split(/\s+/);
  if (!el.hasAttribute('sandbox')) problems.push('no sandbox: the frame would get none of the rights it needs');
  if (!sandbox.includes('allow-scripts')) problems.push('sandbox lacks allow-scripts: the widget cannot run');
  if (sandbox.includes('allow-same-origin') && url && url.origin === pageOrigin) {
    problems.push('with allow-same-origin the frame must be on another origin than the AMP page');
  }
  const children = Array.from(el.children);
  if (el.hasAttribute('resizable') && !children.some((c) => c.hasAttribute('overflow'))) problems.push('resizable needs an overflow element');
  const overflow = children.find((c) => c.hasAttribute('overflow'));
  if (overflow && !(overflow.getAttribute('role') === 'button' && overflow.hasAttribute('tabindex') && overflow.textContent.trim())) {
    problems.push('the overflow element must be a focusable button with text');
  }
  // Near the top of a page (the first 600 px or 75% of the viewport) amp-iframe needs a placeholder.
  if (!children.some((c) => c.hasAttribute('placeholder'))) problems.push('no placeholder: the frame could not sit in the first 600 px');
  return problems;
}

test('the AMP variant meets the AMP validator\'s rules for amp-iframe', async ({ page }) => {
  await page.goto('/tests/e2e/pages/embed/plain.html');
  const embedUrl = 'https://charts.news.example/pkg/embed.html';
  const inline = { type: 'text/csv', text: 'area,period,offence,count\nWrexham,2020-03,Sexual offences,509\n' };
  for (const options of [{ embedUrl }, { embedUrl, inline }, { embedUrl, image: { src: 'https://news.example/chart.png', alt: 'A chart' } }]) {
    const [head, body] = ampSnippet(STATE, options).map((part) => part.text);
    expect(await page.evaluate(ampIframeProblems, { head, body, pageOrigin: 'https://news.example' })).toEqual([]);
    // Our own need: the widget's module and data are same-origin requests inside the frame.
    expect(/sandbox="([^"]*)"/.exec(body)[1].split(' ')).toEqual(expect.arrayContaining(['allow-scripts', 'allow-same-origin']));
  }
  // The checker itself catches what it should: the same snippet on the AMP page's own origin,
  // over http, or without its overflow element.
  const [head, body] = ampSnippet(STATE, { embedUrl: 'https://news.example/pkg/embed.html' }).map((part) => part.text);
  expect(await page.evaluate(ampIframeProblems, { head, body, pageOrigin: 'https://news.example' }))
    .toEqual(['with allow-same-origin the frame must be on another origin than the AMP page']);
  const [, http] = ampSnippet(STATE, { embedUrl: 'http://charts.news.example/pkg/embed.html' }).map((part) => part.text);
  expect(await page.evaluate(ampIframeProblems, { head, body: http, pageOrigin: 'https://news.example' }))
    .toEqual(['src protocol http: is not allowed (https or data)']);
  const [, good] = ampSnippet(STATE, { embedUrl }).map((part) => part.text);
  expect(await page.evaluate(ampIframeProblems, { head, body: good.replace(/<div overflow[^\n]*\n/, ''), pageOrigin: 'https://news.example' }))
    .toEqual(['resizable needs an overflow element']);
});

test('in the AMP sandbox the frame draws and asks AMP for its height', async ({ page, baseURL }) => {
  const [, body] = ampSnippet(STATE, { embedUrl: `${baseURL}/pkg/embed.html` }).map((part) => part.text);
  const sandbox = /sandbox="([^"]+)"/.exec(body)[1];
  const src = /src="([^"]+)"/.exec(body)[1].replace(/&amp;/g, '&');
  // amp-iframe renders a sandboxed iframe with these attributes; AMP listens for embed-size.
  // The listener is in place before the frame loads (it reports its height as soon as it
  // draws, and again only when that changes).
  await page.addInitScript(() => {
    window.__amp = [];
    addEventListener('message', (e) => { if (e.data && e.data.sentinel === 'amp') window.__amp.push(e.data); });
  });
  await freshPage(page, '/tests/e2e/pages/embed/fresh-amp.html',
    `<iframe sandbox="${sandbox}" src="${src}" height="200" width="600" frameborder="0"></iframe>`);
  const frame = await frameReady(page);
  const content = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
  await expect.poll(() => page.evaluate(() => window.__amp.at(-1)?.height ?? 0)).toBeGreaterThan(300);
  const last = await page.evaluate(() => window.__amp.at(-1));
  expect(last.type).toBe('embed-size');
  expect(Math.abs(last.height - content)).toBeLessThanOrEqual(4);
});

test('embedSrc carries every attribute and the inline figures, and nothing else', () => {
  const src = embedSrc({ ...STATE, from: '2015-03', to: '2018-12', src: 'https://news.example/data/' }, 'https://cdn.example/pkg/embed.html',
    { type: 'text/csv', text: 'area,period,offence,count\nA & B,2019-03,Robbery,5\n' });
  const url = new URL(src);
  expect(Object.fromEntries(url.searchParams)).toEqual({ area: 'North Wales', compare: 'Wales', offence: 'Sexual offences', measure: 'count',
    kind: 'trend', from: '2015-03', to: '2018-12', lang: 'en', theme: 'light', src: 'https://news.example/data/' });
  expect(new URLSearchParams(url.hash.slice(1)).get('csv')).toBe('area,period,offence,count\nA & B,2019-03,Robbery,5\n');
  const variants = embedSnippets(STATE, { scriptUrl: 'https://cdn.example/pkg/crime-compare.js', embedUrl: 'https://cdn.example/pkg/embed.html', fallbackHtml: '<a href="x">x</a>' });
  expect(Object.keys(variants)).toEqual(['iframe', 'iframe-resizer', 'amp', 'wordpress']);
  expect(variants.wordpress[0].text).toBe('[crime-compare area="North Wales" compare="Wales" offence="Sexual offences" measure="count" kind="trend" lang="en" theme="light" /]');
});
