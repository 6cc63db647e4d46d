// Embed builder, "Official tables (ODS, XLSX or CSV)": a publisher's Home Office open data tables
// compiled into a dataset in the browser, previewed, downloaded as one zip, and named in the
// snippet by `src`.
//
// The compiling happens in a worker (builder-upload-worker.js) with the builder's own wasm module,
// so a large workbook never freezes the page; its progress shows in a status line. The preview
// widget charts the compiled files from memory (the shim's holdDataset), so nothing is fetched
// and nothing is sent anywhere. The snippet itself is written by builder.js: this file sets the
// form's hidden `src` field to the address the publisher gives, once it is valid.
//
// Everything shown is built with textContent, never innerHTML: file, sheet and column names come
// from the publisher's file.

const SCRIPT_URL = new URL('../pkg/crime-compare.js', import.meta.url).href;
const ZIP_NAME = 'crime-compare-data.zip';

const input = document.getElementById('tables-file');
const status = document.getElementById('tables-status');
const problem = document.getElementById('tables-error');
const summary = document.getElementById('tables-summary');
const download = document.getElementById('download-dataset');
const urlField = document.getElementById('dataset-url');
const urlError = document.getElementById('dataset-url-error');
const srcField = document.getElementById('dataset-src');
const form = document.getElementById('builder-form');

let worker = null;
let job = 0;
let compiled = null; // {result, zipUrl}
let previews = 0;

function startWorker() {
  worker = new Worker(new URL('./builder-upload-worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail({ message: `the builder's module could not be started (${event.message || 'unknown error'})` });
    worker = null;
  });
}

/** Says what went wrong, naming file, sheet, row and column when the module does. */
function fail(error) {
  status.textContent = 'The tables could not be compiled.';
  const lines = [];
  const heading = document.createElement('p');
  heading.textContent = `This could not be used: ${error.reason || error.message}`;
  lines.push(heading);
  if (error.file) {
    const list = document.createElement('dl');
    const where = [['File', error.file], ['Sheet', error.sheet], ['Row', error.row ? String(error.row) : ''], ['Column', error.column]];
    for (const [term, value] of where) {
      if (!value) continue;
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      list.append(dt, dd);
    }
    lines.push(list);
  }
  const hint = document.createElement('p');
  hint.textContent = 'Use the tables as GOV.UK publishes them (a year sheet per financial year), or a CSV export with the same columns.';
  lines.push(hint);
  problem.replaceChildren(...lines);
  problem.hidden = false;
}

function reset() {
  problem.hidden = true;
  problem.replaceChildren();
  summary.replaceChildren();
  download.disabled = true;
  if (compiled) URL.revokeObjectURL(compiled.zipUrl);
  compiled = null;
  setSource();
}

async function onChoose() {
  const files = Array.from(input.files || []);
  reset();
  if (!files.length) {
    status.textContent = '';
    return;
  }
  const id = ++job;
  status.textContent = `Reading ${files.map((f) => f.name).join(', ')} from your computer`;
  let tables;
  try {
    tables = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
  } catch (error) {
    fail({ message: `the file could not be read from your computer (${error.message})` });
    return;
  }
  if (id !== job) return;
  if (!worker) startWorker();
  worker.postMessage({ id, tables }, tables.map((t) => t.bytes.buffer));
}

function onMessage(event) {
  const { id, type } = event.data || {};
  if (id !== job) return; // an earlier choice, superseded
  if (type === 'progress') {
    status.textContent = event.data.text;
  } else if (type === 'error') {
    if (event.data.error && event.data.error.fatal) {
      worker.terminate();
      worker = null;
    }
    fail(event.data.error || { message: 'unknown error' });
  } else if (type === 'done') {
    show(event.data.result).catch((error) => fail({ message: `the preview could not be shown (${error.message})` }));
  }
}

/** Adds `names` missing from a select, in a group of their own, and chooses the first. */
function offer(select, names, label) {
  if (!names.length) return;
  const existing = new Set(Array.from(select.options, (o) => o.value));
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const name of missing) {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      group.appendChild(option);
    }
    select.prepend(group);
  }
  if (!select.multiple) select.value = names[0];
}

async function show(result) {
  const { holdDataset } = await import(SCRIPT_URL);
  // A folder URL of its own for each compiled dataset: the widget keeps one decoded dataset per URL.
  // It is never fetched: the shim serves these files from memory.
  const folder = holdDataset(new URL(`builder-preview/${++previews}/`, location.href).href, result.files);
  const zipUrl = URL.createObjectURL(new Blob([result.zip], { type: 'application/zip' }));
  compiled = { result, zipUrl };

  // The preview charts the compiled dataset: re-added, so the shim mounts it afresh with the new src.
  // Looked up now: builder.js puts in a fresh element when pasted figures change.
  const preview = document.getElementById('preview');
  preview.setAttribute('src', folder);
  const parent = preview.parentNode;
  const next = preview.nextSibling;
  preview.remove();
  parent.insertBefore(preview, next);

  offer(document.getElementById('area'), result.areas, 'In your tables');
  offer(document.getElementById('offence'), result.offences, 'In your tables');
  form.dispatchEvent(new Event('change', { bubbles: true }));

  const years = result.first && result.last
    ? (result.first === result.last ? ` for the 12 months ending ${monthName(result.first)}` : ` for the 12 months ending ${monthName(result.first)} to ${monthName(result.last)}`)
    : '';
  const from = result.tables.map((t) => `${t.name} (${t.level} table)`).join(', ');
  status.textContent = `Done: ${result.files.length} dataset files from ${from}, with figures from your tables for ${count(result.areas.length, 'area')} and ${count(result.offences.length, 'offence code')}${years}.`;
  const p = document.createElement('p');
  p.textContent = `Areas in your tables: ${result.areas.join(', ') || 'none'}.`;
  summary.replaceChildren(p);
  download.disabled = false;
  setSource();
}

function count(n, word) {
  return `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function monthName(period) {
  const [year, month] = String(period).split('-').map(Number);
  return MONTHS[month - 1] ? `${MONTHS[month - 1]} ${year}` : String(period);
}

/**
 * The address a publisher gives for the dataset folder: a full http(s) address, or a path from
 * the root of their own site. Returns {value} (ending in /) or {error}.
 */
export function checkFolderUrl(text) {
  const t = String(text).trim();
  if (!t) return { error: 'Enter the address of the folder you will put the dataset files in.' };
  if (/[\s"'<>\\`]/.test(t)) return { error: 'The address cannot hold spaces, quotes, angle brackets or backslashes.' };
  if (t.startsWith('//') || !/^(https?:\/\/[^/]|\/)/i.test(t)) {
    return { error: 'Start with https:// (or http://), or with / for a folder on the same site as your pages.' };
  }
  let url;
  try {
    url = new URL(t, 'https://example.invalid/');
  } catch {
    return { error: 'This is not a web address.' };
  }
  if (url.username || url.password) return { error: 'Leave out any user name or password.' };
  if (url.search || url.hash) return { error: 'Give the folder alone, without ? or #.' };
  return { value: t.endsWith('/') ? t : `${t}/` };
}

/** The snippet's src: the folder address once a dataset is compiled and the address is valid. */
function setSource() {
  const checked = checkFolderUrl(urlField.value);
  const invalid = Boolean(checked.error) && compiled !== null;
  urlField.setAttribute('aria-invalid', String(invalid));
  urlError.textContent = invalid ? checked.error : '';
  urlError.hidden = !invalid;
  const value = compiled && checked.value ? checked.value : '';
  if (srcField.value !== value) {
    srcField.value = value;
    form.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

download.addEventListener('click', () => {
  if (!compiled) return;
  const a = document.createElement('a');
  a.href = compiled.zipUrl;
  a.download = ZIP_NAME;
  document.body.appendChild(a);
  a.click();
  a.remove();
  status.textContent = `Downloaded ${ZIP_NAME}: unzip it and put its folder, ${compiled.result.folder}, at the address below.`;
});

input.addEventListener('change', onChoose);
urlField.addEventListener('input', setSource);
urlField.addEventListener('change', (event) => event.stopPropagation());
