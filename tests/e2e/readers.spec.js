// What keyboard, screen-reader, high-contrast and low-vision readers meet (issue 14), beyond
// what axe checks. Each test names the defect it guards against; each failed on the widget as
// it was before these fixes. Real screen readers are not driven here (see README).

import { test, expect, waitReady, plotArea, tooltipText, showControls, CANVAS } from './fixtures.js';

const PAGE = '/tests/e2e/pages/readers.html';

async function open(page, id) {
  await page.goto(PAGE);
  const host = page.locator(`#${id}`);
  await waitReady(host);
  await expect.poll(() => host.evaluate((el) => Boolean(el.__ccReady))).toBe(true);
  await showControls(host);
  return host;
}

/** Counts changes to the live region from now on. */
function countAnnouncements(host) {
  return host.evaluate((el) => {
    const live = el.shadowRoot.querySelector('.live');
    el.__announcements = [];
    new MutationObserver(() => el.__announcements.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
  });
}
const announcements = (host) => host.evaluate((el) => el.__announcements.filter((t) => t !== ''));

/** Share of each side's strip, just outside a box, that is close to `rgb`. */
async function ringCoverage(page, box, rgb) {
  const pad = 6;
  const clip = { x: Math.floor(box.x - pad), y: Math.floor(box.y - pad), width: Math.ceil(box.width + 2 * pad), height: Math.ceil(box.height + 2 * pad) };
  const png = await page.screenshot({ clip });
  return page.evaluate(async ({ data, rgb, pad }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const { width: w, height: h } = c;
    const px = g.getImageData(0, 0, w, h).data;
    const near = (x, y) => {
      const i = 4 * (y * w + x);
      return Math.abs(px[i] - rgb[0]) + Math.abs(px[i + 1] - rgb[1]) + Math.abs(px[i + 2] - rgb[2]) < 90;
    };
    // A pixel counts for a side if any pixel in the 1-5 px band outside the box is the ring.
    const band = (along, at) => [1, 2, 3, 4, 5].some((d) => at(d, along));
    const share = (n, test) => { let hit = 0; for (let i = 0; i < n; i++) if (test(i)) hit++; return hit / n; };
    const innerW = w - 2 * pad; const innerH = h - 2 * pad;
    return {
      top: share(innerW, (i) => band(i, (d) => near(pad + i, pad - d))),
      bottom: share(innerW, (i) => band(i, (d) => near(pad + i, h - pad - 1 + d))),
      left: share(innerH, (i) => band(i, (d) => near(pad - d, pad + i))),
      right: share(innerH, (i) => band(i, (d) => near(w - pad - 1 + d, pad + i))),
    };
  }, { data: png.toString('base64'), rgb, pad });
}

for (const [id, rgb] of [['light', [0xd1, 0x49, 0x00]], ['dark', [0xff, 0xb4, 0x54]]]) {
  test(`1. the focus ring is drawn whole around every toggle (${id} theme)`, async ({ page }) => {
    const host = await open(page, id);
    const buttons = host.locator('.seg button');
    await expect(buttons).toHaveCount(7);
    for (let i = 0; i < 7; i++) {
      const button = buttons.nth(i);
      await button.scrollIntoViewIfNeeded();
      // A key press first: focus shows its ring for keyboard users (:focus-visible).
      await page.keyboard.press('Shift');
      await button.focus();
      await expect(button).toBeFocused();
      const sides = await ringCoverage(page, await button.boundingBox(), rgb);
      for (const [side, share] of Object.entries(sides)) {
        expect(share, `"${await button.textContent()}": ring on the ${side} side`).toBeGreaterThan(0.9);
      }
    }
  });
}

test('2. focus stays in the search when the sixth area is added, and the limit is shown and said', async ({ page }) => {
  const host = await open(page, 'five');
  await expect(host.locator('.chip')).toHaveCount(5);
  await countAnnouncements(host);
  const input = host.locator('input[role=combobox]');
  await input.focus();
  await input.pressSequentially('Gwent', { delay: 20 });
  await expect(host.locator('[role=option]').first()).toBeVisible();
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect(host.locator('.chip')).toHaveCount(6);
  await expect(input, 'focus is not lost to the page').toBeFocused();
  await expect(input).not.toBeDisabled();
  await expect(host.locator('.limit')).toBeVisible();
  await expect(host.locator('.limit')).toContainText('up to 6 areas');
  await expect(input).toHaveAttribute('aria-describedby', /cc-limit/);
  await expect.poll(() => announcements(host)).toContainEqual(expect.stringMatching(/Added Gwent.*up to 6 areas/));
  // Typing more offers nothing, and the field says why rather than looking enabled.
  await expect(input).toHaveAttribute('readonly', '');
});

test('3. with forced colours, pressed toggles and the active option stand out, and the chart uses the system colours', async ({ newContext }) => {
  const context = await newContext({ forcedColors: 'active', colorScheme: 'dark' });
  const page = await context.newPage();
  const host = await open(page, 'light');
  const measures = host.locator('.seg.measure button');
  const pressed = await measures.nth(0).screenshot();
  const plain = await measures.nth(1).screenshot();
  const mean = (png) => page.evaluate(async (data) => {
    const img = new Image(); img.src = `data:image/png;base64,${data}`; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const g = c.getContext('2d'); g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let r = 0, gr = 0, b = 0; const n = px.length / 4;
    for (let i = 0; i < px.length; i += 4) { r += px[i]; gr += px[i + 1]; b += px[i + 2]; }
    return [r / n, gr / n, b / n];
  }, png.toString('base64'));
  const [a, b] = [await mean(pressed), await mean(plain)];
  const distance = Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
  expect(distance, `pressed ${a} against unpressed ${b}`).toBeGreaterThan(60);

  // The system colours, as the page itself gets them.
  const system = await page.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const read = (c) => { probe.style.color = c; return getComputedStyle(probe).color; };
    const out = { canvas: read('Canvas'), highlight: read('Highlight') };
    probe.remove();
    return out;
  });
  const corner = await host.evaluate((el) => {
    const canvas = el.shadowRoot.querySelector('canvas.chart');
    const [r, g, b] = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
    return `rgb(${r}, ${g}, ${b})`;
  });
  expect(corner, 'the chart background is the system Canvas colour').toBe(system.canvas);

  const input = host.locator('input[role=combobox]');
  await input.pressSequentially('Gw', { delay: 20 });
  await expect(host.locator('[role=option]').first()).toBeVisible();
  await input.press('ArrowDown');
  const active = host.locator('[role=option][aria-selected=true]');
  await expect(active).toHaveCount(1);
  await expect.poll(() => active.evaluate((el) => getComputedStyle(el).backgroundColor), 'active option in Highlight').toBe(system.highlight);
});

test('4. a pointer sweep announces nothing; deliberate key moves are announced once they settle', async ({ page }) => {
  const host = await open(page, 'light');
  const plot = await plotArea(host);
  await countAnnouncements(host);
  const y = (plot.top + plot.bottom) / 2;
  for (let i = 0; i <= 50; i++) await page.mouse.move(plot.left + ((plot.right - plot.left) * i) / 50, y);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  await page.waitForTimeout(600);
  expect(await announcements(host), 'announcements during a mouse sweep').toEqual([]);

  await page.mouse.move(0, 0);
  await host.locator(CANVAS).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await announcements(host)).length).toBeGreaterThan(0);
  await page.waitForTimeout(600);
  expect((await announcements(host)).length, 'six quick key presses, one announcement').toBe(1);
  // Hiding the tooltip empties the live region: its words do not linger in the reading order.
  await page.keyboard.press('Escape');
  await expect.poll(() => host.locator('.live').textContent()).toBe('');
});

test('5. the chart is an interactive element with key instructions; Home, End, Page Up and Page Down move in time', async ({ page }) => {
  const host = await open(page, 'light');
  const canvas = host.locator(CANVAS);
  await expect(canvas).toHaveAttribute('role', 'application');
  const describedby = await canvas.getAttribute('aria-describedby');
  const keys = host.locator('#cc-keys');
  expect(describedby.split(' ')).toContain('cc-keys');
  await expect(keys).toContainText('Home');
  await expect(keys).toBeHidden();
  await canvas.focus();
  await expect(keys, 'the instructions show on focus').toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await expect.poll(() => tooltipText(host)).toMatch(/March 2010/);
  await page.keyboard.press('End');
  await expect.poll(() => tooltipText(host)).toMatch(/December 2018/);
  await page.keyboard.press('PageUp');
  await expect.poll(() => tooltipText(host)).toMatch(/December 2017/);
  await page.keyboard.press('PageDown');
  await expect.poll(() => tooltipText(host)).toMatch(/December 2018/);
  // Past the end: said, not silent.
  await countAnnouncements(host);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => announcements(host)).toContainEqual(expect.stringMatching(/End of the chart/));
});

test('6. Escape dismisses a hover tooltip, and the tooltip can be hovered without changing', async ({ page }) => {
  const host = await open(page, 'light');
  const plot = await plotArea(host);
  await page.mouse.move(plot.left + (plot.right - plot.left) * 0.3, (plot.top + plot.bottom) / 2);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  await page.keyboard.press('Escape');
  await expect.poll(() => tooltipText(host), 'Escape hides a hover tooltip').toBeNull();

  await page.mouse.move(plot.left + (plot.right - plot.left) * 0.3 + 3, (plot.top + plot.bottom) / 2);
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  const before = await tooltipText(host);
  const tip = await host.locator('.tooltip').boundingBox();
  // Onto the tooltip, in steps, as a hand moves.
  await page.mouse.move(tip.x + tip.width / 2, tip.y + tip.height / 2, { steps: 8 });
  await page.mouse.move(tip.x + tip.width - 4, tip.y + tip.height / 2, { steps: 4 });
  expect(await tooltipText(host), 'the tooltip stays, unchanged, under the pointer').toBe(before);
});

test('7. a Welsh widget marks its English names with lang="en"', async ({ page }) => {
  const host = await open(page, 'cy');
  await expect(host.locator('.cc')).toHaveAttribute('lang', 'cy');
  // Robbery has no published Welsh name: its option is English.
  await expect(host.locator('select.offence option[value="robbery"], select.offence option').filter({ hasText: /^Robbery$/ })).toHaveAttribute('lang', 'en');
  // A Welsh name is not marked.
  expect(await host.locator('select.offence option').filter({ hasText: /^Byrgleriaeth$/ }).getAttribute('lang')).toBeNull();
  // Cheshire has no Welsh name; Gogledd Cymru is Welsh.
  await expect(host.locator('.chip span[lang=en]')).toHaveText(['Cheshire']);
  await expect(host.locator('.table-wrap th[lang=en]').first()).toHaveText('Cheshire');
  await host.locator(CANVAS).focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => tooltipText(host)).not.toBeNull();
  const titleLang = await host.evaluate((el) => {
    const title = el.shadowRoot.querySelector('.tooltip strong');
    return [title.textContent, title.getAttribute('lang')];
  });
  expect(titleLang[1], `tooltip title "${titleLang[0]}"`).toBe(titleLang[0] === 'Cheshire' ? 'en' : null);
});

test('8. five series differ without colour: each line and its chip has its own dash pattern', async ({ page }) => {
  const host = await open(page, 'five');
  const patterns = await host.evaluate((el) => Array.from(el.shadowRoot.querySelectorAll('.chip svg.swatch line'),
    (line) => line.getAttribute('stroke-dasharray') || 'solid'));
  expect(patterns).toHaveLength(5);
  expect(new Set(patterns).size, `patterns ${patterns}`).toBe(5);
});

test('9. a larger default text size makes the widget\'s text, and the chart\'s, larger', async ({ newContext }) => {
  const sizes = [];
  for (const standard of [16, 32]) {
    const context = await newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
    const host = await open(page, 'light');
    const caption = await host.locator('.caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const plot = await plotArea(host);
    sizes.push({ standard, caption, tickRoom: plot.left - plot.canvas.x });
  }
  expect(sizes[1].caption, JSON.stringify(sizes)).toBeGreaterThan(sizes[0].caption * 1.8);
  // The value axis' labels are wider in proportion: the canvas text scaled too.
  expect(sizes[1].tickRoom, JSON.stringify(sizes)).toBeGreaterThan(sizes[0].tickRoom * 1.5);
});

test('10. the area search says when nothing matches, names its list, and Enter adds only a highlighted option', async ({ page }) => {
  const host = await open(page, 'light');
  const input = host.locator('input[role=combobox]');
  await input.pressSequentially('zzqx', { delay: 20 });
  await expect(host.locator('.combo-status')).toBeVisible();
  await expect(host.locator('.combo-status')).toHaveText('No areas match');
  await countAnnouncements(host);
  await input.press('Backspace');
  await expect.poll(() => announcements(host)).toContainEqual('No areas match');

  await input.fill('');
  await input.pressSequentially('Gwent', { delay: 20 });
  const listbox = host.locator('[role=listbox]');
  await expect(listbox).toBeVisible();
  await expect(listbox).toHaveAttribute('aria-label', /.+/);
  const chips = await host.locator('.chip').count();
  await input.press('Enter');
  await expect(host.locator('.chip'), 'Enter with nothing highlighted adds nothing').toHaveCount(chips);
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect(host.locator('.chip')).toHaveCount(chips + 1);
});

test('the chips are named as the areas on the chart, and the collapsed table is hidden from screen readers too', async ({ page }) => {
  const host = await open(page, 'light');
  await expect(host.locator('.areas')).toHaveAttribute('aria-label', 'Areas on the chart');
  await expect(host.locator('.table-wrap')).toBeHidden();
  await expect(host.locator('button.table-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(host.locator('h2.title')).toHaveCount(1);
});
