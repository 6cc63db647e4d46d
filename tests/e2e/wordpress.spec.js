// WordPress as it really is (issue 15), in a real WordPress from Debian's packages started by
// this test (wordpress.mjs): posts saved by a user with the Author role, through the same
// kses filter the editor's save applies, render working charts from the plugin's shortcode
// and block; the same Author's Custom HTML block loses its <script> (so the builder's advice
// is right), while an Administrator's keeps it. Fails, never skips, without WordPress.

import { readFileSync } from 'node:fs';
import { test, expect, waitReady, canvasStats, tableCells } from './fixtures.js';
import { startWordPress } from './wordpress.mjs';

const source = readFileSync(new URL('../../www/builder-embeds.js', import.meta.url), 'utf8');
const { shortcode, customHtmlBlock } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// One WordPress for the whole file, in one worker.
test.describe.configure({ mode: 'default', timeout: 180_000 });

const FIGURES = 'area,period,offence,count,source\n'
  + 'Flintshire,2019-03,Sexual offences,517,North Wales Police & Leader Live\n'
  + 'Flintshire,2021-03,Sexual offences,433,North Wales Police & Leader Live\n'
  + 'Wrexham,2020-03,Sexual offences,509,North Wales Police & Leader Live\n'
  + 'Wrexham,2021-03,Sexual offences,424,North Wales Police & Leader Live\n';
const LOCAL = { area: 'Flintshire', compare: 'Wrexham', offence: 'Sexual offences', measure: 'count', from: '2019-03', to: '2021-03', controls: 'none' };
const FORCE = { area: 'North Wales', compare: 'Wales', offence: 'Sexual offences', measure: 'count' };
const FALLBACK = '<a href="https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice">Sexual offences in North Wales: see the figures</a>';

let wp;
test.beforeEach(({ guard }) => {
  guard.allow(/\/favicon\.ico/); // the test site has no icon; WordPress's, not ours
});
test.beforeAll(async () => {
  const scriptUrl = '/wp-content/plugins/crime-compare/pkg/crime-compare.js';
  const custom = customHtmlBlock(FORCE, { scriptUrl, fallbackHtml: FALLBACK });
  wp = await startWordPress({
    // A classic post (wpautop adds <p> and <br /> inside the figures; the plugin undoes them).
    shortcode: { as: 'author', title: 'Two charts from shortcodes', content:
      `Sexual offences recorded in North Wales.\n\n${shortcode(FORCE)}\n\nAnd the local figures:\n\n${shortcode(LOCAL, { type: 'text/csv', text: FIGURES })}\n` },
    // Block content: the plugin's block with figures, and a Shortcode block.
    block: { as: 'author', title: 'A chart block', content: [
      '<!-- wp:paragraph --><p>Local figures.</p><!-- /wp:paragraph -->',
      `<!-- wp:crime-compare/chart ${JSON.stringify({ area: 'Wrexham', compare: 'Flintshire', offence: 'Sexual offences', measure: 'count', from: '2019-03', to: '2021-03', figures: FIGURES })} /-->`,
      `<!-- wp:shortcode -->\n${shortcode({ area: 'Gwent', offence: 'Robbery', measure: 'count' })}\n<!-- /wp:shortcode -->`,
    ].join('\n\n') },
    hostile: { as: 'author', title: 'Hostile attributes', content:
      `[crime-compare area="Gwent" offence="Robbery" label='Robbery" onclick="alert(1)' theme='light"><img src=x onerror=alert(2)>' /]\n\n`
      // Entity-encoded markup survives kses; decoded, it would close the data block: refused.
      + '[crime-compare area="Wrexham" offence="Sexual offences"]\narea,period,offence,count,source\n'
      + 'Wrexham,2020-03,Sexual offences,509,&lt;/script&gt;&lt;img src=x onerror=alert(3)&gt;\n[/crime-compare]' },
    customByAuthor: { as: 'author', title: 'Custom HTML by an author', content: custom },
    customByAdmin: { as: 'admin', title: 'Custom HTML by an administrator', content: custom },
  });
});
test.afterAll(async () => {
  await wp?.stop();
});

/** Every request went to the WordPress host (no CDN, no fonts or emoji from elsewhere). */
function expectOnlyWordPress(guard) {
  const host = new URL(wp.url).host;
  expect(guard.requests.filter((url) => /^https?:/.test(url) && new URL(url).host !== host)).toEqual([]);
}

test('the posts were saved by a real Author, through kses', () => {
  expect(wp.setup.author_role).toEqual(['author']);
  for (const key of ['shortcode', 'block', 'hostile', 'customByAuthor']) {
    expect(wp.setup.posts[key].unfiltered_html, key).toBe(false);
    expect(wp.setup.posts[key].filtered, key).toBe(true);
  }
  expect(wp.setup.posts.customByAdmin.unfiltered_html).toBe(true);
});

test('an Author\'s shortcodes render working charts, with the shim enqueued once', async ({ page, guard }) => {
  await page.goto(`${wp.url}/?p=${wp.setup.posts.shortcode.id}`);
  const widgets = page.locator('.entry-content crime-compare');
  await expect(widgets).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await waitReady(widgets.nth(i));
    expect((await canvasStats(widgets.nth(i))).differing).toBeGreaterThan(100);
  }
  await expect(page.locator('script[src*="crime-compare.js"]')).toHaveCount(1);
  expect(await page.locator('script[src*="crime-compare.js"]').getAttribute('type')).toBe('module');
  // The inline figures came through wpautop and kses intact: exactly these numbers and source.
  const local = widgets.nth(1);
  await local.locator('button.table-toggle').click();
  const cells = JSON.stringify(await tableCells(local));
  for (const figure of ['517', '433', '509', '424']) expect(cells).toContain(figure);
  await expect(local.locator('.source')).toContainText('North Wales Police & Leader Live');
  expectOnlyWordPress(guard);
});

test('an Author\'s block and Shortcode block render working charts', async ({ page, guard }) => {
  await page.goto(`${wp.url}/?p=${wp.setup.posts.block.id}`);
  const widgets = page.locator('.entry-content crime-compare');
  await expect(widgets).toHaveCount(2);
  for (let i = 0; i < 2; i++) await waitReady(widgets.nth(i));
  await expect(widgets.nth(0)).toHaveAttribute('area', 'Wrexham');
  await widgets.nth(0).locator('button.table-toggle').click();
  const cells = JSON.stringify(await tableCells(widgets.nth(0)));
  expect(cells).toContain('509');
  expect(cells).toContain('424');
  await expect(widgets.nth(1)).toHaveAttribute('area', 'Gwent');
  await expect(page.locator('script[src*="crime-compare.js"]')).toHaveCount(1);
  expectOnlyWordPress(guard);
});

test('every attribute is escaped: a hostile value stays a value', async ({ page }) => {
  const response = await page.goto(`${wp.url}/?p=${wp.setup.posts.hostile.id}`);
  const html = await response.text();
  let dialogs = 0;
  page.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss(); });
  const widgets = page.locator('.entry-content crime-compare');
  await expect(widgets).toHaveCount(2);
  const widget = widgets.first();
  expect(await widget.evaluate((el) => el.getAttributeNames().sort())).toEqual(['area', 'label', 'offence', 'theme']);
  await expect(widget).toHaveAttribute('label', 'Robbery" onclick="alert(1)');
  expect(html).toContain('label="Robbery&quot; onclick=&quot;alert(1)"');
  expect(html).not.toMatch(/<img src=x/i);
  await expect(page.locator('.entry-content img')).toHaveCount(0);
  // The figures that could have closed their data block are refused, in words, and not output.
  await expect(widgets.nth(1).locator('.crime-compare-error')).toContainText('the figures contain "<"');
  expect(await widgets.nth(1).evaluate((el) => el.querySelectorAll('script').length)).toBe(0);
  expect(html).not.toMatch(/<\/script><img/i);
  await waitReady(widgets.nth(1)); // the chart still comes up, from the bundled figures
  expect(dialogs).toBe(0);
});

test('an Author\'s Custom HTML block loses its script: only the link is left', async ({ page, guard }) => {
  const stored = wp.setup.posts.customByAuthor.stored;
  expect(stored).toContain('<div data-crime-compare data-area="North Wales"');
  expect(stored).not.toContain('<script');
  await page.goto(`${wp.url}/?p=${wp.setup.posts.customByAuthor.id}`);
  const div = page.locator('.entry-content [data-crime-compare]');
  await expect(div).toHaveCount(1);
  await expect(div.locator('a')).toBeVisible();
  await expect(page.locator('script[src*="crime-compare.js"]')).toHaveCount(0);
  await page.waitForTimeout(1000);
  expect(await div.evaluate((el) => el.shadowRoot)).toBeNull();
  expect(guard.requests.some((url) => url.includes('crime-compare.js'))).toBe(false);
  expectOnlyWordPress(guard);
});

test('the same Custom HTML block by an Administrator keeps its script and draws', async ({ page, guard }) => {
  expect(wp.setup.posts.customByAdmin.stored).toContain('<script type="module" src="/wp-content/plugins/crime-compare/pkg/crime-compare.js"></script>');
  await page.goto(`${wp.url}/?p=${wp.setup.posts.customByAdmin.id}`);
  const div = page.locator('.entry-content [data-crime-compare]');
  await waitReady(div);
  expect((await canvasStats(div)).differing).toBeGreaterThan(100);
  expectOnlyWordPress(guard);
});

test('an Author adds the block in the block editor, publishes, and the post shows the chart', async ({ page, guard }) => {
  // WordPress 6.1's block editor asks for the theme's template, which an Author may not read
  // (403, logged by the browser): WordPress's own request, not the plugin's.
  guard.allow(/rest_route=%2Fwp%2Fv2%2Ftemplates%2F/);
  await page.goto(`${wp.url}/wp-login.php`);
  await page.locator('#user_login').fill(wp.setup.author_login);
  await page.locator('#user_pass').fill(wp.setup.author_password);
  await page.locator('#wp-submit').click();
  await page.waitForURL(/wp-admin/);
  await page.goto(`${wp.url}/wp-admin/post-new.php`);
  // The block editor has loaded the plugin's editor script: the block is registered.
  await expect.poll(() => page.evaluate(() => Boolean(window.wp?.blocks?.getBlockType?.('crime-compare/chart'))), { timeout: 60_000 }).toBe(true);
  expect(await page.evaluate(() => window.wp.blocks.getBlockType('crime-compare/chart').title)).toBe('Crime comparison chart');
  // Insert it as the inserter does, then edit it through its own fields.
  await page.evaluate(() => {
    const { dispatch } = window.wp.data;
    dispatch('core/editor').editPost({ title: 'Stalking in Gwent' });
    dispatch('core/block-editor').insertBlocks(window.wp.blocks.createBlock('crime-compare/chart', { area: 'Gwent', compare: 'Wales', offence: 'Stalking and harassment', measure: 'count' }));
  });
  const canvas = page.frameLocator('iframe[name="editor-canvas"]');
  const editor = (await page.locator('iframe[name="editor-canvas"]').count()) ? canvas.locator('body') : page.locator('body');
  const area = editor.getByLabel('Main area');
  await expect(area).toHaveValue('Gwent');
  await area.fill('South Wales');
  await page.evaluate(() => window.wp.data.dispatch('core/editor').savePost());
  await expect.poll(() => page.evaluate(() => window.wp.data.select('core/editor').didPostSaveRequestSucceed()), { timeout: 30_000 }).toBe(true);
  // Authors may publish their own posts.
  await page.evaluate(() => { window.wp.data.dispatch('core/editor').editPost({ status: 'publish' }); return window.wp.data.dispatch('core/editor').savePost(); });
  await expect.poll(() => page.evaluate(() => window.wp.data.select('core/editor').getCurrentPostAttribute('status')), { timeout: 30_000 }).toBe('publish');
  const link = await page.evaluate(() => window.wp.data.select('core/editor').getCurrentPostAttribute('link'));
  await page.goto(link);
  const widget = page.locator('.entry-content crime-compare');
  await waitReady(widget);
  await expect(widget).toHaveAttribute('area', 'South Wales');
  await expect(widget).toHaveAttribute('offence', 'Stalking and harassment');
  expect((await canvasStats(widget)).differing).toBeGreaterThan(100);
  expectOnlyWordPress(guard);
});
