// The builder as a newsroom uses it: paste a wide table from a spreadsheet, pick the offence,
// copy the snippet, and a fresh page with that snippet shows exactly those figures, in the
// table and the tooltip, with the chart's picture and sentence as its fallback. Every variant
// the builder writes (HTML, Hugo, Jekyll, WordPress) is parsed back and rendered.
//
// The Hugo and Jekyll templates were also built, as written here, in real Hugo 0.111.3 and
// Jekyll 4.3.1 sites (Debian bookworm packages; not installed in CI): the renderers below copy
// what they did for these constructs (attribute escaping, .Inner raw, whitespace trimming).
//
// The figures are the Flintshire and Wrexham story's (www/examples/flintshire-wrexham.html,
// Home Office police recorded crime by CSP), pasted as a spreadsheet puts them on the
// clipboard: tab-separated, periods down, areas across, with the years the story does not
// give left empty.

import { test, expect, waitReady, tableCells, tooltipText, CANVAS, NARRATIVE } from './fixtures.js';
import { numbersIn } from './data.js';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT || 8091}`;
const SOURCE = 'Home Office police recorded crime by CSP';
const PASTE = [
  'Year ending\tFlintshire\tWrexham',
  'Mar 2019\t517\t',
  'Mar 2020\t\t509',
  'Mar 2021\t433\t424',
  'Mar 2022\t469\t507',
].join('\n');
// What the paste says, figure by figure: [area, period, count or null for a gap].
const PASTED = [
  ['Flintshire', '2019-03', 517], ['Wrexham', '2019-03', null],
  ['Flintshire', '2020-03', null], ['Wrexham', '2020-03', 509],
  ['Flintshire', '2021-03', 433], ['Wrexham', '2021-03', 424],
  ['Flintshire', '2022-03', 469], ['Wrexham', '2022-03', 507],
];
const FIGURES = PASTED.filter((p) => p[2] !== null).map((p) => p[2]);

/** Opens the builder, waits for its lists, pastes the figures and picks the offence. */
async function pasteFigures(page, text = PASTE, { clipboard = false } = {}) {
  await page.goto('/www/builder.html');
  await waitReady(page.locator('#preview'));
  await expect.poll(() => page.locator('#offence option').count()).toBeGreaterThan(10);
  await page.locator('#offence').selectOption('Sexual offences');
  await page.getByLabel('Source of your figures').fill(SOURCE);
  const box = page.getByLabel('Your figures', { exact: true });
  if (clipboard) {
    // A real paste: the table on the clipboard, as a spreadsheet puts it there, then Ctrl+V.
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await box.focus();
    await page.keyboard.press('Control+V');
    await expect(box).toHaveValue(text);
  } else {
    await box.fill(text);
  }
  const preview = page.locator('#preview');
  await expect(preview.locator('script[type="text/csv"]')).toHaveCount(1);
  await waitReady(preview);
}

/** The figures in a widget's table (header row and first column left out), in reading order. */
async function tableFigures(host) {
  const cells = await tableCells(host);
  return numbersIn(cells.slice(1).map((row) => row.slice(1).join(' ')).join(' ')).filter((n) => n >= 100);
}

/** The widget's table as {area: {period label: text}}, to check every cell, gaps included. */
async function tableByArea(host) {
  const cells = await tableCells(host);
  const [header, ...rows] = cells;
  const out = {};
  for (const row of rows) {
    header.slice(1).forEach((area, i) => {
      out[area] ??= {};
      out[area][row[0]] = row[i + 1];
    });
  }
  return out;
}

/** Serves `html` as a page of the package's own origin and opens it. */
async function openFresh(page, name, html, png = null) {
  const url = `${ORIGIN}/target/e2e-fresh/${name}.html`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  if (png) {
    await page.route(`${ORIGIN}/target/e2e-fresh/${png.file}`, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png.bytes }));
  }
  await page.goto(url);
}

function freshPage(body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fresh page</title></head><body><main style="max-width: 48rem">\n${body}\n</main></body></html>`;
}

/** Reads every point's tooltip with the keyboard: each series, end to end (distinct texts). */
async function tooltipFigures(page, host) {
  const canvas = host.locator(CANVAS);
  await canvas.focus();
  const seen = new Set();
  const press = async (key) => {
    const before = await tooltipText(host);
    await page.keyboard.press(key);
    // A move to another point changes the text; a move with nowhere to go leaves it.
    await expect.poll(() => tooltipText(host)).not.toBeNull();
    await page.waitForTimeout(50);
    const text = await tooltipText(host);
    seen.add(text);
    return text !== before;
  };
  // The first key shows the tooltip; then the first series from its first point rightwards,
  // the second series from its last point leftwards.
  await press('ArrowRight');
  await press('Home');
  for (let i = 0; i < 5 && await press('ArrowRight'); i++);
  await press('ArrowDown');
  await press('End');
  for (let i = 0; i < 5 && await press('ArrowLeft'); i++);
  return [...seen];
}

test('a pasted wide table with a gap becomes a snippet that shows exactly those figures', async ({ newContext }) => {
  const context = await newContext({ permissions: ['clipboard-read', 'clipboard-write'], acceptDownloads: true });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await pasteFigures(page, PASTE, { clipboard: true });

  // The builder says what it read, in its live status.
  const status = page.locator('#figures-status');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toContainText('Read 6 figures and 2 gaps for Flintshire, Wrexham (periods down, areas across).');
  // The bundled dataset has forces, not these local areas: said, and charted from the paste.
  await expect(status.locator('li')).toHaveText([
    /^Header, column B: Flintshire is not an area in the bundled figures( \(did you mean .*\?\))?; it charts under the name you gave, with your figures only\.$/,
    /^Header, column C: Wrexham is not an area in the bundled figures( \(did you mean .*\?\))?; it charts under the name you gave, with your figures only\.$/,
  ]);
  // The preview charts the pasted figures, gaps as gaps.
  const preview = page.locator('#preview');
  await expect(preview).toHaveAttribute('area', 'Flintshire');
  await expect(preview).toHaveAttribute('compare', 'Wrexham');
  await expect(preview).toHaveAttribute('measure', 'count');
  expect((await tableFigures(preview)).sort()).toEqual([...FIGURES].sort());

  // The snippet: copied as the newsroom would, with the Copy button.
  await expect(page.locator('#download-image')).toBeVisible();
  const code = page.locator('#snippet-parts code').first();
  await expect(code).toContainText('<img src="crime-compare-sexual-offences-flintshire-wrexham.png"');
  await page.locator('#snippet-parts button.copy').first().click();
  await expect(page.locator('#copy-status')).toHaveText(/Copied/);
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await code.textContent());

  // It carries the figures inline, normalised, and the fallback picture with the chart's sentence.
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const el = doc.querySelector('crime-compare');
    const img = el.querySelector(':scope > img');
    return {
      attributes: Object.fromEntries(Array.from(el.attributes, (a) => [a.name, a.value])),
      data: el.querySelector(':scope > script[type="text/csv"]').textContent,
      img: { src: img.getAttribute('src'), alt: img.getAttribute('alt'), width: img.getAttribute('width'), height: img.getAttribute('height') },
      link: el.querySelector(':scope > a').href,
      script: doc.querySelector('script[type="module"]').src,
    };
  }, snippet);
  expect(parsed.attributes).toMatchObject({ area: 'Flintshire', compare: 'Wrexham', offence: 'Sexual offences', measure: 'count' });
  const lines = parsed.data.trim().split('\n');
  expect(lines[0]).toBe('area,period,offence,count,source');
  expect(lines.slice(1).map((l) => l.split(',')).map(([a, p, , c]) => [a, p, c === '' ? null : Number(c)])).toEqual(PASTED);
  expect(lines.slice(1).every((l) => l.endsWith(`,Sexual offences,${l.split(',')[3]},${SOURCE}`))).toBe(true);
  // The alt text is the chart's sentence, with the latest figure of each area.
  const sentence = await preview.locator(NARRATIVE).textContent();
  expect(parsed.img.alt).toBe(sentence.trim());
  expect(parsed.img.alt).toContain('469');
  expect(parsed.img.alt).toContain('507');
  expect(parsed.img.alt).toMatch(/March 2022/);
  expect(parsed.script).toBe(`${ORIGIN}/pkg/crime-compare.js`);

  // The picture: a download under the snippet's file name, drawn at twice the size it is shown.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-image').click()]);
  expect(download.suggestedFilename()).toBe(parsed.img.src);
  const path = await download.path();
  const bytes = (await import('node:fs')).readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBe(2 * Number(parsed.img.width));
  expect(bytes.readUInt32BE(20)).toBe(2 * Number(parsed.img.height));

  // A fresh page with the snippet shows exactly the pasted figures, in the table and the tooltip.
  const fresh = await context.newPage();
  await openFresh(fresh, 'story', freshPage(snippet), { file: parsed.img.src, bytes });
  const host = fresh.locator('crime-compare');
  await waitReady(host);
  const table = await tableByArea(host);
  for (const [area, period, count] of PASTED) {
    const [year] = period.split('-');
    const row = Object.keys(table[area]).find((label) => label.includes(year));
    expect(row, `${area} ${period} has a row`).toBeDefined();
    const cell = table[area][row];
    if (count === null) expect(numbersIn(cell), `${area} ${period} is a gap`).toEqual([]);
    else expect(numbersIn(cell), `${area} ${period}`).toEqual([count]);
  }
  const tips = await tooltipFigures(fresh, host);
  const tipFigures = tips.map((text) => numbersIn(text).filter((n) => n >= 100 && !(n >= 1990 && n <= 2100))[0]);
  expect(tipFigures.sort()).toEqual([...FIGURES].sort());
  expect(tips.find((t) => t.includes('469'))).toContain('Flintshire');
  expect(tips.find((t) => t.includes('507'))).toContain('Wrexham');
  await expect(host.locator('.source')).toContainText(SOURCE);

  // Without JavaScript, the same page shows the picture, its sentence as alt text, and the link.
  const noScript = await newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await openFresh(plain, 'story-no-js', freshPage(snippet), { file: parsed.img.src, bytes });
  const img = plain.locator('crime-compare > img');
  await expect(img).toHaveAttribute('alt', parsed.img.alt);
  await expect.poll(() => img.evaluate((el) => el.complete && el.naturalWidth)).toBe(2 * Number(parsed.img.width));
  await expect(plain.locator('crime-compare > a')).toContainText('see the figures');

  // The builder kept nothing and sent nothing: no storage, no cookies, no request off the page's host.
  expect(await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
  }))).toEqual({ local: 0, session: 0, cookie: '', databases: 0 });
  expect(requests.filter((url) => !url.startsWith(`${ORIGIN}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
  await expect(page.getByLabel('Your figures', { exact: true })).toHaveAttribute('autocomplete', 'off');
  await expect(page.locator('#privacy')).toContainText('sends nothing anywhere');
});

test('bad cells are reported by row and column while the good cells preview', async ({ page }) => {
  // A misspelt force as well ("Nort Wales"), with no figures under it.
  const text = [
    'Period,Flintshire,Wrexham,Nort Wales',
    '2018/19,517,,',
    '2019/20,,509,',
    '2020/21,433,n/a,',
    'Spring 2022,469,507,',
  ].join('\n');
  await pasteFigures(page, text);
  const status = page.locator('#figures-status');
  await expect(status).toContainText('Read 3 figures and 5 gaps for Flintshire, Wrexham, Nort Wales (periods down, areas across).');
  const problems = status.locator('li');
  await expect(problems).toHaveText([
    "Row 3, column C (Wrexham): 'n/a' is not a whole number",
    /^Row 4, column A \(Period\): 'Spring 2022' is not a period: write the month/,
    /^Header, column B: Flintshire is not an area/,
    /^Header, column C: Wrexham is not an area/,
    /^Header, column D: Nort Wales is not an area in the bundled figures \(did you mean North Wales.*\?\); it charts under the name you gave/,
  ]);
  // Text, not markup.
  expect(await status.evaluate((el) => el.querySelectorAll('li *').length)).toBe(0);
  const preview = page.locator('#preview');
  expect((await tableFigures(preview)).sort()).toEqual([517, 433, 509].sort());
});

/** Renders the builder's Hugo shortcode template for a call, as Hugo 0.111 does for these constructs. */
function renderHugo(template, call) {
  const match = call.match(/^\{\{< crime-compare ((?:[\w-]+="(?:[^"\\]|\\.)*" ?)*)\s*(\/>\}\}|>\}\}([\s\S]*?)\{\{< \/crime-compare >\}\})$/);
  if (!match) throw new Error(`not a shortcode call: ${call}`);
  const args = {};
  for (const [, name, value] of match[1].matchAll(/([\w-]+)="((?:[^"\\]|\\.)*)"/g)) args[name] = value.replace(/\\(.)/g, '$1');
  const inner = match[3] ?? '';
  // Go's html/template escaping of a value in an attribute.
  const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;').replace(/\+/g, '&#43;');
  // Whitespace trimming markers first, then the actions, innermost blocks first.
  let out = template.replace(/\s*\{\{-/g, '{{').replace(/-\}\}\s*/g, '}}');
  out = out.replace(/\{\{ if not \(\.Page\.Store\.Get "crimeCompareScript"\) \}\}\{\{ \.Page\.Store\.Set "crimeCompareScript" true \}\}([\s\S]*?)\{\{ end \}\}/, '$1');
  out = out.replace(/\{\{ with \.Inner \}\}([\s\S]*?)\{\{ end \}\}/, (_, body) => (inner ? body.replace('{{ . | safeHTML }}', inner) : ''));
  out = out.replace(/\{\{ with \.Get "([\w-]+)" \}\}([\s\S]*?)\{\{ end \}\}/g, (_, name, body) => (args[name] ? body
    .replace(/\{\{ \. \}\}/g, esc(args[name])).replace(/\{\{ \$\.Get "([\w-]+)" \}\}/g, (_m, other) => esc(args[other] ?? '')) : ''));
  if (/\{\{/.test(out)) throw new Error(`unrendered Hugo action in: ${out}`);
  return out;
}

/** Renders the builder's Jekyll include for a post, as Jekyll 4.3 (Liquid) does for these constructs. */
function renderJekyll(template, post) {
  let figures = '';
  const body = post.replace(/\{% capture figures %\}([\s\S]*?)\{% endcapture %\}\n?/, (_, captured) => { figures = captured; return ''; });
  const match = body.match(/^\{% include crime-compare\.html ((?:[\w-]+=(?:"(?:[^"\\]|\\.)*"|[\w.]+) ?)*)%\}$/);
  if (!match) throw new Error(`not an include: ${body}`);
  const args = {};
  for (const [, name, value, variable] of match[1].matchAll(/([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|([\w.]+))/g)) {
    args[name] = variable === 'figures' ? figures : value.replace(/\\(.)/g, '$1');
  }
  // Liquid's escape filter.
  const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  let out = template.replace(/\s*\{%-/g, '{%');
  out = out.replace(/\{% if include\.([\w-]+) %\}([\s\S]*?)\{% endif %\}/g, (_, name, inner) => (args[name] ? inner
    .replace(/\{\{ include\.([\w-]+) \| escape \}\}/g, (_m, n) => esc(args[n] ?? ''))
    .replace(/\{\{ include\.([\w-]+) \}\}/g, (_m, n) => args[n] ?? '') : ''));
  if (/\{[{%]/.test(out)) throw new Error(`unrendered Liquid in: ${out}`);
  return out;
}

test('every variant the builder writes is parsed back and renders the pasted figures', async ({ page, newContext }) => {
  await pasteFigures(page);
  await expect(page.locator('#download-image')).toBeVisible();
  const texts = async (variant) => {
    await page.getByLabel(variant, { exact: true }).check();
    return page.locator('#snippet-parts code').allTextContents();
  };
  const rendered = {};
  const [html] = await texts('Plain HTML');
  rendered.html = html;
  const [hugoTemplate, hugoCall] = await texts('Hugo');
  expect(hugoCall).toMatch(/^\{\{< crime-compare area="Flintshire" compare="Wrexham" offence="Sexual offences" .*img="crime-compare-sexual-offences-flintshire-wrexham\.png" alt=".+" width="\d+" height="\d+" >\}\}\narea,period,offence,count,source\n/);
  rendered.hugo = renderHugo(hugoTemplate, hugoCall);
  const [jekyllTemplate, jekyllPost] = await texts('Jekyll');
  expect(jekyllPost).toMatch(/^\{% capture figures %\}\narea,period,offence,count,source\n[\s\S]*\{% endcapture %\}\n\{% include crime-compare\.html area="Flintshire" .* figures=figures %\}$/);
  rendered.jekyll = renderJekyll(jekyllTemplate, jekyllPost);
  // WordPress: the plugin's shortcode (for Authors) carries the figures between its tags; the
  // Custom HTML block (for users allowed unfiltered HTML) is the element itself.
  const wordpress = await texts('WordPress');
  const wpShortcode = wordpress.find((t) => t.startsWith('[crime-compare'));
  expect(wpShortcode).toMatch(/^\[crime-compare area="Flintshire" compare="Wrexham" offence="Sexual offences"[^\]]*\]\narea,period,offence,count,source\n[\s\S]*\n\[\/crime-compare\]$/);
  rendered.wordpress = wordpress.find((t) => t.includes('data-crime-compare'));

  // The picture each variant shows, served where the snippet says it is.
  const dataUrl = await page.evaluate(() => document.querySelector('#preview').snapshot().png);
  const png = { file: 'crime-compare-sexual-offences-flintshire-wrexham.png', bytes: Buffer.from(dataUrl.split(',')[1], 'base64') };
  const context = await newContext();
  for (const [variant, markup] of Object.entries(rendered)) {
    // Parsed back: one widget, the builder's attributes, the pasted figures and the picture.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'text/html');
      const el = doc.querySelector('crime-compare, [data-crime-compare]');
      const get = (name) => el.getAttribute(name) ?? el.getAttribute(`data-${name}`);
      return {
        widgets: doc.querySelectorAll('crime-compare, [data-crime-compare]').length,
        scripts: doc.querySelectorAll('script[type="module"]').length,
        area: get('area'), compare: get('compare'), offence: get('offence'),
        data: el.querySelector(':scope > script[type="text/csv"]')?.textContent,
        alt: el.querySelector(':scope > img')?.getAttribute('alt'),
      };
    }, markup);
    expect(parsed, variant).toMatchObject({ widgets: 1, scripts: 1, area: 'Flintshire', compare: 'Wrexham', offence: 'Sexual offences' });
    expect(parsed.data.trim().split('\n').length, `${variant}: a header and eight figures or gaps`).toBe(9);
    expect(parsed.alt, variant).toContain('469');
    // Rendered: a fresh page charts exactly the pasted figures.
    const fresh = await context.newPage();
    await openFresh(fresh, `variant-${variant}`, freshPage(markup), png);
    const host = fresh.locator('crime-compare, [data-crime-compare]');
    await waitReady(host);
    expect((await tableFigures(host)).sort(), variant).toEqual([...FIGURES].sort());
    await fresh.close();
  }

  // Without pasted figures, every variant charts the bundled figures it names.
  await page.getByLabel('Your figures', { exact: true }).fill('');
  await expect(page.locator('#preview script')).toHaveCount(0);
  await expect(page.locator('#area')).toBeEnabled();
  await page.locator('#area').selectOption('Gwent');
  await page.locator('#compare').selectOption([]);
  await expect(page.locator('#preview')).toHaveAttribute('area', 'Gwent');
  const plain = {};
  [plain.html] = await texts('Plain HTML');
  const [hugoTemplate2, hugoCall2] = await texts('Hugo');
  expect(hugoCall2).toMatch(/^\{\{< crime-compare area="Gwent" .* \/>\}\}$/);
  plain.hugo = renderHugo(hugoTemplate2, hugoCall2);
  const [jekyllTemplate2, jekyllPost2] = await texts('Jekyll');
  plain.jekyll = renderJekyll(jekyllTemplate2, jekyllPost2);
  plain.wordpress = (await texts('WordPress')).find((t) => t.includes('data-crime-compare'));
  for (const [variant, markup] of Object.entries(plain)) {
    expect(markup, variant).not.toContain('text/csv');
    const fresh = await context.newPage();
    await openFresh(fresh, `plain-${variant}`, freshPage(markup), { file: 'crime-compare-sexual-offences-gwent.png', bytes: png.bytes });
    const host = fresh.locator('crime-compare, [data-crime-compare]');
    await waitReady(host);
    await expect(host.locator(NARRATIVE), variant).toContainText('Gwent');
    await fresh.close();
  }
});

test('names and sentences with quotes and markup stay text in every attribute', async ({ page }) => {
  await page.goto('/www/builder.html');
  await waitReady(page.locator('#preview'));
  const result = await page.evaluate(async () => {
    const { snippets } = await import('/www/snippet.js');
    const state = { area: 'Wrexham "town" <b>&</b>', compare: '', offence: 'Sexual offences', measure: 'count', kind: 'trend', lang: 'en', theme: 'auto', controls: '' };
    const image = { file: 'a"b.png', alt: 'Police recorded 507 "sexual" offences <script>alert(1)</script> & more', width: 700, height: 400 };
    const figures = { csv: 'area,period,offence,count\n"Wrexham ""town"" <b>&</b>",2022-03,Sexual offences,507\n', rows: [{ area: 'Wrexham "town" <b>&</b>', period: '2022-03', offence: 'Sexual offences', count: 507 }] };
    const html = snippets(state, { scriptUrl: '/pkg/crime-compare.js', figures, image }).html[0].text;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const el = doc.querySelector('crime-compare');
    // Figures that would end the script element go as JSON, with "<" escaped.
    const hostile = { ...figures, csv: figures.csv.replace('<b>', '</script><!--') };
    hostile.rows = [{ ...figures.rows[0], area: 'Wrexham </script><!--' }];
    const html2 = snippets(state, { scriptUrl: '/pkg/crime-compare.js', figures: hostile, image }).html[0].text;
    const doc2 = new DOMParser().parseFromString(html2, 'text/html');
    const json = doc2.querySelector('crime-compare > script[type="application/json"]');
    return {
      area: el.getAttribute('area'), alt: el.querySelector('img').getAttribute('alt'), src: el.querySelector('img').getAttribute('src'),
      elements: el.querySelectorAll('b, script:not([type="text/csv"])').length,
      csv: el.querySelector('script[type="text/csv"]').textContent,
      jsonArea: json && JSON.parse(json.textContent)[0].area,
      afterJson: doc2.querySelector('crime-compare > img')?.getAttribute('alt'),
    };
  });
  expect(result.area).toBe('Wrexham "town" <b>&</b>');
  expect(result.alt).toBe('Police recorded 507 "sexual" offences <script>alert(1)</script> & more');
  expect(result.src).toBe('a"b.png');
  expect(result.elements).toBe(0);
  expect(result.csv).toContain('"Wrexham ""town"" <b>&</b>",2022-03,Sexual offences,507');
  expect(result.jsonArea).toBe('Wrexham </script><!--');
  expect(result.afterJson).toBe('Police recorded 507 "sexual" offences <script>alert(1)</script> & more');
});
