// crime-compare embed shim.
//
// Turns <crime-compare …> elements and <div data-crime-compare …> placeholders into
// interactive charts. Everything else (data, layout, drawing, controls, text) lives in the
// Rust core compiled to WebAssembly; this file only decides *when* to load it and hands
// each placeholder over to it.
//
// - The wasm module is fetched once per page, and only when the first widget nears the
//   viewport (IntersectionObserver, 300px margin).
// - The placeholder's own content (a static image, a link) stays visible through a <slot>
//   until the widget is ready; if the module cannot load, it stays for good and the console
//   says why.
// - No inline styles or scripts are created (strict Content-Security-Policy works):
//   styles are constructable stylesheets adopted by each shadow root.
// - Where engines differ, each feature is checked and has a fallback (tested in
//   tests/e2e/fallbacks.spec.js): no constructable stylesheets, a <style> in the shadow root
//   (and where a CSP blocks that too, the placeholder stays, with a console message); no
//   IntersectionObserver, every widget mounts at once; no ResizeObserver, the window's resize
//   event; old matchMedia, addListener; no Pointer Events, the keyboard and the table (a
//   console message says so). A widget is either whole or not started: never half built.

const BASE = new URL('.', import.meta.url);
const ATTRIBUTES = ['area', 'compare', 'offence', 'measure', 'kind', 'from', 'to', 'lang', 'theme', 'extent', 'sync-url', 'label', 'controls'];

/** How near the viewport (px) a widget must come before the module is fetched. */
const MARGIN = 300;
let modulePromise = null;

/** The package's own dataset: an index and a figures file per offence, beside the wasm. */
const DATA = new URL('data/', BASE).href;
const indexes = new Map();

/** Files held in memory by their URL: the embed builder's preview of a dataset it compiled in
 *  the browser (see holdDataset). Empty on every reader's page. */
const held = new Map();

/** Fetches a file of a dataset as bytes; a failure names the file and the status. */
async function fetchBytes(url) {
  const bytes = held.get(url);
  if (bytes) return bytes;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A dataset's file (figures of one offence, or a map's boundaries), fetched and supplied once
 * per page however many widgets ask for it at once. */
const files = new Map();
function supplyFile(mod, url, name) {
  const key = new URL(name, url).href;
  if (!files.has(key)) {
    const promise = fetchBytes(key).then((b) => mod.supply_figures(url, name, b));
    promise.catch(() => files.delete(key)); // a later widget may try again
    files.set(key, promise);
  }
  return files.get(key);
}

/** The index of the dataset at `url`, fetched once per page and loaded into the module. */
function loadIndex(loaded, url, bytes) {
  if (!indexes.has(url)) {
    const promise = (bytes || fetchBytes(new URL('index.ccd', url).href))
      .then((b) => loaded.mod.load_dataset(url, b, url === DATA));
    promise.catch(() => indexes.delete(url)); // a later widget may try again
    indexes.set(url, promise);
  }
  return indexes.get(url);
}

/** Loads and instantiates the wasm module once; every widget shares it. */
function loadModule() {
  if (!modulePromise) {
    // The glue, the wasm and the dataset's index are fetched in parallel; the wasm compiles as
    // it streams in.
    const wasm = fetch(new URL('crime_compare_bg.wasm', BASE));
    wasm.catch(() => {}); // A failed fetch is reported once, through the module's own failure.
    const index = fetchBytes(new URL('index.ccd', DATA).href);
    index.catch(() => {}); // reported by the widget that needs it
    modulePromise = import(new URL('crime_compare.js', BASE).href).then(async (mod) => {
      const exports = await mod.default({ module_or_path: wasm });
      const loaded = { mod, exports };
      // Figures files are fetched on first use, by name, and handed to the module.
      mod.set_fetcher((url, name) => supplyFile(mod, url, name));
      // The package's own index is in hand before any widget (or the builder) asks for it; a
      // failure is reported by the widget that needs it.
      await loadIndex(loaded, DATA, index).catch(() => {});
      return loaded;
    });
    modulePromise.catch((err) => {
      console.error('crime-compare: the chart module could not be loaded, so the placeholder content stays.', err);
    });
  }
  return modulePromise;
}

/** The dataset folder a widget charts: its `src` (or `data-src`), else the package's own. */
function dataUrl(el) {
  const src = el.getAttribute('src') ?? el.getAttribute('data-src');
  if (!src) return DATA;
  const url = new URL(src, document.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** Says, inside the widget and above its placeholder content, that the figures did not load. */
function showLoadFailure(el, lang, err) {
  console.error('crime-compare: the figures could not be loaded, so the placeholder content stays.', err);
  const note = document.createElement('p');
  note.setAttribute('role', 'status');
  note.className = 'load-failure';
  note.textContent = lang === 'cy'
    ? "Nid oedd modd llwytho'r ffigurau ar gyfer y siart hon."
    : 'The figures for this chart could not be loaded.';
  el.shadowRoot?.replaceChildren(note, document.createElement('slot'));
  if (el.shadowRoot) applyStyles(el.shadowRoot);
}

const STYLE = `
:host { display: block; contain: layout paint; max-width: 100%; min-width: 0; }
:host([hidden]) { display: none; }
/* Sizes are in em from the widget's own font size, which is the reader's default text size
   (medium) unless the page sets --cc-font-size: a larger default makes the whole widget larger.
   rem is not used: it would follow the page's root size, not the reader's. */
.cc { all: initial; display: block; box-sizing: border-box; width: 100%;
  font: 400 var(--cc-font-size, medium)/1.45 var(--cc-font, "Liberation Sans", Arial, Helvetica, sans-serif);
  color: var(--cc-text, #1d1d1f); background: var(--cc-background, #ffffff);
  padding: var(--cc-padding, .75em); border: var(--cc-border, 1px solid #d9d9de); border-radius: var(--cc-radius, .375em); }
.cc.dark { color: var(--cc-text, #f2f2f5); background: var(--cc-background, #16171b); border-color: #3a3b42; }
.cc *, .cc *::before, .cc *::after { box-sizing: border-box; }
.cc [hidden] { display: none !important; }
.title { display: block; font-size: 1.1em; font-weight: 700; margin: 0 0 .25em; }
.subtitle { margin: 0 0 .5em; font-size: .9em; opacity: .9; }
.panel { margin: .5em 0 0; }
.controls { display: flex; flex-wrap: wrap; gap: .5em .75em; align-items: flex-end; margin: .25em 0 .5em; }
.controls label, .field-label { display: flex; flex-direction: column; gap: .125em; font-size: .85em; font-weight: 700; min-width: 0; max-width: 100%; }
.controls select, .controls input { font: inherit; font-weight: 400; font-size: 1.15em; color: inherit; background: transparent;
  border: 1px solid #767680; border-radius: .25em; padding: .25em .375em; min-height: 2em; max-width: 100%; }
.controls input[readonly] { background: rgba(118,118,128,.15); border-style: dashed; cursor: not-allowed; }
.cc.dark select option, .cc.dark select optgroup { background: #16171b; color: #f2f2f5; }
.areas { display: flex; flex-wrap: wrap; gap: .375em; align-items: center; flex-basis: 100%; }
.chips { display: contents; list-style: none; margin: 0; padding: 0; }
.chip { display: inline-flex; align-items: center; gap: .125em; border: 1px solid #767680; border-radius: 999px; padding: 0 .125em 0 .625em; font-size: .9em; }
.chip .swatch { display: block; width: 2.25em; height: .675em; margin-right: .375em; flex: none; overflow: visible; }
.chip button { font: inherit; color: inherit; background: none; border: 0; border-radius: 999px; min-width: 1.75em; min-height: 1.75em; cursor: pointer; }
.combo { position: relative; flex: 1 1 12em; max-width: 21em; }
.combo input { width: 100%; }
.limit { flex-basis: 100%; margin: 0; font-size: .85em; font-weight: 700; }
.combo-status { margin: .125em 0 0; font-size: .85em; font-style: italic; }
.listbox { position: absolute; z-index: 3; left: 0; right: 0; top: 100%; margin: .125em 0 0; padding: .125em 0; list-style: none;
  max-height: 16em; overflow: auto; background: var(--cc-background, #fff); border: 1px solid #767680; border-radius: .25em; box-shadow: 0 .25em .75em rgba(0,0,0,.15); }
.cc.dark .listbox { background: var(--cc-background, #16171b); }
.listbox li { padding: .375em .625em; cursor: pointer; }
.listbox li[aria-selected="true"] { background: var(--cc-accent, #0b5cad); color: #fff; }
.cc.dark .listbox li[aria-selected="true"] { background: var(--cc-accent, #7cb8f2); color: #0d0d10; }
.listbox li.empty { cursor: default; font-style: italic; }
/* Toggles stand apart, with room for the focus ring: nothing clips it and no neighbour covers it. */
.seg { display: inline-flex; flex-wrap: wrap; gap: .375em; border: 0; padding: 0; margin: 0; }
.seg button, .actions button, .change-chart { font: inherit; font-size: .9em; color: inherit; background: transparent; border: 1px solid #767680; border-radius: .25em;
  padding: .25em .625em; min-height: 2em; cursor: pointer; }
.seg button[aria-pressed="true"] { background: var(--cc-accent, #0b5cad); border-color: var(--cc-accent, #0b5cad); color: #fff; }
.cc.dark .seg button[aria-pressed="true"] { background: var(--cc-accent, #7cb8f2); border-color: var(--cc-accent, #7cb8f2); color: #0d0d10; }
.change-chart { font-weight: 700; }
.change-chart::after { content: " \\25BE"; }
.change-chart[aria-expanded="true"]::after { content: " \\25B4"; }
.caption { margin: .5em 0 .25em; }
.plot { position: relative; width: 100%; touch-action: pan-y; }
canvas { display: block; width: 100% !important; height: auto; border-radius: 2px; }
canvas.overlay { position: absolute; left: 0; top: 0; pointer-events: none; }
/* The focus ring: 3px, 2px outside the control, at least 3:1 against the background in both
   themes (#d14900 on white 4.5:1, #ffb454 on #16171b 10:1). */
.cc :focus-visible { outline: 3px solid var(--cc-focus, #d14900); outline-offset: 2px; }
.cc.dark :focus-visible { outline-color: var(--cc-focus, #ffb454); }
.keys { margin: .25em 0 0; font-size: .85em; padding: .25em .5em; border-left: 3px solid var(--cc-focus, #d14900); }
.cc.dark .keys { border-left-color: var(--cc-focus, #ffb454); }
/* The tooltip takes the pointer, so hovering it keeps it as it is (WCAG 1.4.13). */
.tooltip { position: absolute; z-index: 2; width: max-content; max-width: 17em; padding: .375em .5em; border-radius: .25em; font-size: .9em;
  transform: translateY(-100%); border: 1px solid transparent;
  background: var(--cc-tooltip-background, #1d1d1f); color: var(--cc-tooltip-text, #fff); box-shadow: 0 .125em .5em rgba(0,0,0,.25); }
.cc.dark .tooltip { background: var(--cc-tooltip-background, #f2f2f5); color: var(--cc-tooltip-text, #111); }
.tooltip strong { display: block; }
.tooltip.left { transform: translate(-100%, -100%); }
.tooltip.below { transform: none; }
.tooltip.left.below { transform: translateX(-100%); }
.actions { display: flex; flex-wrap: wrap; gap: .375em; margin: .5em 0 .25em; }
.table-wrap { overflow-x: auto; margin: .375em 0; }
table { border-collapse: collapse; font-size: .9em; font-variant-numeric: tabular-nums; }
th, td { padding: .2em .5em; border-bottom: 1px solid #c4c4cc; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.cc.dark th, .cc.dark td { border-color: #4a4b53; }
.source { margin: .375em 0 0; font-size: .8em; opacity: .85; }
.message { margin: .375em 0; padding: .5em .625em; border-left: 4px solid #d14900; background: rgba(209,73,0,.08); }
.load-failure { margin: 0 0 .375em; font: inherit; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Target sizes (WCAG 2.2): at least 24 x 24 px with a fine pointer, 44 x 44 px with a coarse one. */
@media (pointer: fine) {
  .cc button, .cc select, .cc input { min-height: max(24px, 2em); min-width: 24px; }
  .chip button { min-width: max(24px, 1.75em); min-height: max(24px, 1.75em); }
}
@media (pointer: coarse) {
  .cc button, .cc select, .cc input, .listbox li { min-height: 44px; min-width: 44px; }
  .chip button { min-width: 44px; min-height: 44px; }
  .listbox li { display: flex; align-items: center; }
}
/* Windows High Contrast and other forced palettes: states in system colours. */
@media (forced-colors: active) {
  .cc { border-color: CanvasText; }
  .seg button[aria-pressed="true"], .listbox li[aria-selected="true"] { forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight; }
  .seg button[aria-pressed="false"] { border-style: dashed; }
  .chip .swatch { forced-color-adjust: none; }
  .tooltip { border-color: CanvasText; }
  .cc :focus-visible { outline-color: Highlight; }
  .controls input[readonly] { border-color: GrayText; }
  .keys { border-left-color: Highlight; }
}
@media (prefers-reduced-motion: no-preference) { .listbox li, .seg button { transition: background-color .12s; } }
`;

let sheet = null;
/** The shared constructable stylesheet, or null where the engine has none (Safari before 16.4). */
function styleSheet() {
  if (sheet === null) {
    sheet = false;
    try {
      if ('adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
        const made = new CSSStyleSheet();
        made.replaceSync(STYLE);
        sheet = made;
      }
    } catch {
      sheet = false;
    }
  }
  return sheet || null;
}

/**
 * Styles a widget's shadow root: the constructable stylesheet, else a <style> element (which
 * the wasm keeps when it mounts, by its data-cc-style attribute). Returns false when neither
 * applies: a Content-Security-Policy without 'unsafe-inline' blocks the <style>.
 */
function applyStyles(root) {
  const shared = styleSheet();
  if (shared) {
    if (!root.adoptedStyleSheets.includes(shared)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, shared];
    return true;
  }
  let style = root.querySelector('style[data-cc-style]');
  if (!style) {
    style = document.createElement('style');
    style.setAttribute('data-cc-style', '');
    style.textContent = STYLE;
    root.prepend(style);
  }
  // A blocked <style> has no sheet (or an empty one).
  return Boolean(style.sheet && style.sheet.cssRules.length > 0);
}

/** The placeholder stays when the widget cannot be styled: a bare chart would be half built. */
function unstyled(el) {
  console.error('crime-compare: this browser has no constructable stylesheets and the page\'s Content-Security-Policy blocks '
    + '<style> elements, so the chart cannot be styled and the placeholder content stays. Allow style-src \'unsafe-inline\', '
    + 'or use a browser from the last three years.', el);
}

/** Listens for a media query's changes, in engines with either API; returns the remover. */
function onMediaChange(query, listener) {
  if (!query) return () => {};
  if (typeof query.addEventListener === 'function') {
    query.addEventListener('change', listener);
    return () => query.removeEventListener('change', listener);
  }
  if (typeof query.addListener === 'function') {
    query.addListener(listener);
    return () => query.removeListener(listener);
  }
  return () => {};
}

/** matchMedia, or null in an engine without it. */
function media(text) {
  return typeof window.matchMedia === 'function' ? window.matchMedia(text) : null;
}

let pointerWarned = false;

/** Reads the widget's configuration from a placeholder's attributes. */
function readAttributes(el) {
  const attrs = {};
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(name) ?? el.getAttribute('data-' + name);
    if (value !== null) attrs[name] = value;
  }
  if (!attrs.lang) {
    const scoped = el.closest('[lang]');
    attrs.lang = scoped ? scoped.getAttribute('lang') : (document.documentElement.lang || 'en');
  }
  return attrs;
}

/** Publisher figures inline: <script type="text/csv"> or <script type="application/json">. */
function readInlineData(el) {
  const script = el.querySelector(':scope > script[type="text/csv"], :scope > script[type="application/json"]');
  return script ? { text: script.textContent, type: script.type } : null;
}

const widgets = new WeakMap();
let intersection = null;

function observe(el) {
  if (widgets.has(el)) return;
  widgets.set(el, { state: 'waiting', widget: null });
  if (!el.shadowRoot) {
    const root = el.attachShadow({ mode: 'open' });
    // Until the chart is ready, the placeholder's own content shows through the slot.
    root.appendChild(document.createElement('slot'));
  }
  if (!applyStyles(el.shadowRoot)) {
    widgets.get(el).state = 'failed';
    unstyled(el);
    return;
  }
  if (!('IntersectionObserver' in window)) return start(el);
  // Already near the viewport: start now rather than a frame later, when the observer reports.
  const rect = el.getBoundingClientRect();
  if (rect.bottom > -MARGIN && rect.top < innerHeight + MARGIN && (rect.width > 0 || rect.height > 0)) return start(el);
  intersection ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        intersection.unobserve(entry.target);
        start(entry.target);
      }
    }
  }, { rootMargin: `${MARGIN}px 0px` });
  intersection.observe(el);
}

async function start(el) {
  const record = widgets.get(el);
  if (!record || record.state !== 'waiting') return;
  record.state = 'loading';
  let loaded;
  try {
    loaded = await loadModule();
  } catch {
    record.state = 'failed';
    return;
  }
  if (!el.isConnected || widgets.get(el) !== record) return;
  const attrs = readAttributes(el);
  const data = readInlineData(el);
  // The dataset's index, then the figures file the first chart shows, before it mounts.
  const url = dataUrl(el);
  try {
    await loadIndex(loaded, url);
    const needed = loaded.mod.figures_needed(url, attrs.offence, attrs.kind);
    await Promise.all(needed.map((name) => supplyFile(loaded.mod, url, name)));
  } catch (err) {
    record.state = 'failed';
    showLoadFailure(el, attrs.lang, err);
    return;
  }
  if (!el.isConnected || widgets.get(el) !== record) return;
  // Attributes read afresh: a page may change them while the index and figures load.
  record.widget = loaded.mod.mount(el, el.shadowRoot, readAttributes(el), data ? data.text : undefined, data ? data.type : undefined,
    window.devicePixelRatio || 1, url);
  record.state = 'ready';
  if (!('PointerEvent' in window) && !pointerWarned) {
    pointerWarned = true;
    console.warn('crime-compare: this browser has no Pointer Events, so hovering or touching the chart shows no figure; '
      + 'the arrow keys (with the chart focused) and the table give every figure.');
  }
  watch(el, record);
  if (attrs['sync-url'] !== undefined) syncUrl(el, record);
}

/**
 * Re-render on size, device pixel ratio (zoom, another monitor) and colour scheme changes.
 *
 * The size is measured in the ResizeObserver callback and the widget re-rendered at most once
 * per animation frame, and never for the size it already has. Rendering inside the callback
 * changes the widget's height, which can change the width again (a page scrollbar comes and
 * goes), and the engine then reports "ResizeObserver loop completed with undelivered
 * notifications" as an uncaught error (Firefox does, on a page of huge type). The element
 * observed is the widget's own block (.cc), not the host, which a host page may have made
 * inline (an inline box has no content size to observe).
 */
function watch(el, record) {
  const { widget } = record;
  const box = el.shadowRoot.querySelector('.cc') || el;
  let measured = 0;
  let drawn = { width: -1, dpr: -1 };
  let frame = 0;
  const draw = () => {
    frame = 0;
    const dpr = window.devicePixelRatio || 1;
    if (measured <= 0 || (Math.abs(measured - drawn.width) < 0.5 && dpr === drawn.dpr)) return;
    drawn = { width: measured, dpr };
    widget.resize(measured, dpr);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  let unobserve;
  if ('ResizeObserver' in window) {
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      // The border box is what the widget lays out in (it subtracts its own padding).
      const size = Array.isArray(entry.borderBoxSize) ? entry.borderBoxSize[0] : entry.borderBoxSize;
      measured = size && size.inlineSize > 0 ? size.inlineSize : entry.target.getBoundingClientRect().width;
      schedule();
    });
    try {
      observer.observe(box, { box: 'border-box' });
    } catch {
      observer.observe(box);
    }
    unobserve = () => observer.disconnect();
  } else {
    // No ResizeObserver (Safari before 13.1): the window's size, measured in the frame.
    const onResize = () => {
      if (!frame) {
        frame = requestAnimationFrame(() => {
          measured = box.getBoundingClientRect().width;
          draw();
        });
      }
    };
    window.addEventListener('resize', onResize);
    onResize();
    unobserve = () => window.removeEventListener('resize', onResize);
  }
  let stopDpr = () => {};
  const listenDpr = () => {
    stopDpr();
    stopDpr = onMediaChange(media(`(resolution: ${window.devicePixelRatio || 1}dppx)`), () => {
      measured = box.getBoundingClientRect().width;
      schedule();
      listenDpr();
    });
  };
  listenDpr();
  const stopScheme = onMediaChange(media('(prefers-color-scheme: dark)'), () => widget.set_attribute('theme', el.getAttribute('theme') ?? 'auto'));
  record.unwatch = () => {
    unobserve();
    if (frame) cancelAnimationFrame(frame);
    stopDpr();
    stopScheme();
  };
}

/** Optional: mirror the widget's state in the page's hash, and restore it from there. */
function syncUrl(el, record) {
  const key = 'cc' + (el.id ? '-' + el.id : '');
  const params = new URLSearchParams(location.hash.slice(1));
  const saved = params.get(key);
  if (saved) {
    for (const [name, value] of new URLSearchParams(saved)) record.widget.set_attribute(name, value);
  }
  el.addEventListener('crime-compare:change', (event) => {
    const now = new URLSearchParams(location.hash.slice(1));
    const state = new URLSearchParams();
    for (const [name, value] of Object.entries(event.detail || {})) {
      if (value !== null && value !== undefined && value !== '') state.set(name, String(value));
    }
    now.set(key, state.toString());
    history.replaceState(null, '', '#' + now.toString());
  });
}

function stop(el) {
  const record = widgets.get(el);
  if (!record) return;
  widgets.delete(el);
  intersection?.unobserve(el);
  record.unwatch?.();
  if (record.widget) {
    record.widget.destroy();
    record.widget.free();
  }
  // A later reconnect starts afresh, with the placeholder content visible meanwhile.
  if (el.shadowRoot) {
    el.shadowRoot.replaceChildren(document.createElement('slot'));
    applyStyles(el.shadowRoot);
  }
}

class CrimeCompareElement extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }
  connectedCallback() { observe(this); }
  disconnectedCallback() { stop(this); }
  attributeChangedCallback(name, _old, value) {
    const record = widgets.get(this);
    if (record && record.widget) record.widget.set_attribute(name, value ?? '');
  }
  /**
   * The chart as a picture, once it has drawn: `{png, width, height, alt}` (a PNG data URL at
   * twice the chart's size, from the same renderer as the PNG download; the chart's CSS size;
   * its sentences for alt text), else null. The embed builder's fallback image comes from it.
   * Null, too, while the widget is dispatching an event: from a `crime-compare:ready` or
   * `change` listener, call it in a later task (setTimeout).
   */
  snapshot() {
    const record = widgets.get(this);
    return record && record.widget ? record.widget.snapshot() : null;
  }
}

if (!customElements.get('crime-compare')) customElements.define('crime-compare', CrimeCompareElement);

// <div data-crime-compare> for content systems that strip unknown tags.
function scan(root) {
  for (const el of root.querySelectorAll('[data-crime-compare]')) observe(el);
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => scan(document), { once: true });
} else {
  scan(document);
}
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== 1) continue;
      if (node.matches('[data-crime-compare]')) observe(node);
      scan(node);
    }
    for (const node of record.removedNodes) {
      if (node.nodeType === 1 && node.matches('[data-crime-compare]')) stop(node);
    }
  }
}).observe(document.documentElement, { childList: true, subtree: true });

/**
 * For the embed builder: serves a dataset's files (`[{name, bytes}]`) from memory at the folder
 * URL `url`, so a widget with `src` naming that folder charts them and nothing is fetched.
 * Give each dataset a folder URL of its own: a dataset is decoded once per URL and kept.
 */
export function holdDataset(url, files) {
  const folder = new URL(url, document.baseURI);
  if (!folder.pathname.endsWith('/')) folder.pathname += '/';
  for (const file of files) held.set(new URL(file.name, folder).href, file.bytes);
  return folder.href;
}

/** For hosts and tests: the shared module, loaded on demand. */
export function load() { return loadModule(); }

// ---------------------------------------------------------------------------------------------
// The iframe embed (pkg/embed.html) and its resizer. Two sides of one small protocol:
//
// - Inside embed.html (marked `data-crime-compare-embed` on its <html>), this shim builds one
//   widget from the page's query string (every attribute by name, plus `src`) and inline
//   figures from its hash (`#csv=…` or `#json=…`; a hash never reaches any server), and tells
//   its parent its height with postMessage whenever it changes: {type: 'crime-compare:height',
//   height} for our resizer and {sentinel: 'amp', type: 'embed-size', height} for amp-iframe.
//   The height is not secret, so it is posted to any parent ('*').
// - On a host page, this shim resizes every iframe of *this package's* embed.html to the height
//   it reports. A message is believed only when it comes from that embed's origin, from the
//   contentWindow of an iframe whose src is that embed.html, and carries a finite height within
//   bounds; nothing else in it is read. Without the shim an iframe keeps the height it was
//   written with.

const EMBED_URL = new URL('embed.html', BASE);
const HEIGHT_MESSAGE = 'crime-compare:height';
const HEIGHT_REQUEST = 'crime-compare:height?';
/** The tallest height (px) a frame may ask for; anything above is ignored, not clamped. */
const MAX_EMBED_HEIGHT = 10000;
const EMBED_ATTRIBUTES = [...ATTRIBUTES, 'src'];

function embedPage() {
  const params = new URLSearchParams(location.search);
  const el = document.createElement('crime-compare');
  for (const name of EMBED_ATTRIBUTES) {
    const value = params.get(name);
    if (value !== null) el.setAttribute(name, value);
  }
  if (params.get('lang')) document.documentElement.lang = params.get('lang');
  const hash = new URLSearchParams(location.hash.slice(1));
  const inline = hash.has('csv') ? ['text/csv', hash.get('csv')] : hash.has('json') ? ['application/json', hash.get('json')] : null;
  if (inline) {
    // A data block, never run: only the widget reads its text.
    const data = document.createElement('script');
    data.type = inline[0];
    data.textContent = inline[1];
    el.appendChild(data);
  }
  const link = document.createElement('a');
  link.href = 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice';
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = params.get('lang') === 'cy' ? 'Ffigurau troseddau a gofnodwyd gan yr heddlu' : 'Police recorded crime figures';
  el.appendChild(link);
  // A transparent page holding the widget alone (CSSOM, so a strict CSP allows it).
  document.documentElement.style.background = 'transparent';
  document.body.style.margin = '0';
  document.body.replaceChildren(el);

  if (window.parent === window) return;
  const height = () => Math.ceil(document.documentElement.getBoundingClientRect().height);
  const send = () => {
    const h = height();
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height: h }, '*');
    window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: h }, '*');
  };
  let last = -1;
  new ResizeObserver(() => {
    if (height() !== last) {
      last = height();
      send();
    }
  }).observe(document.documentElement);
  // A resizer that arrives after the first report asks again.
  addEventListener('message', (event) => {
    if (event.source === window.parent && event.data && event.data.type === HEIGHT_REQUEST) send();
  });
}

function isOurEmbed(iframe) {
  try {
    const url = new URL(iframe.getAttribute('src') || '', document.baseURI);
    return url.origin === EMBED_URL.origin && url.pathname === EMBED_URL.pathname;
  } catch {
    return false;
  }
}

function resizeEmbeds() {
  addEventListener('message', (event) => {
    if (event.origin !== EMBED_URL.origin || !event.source) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== HEIGHT_MESSAGE) return;
    const h = data.height;
    if (typeof h !== 'number' || !Number.isFinite(h) || h < 1 || h > MAX_EMBED_HEIGHT) return;
    for (const iframe of document.getElementsByTagName('iframe')) {
      if (iframe.contentWindow === event.source) {
        if (isOurEmbed(iframe)) iframe.style.height = `${Math.ceil(h)}px`;
        return;
      }
    }
  });
  const ask = () => {
    for (const iframe of document.getElementsByTagName('iframe')) {
      if (isOurEmbed(iframe)) iframe.contentWindow?.postMessage({ type: HEIGHT_REQUEST }, EMBED_URL.origin);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ask, { once: true });
  else ask();
}

if (document.documentElement.hasAttribute('data-crime-compare-embed')) embedPage();
else resizeEmbeds();
