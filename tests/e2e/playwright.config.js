// End-to-end tests of the widget in Debian's Chromium (Playwright downloads no browser here).
// Every spec imports ./fixtures.js, which fails a test on any console error, page error or
// failed package request.

import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';

const PORT = Number(process.env.E2E_PORT || 8091);

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.js$/,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  // One retry: CI runs this beside release builds on 2 cores, and a test that passes only on
  // its retry is reported as flaky in the summary line (never hidden).
  retries: 1,
  reporter: 'list',
  outputDir: '../../target/e2e-results',
  webServer: {
    command: `node server.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/tests/e2e/package.json`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'desktop' },
    // The suites a reader on a phone depends on, again at 360 x 740 with touch (issue 11).
    // Mouse hover has no phone equivalent (touch drag and taps are tested instead); the hostile
    // page pins its container at 640 px by design, wider than the phone. The strict-CSP suite
    // runs once, on the desktop: a policy blocks by kind of script and style, not by width, and
    // the widget styles itself the same way at every width (it cost 13 s of a CI run here).
    {
      name: 'phone',
      testMatch: /(interaction|table|a11y|search|readers)\.spec\.js$/,
      grepInvert: /hovering the chart|Escape dismisses a hover tooltip/,
      use: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
    },
  ],
});
