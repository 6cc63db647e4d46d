// A real WordPress for wordpress.spec.js, from Debian's packages (wordpress, mariadb-server,
// php-cli, php-mysql; installed by .ci/setup), started and stopped by the test itself:
// a private MariaDB on a socket in a temporary folder, a copy of /usr/share/wordpress (hard
// links where the file system allows) with our own wp-config.php, the plugin from
// wordpress/crime-compare/ with pkg/ inside it as `make wordpress-plugin` packs it, and PHP's
// built-in web server. Nothing is written outside the temporary folder, nothing listens
// beyond 127.0.0.1, and a missing package is an error, never a skip.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync, unlinkSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './server.mjs';

const WORDPRESS = '/usr/share/wordpress';
const NEEDED = [
  ['/usr/sbin/mariadbd', 'mariadb-server'], ['/usr/bin/mariadb-install-db', 'mariadb-server'], ['/usr/bin/mariadb', 'mariadb-client'],
  ['/usr/bin/php', 'php-cli'], [`${WORDPRESS}/wp-load.php`, 'wordpress'], [`${WORDPRESS}/wp-content/themes/twentytwentythree/theme.json`, 'wordpress-theme-twentytwentythree'],
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, check, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch { /* not yet */ }
    if (Date.now() - start > timeoutMs) throw new Error(`WordPress test: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts MariaDB and WordPress, writes `posts` ({key: {as, title, content}}); resolves with {url, setup, stop}. */
export async function startWordPress(posts) {
  const missing = NEEDED.filter(([file]) => !existsSync(file)).map(([file, pkg]) => `${file} (Debian package ${pkg})`);
  if (missing.length) throw new Error(`WordPress test: not installed: ${missing.join(', ')}. Run bash .ci/setup.`);
  const dir = mkdtempSync(join(tmpdir(), 'crime-compare-wp-'));
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { child.once('exit', r); setTimeout(r, 10_000); });
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const socket = join(dir, 'mysql.sock');
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/db`, '--user=root',
      '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { stdio: 'ignore' });
    const db = spawn('mariadbd', ['--no-defaults', `--datadir=${dir}/db`, `--socket=${socket}`, '--skip-networking',
      '--user=root', `--pid-file=${dir}/mysql.pid`, `--log-error=${dir}/mysql.err`, '--innodb-flush-log-at-trx-commit=0'], { stdio: 'ignore' });
    children.push(db);
    const sql = (statement) => execFileSync('mariadb', ['--no-defaults', '-S', socket, '-uroot', '-e', statement], { stdio: 'pipe' });
    await until('MariaDB', () => { sql('SELECT 1'); return true; });
    sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4');

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const site = join(dir, 'wordpress');
    try {
      // Hard links (instant: 83 MB not copied), symlinks followed: Debian links some of
      // WordPress's scripts to its own packages (underscore from libjs-underscore) by relative paths.
      execFileSync('cp', ['-rlL', WORDPRESS, site], { stdio: 'pipe' });
    } catch {
      rmSync(site, { recursive: true, force: true });
      execFileSync('cp', ['-rL', WORDPRESS, site], { stdio: 'pipe' });
    }
    unlinkSync(join(site, 'wp-config.php')); // Debian's reads /etc/wordpress; ours is self-contained
    writeFileSync(join(site, 'wp-config.php'), `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:${socket}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'WP_CONTENT_DIR', __DIR__ . '/wp-content' );
define( 'WP_CONTENT_URL', '${url}/wp-content' );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }
require_once ABSPATH . 'wp-settings.php';
`);
    const plugin = join(site, 'wp-content', 'plugins', 'crime-compare');
    cpSync(join(ROOT, 'wordpress', 'crime-compare'), plugin, { recursive: true });
    cpSync(join(ROOT, 'pkg'), join(plugin, 'pkg'), { recursive: true });

    const postsFile = join(dir, 'posts.json');
    writeFileSync(postsFile, JSON.stringify(posts));
    let output;
    try {
      output = execFileSync('php', [join(ROOT, 'tests', 'wordpress', 'setup.php'), site, url, postsFile], { stdio: 'pipe', timeout: 120_000 });
    } catch (error) {
      throw new Error(`WordPress test: setup.php failed: ${error.stderr}${error.stdout}`);
    }
    const setup = JSON.parse(String(output).slice(String(output).indexOf('{')));

    // Several workers: the block editor makes many requests at once.
    const php = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site], { stdio: 'ignore', env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' } });
    children.push(php);
    await until('PHP\'s web server', async () => (await fetch(`${url}/wp-includes/version.php`)).status < 500);
    return { url, setup, stop, log: () => readFileSync(join(dir, 'mysql.err'), 'utf8') };
  } catch (error) {
    await stop();
    throw error;
  }
}
