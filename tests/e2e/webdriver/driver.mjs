// A W3C WebDriver session in Firefox ESR (geckodriver) or WebKitGTK (WebKitWebDriver driving
// MiniBrowser), through selenium-webdriver. Playwright's own Firefox and WebKit are patched
// builds that cannot be downloaded here, so these two engines are driven over WebDriver.
//
//   ENGINE=firefox  GECKODRIVER=/path/to/geckodriver (default: ~/.cargo/bin/geckodriver)
//   ENGINE=webkit   WEBKIT_WEBDRIVER_URL=http://127.0.0.1:PORT, a WebKitWebDriver already
//                   running with a DISPLAY (.ci/webkit starts Xvfb and the driver)

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

export const ENGINE = process.env.ENGINE || 'firefox';
/** MiniBrowser in automation mode: the same file the wasm tests' runner reads. */
const WEBKIT_CAPABILITIES = JSON.parse(readFileSync(new URL('./webkit-capabilities.json', import.meta.url), 'utf8'));

export async function newDriver() {
  let driver;
  if (ENGINE === 'firefox') {
    const gecko = process.env.GECKODRIVER || `${homedir()}/.cargo/bin/geckodriver`;
    if (!existsSync(gecko)) throw new Error(`geckodriver not found at ${gecko}: run bash .ci/setup`);
    const options = new firefox.Options().addArguments('-headless').setBinary('/usr/bin/firefox-esr');
    driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options)
      .setFirefoxService(new firefox.ServiceBuilder(gecko)).build();
  } else if (ENGINE === 'webkit') {
    const url = process.env.WEBKIT_WEBDRIVER_URL;
    if (!url) throw new Error('WEBKIT_WEBDRIVER_URL is not set: run this suite through .ci/webkit (make test-webdriver-webkit)');
    driver = await new Builder().usingServer(url).withCapabilities({ browserName: 'MiniBrowser', ...WEBKIT_CAPABILITIES }).build();
  } else {
    throw new Error(`ENGINE must be firefox or webkit, not ${ENGINE}`);
  }
  await driver.manage().window().setRect({ width: 1280, height: 900 });
  await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
  return driver;
}

/** "firefox 153.8.0", "MiniBrowser 2.50.6": what the session really drives. */
export async function describeSession(driver) {
  const caps = await driver.getCapabilities();
  return `${caps.get('browserName')} ${caps.get('browserVersion')}`;
}
