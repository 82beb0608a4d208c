import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import puppeteer, { type Browser as PuppeteerBrowser, type ElementHandle, type Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_ARGS, FAKE_CAMERA, AUTO_ALLOW_CAMERA, findChromium } from '../chromium.ts';
import { findBinary, type EngineName } from './binaries.ts';
import { AXE_VIOLATIONS, CONSOLE_READ, CONSOLE_SHIM, QUERY_ALL, RESOURCE_URLS, describeQuery, wireQuery, type Query } from './inPage.ts';
import { WebDriverError, WebDriverSession, isElementRef, type ElementRef } from './webdriver.ts';
import { startXvfb, stopProcess, type Display } from './xvfb.ts';
import { freePort } from '../freePort.ts';

export type { EngineName } from './binaries.ts';
export type { Query, TextMatch } from './inPage.ts';

/**
 * One page in one engine, driven the same way whatever the engine: Chromium and Firefox through
 * puppeteer-core (CDP and WebDriver BiDi), WebKit through WebKitWebDriver (classic WebDriver).
 * Elements are found in the page by Testing Library's role, label and text queries.
 */
export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  /** Evaluates a JavaScript expression (a promise is awaited); the result must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  count(query: Query): Promise<number>;
  /** Waits until the query matches at least once. */
  waitFor(query: Query, timeoutMs?: number): Promise<void>;
  /**
   * A real pointer click on the first match, once there is one (a script click where the engine
   * refuses, e.g. a visually hidden radio).
   */
  click(query: Query): Promise<void>;
  /** Clears the first match, once there is one, and types `text` into it. */
  fill(query: Query, text: string): Promise<void>;
  /** Sets files (paths on disk) on the first `<input type=file>` matching `css`. */
  setInputFiles(css: string, paths: string[]): Promise<void>;
  axeViolations(): Promise<string[]>;
  screenshot(path: string): Promise<void>;
  /** URLs the page requested: every request where the engine reports them, else Resource Timing's list. */
  requests(): Promise<string[]>;
  /**
   * Console messages and uncaught errors seen so far ("type: text"). WebKit's driver reports none,
   * so there they are recorded in the page from the end of `goto` on.
   */
  consoleMessages(): Promise<string[]>;
  close(): Promise<void>;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
}

export interface Engine {
  readonly name: EngineName;
  /** e.g. "WebKitGTK 2.50.6", "Firefox 153.8.0esr". */
  readonly version: string;
  newPage(options?: PageOptions): Promise<EnginePage>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** The engine's fake camera, with permission granted. */
  camera?: boolean;
  /** Chromium only: extra command-line flags. */
  chromiumArgs?: string[];
}

export function launchEngine(name: EngineName, options: EngineOptions = {}): Promise<Engine> {
  return name === 'webkit' ? launchWebKit(options) : launchPuppeteer(name, options);
}

const POLL_MS = 100;

async function poll(query: Query, count: () => Promise<number>, timeoutMs: number, page: EnginePage): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await count()) > 0) return;
    if (Date.now() > deadline) {
      const headings = await page.evaluate<string[]>(`Array.from(document.querySelectorAll('h1,h2,[role=alert],[role=status]')).map((e) => e.textContent.trim()).filter(Boolean)`).catch(() => []);
      throw new Error(`${page.engine}: no ${describeQuery(query)} within ${timeoutMs} ms; the page shows: ${headings.join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// ---------------------------------------------------------------- Chromium and Firefox: puppeteer-core

/** Firefox's fake camera, granted without a prompt, and no network of its own. */
const FIREFOX_PREFS = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.camera': 1,
};

/** As long as a WebDriver command may take (a bench run is one evaluate). */
const PROTOCOL_TIMEOUT_MS = Number(process.env.WEBDRIVER_COMMAND_TIMEOUT_MS) || 300_000;

async function launchPuppeteer(name: 'chromium' | 'firefox', options: EngineOptions): Promise<Engine> {
  const browser: PuppeteerBrowser =
    name === 'firefox'
      ? await puppeteer.launch({ browser: 'firefox', executablePath: findBinary('firefox'), headless: true, protocolTimeout: PROTOCOL_TIMEOUT_MS, extraPrefsFirefox: options.camera ? FIREFOX_PREFS : {} })
      : await puppeteer.launch({
          browser: 'chrome',
          protocolTimeout: PROTOCOL_TIMEOUT_MS,
          executablePath: findChromium(),
          headless: true,
          args: [...CHROMIUM_ARGS, ...(options.camera ? [FAKE_CAMERA, AUTO_ALLOW_CAMERA] : []), ...(options.chromiumArgs ?? [])],
        });
  const version = (await browser.version()).replace('/', ' ');
  return {
    name,
    version,
    async newPage(pageOptions = {}) {
      const page = await browser.newPage();
      if (pageOptions.viewport) await page.setViewport(pageOptions.viewport);
      return puppeteerPage(name, page);
    },
    close: () => browser.close(),
  };
}

function puppeteerPage(engine: EngineName, page: PuppeteerPage): EnginePage {
  const consoleLines: string[] = [];
  const urls: string[] = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
  page.on('request', (request) => urls.push(request.url()));
  const all = (query: Query) => page.evaluateHandle((body: string, q: unknown) => new Function(body).call(window, q) as Element[], QUERY_ALL, wireQuery(query));
  const first = async (query: Query): Promise<ElementHandle<Element>> => {
    await self.waitFor(query);
    const list = await all(query);
    const element = (await list.getProperty('0')).asElement() as ElementHandle<Element> | null;
    await list.dispose();
    if (!element) throw new Error(`${engine}: no ${describeQuery(query)}`);
    return element;
  };
  const self: EnginePage = {
    engine,
    consoleMessages: async () => [...consoleLines],
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: <T>(expression: string) => page.evaluate(`(async () => (${expression}))()`) as Promise<T>,
    count: (query) => page.evaluate((body: string, q: unknown) => (new Function(body).call(window, q) as Element[]).length, QUERY_ALL, wireQuery(query)),
    waitFor: (query, timeoutMs = 20_000) => poll(query, () => self.count(query), timeoutMs, self),
    async click(query) {
      const element = await first(query);
      try {
        await element.click();
      } catch {
        await element.evaluate((e) => (e as HTMLElement).click());
      }
    },
    async fill(query, text) {
      const element = await first(query);
      await element.click({ count: 3 });
      await element.evaluate((e) => ((e as HTMLInputElement).value === '' ? undefined : (e as HTMLInputElement).select()));
      await page.keyboard.press('Backspace');
      await element.type(text);
    },
    async setInputFiles(css, paths) {
      const input = await page.$(css);
      if (!input) throw new Error(`${engine}: no ${css}`);
      await (input as ElementHandle<HTMLInputElement>).uploadFile(...paths);
    },
    axeViolations: () => page.evaluate((body: string) => new Function(body).call(window) as Promise<string[]>, AXE_VIOLATIONS),
    async screenshot(path) {
      await writeFile(path, await page.screenshot({ type: 'png' }));
    },
    requests: async () => [...urls],
    close: () => page.close(),
  };
  return self;
}

// ---------------------------------------------------------------- WebKit: WebKitWebDriver + MiniBrowser under Xvfb


interface WebKitDriver {
  base: string;
  child: ChildProcess;
  /** The driver's own output, for a failure message. */
  output: string[];
}

/** WebKitWebDriver takes only a fixed --port; one picked free just before, retried if taken meanwhile. */
async function startWebKitDriver(display: Display): Promise<WebKitDriver> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(findBinary('webkitDriver'), [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: display.name, WEBKIT_DISABLE_COMPOSITING_MODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        if ((await fetch(`${base}/status`)).ok) return { base, child, output };
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    lastError = new Error(`WebKitWebDriver did not answer on port ${port}: ${output.join('\n')}`);
    await stopProcess(child);
  }
  throw lastError;
}

async function launchWebKit(options: EngineOptions): Promise<Engine> {
  const display = await startXvfb();
  let driver: WebKitDriver;
  try {
    driver = await startWebKitDriver(display);
  } catch (error) {
    await display.stop();
    throw error;
  }
  const args = ['--automation', ...(options.camera ? ['--enable-media-stream=true', '--enable-mock-capture-devices=true'] : [])];
  const capabilities = { 'webkitgtk:browserOptions': { binary: findBinary('miniBrowser'), args } };
  const sessions = new Set<WebDriverSession>();
  // One MiniBrowser for the version; pages each get their own session.
  const probe = await WebDriverSession.create(driver.base, capabilities);
  const version = `WebKitGTK ${String(probe.capabilities.browserVersion ?? '?')}`;
  await probe.delete();
  return {
    name: 'webkit',
    version,
    async newPage(pageOptions = {}) {
      const session = await WebDriverSession.create(driver.base, capabilities);
      sessions.add(session);
      await session.setTimeouts({ script: 600_000, pageLoad: 60_000 });
      if (pageOptions.viewport) await session.setWindowSize(pageOptions.viewport.width, pageOptions.viewport.height);
      return webkitPage(session, () => sessions.delete(session));
    },
    async close() {
      for (const session of sessions) await session.delete().catch(() => undefined);
      await stopProcess(driver.child);
      await display.stop();
    },
  };
}

function webkitPage(session: WebDriverSession, forget: () => void): EnginePage {
  const all = (query: Query) => session.execute<ElementRef[]>(QUERY_ALL, [wireQuery(query)]);
  const first = async (query: Query): Promise<ElementRef> => {
    await self.waitFor(query);
    const [element] = await all(query);
    if (!element || !isElementRef(element)) throw new Error(`webkit: no ${describeQuery(query)}`);
    return element;
  };
  const self: EnginePage = {
    engine: 'webkit',
    async goto(url) {
      await session.navigate(url);
      await session.execute(CONSOLE_SHIM);
    },
    consoleMessages: () => session.execute<string[]>(CONSOLE_READ),
    evaluate: <T>(expression: string) => session.execute<T>(`return (async () => (${expression}))();`),
    count: async (query) => (await all(query)).length,
    waitFor: (query, timeoutMs = 20_000) => poll(query, () => self.count(query), timeoutMs, self),
    async click(query) {
      const element = await first(query);
      try {
        await session.click(element);
      } catch (error) {
        if (!(error instanceof WebDriverError) || !/interactable|intercepted/.test(error.code)) throw error;
        await session.execute('arguments[0].click();', [element]);
      }
    },
    async fill(query, text) {
      const element = await first(query);
      await session.clear(element);
      await session.sendKeys(element, text);
    },
    async setInputFiles(css, paths) {
      const [input] = await session.execute<ElementRef[]>('return Array.from(document.querySelectorAll(arguments[0]));', [css]);
      if (!input) throw new Error(`webkit: no ${css}`);
      await session.sendKeys(input, paths.join('\n'));
    },
    axeViolations: () => session.execute<string[]>(AXE_VIOLATIONS),
    async screenshot(path) {
      await writeFile(path, await session.screenshot());
    },
    requests: () => session.execute<string[]>(RESOURCE_URLS),
    async close() {
      forget();
      await session.delete();
    },
  };
  return self;
}
