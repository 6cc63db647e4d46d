// The code the embed builder writes: one place that turns the builder's choices, a
// publisher's figures and the chart's picture into an embed, and the variants that wrap it.
//
// No DOM here (strings in, strings out), so every variant can be parsed back and rendered in a
// test, and other variants (an iframe, AMP, a WordPress plugin) can be built from the same
// parts: `embedParts` gives the widget's attributes, its inline data and its fallback markup.
//
// Escaping: every value that reaches an attribute goes through `attr`; the inline figures are
// raw text inside a <script> element, where only "</script" and "<!--" could change how the
// page is parsed, so figures that contain either are written as JSON with "<" as \u003c
// (which the widget reads the same way) instead of CSV.

export const DATA_URL = 'https://www.ons.gov.uk/peoplepopulationandcommunity/crimeandjustice/datasets/policeforceareadatatables';
// `src`: the dataset folder of the publisher's own tables (set by builder-upload.js), else none.
export const ATTRIBUTE_ORDER = ['src', 'area', 'compare', 'offence', 'measure', 'kind', 'lang', 'theme', 'controls'];

/** Escapes a value for a double-quoted HTML attribute. */
export function attr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value for a double-quoted Hugo or Liquid string argument. */
export function quoted(value) {
  return '"' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Lower-case ASCII words joined by hyphens, for file names. */
export function slug(text) {
  return String(text).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
}

/** The file name of a chart's picture: the offence and the areas, as the snippet's <img> uses it. */
export function imageFileName(state) {
  const areas = [state.area, ...String(state.compare || '').split(',')].map(slug).filter(Boolean);
  const name = ['crime-compare', slug(state.offence), ...areas].filter(Boolean).join('-').slice(0, 120);
  return `${name}.png`;
}

/**
 * Inline figures as the element carries them: `{type, text}`. `figures` is what the widget's
 * `read_figures` returned (`csv`, and `rows` for the JSON form); null without figures.
 */
export function inlineData(figures) {
  if (!figures || !figures.rows || figures.rows.length === 0) return null;
  if (!/<\/script|<!--/i.test(figures.csv)) return { type: 'text/csv', text: figures.csv };
  const json = JSON.stringify(figures.rows.map((r) => {
    const row = { area: r.area, period: r.period, offence: r.offence, count: r.count };
    if (r.population !== null && r.population !== undefined) row.population = r.population;
    if (r.source) row.source = r.source;
    return row;
  }), null, 0).replace(/</g, '\\u003c');
  return { type: 'application/json', text: json };
}

/**
 * The placeholder content a reader sees without JavaScript (and RSS, print, Apple News): the
 * chart as a picture with its sentence as alt text, when there is one, and the link to the
 * figures. `image` is `{file, alt, width, height}`.
 */
export function fallbackMarkup(state, image) {
  const link = `<a href="${DATA_URL}">${attr(state.offence)} in ${attr(state.area)}: see the figures</a>`;
  if (!image) return link;
  return `<img src="${attr(image.file)}" alt="${attr(image.alt)}" width="${Math.round(image.width)}" height="${Math.round(image.height)}">\n  ${link}`;
}

/**
 * The parts of an embed: `attributes` (`[name, value]` pairs, in a fixed order, empty ones
 * left out), `inline` (`{type, text}` or null) and `fallback` (markup). `state` is the
 * builder's choices as attribute values; `extras` is `{figures, image}`.
 */
export function embedParts(state, { figures = null, image = null } = {}) {
  return {
    attributes: ATTRIBUTE_ORDER.filter((name) => state[name] !== undefined && state[name] !== '').map((name) => [name, String(state[name])]),
    inline: inlineData(figures),
    fallback: fallbackMarkup(state, image),
  };
}

/** The element's markup: `<crime-compare …>` or, with `prefix` "data-", `<div data-crime-compare …>`. */
export function elementMarkup(parts, { tag = 'crime-compare', prefix = '' } = {}) {
  const attributes = parts.attributes.map(([name, value]) => ` ${prefix}${name}="${attr(value)}"`).join('');
  const open = tag === 'crime-compare' ? `<crime-compare${attributes}>` : `<${tag} data-crime-compare${attributes}>`;
  const lines = [open];
  if (parts.inline) lines.push(`  <script type="${parts.inline.type}">\n${parts.inline.text.replace(/\n$/, '')}\n</script>`);
  lines.push(`  ${parts.fallback}`, `</${tag}>`);
  return lines.join('\n');
}

/** Each variant is a list of {title, text} parts: files to create and the code to paste. */
export function snippets(state, { scriptUrl, figures = null, image = null }) {
  const parts = embedParts(state, { figures, image });
  const script = `<script type="module" src="${scriptUrl}"></script>`;
  const given = parts.attributes;
  const withAttribute = (name) => `{{ with .Get "${name}" }} ${name}="{{ . }}"{{ end }}`;
  const liquidAttribute = (name) => `{% if include.${name} %} ${name}="{{ include.${name} | escape }}"{% endif %}`;
  // The picture's attributes are shortcode (or include) arguments too, so one template serves
  // every chart.
  const imageArgs = image ? [['img', image.file], ['alt', image.alt], ['width', String(Math.round(image.width))], ['height', String(Math.round(image.height))]] : [];
  const args = [...given, ...imageArgs];
  // Hugo and Jekyll carry the figures as CSV inside the template's <script type="text/csv">;
  // figures that need the JSON form (see inlineData) cannot go that way.
  const inline = parts.inline && parts.inline.type === 'text/csv' ? parts.inline : null;
  const unsafe = parts.inline && !inline
    ? [{ title: 'Your figures contain "</script" or "<!--", which this variant cannot carry: remove them, or use Plain HTML', text: '' }] : [];
  return {
    html: [
      {
        title: 'Paste into your page (the script line once per page)' + (image ? `, and put the picture next to it as ${image.file}` : ''),
        text: `${script}\n${elementMarkup(parts)}`,
      },
    ],
    hugo: [
      {
        title: 'Save as layouts/shortcodes/crime-compare.html',
        text: [
          '{{- if not (.Page.Store.Get "crimeCompareScript") -}}',
          '{{- .Page.Store.Set "crimeCompareScript" true -}}',
          script,
          '{{- end }}',
          '<crime-compare' + ATTRIBUTE_ORDER.map(withAttribute).join('') + '>',
          '{{- with .Inner }}',
          '  <script type="text/csv">{{ . | safeHTML }}</script>',
          '{{- end }}',
          '{{- with .Get "img" }}',
          '  <img src="{{ . }}" alt="{{ $.Get "alt" }}" width="{{ $.Get "width" }}" height="{{ $.Get "height" }}">',
          '{{- end }}',
          `  <a href="${DATA_URL}">See the figures</a>`,
          '</crime-compare>',
        ].join('\n'),
      },
      {
        title: 'Then write this in your Markdown',
        // A template that reads .Inner must be closed: self-closed without figures.
        text: '{{< crime-compare ' + args.map(([name, value]) => `${name}=${quoted(value)}`).join(' ')
          + (inline ? ` >}}\n${inline.text.replace(/\n$/, '')}\n{{< /crime-compare >}}` : ' />}}'),
      },
      ...unsafe,
    ],
    jekyll: [
      {
        title: 'Save as _includes/crime-compare.html',
        text: [
          script,
          '<crime-compare' + ATTRIBUTE_ORDER.map(liquidAttribute).join('') + '>',
          '{%- if include.figures %}',
          '  <script type="text/csv">{{ include.figures }}</script>',
          '{%- endif %}',
          '{%- if include.img %}',
          '  <img src="{{ include.img | escape }}" alt="{{ include.alt | escape }}" width="{{ include.width | escape }}" height="{{ include.height | escape }}">',
          '{%- endif %}',
          `  <a href="${DATA_URL}">See the figures</a>`,
          '</crime-compare>',
        ].join('\n'),
      },
      {
        title: 'Then write this in your post',
        text: (inline ? `{% capture figures %}\n${inline.text.replace(/\n$/, '')}\n{% endcapture %}\n` : '')
          + '{% include crime-compare.html ' + args.map(([name, value]) => `${name}=${quoted(value)}`).join(' ')
          + (inline ? ' figures=figures' : '') + ' %}',
      },
      ...unsafe,
    ],
    wordpress: [
      {
        title: 'Add a Custom HTML block and paste this (a div, because WordPress may strip unknown tags)',
        text: ['<!-- wp:html -->', script, elementMarkup(parts, { tag: 'div', prefix: 'data-' }), '<!-- /wp:html -->'].join('\n'),
      },
    ],
  };
}
