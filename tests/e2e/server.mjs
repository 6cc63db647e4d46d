// A tiny static file server for the end-to-end tests and the benchmark.
//
// Serves the repository root on 127.0.0.1 only, with the MIME types a browser insists on
// (`application/wasm` for streaming compilation, `text/javascript` for modules). Pages under
// /tests/e2e/pages/csp/ get a strict Content-Security-Policy, so a test can prove that the
// widget needs no inline script or style. Gzip is opt-in (`--gzip`) because the benchmark
// wants honest transfer sizes while the tests prefer byte-for-byte responses. `--cors` adds
// `Access-Control-Allow-Origin: *` to every response, as a CDN must for pages of another origin
// (tests/e2e/cors.spec.js serves the package from a second origin with and without it). The
// WebDriver suites start it with `inject`: every HTML page then gets that script as the first
// element of its <head>, so it runs before anything of the page's own (an external,
// same-origin script, so the strict CSP pages allow it).
//
//   node server.mjs [PORT] [--gzip] [--cors]
//
// No dependencies: it must run on a bare machine before `npm ci`.

import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
};

// Text-like types worth compressing; the wasm is too (it shrinks by about two thirds).
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|javascript)|image\/svg)/;

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

/** Maps a URL path to a file inside ROOT, or null when it would escape the root. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(join(ROOT, decoded));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return null;
  return file;
}

/** Starts the server; resolves with the http.Server once it listens. */
export function startServer({ port = 8091, gzip = false, cors = false, quiet = true, inject = null } = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let file = resolvePath(url.pathname);
    if (!file) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden\n');
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        file = join(file, 'index.html');
        stat = statSync(file);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      if (!quiet) console.log(`404 ${url.pathname}`);
      return;
    }
    const type = MIME[extname(file).toLowerCase()] || 'application/octet-stream';
    const headers = {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    if (url.pathname.startsWith('/tests/e2e/pages/csp/')) headers['Content-Security-Policy'] = STRICT_CSP;
    if (cors) headers['Access-Control-Allow-Origin'] = '*';
    if (inject && type.startsWith('text/html')) {
      const html = readFileSync(file, 'utf8');
      const tag = `<script src="${inject}"></script>`;
      const body = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + tag) : tag + html;
      headers['Content-Length'] = Buffer.byteLength(body);
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const wantsGzip = gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    if (wantsGzip) {
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = 'Accept-Encoding';
    } else {
      headers['Content-Length'] = stat.size;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    if (wantsGzip) stream.pipe(createGzip({ level: 9 })).pipe(res);
    else stream.pipe(res);
    if (!quiet) console.log(`200 ${url.pathname}`);
  });
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen(server));
  });
}

// Run directly: `node server.mjs 8091 [--gzip]`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const port = Number(args.find((a) => /^\d+$/.test(a)) || process.env.PORT || 8091);
  const gzip = args.includes('--gzip');
  startServer({ port, gzip, cors: args.includes('--cors'), quiet: !args.includes('--verbose') }).then(() => {
    console.log(`Serving ${ROOT} on http://127.0.0.1:${port}/${gzip ? ' (gzip)' : ''}`);
  });
}
