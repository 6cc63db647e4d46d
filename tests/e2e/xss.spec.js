// Publisher data is text. Markup in area names, offence names or the source column is shown as
// written, and nothing in it runs or loads.

import { test, expect, waitReady } from './fixtures.js';

test('markup in publisher data shows as text and runs nothing', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  const stray = [];
  page.on('request', (request) => { if (/\/x$|javascript:/.test(request.url())) stray.push(request.url()); });
  await page.goto('/tests/e2e/pages/publisher-xss.html');

  for (const [id, area, offence, source] of [
    ['csv', '<img src=x onerror=alert(1)>', '"><script>alert(2)', '<img src=x onerror=alert(3)>'],
    ['json', '<svg onload=alert(6)>', '"><script>alert(5)</script>', '<img src=x onerror=alert(7)>'],
  ]) {
    const host = page.locator(`#${id}`);
    await waitReady(host);
    const found = await host.evaluate((el) => {
      const root = el.shadowRoot;
      return {
        elements: Array.from(root.querySelectorAll('img, script, iframe, object, embed, b'), (n) => n.outerHTML.slice(0, 80)),
        handlers: Array.from(root.querySelectorAll('*')).filter((n) => Array.from(n.attributes).some((a) => /^on/i.test(a.name)))
          .map((n) => n.tagName),
        text: root.textContent + ' ' + Array.from(root.querySelectorAll('[aria-label]'), (n) => n.getAttribute('aria-label')).join(' '),
        source: root.querySelector('.source')?.textContent || '',
      };
    });
    expect(found.elements, `${id}: no elements made from the data`).toEqual([]);
    expect(found.handlers, `${id}: no event handler attributes`).toEqual([]);
    expect(found.text, `${id}: the area name shows as text`).toContain(area);
    expect(found.text, `${id}: the offence name shows as text`).toContain(offence);
    expect(found.source, `${id}: the source column shows as text`).toContain(source);
  }
  // Give any injected handler a chance to fire before concluding nothing ran.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(stray).toEqual([]);
  expect(await page.evaluate(() => document.querySelectorAll('body img, body svg, body iframe').length)).toBe(0);
});
