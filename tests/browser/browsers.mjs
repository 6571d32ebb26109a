// One driver over the two browsers the extension is tested in (see /work/shared/TOOLCHAIN.md):
// Debian's Chromium through playwright-core, Firefox ESR through puppeteer-core 24 over WebDriver
// BiDi. The tests see the same small surface: open a web page or an extension page in a tab,
// evaluate in it, click, screenshot, close. Extension APIs (storage, badges) are read from an
// extension page, which both browsers allow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// STORYPRINT_BROWSERS=firefox (or chromium) runs one of them only, while working on it.
export const BROWSERS = (process.env.STORYPRINT_BROWSERS ?? 'chromium,firefox').split(',');
const GECKO_UUID = '4a2c8e1f-6b3d-4e5a-9c7f-0d1e2f3a4b5c';

/** A tab: the same methods over a Playwright or a Puppeteer page. */
class Tab {
  constructor(page, kind) {
    this.page = page;
    this.kind = kind;
  }
  evaluate(fn, arg) { return this.page.evaluate(fn, arg); }
  async waitFor(fn, arg, what = 'a condition', timeout = 15_000) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.page.evaluate(fn, arg).catch(() => undefined);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  text(selector) { return this.page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector); }
  texts(selector) { return this.page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent), selector); }
  click(selector) { return this.page.evaluate((s) => document.querySelector(s).click(), selector); }
  fill(selector, value) {
    return this.page.evaluate(([s, v]) => {
      const e = document.querySelector(s);
      e.value = v;
      e.dispatchEvent(new Event('input', { bubbles: true }));
    }, [selector, value]);
  }
  async setViewport(width, height) {
    if (this.kind === 'chromium') await this.page.setViewportSize({ width, height });
    else await this.page.setViewport({ width, height });
  }
  async screenshot(file) {
    if (this.kind === 'firefox') await this.page.bringToFront().catch(() => {});
    await this.page.screenshot({ path: file, fullPage: true });
  }
  async bringToFront() { await this.page.bringToFront(); }
  async reload() { await this.page.reload(); }
  async close() { await this.page.close().catch(() => {}); }
}

/** Launches `kind` with the unpacked extension in `extDir`; returns {kind, origin, open, openExtensionPage, requests, close}. */
export async function launch(kind, extDir) {
  return kind === 'chromium' ? launchChromium(extDir) : launchFirefox(extDir);
}

async function launchChromium(extDir) {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storyprint-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/lib/chromium/chromium',
    headless: false, // '--headless=new' below: extensions need the new headless mode
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: { width: 1100, height: 900 },
    args: ['--headless=new', `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, '--no-sandbox',
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'],
  });
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), method: r.method(), post: r.postDataBuffer()?.length ?? 0 }));
  const w = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const origin = `chrome-extension://${new URL(w.url()).host}`;
  const open = async (url) => {
    const page = await context.newPage();
    await page.goto(url);
    return new Tab(page, 'chromium');
  };
  return {
    kind: 'chromium', origin, requests, open,
    openExtensionPage: (p) => open(`${origin}/${p}`),
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function launchFirefox(extDir) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ 'storyprint@storyprint.invalid': GECKO_UUID }),
      // No update checks, telemetry or remote settings: only the test's own requests.
      'network.dns.localDomains': '', 'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false, 'extensions.update.enabled': false,
      'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
  const id = await browser.installExtension(extDir);
  const session = browser.connection;
  const chromeEval = async (expression) => {
    const { contexts } = (await session.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result;
    const { result } = await session.send('script.evaluate', { expression, target: { context: contexts[0].context }, awaitPromise: false });
    if (result.type !== 'success') throw new Error(`browser chrome: ${JSON.stringify(result)}`);
    return result.result.value;
  };
  // The pref above fixes the Storyprint extension's UUID; any other extension is asked for its own.
  const origin = `moz-extension://${await chromeEval(`WebExtensionPolicy.getByID(${JSON.stringify(id)}).mozExtensionHostname`)}`;
  // Puppeteer's record of a tab opened by the browser chrome keeps its first address (about:blank):
  // the page is found by its browsing context, whose address BiDi reports.
  const pageFor = async (url) => {
    for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const { contexts } = (await session.send('browsingContext.getTree', {})).result;
      const ctx = contexts.find((c) => c.url === url);
      const page = ctx && (await browser.pages()).find((p) => p.mainFrame()._id === ctx.context);
      if (page) return page;
    }
    throw new Error(`the tab of ${url} did not open`);
  };
  const open = async (url) => {
    const page = await browser.newPage();
    await page.goto(url);
    return new Tab(page, 'firefox');
  };
  return {
    kind: 'firefox', origin, requests: null, open,
    // BiDi refuses to navigate to moz-extension:// pages: the browser's own chrome opens the tab.
    async openExtensionPage(p) {
      const url = `${origin}/${p}`;
      await chromeEval(`gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, ` +
        '{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); true');
      const page = await pageFor(url);
      const tab = new Tab(page, 'firefox');
      await tab.waitFor(() => document.readyState === 'complete', null, `${url} to load`);
      return tab;
    },
    async close() { await browser.close(); },
  };
}
