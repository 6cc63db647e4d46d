// Mounting and removing a widget many times must not grow wasm memory: each removal frees what
// its widget held. 300 mounts, measured after the 30th and the 300th: wasm memory grows in 64 KB
// pages, so a leak of 500 bytes a widget (270 x 500 = 135 KB) fails it. Measured here, memory is
// exactly flat (the same byte length after 1, 100 and 1,000 mounts); the earlier 1,000 mounts
// with a 1 MB allowance took 78 s of a 2-core CI run and caught only leaks over ~1.1 KB a widget.

import { test, expect } from './fixtures.js';

test('mounting and removing a widget 300 times leaves wasm memory flat', async ({ page }) => {
  test.setTimeout(120_000);
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
    for (let i = 1; i <= 300; i++) {
      await mountOnce(i);
      if (i === 1 || i === 30 || i === 300) sizes[i] = exports.memory.buffer.byteLength;
    }
    return sizes;
  });
  console.log(`wasm memory: after 1: ${sizes[1]}, after 30: ${sizes[30]}, after 300: ${sizes[300]} bytes`);
  expect(sizes[300]).toBeLessThanOrEqual(sizes[30] + 128 * 1024);
  expect(await page.locator('#slot').evaluate((el) => el.childElementCount)).toBe(0);
});
