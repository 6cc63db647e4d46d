// Embed builder: a form whose choices drive a live <crime-compare> preview and the code to copy.
//
// Everything shown to the reader is built with textContent and createElement, never innerHTML:
// area and offence names come from the data, and the snippet is code to be read, not run.
// The snippet itself is written by snippet.js (no DOM), which other variants build on.
//
// Privacy: nothing pasted or chosen here leaves the page. The figures are read here
// (figures.js), their area names checked by the widget's own search (`find_area`), the picture
// drawn by the widget; nothing is stored (no localStorage, cookies or IndexedDB), and the "Your
// figures" box has autocomplete="off" so the browser does not restore it either.

import { readFigures as parseFigures } from './figures.js';
import { ATTRIBUTE_ORDER, embedParts, imageFileName, snippets } from './snippet.js';

import { embedSnippets, DEFAULT_HEIGHT } from './builder-embeds.js';

const SCRIPT_URL = new URL('../pkg/crime-compare.js', import.meta.url).href;
const EMBED_URL = new URL('../pkg/embed.html', import.meta.url).href;

const form = document.getElementById('builder-form');
const previewSection = document.getElementById('preview-section');
let preview = document.getElementById('preview');
const parts = document.getElementById('snippet-parts');
const status = document.getElementById('copy-status');
const figuresBox = document.getElementById('figures');
const figuresStatus = document.getElementById('figures-status');
const sourceBox = document.getElementById('figures-source');
const imageLink = document.getElementById('download-image');
const imageNote = document.getElementById('image-note');

/** What the "Your figures" box gave, as figures.js read it (with `notes`); null when it is empty. */
let figures = null;
/** The chart's picture from the preview: `{png, width, height, alt}`, or null. */
let picture = null;

/** The areas of the pasted figures, in the order they first appear. */
function figureAreas() {
  const seen = [];
  for (const row of figures ? figures.rows : []) {
    if (!seen.some((name) => name.toLowerCase() === row.area.toLowerCase())) seen.push(row.area);
  }
  return seen;
}

/** The current choices, as widget attributes. Pasted figures name the areas. */
function choices() {
  const data = new FormData(form);
  const pasted = figureAreas();
  const area = pasted[0] || data.get('area') || 'North Wales';
  return {
    src: data.get('src') || '',
    area,
    compare: pasted.length ? pasted.slice(1).join(',') : data.getAll('compare').filter((name) => name !== area).join(','),
    offence: data.get('offence') || 'Sexual offences',
    measure: data.get('measure') || 'count',
    kind: data.get('kind') || 'trend',
    lang: data.get('lang') || 'en',
    theme: data.get('theme') || 'auto',
    // compact is the widget's default, so the snippet leaves it out.
    controls: data.get('controls') === 'compact' ? '' : (data.get('controls') || ''),
  };
}

/** The fallback picture as the snippet names it, once the preview has drawn this chart. */
function image(state) {
  if (!picture) return null;
  return { file: imageFileName(state), alt: picture.alt, width: picture.width, height: picture.height };
}

async function copy(text, pre) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    // No clipboard permission (an insecure origin, or a browser that asks): select the code instead.
    const range = document.createRange();
    range.selectNodeContents(pre);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = 'The code is selected: press Ctrl+C (or Cmd+C) to copy it.';
  }
}

/** What the code on show was made from. */
let renderedKey = '';

/**
 * For the iframe, AMP and WordPress variants (builder-embeds.js): the same attributes, inline
 * figures and fallback as the element's snippet; an iframe is written as tall as the preview.
 */
function embedOptions(state, shot) {
  const ready = preview.shadowRoot && preview.shadowRoot.querySelector('canvas[data-plot]');
  const height = ready ? Math.ceil(preview.getBoundingClientRect().height / 10) * 10 : DEFAULT_HEIGHT;
  const parts = embedParts(state, { figures, image: shot });
  return {
    scriptUrl: SCRIPT_URL, embedUrl: EMBED_URL, height, fallbackHtml: parts.fallback, inline: parts.inline,
    image: shot ? { src: shot.file, alt: shot.alt } : null,
  };
}

function renderSnippet(state) {
  const chosen = document.querySelector('input[name="variant"]:checked')?.value || 'html';
  const shot = image(state);
  const list = { ...snippets(state, { scriptUrl: SCRIPT_URL, figures, image: shot }), ...embedSnippets(state, embedOptions(state, shot)) }[chosen];
  // Unchanged code keeps its nodes: a button pressed as the page re-renders must still be there.
  const key = JSON.stringify([chosen, list, shot && picture.png.length]);
  if (key === renderedKey) return;
  renderedKey = key;
  const nodes = list.map((part, index) => {
    const wrap = document.createElement('div');
    const heading = document.createElement('h3');
    heading.id = `snippet-title-${index}`;
    heading.textContent = part.title;
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    code.className = 'snippet-code';
    code.textContent = part.text;
    pre.appendChild(code);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-describedby', heading.id);
    button.addEventListener('click', () => copy(part.text, pre));
    if (part.text) wrap.append(heading, pre, button);
    else wrap.append(heading);
    return wrap;
  });
  parts.replaceChildren(...nodes);
  // The picture, offered under the file name the snippet uses.
  if (shot) {
    imageLink.href = picture.png;
    imageLink.download = shot.file;
    imageLink.hidden = false;
    imageLink.textContent = `Download the picture (${shot.file})`;
    imageNote.textContent = `The code shows this picture to readers without JavaScript, RSS readers and print. Its alt text: "${shot.alt}"`;
  } else {
    imageLink.hidden = true;
    imageLink.removeAttribute('href');
    imageNote.textContent = 'The picture appears once the preview has drawn.';
  }
}

/** The inline figures the preview was made with: a new set needs a new element. */
let previewFigures = null;

function updatePreview(state) {
  const csv = figures && figures.rows.length ? figures.csv : null;
  if (csv !== previewFigures) {
    // The widget reads inline data once, when it mounts: put a fresh element in.
    const next = document.createElement('crime-compare');
    next.id = 'preview';
    // `src` is where the publisher will put their compiled files; the preview keeps its own.
    for (const name of ATTRIBUTE_ORDER) if (name !== 'src' && state[name] !== '') next.setAttribute(name, state[name]);
    const held = preview.getAttribute('src');
    if (held) next.setAttribute('src', held);
    if (csv) {
      const script = document.createElement('script');
      script.type = 'text/csv';
      script.textContent = csv;
      next.appendChild(script);
    }
    const note = document.createElement('p');
    note.className = 'fallback';
    note.textContent = 'The preview appears here once the chart code has loaded.';
    next.appendChild(note);
    preview.replaceWith(next);
    preview = next;
    previewFigures = csv;
    picture = null;
    return;
  }
  for (const name of ATTRIBUTE_ORDER) {
    // The preview charts the compiled files from memory; `src` is where the publisher will put them.
    if (name === 'src') continue;
    if (state[name] === '') preview.removeAttribute(name);
    else if (preview.getAttribute(name) !== state[name]) preview.setAttribute(name, state[name]);
  }
}

/** The widget's module once loaded (for the default measure), and whether the measure was chosen by hand. */
let widgetModule = null;
let measureChosen = false;

/** Until a measure is chosen by hand, preselect the one the widget would pick for these areas. */
function preselectMeasure() {
  if (measureChosen || !widgetModule) return;
  if (figures && figures.rows.length) {
    // Pasted figures carry no populations: counts.
    for (const input of form.elements.measure) input.checked = input.value === 'count';
    return;
  }
  const data = new FormData(form);
  const areas = [data.get('area') || 'North Wales', ...data.getAll('compare')].join(',');
  let measure = 'count';
  try { measure = widgetModule.default_measure(areas); } catch { /* keep counts */ }
  for (const input of form.elements.measure) input.checked = input.value === measure;
}

/**
 * Reads the "Your figures" box (figures.js), checks its area names with the widget's own
 * search, and says what it found: the figures and gaps read, then every problem by row and
 * column. While there are figures, they name the areas: the area lists wait.
 */
function readFigures() {
  const text = figuresBox.value;
  const pasted = text.trim() !== '';
  if (!pasted) {
    figures = null;
    figuresStatus.replaceChildren();
    for (const id of ['area', 'compare']) document.getElementById(id).disabled = false;
    return;
  }
  if (!widgetModule) {
    figuresStatus.textContent = 'Your figures will be read once the chart code has loaded.';
    return;
  }
  const offence = new FormData(form).get('offence') || 'Sexual offences';
  figures = parseFigures(text, offence, sourceBox.value);
  // Area names the dataset's search does not find (English or Welsh) are said, not refused:
  // a newsroom may chart its own area.
  const places = [...figures.areaCells];
  for (const row of figures.rows) {
    if (!places.some(([name]) => name.toLowerCase() === row.area.toLowerCase())) places.push([row.area, '']);
  }
  figures.notes = [];
  for (const [name, place] of places) {
    try {
      widgetModule.find_area(name);
    } catch (error) {
      const found = String(error && error.message ? error.message : error);
      const hint = found.match(/Did you mean (.*)\?$/);
      figures.notes.push(`${place ? `${place}: ` : ''}${name} is not an area in the bundled figures${hint ? ` (did you mean ${hint[1]}?)` : ''}; it charts under the name you gave, with your figures only.`);
    }
  }
  if (places.length > 1) {
    for (const [name, place] of places.filter(([name]) => name.includes(','))) {
      figures.notes.push(`${place ? `${place}: ` : ''}${name} has a comma in its name, which the compare attribute cannot carry: rename it to chart it beside the others.`);
    }
  }
  for (const id of ['area', 'compare']) document.getElementById(id).disabled = figures.rows.length > 0;
  const gaps = figures.rows.filter((r) => r.count === null).length;
  const layouts = { long: 'one figure a row', 'periods-down': 'periods down, areas across', 'areas-down': 'areas down, periods across' };
  const summary = document.createElement('p');
  summary.textContent = figures.rows.length
    ? `Read ${figures.rows.length - gaps} figures${gaps ? ` and ${gaps} gaps` : ''} for ${figureAreas().join(', ')} (${layouts[figures.layout] || figures.layout}).`
    : 'No figures could be read.';
  const problems = [...figures.errors, ...figures.notes].map((text) => {
    const item = document.createElement('li');
    item.textContent = text;
    return item;
  });
  const nodes = [summary];
  if (problems.length) {
    const list = document.createElement('ul');
    list.className = 'problems';
    list.append(...problems);
    nodes.push(list);
  }
  figuresStatus.replaceChildren(...nodes);
}

function update() {
  readFigures();
  preselectMeasure();
  const state = choices();
  updatePreview(state);
  renderSnippet(state);
  status.textContent = '';
}

/** Replaces a select's options, keeping what was chosen where it still exists. */
function fillSelect(select, items, groupOf) {
  const chosen = new Set(Array.from(select.selectedOptions, (option) => option.value));
  const groups = new Map();
  for (const item of items) {
    const group = groupOf(item) || '';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(item);
  }
  const nodes = [];
  for (const [label, members] of groups) {
    const parent = label ? document.createElement('optgroup') : document.createDocumentFragment();
    if (label) parent.label = label;
    for (const item of members) {
      const option = document.createElement('option');
      option.value = item.value;
      option.textContent = item.label;
      option.selected = chosen.has(item.value);
      parent.appendChild(option);
    }
    nodes.push(parent);
  }
  select.replaceChildren(...nodes);
}

const KIND_LABELS = {
  national: 'England and Wales', country: 'Countries', region: 'English regions', force: 'Police force areas',
  otherforce: 'Other police forces', fraudbody: 'Fraud reporting bodies', csp: 'Local areas (community safety partnerships)',
};

/** Fills the area and offence lists from the widget's own data, once its module has loaded. */
async function loadLists() {
  const { load } = await import(SCRIPT_URL);
  const { mod } = await load();
  widgetModule = mod;
  const areas = mod.list_areas('en');
  const offences = mod.list_offences('en');
  if (Array.isArray(areas) && areas.length) {
    const items = areas.map((a) => ({ value: a.name, label: a.name, kind: a.kind }));
    const group = (item) => KIND_LABELS[String(item.kind).toLowerCase()] || String(item.kind || '');
    fillSelect(document.getElementById('area'), items, group);
    fillSelect(document.getElementById('compare'), items, group);
  }
  if (Array.isArray(offences) && offences.length) {
    fillSelect(document.getElementById('offence'),
      offences.map((o) => ({ value: o.name, label: o.name, group: o.group })), (item) => item.group);
  }
  update();
}

/**
 * The preview drew: take its picture (and sentence) for the snippet's fallback. In a task of
 * its own: the widget dispatches its events while it is still busy, and answers null then.
 */
function takePicture() {
  setTimeout(() => {
    picture = typeof preview.snapshot === 'function' ? preview.snapshot() : null;
    renderSnippet(choices());
  }, 0);
}
previewSection.addEventListener('crime-compare:ready', takePicture);

/** Changes made inside the preview (its own controls) flow back into the form. */
previewSection.addEventListener('crime-compare:change', (event) => {
  const state = event.detail || {};
  const set = (name, value) => {
    if (value === undefined || value === null) return;
    const control = form.elements[name];
    if (!control) return;
    if (control instanceof RadioNodeList) {
      for (const input of control) input.checked = input.value === String(value);
    } else if (control.multiple) {
      const wanted = new Set(Array.isArray(value) ? value : String(value).split(',').filter(Boolean));
      for (const option of control.options) option.selected = wanted.has(option.value);
    } else if (Array.from(control.options || []).some((option) => option.value === String(value))) {
      control.value = String(value);
    }
  };
  for (const name of ATTRIBUTE_ORDER) {
    // The pasted figures name the areas; the lists keep what was chosen for when they go.
    if (figures && (name === 'area' || name === 'compare')) continue;
    set(name, state[name]);
  }
  takePicture();
});

form.addEventListener('change', (event) => {
  // The text boxes are read as they are typed (below); leaving one changes nothing.
  if (event.target === figuresBox || event.target === sourceBox) return;
  if (event.target && event.target.name === 'measure') measureChosen = true;
  update();
});
// The figures are read as they are typed or pasted (a paste at once; typing once it pauses, so
// the status is not announced at every key); the preview follows.
let typing = 0;
const soon = (event) => {
  clearTimeout(typing);
  if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') update();
  else typing = setTimeout(update, 300);
};
figuresBox.addEventListener('input', soon);
sourceBox.addEventListener('input', soon);
document.querySelector('.snippet fieldset').addEventListener('change', () => renderSnippet(choices()));
form.addEventListener('submit', (event) => event.preventDefault());

update();
loadLists().catch((error) => {
  console.error('crime-compare builder: the area and offence lists could not be loaded.', error);
});
