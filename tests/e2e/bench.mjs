// Benchmark: our widget (www/bench/widget.html) against Chart.js 4 (www/bench/chartjs.html),
// drawing the same three series into the same 800x450 box at devicePixelRatio 2.
//
//   make bench            (or: cd tests/e2e && node bench.mjs [--runs 10] [--pointer-runs 3] [--no-lighthouse])
//
// Method: the two pages alternate (A, B, B, A, ...) in fresh browser contexts, so neither
// profits from a warm cache or runs always first. The server gzips, as a real host would.
// - first_chart_ms: navigation start to the page's performance mark 'chart-ready' (ours: the
//   widget's crime-compare:ready event; Chart.js: after construction and one animation frame).
// - pointer latency: 500 real mouse moves along the plot; for each, the main-thread work from
//   the pointermove to the updated frame (input handlers + the frame callbacks they schedule),
//   excluding the idle wait for vsync; and, beside it, the time to the next frame callback.
// - long tasks: PerformanceObserver 'longtask' entries over 50 ms during load and the pointer
//   moves (worst run reported).
// - wasm memory: exports.memory.buffer.byteLength once ready and after 10,000 interactions.
// - payload: per-file gzip -9 and brotli (quality 11) of what the browser fetches.
// Results: a table on stdout and target/bench/results.json.

import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { startServer, ROOT } from './server.mjs';
import { writeChartjsData } from './bench-data.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';
import { cpus } from 'node:os';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = Math.max(10, option('runs', 10));
const POINTER_RUNS = option('pointer-runs', 3);
const POINTER_MOVES = 500;
const INTERACTIONS = 10_000;
const PORT = option('port', 8092);
// --only chartjs: check the Chart.js page alone (no pkg/ needed); the results are not written.
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const BASE = `http://127.0.0.1:${PORT}`;
const OUT_DIR = join(ROOT, 'target', 'bench');

const PAGES = {
  widget: { path: '/www/bench/widget.html', label: 'crime-compare' },
  chartjs: { path: '/www/bench/chartjs.html', label: 'Chart.js 4' },
  // The map (kind="map"): its hover is measured against the line chart's, in the same run.
  map: { path: '/www/bench/map.html', label: 'crime-compare map' },
};

// ---------------------------------------------------------------- statistics

function quantile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}
const median = (values) => quantile(values, 0.5);
const round = (value, digits = 2) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : round(a / b, 3));

// ---------------------------------------------------------------- sizes

function fileBytes(relative) {
  return readFileSync(join(ROOT, relative));
}
const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotliSize = (bytes) => brotliCompressSync(bytes, {
  params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
}).length;

/** The boundaries file a map fetches (pkg/data/g-<crc>.ccd). */
function geometryFile() {
  const dir = join(ROOT, 'pkg', 'data');
  const name = existsSync(dir) ? readdirSync(dir).find((f) => /^g-[0-9a-f]+\.ccd$/.test(f)) : null;
  return name ? join('pkg', 'data', name) : null;
}

function sizes() {
  const geometry = geometryFile();
  const geometryBytes = geometry ? fileBytes(geometry) : null;
  const ours = ['pkg/crime-compare.js', 'pkg/crime_compare.js', 'pkg/crime_compare_bg.wasm'].map(fileBytes);
  const chartjs = fileBytes('tests/e2e/node_modules/chart.js/dist/chart.umd.js');
  let xz = null;
  let xzNote = null;
  try {
    execFileSync('sh', ['-c', 'command -v xz'], { stdio: 'ignore' });
    xz = Number(execFileSync('sh', ['-c', 'xz -9 -c data/rec-crime-pfa.csv | wc -c'], { cwd: ROOT }).toString().trim());
  } catch {
    xzNote = 'xz is not installed';
  }
  return {
    payload_raw_bytes: ours.reduce((sum, b) => sum + b.length, 0),
    payload_gzip_bytes: ours.reduce((sum, b) => sum + gzipSize(b), 0),
    payload_brotli_bytes: ours.reduce((sum, b) => sum + brotliSize(b), 0),
    chartjs_payload_raw_bytes: chartjs.length,
    chartjs_payload_gzip_bytes: gzipSize(chartjs),
    chartjs_payload_brotli_bytes: brotliSize(chartjs),
    geometry_bytes: geometryBytes ? geometryBytes.length : null,
    dataset_gzip_bytes: existsSync(join(ROOT, 'data/crime-compare.bin')) ? gzipSize(fileBytes('data/crime-compare.bin')) : null,
    source_csv_xz_bytes: xz,
    source_csv_xz_note: xzNote,
    geometry_file: geometry,
    geometry_gzip_bytes: geometryBytes ? gzipSize(geometryBytes) : null,
  };
}

// ---------------------------------------------------------------- in-page probes

/** Installed before the page's own scripts: long tasks and pointer latency. */
function probe() {
  window.__bench = { longTasks: [], latencies: [], toFrame: [], lastPointer: null, dispatchStart: 0 };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (entry.duration > 50) window.__bench.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* longtask is not supported: the count stays 0 and the report says so */ }
  // Pointer latency is the main-thread work between a pointer move and the frame that shows
  // its result, without the wait for the display's next vsync (which caps both charts at one
  // frame, ~16 ms, and hides any difference):
  //   work = (pointermove dispatch start -> end of all input handlers)
  //        + (start of the frame, or the end of the handlers if later -> end of the frame
  //           callbacks the handlers scheduled).
  // Ours draws inside the handler; Chart.js throttles to a requestAnimationFrame callback, so
  // its drawing lands in the second term. The older "to next frame" figure is kept beside it.
  addEventListener('pointermove', (event) => {
    window.__bench.dispatchStart = performance.now();
    window.__bench.lastPointer = event.timeStamp;
  }, { capture: true });
  addEventListener('mousemove', () => {
    const start = window.__bench.lastPointer;
    if (start === null) return;
    window.__bench.lastPointer = null;
    const handlersEnd = performance.now();
    const inHandlers = handlersEnd - window.__bench.dispatchStart;
    requestAnimationFrame((frameStart) => {
      const now = performance.now();
      // Chromium dispatches mouse moves at the start of a frame, so the frame can begin before
      // the handlers ran: count from whichever came later, or the handlers are counted twice.
      window.__bench.latencies.push(inHandlers + Math.max(0, now - Math.max(frameStart, handlersEnd)));
      window.__bench.toFrame.push(now - start);
    });
  });
}

async function plotBox(page, kind) {
  return page.evaluate((kind) => {
    if (kind === 'chartjs') {
      const chart = window.benchChart;
      const rect = chart.canvas.getBoundingClientRect();
      const area = chart.chartArea;
      return { left: rect.left + area.left, right: rect.left + area.right, top: rect.top + area.top, bottom: rect.top + area.bottom };
    }
    const canvas = document.querySelector('crime-compare').shadowRoot.querySelector('canvas[data-plot]');
    const rect = canvas.getBoundingClientRect();
    const [left, top, right, bottom] = canvas.getAttribute('data-plot').split(',').map(Number);
    return { left: rect.left + left, right: rect.left + right, top: rect.top + top, bottom: rect.top + bottom };
  }, kind);
}

const nextFrames = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function pointerRun(page, kind) {
  const box = await plotBox(page, kind);
  await page.evaluate(() => { window.__bench.latencies = []; window.__bench.toFrame = []; });
  const y = (box.top + box.bottom) / 2;
  const width = box.right - box.left - 2;
  const height = box.bottom - box.top - 2;
  for (let i = 0; i < POINTER_MOVES; i++) {
    if (kind === 'map') {
      // Over the whole map on a Lissajous path, crossing areas and their borders.
      await page.mouse.move(box.left + 1 + width * (0.5 + 0.5 * Math.sin(i / 13)), box.top + 1 + height * (0.5 + 0.5 * Math.sin(i / 17 + 1)));
      await nextFrames(page);
      continue;
    }
    // Across the plot and back, so every period is visited several times.
    const phase = (i % 100) / 99;
    const t = Math.floor(i / 100) % 2 === 0 ? phase : 1 - phase;
    await page.mouse.move(box.left + 1 + width * t, y + Math.sin(i / 7) * 20);
    await nextFrames(page);
  }
  return page.evaluate(() => ({ work: window.__bench.latencies.slice(), toFrame: window.__bench.toFrame.slice() }));
}

async function memoryRun(page) {
  return page.evaluate(async (interactions) => {
    const { load } = await import('/pkg/crime-compare.js');
    const { exports } = await load();
    const start = exports.memory.buffer.byteLength;
    const host = document.querySelector('crime-compare');
    const canvas = host.shadowRoot.querySelector('canvas[data-plot]');
    const rect = canvas.getBoundingClientRect();
    const measures = ['count', 'rate', 'change'];
    for (let i = 0; i < interactions; i++) {
      const x = rect.left + ((i * 37) % Math.max(1, Math.floor(rect.width)));
      const y = rect.top + rect.height / 2;
      if (i % 10 === 9) {
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 20 === 9 ? 'ArrowLeft' : 'ArrowUp', bubbles: true, composed: true }));
      } else {
        canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse', isPrimary: true }));
      }
      // Every 500 interactions, a full re-render through an attribute change.
      if (i % 500 === 499) host.setAttribute('measure', measures[(i / 500) % 3 | 0]);
      if (i % 1000 === 999) await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    host.setAttribute('measure', 'count');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return { start, after: exports.memory.buffer.byteLength };
  }, INTERACTIONS);
}

async function oneRun(browser, kind, { pointer, memory }) {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1000, height: 700 } });
  await context.addInitScript(probe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.goto(BASE + PAGES[kind].path);
  await page.waitForFunction(() => performance.getEntriesByName('chart-ready').length > 0, null, { timeout: 30_000 });
  const firstChart = await page.evaluate(() => performance.getEntriesByName('chart-ready')[0].startTime);
  const result = { kind, first_chart_ms: firstChart };
  if (pointer) result.latencies = await pointerRun(page, kind);
  await nextFrames(page);
  // Long tasks of loading and real pointer use; the memory run below is a synthetic loop of
  // 10,000 synchronous dispatches and would count as long tasks by construction.
  result.long_tasks = await page.evaluate(() => window.__bench.longTasks.slice());
  if (memory) result.memory = await memoryRun(page);
  result.errors = errors;
  await context.close();
  return result;
}

// ---------------------------------------------------------------- Lighthouse

function lighthouse(url) {
  return new Promise((resolve) => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-lighthouse-'));
    const output = join(dir, 'report.json');
    const flags = ['--headless=new', ...CHROMIUM_ARGS].join(' ');
    const child = spawn('npx', ['--yes', 'lighthouse@12.8.2', url, '--only-categories=accessibility', '--output=json',
      `--output-path=${output}`, '--quiet', `--chrome-flags=${flags}`],
    { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        const report = JSON.parse(readFileSync(output, 'utf8'));
        const score = report.categories?.accessibility?.score;
        const failing = Object.values(report.audits || {})
          .filter((a) => a.score === 0 && a.scoreDisplayMode === 'binary').map((a) => a.id);
        resolve({ score: typeof score === 'number' ? Math.round(score * 100) : null, failing, note: null });
      } catch {
        resolve({ score: null, failing: [], note: `lighthouse exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ') || 'no report'}` });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ score: null, failing: [], note: `lighthouse could not start: ${error.message}` });
    });
  });
}

// ---------------------------------------------------------------- main

async function main() {
  for (const file of ['pkg/crime-compare.js', 'pkg/crime_compare.js', 'pkg/crime_compare_bg.wasm']) {
    if (!ONLY && !existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run 'make pkg' first`);
  }
  writeChartjsData();
  mkdirSync(OUT_DIR, { recursive: true });
  const server = await startServer({ port: PORT, gzip: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const browserVersion = browser.version();
  const runs = { widget: [], chartjs: [], map: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? ['widget', 'chartjs'] : ['chartjs', 'widget'];
      if (i < POINTER_RUNS) order.push('map');
      for (const kind of order) {
        if (ONLY && kind !== ONLY) continue;
        const result = await oneRun(browser, kind, { pointer: i < POINTER_RUNS, memory: kind === 'widget' && i === 0 });
        runs[kind].push(result);
        process.stdout.write(`run ${i + 1}/${RUNS} ${kind.padEnd(7)} first chart ${result.first_chart_ms.toFixed(1)} ms`
          + `${result.latencies ? `, pointer p95 ${quantile(result.latencies.work, 0.95).toFixed(2)} ms` : ''}`
          + `${result.errors.length ? `, ${result.errors.length} console errors` : ''}\n`);
      }
    }
  } finally {
    await browser.close();
  }

  if (ONLY) {
    server.close();
    return;
  }
  const lighthouseResult = args.includes('--no-lighthouse')
    ? { score: null, failing: [], note: 'skipped (--no-lighthouse)' }
    : await lighthouse(`${BASE}/www/index.html`);
  server.close();

  const latencies = (kind) => runs[kind].flatMap((r) => (r.latencies ? r.latencies.work : []));
  const toFrame = (kind) => runs[kind].flatMap((r) => (r.latencies ? r.latencies.toFrame : []));
  const firstChart = (kind) => median(runs[kind].map((r) => r.first_chart_ms));
  const memory = runs.widget.find((r) => r.memory)?.memory || {};
  const size = sizes();
  const results = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model || 'unknown CPU'} x${cpus().length}, Chromium ${browserVersion}`,
    runs_each: RUNS,
    pointer_moves_per_run: POINTER_MOVES,
    pointer_runs_each: POINTER_RUNS,
    ...size,
    first_chart_ms: round(firstChart('widget')),
    chartjs_first_chart_ms: round(firstChart('chartjs')),
    first_chart_ratio: ratio(firstChart('widget'), firstChart('chartjs')),
    pointer_p50_ms: round(quantile(latencies('widget'), 0.5)),
    pointer_p95_ms: round(quantile(latencies('widget'), 0.95)),
    chartjs_pointer_p50_ms: round(quantile(latencies('chartjs'), 0.5)),
    chartjs_pointer_p95_ms: round(quantile(latencies('chartjs'), 0.95)),
    pointer_ratio: ratio(quantile(latencies('widget'), 0.95), quantile(latencies('chartjs'), 0.95)),
    pointer_to_frame_p95_ms: round(quantile(toFrame('widget'), 0.95)),
    map_pointer_p50_ms: round(quantile(latencies('map'), 0.5)),
    map_pointer_p95_ms: round(quantile(latencies('map'), 0.95)),
    map_pointer_to_frame_p95_ms: round(quantile(toFrame('map'), 0.95)),
    map_to_line_pointer_ratio: ratio(quantile(latencies('map'), 0.95), quantile(latencies('widget'), 0.95)),
    map_first_chart_ms: round(firstChart('map')),
    chartjs_pointer_to_frame_p95_ms: round(quantile(toFrame('chartjs'), 0.95)),
    // The worst run (load and interaction) of our widget; Chart.js's for comparison.
    long_tasks_over_50ms: Math.max(...runs.widget.map((r) => r.long_tasks.length)),
    chartjs_long_tasks_over_50ms: Math.max(...runs.chartjs.map((r) => r.long_tasks.length)),
    wasm_memory_bytes_start: memory.start ?? null,
    wasm_memory_bytes_after_10000: memory.after ?? null,
    lighthouse_accessibility: lighthouseResult.score,
    lighthouse_note: lighthouseResult.note,
    lighthouse_failing_audits: lighthouseResult.failing,
    console_errors: { widget: runs.widget.flatMap((r) => r.errors), chartjs: runs.chartjs.flatMap((r) => r.errors), map: runs.map.flatMap((r) => r.errors) },
  };
  writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const kb = (bytes) => (bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`);
  const rows = [
    ['payload gzip', kb(results.payload_gzip_bytes), kb(results.chartjs_payload_gzip_bytes), ratio(results.payload_gzip_bytes, results.chartjs_payload_gzip_bytes)],
    ['payload brotli', kb(results.payload_brotli_bytes), kb(results.chartjs_payload_brotli_bytes), ratio(results.payload_brotli_bytes, results.chartjs_payload_brotli_bytes)],
    ['first chart (median ms)', results.first_chart_ms, results.chartjs_first_chart_ms, results.first_chart_ratio],
    ['pointer p50 (ms)', results.pointer_p50_ms, results.chartjs_pointer_p50_ms, ratio(results.pointer_p50_ms, results.chartjs_pointer_p50_ms)],
    ['pointer p95 (ms)', results.pointer_p95_ms, results.chartjs_pointer_p95_ms, results.pointer_ratio],
    ['pointer to next frame p95 (ms)', results.pointer_to_frame_p95_ms, results.chartjs_pointer_to_frame_p95_ms, ratio(results.pointer_to_frame_p95_ms, results.chartjs_pointer_to_frame_p95_ms)],
    ['long tasks > 50 ms (worst run)', results.long_tasks_over_50ms, results.chartjs_long_tasks_over_50ms, ''],
  ];
  console.log('\n' + ['metric', 'crime-compare', 'Chart.js 4', 'ratio'].map((h, i) => h.padEnd(i ? 15 : 32)).join(''));
  for (const row of rows) console.log(row.map((cell, i) => String(cell ?? 'n/a').padEnd(i ? 15 : 32)).join(''));
  console.log(`\nmap: pointer p50 ${results.map_pointer_p50_ms} ms, p95 ${results.map_pointer_p95_ms} ms (target 2 ms; ${results.map_to_line_pointer_ratio}× the line chart's), `
    + `to next frame p95 ${results.map_pointer_to_frame_p95_ms} ms, first map ${results.map_first_chart_ms} ms`);
  console.log(`geometry (${results.geometry_file ?? 'none'}, fetched only by a map): ${results.geometry_bytes} bytes, ${kb(results.geometry_gzip_bytes)} gzip (goal 20 KB)`);
  console.log(`\ndataset gzip ${kb(results.dataset_gzip_bytes)}; source CSV xz ${kb(results.source_csv_xz_bytes)}`);
  console.log(`wasm memory ${results.wasm_memory_bytes_start} bytes at start, ${results.wasm_memory_bytes_after_10000} after ${INTERACTIONS} interactions`);
  console.log(`Lighthouse accessibility: ${results.lighthouse_accessibility ?? `null (${results.lighthouse_note})`}`);
  console.log(`\nwrote ${join(OUT_DIR, 'results.json')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
