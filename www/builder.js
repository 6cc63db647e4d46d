// Embed builder: a form whose choices drive a live <crime-compare> preview and the code to copy.
//
// Everything shown to the reader is built with textContent and createElement, never innerHTML:
// area and offence names come from the data, and the snippet is code to be read, not run.

const SCRIPT_URL = new URL('../pkg/crime-compare.js', import.meta.url).href;
const DATA_URL = 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables';
// `src`: the dataset folder of the publisher's own tables (set by builder-upload.js), else none.
const ATTRIBUTE_ORDER = ['src', 'area', 'compare', 'offence', 'measure', 'kind', 'lang', 'theme', 'controls'];

const form = document.getElementById('builder-form');
const preview = document.getElementById('preview');
const parts = document.getElementById('snippet-parts');
const status = document.getElementById('copy-status');

/** The current choices, as widget attributes. */
function choices() {
  const data = new FormData(form);
  return {
    src: data.get('src') || '',
    area: data.get('area') || 'North Wales',
    compare: data.getAll('compare').filter((name) => name !== data.get('area')).join(','),
    offence: data.get('offence') || 'Sexual offences',
    measure: data.get('measure') || 'count',
    kind: data.get('kind') || 'trend',
    lang: data.get('lang') || 'en',
    theme: data.get('theme') || 'auto',
    // compact is the widget's default, so the snippet leaves it out.
    controls: data.get('controls') === 'compact' ? '' : (data.get('controls') || ''),
  };
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value for a double-quoted Hugo or Liquid string argument. */
function quoted(value) {
  return '"' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function attributeList(state, prefix = '') {
  return ATTRIBUTE_ORDER.filter((name) => state[name] !== '')
    .map((name) => `${prefix}${name}="${attr(state[name])}"`).join(' ');
}

function fallback(state) {
  return `<a href="${DATA_URL}">${attr(state.offence)} in ${attr(state.area)}: see the figures</a>`;
}

/** Each variant is a list of {title, text} parts: files to create and the code to paste. */
function snippets(state) {
  const element = `<crime-compare ${attributeList(state)}>\n  ${fallback(state)}\n</crime-compare>`;
  const script = `<script type="module" src="${SCRIPT_URL}"></script>`;
  const withAttribute = (name, template) =>
    `{{ with .Get "${name}" }} ${name}="${template}"{{ end }}`;
  const liquidAttribute = (name) => `{% if include.${name} %} ${name}="{{ include.${name} | escape }}"{% endif %}`;
  return {
    html: [
      { title: 'Paste into your page (the script line once per page)', text: `${script}\n${element}` },
    ],
    hugo: [
      {
        title: 'Save as layouts/shortcodes/crime-compare.html',
        text: [
          '{{- if not (.Page.Store.Get "crimeCompareScript") -}}',
          '{{- .Page.Store.Set "crimeCompareScript" true -}}',
          script,
          '{{- end }}',
          '<crime-compare' + ATTRIBUTE_ORDER.map((name) => withAttribute(name, '{{ . }}')).join('') + '>',
          `  <a href="${DATA_URL}">See the figures</a>`,
          '</crime-compare>',
        ].join('\n'),
      },
      {
        title: 'Then write this in your Markdown',
        text: '{{< crime-compare ' + ATTRIBUTE_ORDER.filter((name) => state[name] !== '')
          .map((name) => `${name}=${quoted(state[name])}`).join(' ') + ' >}}',
      },
    ],
    jekyll: [
      {
        title: 'Save as _includes/crime-compare.html',
        text: [
          script,
          '<crime-compare' + ATTRIBUTE_ORDER.map(liquidAttribute).join('') + '>',
          `  <a href="${DATA_URL}">See the figures</a>`,
          '</crime-compare>',
        ].join('\n'),
      },
      {
        title: 'Then write this in your post',
        text: '{% include crime-compare.html ' + ATTRIBUTE_ORDER.filter((name) => state[name] !== '')
          .map((name) => `${name}=${quoted(state[name])}`).join(' ') + ' %}',
      },
    ],
    wordpress: [
      {
        title: 'Add a Custom HTML block and paste this (a div, because WordPress may strip unknown tags)',
        text: [
          '<!-- wp:html -->',
          script,
          `<div data-crime-compare ${attributeList(state, 'data-')}>`,
          `  ${fallback(state)}`,
          '</div>',
          '<!-- /wp:html -->',
        ].join('\n'),
      },
    ],
  };
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

function renderSnippet(state) {
  const chosen = document.querySelector('input[name="variant"]:checked')?.value || 'html';
  const list = snippets(state)[chosen];
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
    wrap.append(heading, pre, button);
    return wrap;
  });
  parts.replaceChildren(...nodes);
}

function updatePreview(state) {
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
  const data = new FormData(form);
  const areas = [data.get('area') || 'North Wales', ...data.getAll('compare')].join(',');
  let measure = 'count';
  try { measure = widgetModule.default_measure(areas); } catch { /* keep counts */ }
  for (const input of form.elements.measure) input.checked = input.value === measure;
}

function update() {
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

/** Changes made inside the preview (its own controls) flow back into the form. */
preview.addEventListener('crime-compare:change', (event) => {
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
  for (const name of ATTRIBUTE_ORDER) set(name, state[name]);
  renderSnippet(choices());
});

form.addEventListener('change', (event) => {
  if (event.target && event.target.name === 'measure') measureChosen = true;
  update();
});
document.querySelector('.snippet fieldset').addEventListener('change', () => renderSnippet(choices()));
form.addEventListener('submit', (event) => event.preventDefault());

update();
loadLists().catch((error) => {
  console.error('crime-compare builder: the area and offence lists could not be loaded.', error);
});
