// axe-core on every public page, once the widgets are ready (their shadow DOM included).

import AxeBuilder from '@axe-core/playwright';
import { test, expect, waitAllReady } from './fixtures.js';

const PAGES = ['/www/index.html', '/www/builder.html', '/www/examples/flintshire-wrexham.html',
  '/www/examples/north-wales-stalking.html'];

for (const path of PAGES) {
  test(`axe finds no violations on ${path}`, async ({ newContext }) => {
    test.setTimeout(90_000);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(path);
    await waitAllReady(page);
    await page.evaluate(() => scrollTo(0, 0));
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.slice(0, 3)
      .map((n) => n.target.join(' >> ')).join(' | ')}`);
    expect(summary).toEqual([]);
  });
}
