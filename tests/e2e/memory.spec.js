// Mounting and removing a widget many times must not grow wasm memory: each removal frees what
// its widget held.

import { test, expect } from './fixtures.js';

test('mounting and removing a widget 1,000 times leaves wasm memory flat', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/tests/e2e/pages/mount.html');
  const sizes = await page.evaluate(async () => {
    const { load } = await import('/pkg/crime-compare.js');
    const { exports } = await load();
    const slot = document.getElementById('slot');
    const mountOnce = (i) => new Promise((resolve, reject) => {
      const el = document.createElement('crime-compare');
      el.setAttribute('area', i % 2 ? 'North Wales' : 'Gwent');
      el.setAttribute('compare', 'Wales,England and Wales');
      el.setAttribute('offence', i % 3 ? 'Sexual offences' : 'Robbery');
      slot.appendChild(el);
      const started = performance.now();
      const check = () => {
        if (el.__ccReady || el.shadowRoot?.querySelector('canvas[data-plot]')) {
          el.remove();
          resolve();
        } else if (performance.now() - started > 10_000) {
          reject(new Error(`widget ${i} was not ready after 10 s`));
        } else {
          requestAnimationFrame(check);
        }
      };
      check();
    });
    const sizes = {};
    for (let i = 1; i <= 1000; i++) {
      await mountOnce(i);
      if (i === 1 || i === 100 || i === 1000) sizes[i] = exports.memory.buffer.byteLength;
    }
    return sizes;
  });
  console.log(`wasm memory: after 1: ${sizes[1]}, after 100: ${sizes[100]}, after 1000: ${sizes[1000]} bytes`);
  expect(sizes[1000]).toBeLessThanOrEqual(sizes[100] + 1024 * 1024);
  expect(await page.locator('#slot').evaluate((el) => el.childElementCount)).toBe(0);
});
