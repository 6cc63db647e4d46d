// The builder's "Official tables (ODS, XLSX or CSV)": a publisher uploads the Home Office open
// data tables as published, the builder compiles them in a worker, previews them, and offers one
// zip of the dataset; served from the publisher's own folder, the snippet's `src` embed charts
// them. The expected figures are read here from the uploaded workbook itself (its XML, unzipped
// with fflate), not through any of our code.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect, waitReady, tableCells } from './fixtures.js';
import { STRICT_CSP } from './server.mjs';
import AxeBuilder from '@axe-core/playwright';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'data');

function unescapeXml(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** An ODS workbook's sheets as {name: rows of cell texts}, from content.xml. */
function odsSheets(bytes) {
  const xml = strFromU8(unzipSync(bytes)['content.xml']);
  const sheets = {};
  for (const [, name, body] of xml.matchAll(/<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)) {
    sheets[unescapeXml(name)] = Array.from(body.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g), ([, row]) => {
      const cells = [];
      for (const [, attrs, inner] of row.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)) {
        const repeat = Number((attrs.match(/table:number-columns-repeated="(\d+)"/) || [])[1] || 1);
        const value = (attrs.match(/office:value="([^"]*)"/) || [])[1]
          ?? Array.from((inner || '').matchAll(/<text:p>([\s\S]*?)<\/text:p>/g), (m) => m[1]).join('\n');
        for (let i = 0; i < Math.min(repeat, 64); i++) cells.push(unescapeXml(value));
      }
      return cells;
    });
  }
  return sheets;
}

/** An XLSX workbook's sheets as {name: rows of cell texts}, through workbook.xml and its rels. */
function xlsxSheets(bytes) {
  const files = unzipSync(bytes);
  const text = (name) => strFromU8(files[name]);
  const shared = files['xl/sharedStrings.xml']
    ? Array.from(text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g), ([, si]) => Array.from(si.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g), (m) => unescapeXml(m[1])).join(''))
    : [];
  const targets = Object.fromEntries(Array.from(text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g), ([tag]) =>
    [tag.match(/Id="([^"]+)"/)[1], tag.match(/Target="([^"]+)"/)[1].replace(/^\/?(xl\/)?/, 'xl/')]));
  const column = (letters) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const sheets = {};
  for (const [tag] of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(tag.match(/name="([^"]*)"/)[1]);
    const xml = text(targets[tag.match(/r:id="([^"]+)"/)[1]]);
    sheets[name] = Array.from(xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g), ([, row]) => {
      const cells = [];
      for (const [, ref, attrs, inner] of row.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const type = (attrs.match(/t="([^"]+)"/) || [])[1];
        const v = ((inner || '').match(/<v>([\s\S]*?)<\/v>/) || [])[1];
        const inline = Array.from((inner || '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g), (m) => unescapeXml(m[1])).join('');
        cells[column(ref)] = type === 's' ? shared[Number(v)] : type === 'inlineStr' ? inline : unescapeXml(v ?? '');
      }
      return Array.from(cells, (c) => c ?? '');
    });
  }
  return sheets;
}

/** The sum of one force's four quarters of a financial year for one code, from the year sheets. */
function fourQuarterSum(sheets, { force, code, year }) {
  let sum = 0;
  const quarters = new Set();
  for (const [name, rows] of Object.entries(sheets)) {
    if (!/^\d{4}[-_]\d{2}$/.test(name)) continue; // the year sheets, as the Home Office names them
    const header = rows.findIndex((r) => r.includes('Force Name') && r.includes('Number of Offences'));
    const at = (label) => rows[header].indexOf(label);
    const [fy, q, f, c, n] = ['Financial Year', 'Financial Quarter', 'Force Name', 'Offence Code', 'Number of Offences'].map(at);
    for (const row of rows.slice(header + 1)) {
      if (row[fy] === year && row[f] === force && row[c] === code) {
        quarters.add(row[q]);
        sum += Number(row[n]);
      }
    }
  }
  expect([...quarters].sort(), `four quarters of ${year} for ${force} ${code}`).toEqual(['1', '2', '3', '4']);
  return sum;
}

/** The table's figure for `area` in the row of the year ending March 2013 (areas are columns). */
function march2013(cells, area) {
  const column = (cells[0] || []).indexOf(area);
  const row = cells.find((r) => /March 2013|Mar 2013/.test(r[0]));
  return column > 0 && row ? row[column] : `no cell for ${area} in ${JSON.stringify(cells.slice(0, 3))}`;
}

/** Every request the context makes, to check none leaves the test server's host. */
function recordRequests(context) {
  const urls = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

function offHost(urls, baseURL) {
  const host = new URL(baseURL).host;
  return urls.filter((u) => !(u.startsWith('blob:') || u.startsWith('data:')) && new URL(u).host !== host);
}

async function upload(page, file) {
  await page.getByLabel('Official tables (ODS, XLSX or CSV)').setInputFiles(join(FIXTURES, file));
}

for (const file of ['ho-open-data-sample.ods', 'ho-open-data-sample.xlsx']) {
  test(`uploading ${file} previews it, downloads a zip, and a src embed charts its four-quarter sum`, async ({ newContext, baseURL }, testInfo) => {
    const bytes = readFileSync(join(FIXTURES, file));
    const sheets = file.endsWith('.ods') ? odsSheets(bytes) : xlsxSheets(bytes);
    // Rape of a female aged 16 and over (19C), North Wales, April 2012 to March 2013.
    const expected = fourQuarterSum(sheets, { force: 'North Wales', code: '19C', year: '2012/13' });
    expect(expected).toBeGreaterThan(0);

    const context = await newContext({ acceptDownloads: true });
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto('/www/builder.html');
    await waitReady(page.locator('#preview'));
    await expect(page.getByRole('button', { name: 'Download the dataset' })).toBeDisabled();

    // Every text the status line shows, as a screen reader would hear it.
    await page.evaluate(() => {
      window.__statuses = [];
      const el = document.getElementById('tables-status');
      new MutationObserver(() => window.__statuses.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await upload(page, file);
    const status = page.locator('#tables-status');
    await expect(status).toHaveAttribute('role', 'status');
    await expect(status).toHaveText(new RegExp(`^Done: \\d+ dataset files from ${file.replace('.', '\\.')} \\(police force area table\\), `
      + 'with figures from your tables for 3 areas and 8 offence codes for the 12 months ending March 2013 to September 2013\\.$'), { timeout: 60_000 });
    await expect(page.locator('#tables-error')).toBeHidden();
    const said = await page.evaluate(() => window.__statuses);
    for (const step of [`Reading ${file}: unpacking the workbook`, `Reading ${file}: sheet 2012-13 (1 of 2)`,
      `Reading ${file}: sheet 2013_14 (2 of 2)`, `Read ${file}: 114 rows from 2 year sheets`]) {
      expect(said.some((text) => text.startsWith(step)), `"${step}" in ${JSON.stringify(said)}`).toBe(true);
    }

    // The preview charts the compiled dataset, from memory: the area the tables start with.
    const preview = page.locator('#preview');
    await expect(preview).toHaveAttribute('src', /\/builder-preview\/\d+\/$/);
    await waitReady(preview);
    await page.locator('#area').selectOption('North Wales');
    // 19C is the tables' only rape code, so the dataset's "Rape offences" is that code alone.
    await page.locator('#offence').selectOption('Rape offences');
    await page.getByLabel('Number of offences').check();
    await expect.poll(async () => march2013(await tableCells(preview), 'North Wales')).toBe(expected.toLocaleString('en-GB'));

    // The snippet names the folder the publisher gives, validated.
    const url = page.getByLabel('Where you will put the dataset folder');
    await url.fill('javascript:alert(1)');
    await expect(page.locator('#dataset-url-error')).toBeVisible();
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#snippet-parts code').first()).not.toContainText('<crime-compare src=');
    const served = `/target/e2e-served/${testInfo.project.name}-${file.replace(/\W/g, '-')}`;
    await url.fill(`${served}/crime-compare-data`);
    await expect(page.locator('#dataset-url-error')).toBeHidden();
    const snippet = page.locator('#snippet-parts code').first();
    await expect(snippet).toContainText(`src="${served}/crime-compare-data/"`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the dataset' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('crime-compare-data.zip');
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(zip);
    expect(names).toContain('crime-compare-data/index.ccd');
    expect(names.every((n) => /^crime-compare-data\/(index|[og]\d*-[0-9a-f]{8})\.ccd$/.test(n)), names.join(', ')).toBe(true);
    // The map's boundaries come with it, one file, as in the package's own dataset.
    expect(names.filter((n) => /^crime-compare-data\/g-[0-9a-f]{8}\.ccd$/.test(n))).toHaveLength(1);

    // Serve it as the publisher would, and paste the snippet into a fresh page of their own.
    const dir = join(ROOT, served.slice(1));
    rmSync(dir, { recursive: true, force: true });
    for (const [name, content] of Object.entries(zip)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const code = await snippet.textContent();
    // The snippet's fallback picture, put beside the article as the builder says to.
    const picture = /<img src="([^"]+\.png)"/.exec(code);
    if (picture) {
      const dataUrl = await page.evaluate(() => document.querySelector('#preview').snapshot()?.png);
      expect(dataUrl, 'the builder has the picture the snippet names').toMatch(/^data:image\/png;base64,/);
      writeFileSync(join(dir, picture[1]), Buffer.from(dataUrl.split(',')[1], 'base64'));
    }
    writeFileSync(join(dir, 'article.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Article</title></head><body>\n${code}\n</body></html>\n`);
    expect(offHost(requests, baseURL), 'requests from the builder that left the host').toEqual([]);

    const reader = await newContext();
    const readerRequests = recordRequests(reader);
    const article = await reader.newPage();
    await article.goto(`${served}/article.html`);
    const widget = article.locator('crime-compare');
    await waitReady(widget);
    await expect(widget).toHaveAttribute('src', `${served}/crime-compare-data/`);
    expect(march2013(await tableCells(widget), 'North Wales')).toBe(expected.toLocaleString('en-GB'));
    // The reader's page fetched the dataset from the publisher's folder, and nothing of the builder.
    expect(readerRequests.some((u) => u.includes(`${served}/crime-compare-data/index.ccd`))).toBe(true);
    expect(readerRequests.filter((u) => /builder/.test(u))).toEqual([]);
    expect(offHost(readerRequests, baseURL)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
}

test('a malformed table is reported by file, sheet, row and column, and nothing is offered', async ({ newContext, baseURL }) => {
  const context = await newContext();
  const requests = recordRequests(context);
  const page = await context.newPage();
  await page.goto('/www/builder.html');
  await upload(page, 'ho-open-data-bad-text-count.ods');
  const problem = page.locator('#tables-error');
  await expect(problem).toBeVisible({ timeout: 60_000 });
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText("'12a' is not a whole number");
  const where = await problem.locator('dl').evaluate((dl) => Object.fromEntries(Array.from(dl.querySelectorAll('dt'), (dt) => [dt.textContent, dt.nextElementSibling.textContent])));
  expect(where).toEqual({ File: 'ho-open-data-bad-text-count.ods', Sheet: '2013_14', Row: '7', Column: 'Number of Offences' });
  await expect(page.locator('#tables-status')).toHaveText('The tables could not be compiled.');
  await expect(page.getByRole('button', { name: 'Download the dataset' })).toBeDisabled();
  await expect(page.locator('#preview')).not.toHaveAttribute('src', /.+/);
  await expect(page.locator('#snippet-parts code').first()).not.toContainText('<crime-compare src=');
  // The report itself passes axe (the list of where, its colours).
  const results = await new AxeBuilder({ page }).include('.upload').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A good file afterwards clears the report.
  await upload(page, 'ho-open-data-sample.xlsx');
  await expect(page.locator('#tables-status')).toHaveText(/^Done:/, { timeout: 60_000 });
  await expect(problem).toBeHidden();
  expect(offHost(requests, baseURL)).toEqual([]);
});

test('the builder module is the builder\'s alone: the widget\'s pages never fetch it', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('/www/index.html');
  await waitReady(page.locator('crime-compare').first());
  expect(fetched.filter((u) => /builder/.test(u))).toEqual([]);
  // And its files are not in pkg/, which publishers copy.
  expect(readFileSync(join(ROOT, 'www', 'builder-wasm', 'crime_compare_builder_bg.wasm')).length).toBeGreaterThan(0);
});

test('the upload works under the strict Content-Security-Policy, worker and module included', async ({ page }) => {
  // The page, its scripts and the worker all carry the policy (a worker takes its own from its response).
  await page.route(/\/www\/.*\.(html|js)$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
  });
  await page.goto('/www/builder.html');
  await upload(page, 'ho-open-data-sample.xlsx');
  await expect(page.locator('#tables-status')).toHaveText(/^Done:/, { timeout: 60_000 });
  await waitReady(page.locator('#preview'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the dataset' }).click()]);
  expect(download.suggestedFilename()).toBe('crime-compare-data.zip');
  expect(await page.evaluate(() => window.__cc.violations)).toEqual([]);
});
