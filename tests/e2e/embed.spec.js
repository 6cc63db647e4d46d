// The iframe embed (pkg/embed.html) and the resizer in the shim (issue 15): a host page that
// loads the shim gets iframes exactly as tall as their content at every width; without it they
// keep the height they were written with; nothing but our own embed can resize an iframe; and
// no request leaves the page's host.

import { test, expect, canvasStats, tableCells } from './fixtures.js';
import { STRICT_CSP } from './server.mjs';

/** The frame of an iframe, once its widget has drawn a chart. */
async function readyFrame(page, id) {
  const handle = await page.locator(`iframe#${id}`).elementHandle();
  const frame = await handle.contentFrame();
  await expect.poll(() => frame.evaluate(() => Boolean(document.querySelector('crime-compare')?.shadowRoot?.querySelector('canvas[data-plot]'))),
    { timeout: 20_000 }).toBe(true);
  return frame;
}

/** The iframe's height on the host, and the height of the content inside it. */
async function heights(page, id) {
  const frame = await readyFrame(page, id);
  const iframe = await page.locator(`iframe#${id}`).evaluate((el) => el.getBoundingClientRect().height);
  const content = await frame.evaluate(() => {
    const widget = document.querySelector('crime-compare').getBoundingClientRect();
    return Math.max(widget.bottom, document.documentElement.getBoundingClientRect().height);
  });
  const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > innerHeight + 1);
  return { iframe, content, scrolls };
}

/** Every request's host is the page's own (or, where given, the package's origin). */
function expectOnlyHosts(guard, hosts) {
  const foreign = guard.requests.filter((url) => !/^(data|blob|about):/.test(url) && !hosts.includes(new URL(url).host));
  expect(foreign, 'requests to other hosts').toEqual([]);
}

for (const width of [1000, 360]) {
  test(`with the shim, an embed is as tall as its content at ${width} px and follows a resize`, async ({ page, guard, baseURL }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/tests/e2e/pages/embed/host.html');
    for (const id of ['bundled', 'inline']) {
      await page.locator(`iframe#${id}`).scrollIntoViewIfNeeded();
      await expect.poll(async () => {
        const h = await heights(page, id);
        return Math.abs(h.iframe - h.content);
      }, { message: `${id} height` }).toBeLessThanOrEqual(4);
      const h = await heights(page, id);
      expect(h.content).toBeGreaterThan(300); // a chart, not a link
      expect(h.scrolls).toBe(false);
      console.log(`${id} at ${width} px: iframe ${h.iframe} px, content ${h.content} px`);
    }
    // The inline figures in the hash reach the widget.
    const inline = await readyFrame(page, 'inline');
    const cells = await inline.locator('crime-compare').evaluate((el) =>
      Array.from(el.shadowRoot.querySelectorAll('.table-wrap td, .table-wrap th'), (c) => c.textContent));
    expect(cells.join(' ')).toContain('517');
    expect(cells.join(' ')).toContain('424');

    // The frame's page is transparent and holds the widget alone.
    const bundled = await readyFrame(page, 'bundled');
    expect(await bundled.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    expect(await bundled.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    expect(await bundled.evaluate(() => Array.from(document.body.children, (e) => e.localName))).toEqual(['crime-compare']);
    expect(await bundled.locator('crime-compare').evaluate((el) => el.getAttribute('area'))).toBe('North Wales');

    // Resize: the other width; the iframes follow.
    const other = width === 1000 ? 360 : 1000;
    const before = (await heights(page, 'bundled')).iframe;
    await page.setViewportSize({ width: other, height: 900 });
    await expect.poll(async () => {
      const h = await heights(page, 'bundled');
      return Math.abs(h.iframe - h.content);
    }).toBeLessThanOrEqual(4);
    const after = await heights(page, 'bundled');
    console.log(`bundled after resizing to ${other} px: iframe ${after.iframe} px (was ${before}), content ${after.content} px`);
    expect(after.iframe).not.toBe(before);

    // The impostor on our own origin claimed 777 px and was not believed.
    expect(await page.locator('iframe#impostor').evaluate((el) => el.getBoundingClientRect().height)).toBe(150);
    expectOnlyHosts(guard, [new URL(baseURL).host]);
  });
}

test('without the shim an embed keeps the height the builder wrote', async ({ page, guard, baseURL }) => {
  await page.goto('/tests/e2e/pages/embed/plain.html');
  const frame = await readyFrame(page, 'bundled');
  expect((await canvasStats(frame.locator('crime-compare'))).differing).toBeGreaterThan(100);
  await page.waitForTimeout(300); // the frame has posted its height by now, to no listener
  expect(await page.locator('iframe#bundled').evaluate((el) => el.getBoundingClientRect().height)).toBe(200);
  expectOnlyHosts(guard, [new URL(baseURL).host]);
});

test('the resizer believes only our embed, from its own frame, with a bounded number', async ({ page }) => {
  await page.goto('/tests/e2e/pages/embed/host.html');
  const frame = await readyFrame(page, 'bundled');
  const iframe = page.locator('iframe#bundled');
  await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(300);
  const settled = await iframe.evaluate((el) => el.getBoundingClientRect().height);
  // From the embed's own frame, but not a finite number within bounds: ignored.
  for (const height of [99999, -5, 0, 'NaN', '500', null, Infinity]) {
    await frame.evaluate((h) => window.parent.postMessage({ type: 'crime-compare:height', height: h === 'NaN' ? NaN : h }, '*'), height);
  }
  // From the host window itself (not a frame): ignored.
  await page.evaluate(() => window.postMessage({ type: 'crime-compare:height', height: 123 }, '*'));
  await page.waitForTimeout(300);
  expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(settled);
  expect(await page.locator('iframe#impostor').evaluate((el) => el.getBoundingClientRect().height)).toBe(150);
  // A genuine report is believed: the protocol itself works.
  await frame.evaluate(() => window.parent.postMessage({ type: 'crime-compare:height', height: 640 }, '*'));
  await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(640);
});

test('a resizer loaded after the embeds asks them for their height', async ({ page }) => {
  await page.goto('/tests/e2e/pages/embed/plain.html');
  await readyFrame(page, 'bundled');
  await page.waitForTimeout(200);
  expect(await page.locator('iframe#bundled').evaluate((el) => el.getBoundingClientRect().height)).toBe(200);
  await page.addScriptTag({ type: 'module', url: '/pkg/crime-compare.js' });
  await expect.poll(async () => {
    const h = await heights(page, 'bundled');
    return Math.abs(h.iframe - h.content);
  }).toBeLessThanOrEqual(4);
});

test('embed.html works under a strict CSP and is small', async ({ page, request }) => {
  await page.route(/\/(pkg\/embed|tests\/e2e\/pages\/embed\/host)\.html/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
  });
  await page.goto('/tests/e2e/pages/embed/host.html');
  const frame = await readyFrame(page, 'bundled');
  await expect.poll(async () => {
    const h = await heights(page, 'bundled');
    return Math.abs(h.iframe - h.content);
  }).toBeLessThanOrEqual(4);
  expect(await page.evaluate(() => window.__cc.violations)).toEqual([]);
  expect(await frame.evaluate(() => window.__cc.violations)).toEqual([]);
  const body = await (await request.get('/pkg/embed.html')).text();
  expect(body.length).toBeLessThan(1024);
  expect(body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
  expect(body).not.toMatch(/\bstyle=|<style/);
});

test('embed.html charts a src dataset named in its query string', async ({ page, guard }) => {
  // A publisher's dataset folder elsewhere on the host: here, the package's own files again.
  await page.route('**/newsroom/figures/**', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const response = await page.request.get(`/pkg/data/${name}`);
    await route.fulfill({ response });
  });
  await page.goto('/tests/e2e/pages/embed/plain.html');
  await page.locator('iframe#bundled').evaluate((el) => {
    el.src = '../../../../pkg/embed.html?area=Gwent&offence=Robbery&src=%2Fnewsroom%2Ffigures%2F';
  });
  await expect.poll(async () => {
    const frame = await (await page.locator('iframe#bundled').elementHandle()).contentFrame();
    return frame.evaluate(() => document.querySelector('crime-compare')?.getAttribute('src') === '/newsroom/figures/'
      && Boolean(document.querySelector('crime-compare').shadowRoot?.querySelector('canvas[data-plot]')));
  }, { timeout: 20_000 }).toBe(true);
  expect(guard.requests.some((url) => url.endsWith('/newsroom/figures/index.ccd'))).toBe(true);
  expect(guard.requests.some((url) => /\/newsroom\/figures\/o\d+-[0-9a-f]+\.ccd$/.test(url))).toBe(true);
});
