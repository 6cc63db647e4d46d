// The embed builder's iframe, AMP and WordPress variants (issue 15), and what a host must send
// to serve pkg/ from another origin. Pure functions of the builder's choices: no DOM, so the
// tests import this module directly and check what it writes.
//
// builder.js calls embedSnippets() with the chosen attributes and merges its variants into
// its own (plain HTML, Hugo, Jekyll).

/** The widget attributes an iframe carries in its query string, in the order they are written. */
const QUERY_ORDER = ['area', 'compare', 'offence', 'measure', 'kind', 'from', 'to', 'lang', 'theme', 'controls', 'label', 'src'];

/** The variants this module writes: value and label of the builder's radio buttons. */
export const EMBED_VARIANTS = [
  { value: 'iframe', label: 'Iframe (no script allowed)' },
  { value: 'iframe-resizer', label: 'Iframe with the resizer script' },
  { value: 'amp', label: 'AMP' },
  { value: 'wordpress', label: 'WordPress' },
];

/** The height (px) an iframe is written with when the preview could not be measured. */
export const DEFAULT_HEIGHT = 640;

function escapeAttr(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value for a double-quoted WordPress shortcode attribute (no quotes or brackets survive there). */
function shortcodeValue(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
}

/**
 * embed.html's address for these choices: every attribute as a query parameter, inline figures
 * ({type, text}) in the hash, which the browser never sends to a server.
 */
export function embedSrc(state, embedUrl, inline) {
  const url = new URL(embedUrl);
  const query = new URLSearchParams();
  for (const name of QUERY_ORDER) {
    if (state[name] !== undefined && state[name] !== null && state[name] !== '') query.set(name, state[name]);
  }
  url.search = query.toString().replace(/\+/g, '%20');
  if (inline && inline.text) {
    const hash = new URLSearchParams();
    hash.set(inline.type === 'application/json' ? 'json' : 'csv', inline.text);
    url.hash = hash.toString().replace(/\+/g, '%20');
  }
  return url.href;
}

function title(state) {
  return `Chart: ${state.offence || 'police recorded crime'}${state.area ? ` in ${state.area}` : ''}`;
}

/** A plain iframe: works where no script is allowed, at the height written here. */
export function iframeTag(state, { embedUrl, height = DEFAULT_HEIGHT, inline } = {}) {
  return `<iframe src="${escapeAttr(embedSrc(state, embedUrl, inline))}" title="${escapeAttr(title(state))}"\n`
    + `  width="100%" height="${Math.round(height)}" frameborder="0" loading="lazy"></iframe>`;
}

/**
 * The AMP variant: amp-iframe with every attribute the AMP validator requires (layout, width,
 * height, src over https, a sandbox), `resizable` with its overflow element (AMP resizes the
 * frame on its embed-size message unless the reader is looking at it; then the overflow
 * button asks), and a placeholder, which lets the frame sit near the top of the page.
 */
export function ampSnippet(state, { embedUrl, height = DEFAULT_HEIGHT, inline, image } = {}) {
  const src = embedSrc(state, embedUrl, inline);
  const placeholder = image && image.src
    ? `  <amp-img placeholder layout="fill" src="${escapeAttr(image.src)}" alt="${escapeAttr(image.alt || title(state))}"></amp-img>`
    : `  <div placeholder>${escapeText(title(state))}: loading</div>`;
  return [
    { title: 'In your AMP page\'s <head>, once', text: '<script async custom-element="amp-iframe" src="https://cdn.ampproject.org/v0/amp-iframe-0.1.js"></script>' },
    {
      title: new URL(embedUrl).protocol === 'https:'
        ? 'Then in the article (pkg/ must be on another origin than your AMP pages, over https). The placeholder lets it sit within the first 600 px of the page, where AMP otherwise refuses an amp-iframe'
        : 'Then in the article. AMP refuses this address: amp-iframe needs https, on another origin than your AMP pages. Put pkg/ there and build again from that copy of the builder.',
      text: [
        `<amp-iframe src="${escapeAttr(src)}" title="${escapeAttr(title(state))}"`,
        `    layout="fixed-height" height="${Math.round(height)}" width="auto" resizable frameborder="0"`,
        '    sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-downloads">',
        '  <div overflow tabindex="0" role="button" aria-label="Show the whole chart">Show the whole chart</div>',
        placeholder,
        '</amp-iframe>',
      ].join('\n'),
    },
  ];
}

/** The shortcode the crime-compare WordPress plugin renders, with inline figures between its tags. */
export function shortcode(state, inline) {
  const attrs = QUERY_ORDER.filter((name) => state[name] !== undefined && state[name] !== null && state[name] !== '')
    .map((name) => `${name}="${shortcodeValue(state[name])}"`).join(' ');
  const open = `[crime-compare ${attrs}`;
  // Self-closing without figures: WordPress would otherwise pair it with a later [/crime-compare].
  return inline && inline.text ? `${open}]\n${inline.text.trim()}\n[/crime-compare]` : `${open} /]`;
}

/** A Custom HTML block for users with unfiltered_html only: WordPress strips its script for everyone else. */
export function customHtmlBlock(state, { scriptUrl, fallbackHtml, inline }) {
  const attrs = QUERY_ORDER.filter((name) => state[name] !== undefined && state[name] !== null && state[name] !== '')
    .map((name) => `data-${name}="${escapeAttr(state[name])}"`).join(' ');
  const data = inline && inline.text ? [`  <script type="${escapeAttr(inline.type || 'text/csv')}">`, inline.text.trim(), '  </script>'] : [];
  return [
    '<!-- wp:html -->',
    `<script type="module" src="${escapeAttr(scriptUrl)}"></script>`,
    `<div data-crime-compare ${attrs}>`,
    ...data,
    `  ${fallbackHtml}`,
    '</div>',
    '<!-- /wp:html -->',
  ].join('\n');
}

/** Every variant this module writes, as lists of {title, text} parts (as builder.js renders them). */
export function embedSnippets(state, { scriptUrl, embedUrl, height = DEFAULT_HEIGHT, fallbackHtml, inline, image }) {
  const iframe = iframeTag(state, { embedUrl, height, inline });
  return {
    iframe: [
      { title: 'Paste where your system allows an iframe but no script. It stays this tall (the preview\'s height); change height="…" to suit your column', text: iframe },
    ],
    'iframe-resizer': [
      { title: 'Paste into your page: the script line once per page resizes every chart iframe to its content, at every width', text: `<script type="module" src="${escapeAttr(scriptUrl)}"></script>\n${iframe}` },
    ],
    amp: ampSnippet(state, { embedUrl, height, inline, image }),
    wordpress: [
      {
        title: 'Authors and contributors (most newsroom writers): install the crime-compare plugin (wordpress/crime-compare in the project), then put this in a Shortcode block or anywhere in the post',
        text: shortcode(state, inline),
      },
      {
        title: 'Only for users allowed unfiltered HTML (administrators, and editors on a single site): a Custom HTML block. WordPress strips its <script> from everyone else\'s posts, leaving only the link',
        text: customHtmlBlock(state, { scriptUrl, fallbackHtml, inline }),
      },
      {
        title: 'Or, for anyone where iframes are allowed: the plain iframe (WordPress strips iframes from authors\' posts too)',
        text: iframe,
      },
    ],
  };
}

/** What a host must send to serve pkg/ from another origin than the pages (shown in the builder; the README has the same). */
export const HOSTING = {
  headers: [
    'Access-Control-Allow-Origin: * (or your pages\' origin) on crime-compare.js, crime_compare.js, crime_compare_bg.wasm and every file in data/: module scripts, the wasm and the dataset are all CORS requests',
    'Content-Type: application/wasm on .wasm (text/javascript on .js)',
    'Cache-Control: public, max-age=31536000, immutable on data/o*-*.ccd (content-addressed: a new release gets a new name)',
    'Cache-Control: public, max-age=300 on crime-compare.js, crime_compare.js, crime_compare_bg.wasm, embed.html and data/index.ccd (they keep their names across releases)',
  ],
};
