import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, FAKE_CAMERA, findChromium } from '../chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Harness {
  origin: string;
  browser: Browser;
  server: ViteDevServer;
  close(): Promise<void>;
}

export interface PageServer {
  origin: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

/**
 * The product as `npm start` runs it (Vite with the merchant backend mounted, on the sandbox) on
 * a free loopback port. `env` is applied before the backend reads it and restored on close.
 */
export async function startPageServer(env: Record<string, string | undefined> = {}): Promise<PageServer> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const server = await createServer({
    root,
    configFile: `${root}/vite.config.ts`,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the dev server has no TCP address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    server,
    async close() {
      await server.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    },
  };
}

/** {@link startPageServer} plus a system Chromium. */
export async function startHarness(env: Record<string, string | undefined> = {}): Promise<Harness> {
  const pages = await startPageServer(env);
  const browser = await launchBrowser();
  return {
    origin: pages.origin,
    browser,
    server: pages.server,
    async close() {
      await browser.close();
      await pages.close();
    },
  };
}

/**
 * A system Chromium with the fake camera (permission still asked, as on a real device: grant it
 * with `newContext({ permissions: ['camera'] })`). `camera` swaps in other fake-device settings,
 * e.g. `device-count=0` for a machine without a camera.
 */
export function launchBrowser(camera?: string): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, camera ? `${FAKE_CAMERA}=${camera}` : FAKE_CAMERA] });
}

/** A 12-megapixel document-like phone photo (~5-6 MB JPEG), drawn in the page by the shared fixture. */
export async function makeDocumentPhoto(page: Page, seed: number): Promise<Buffer> {
  return Buffer.from(await page.evaluate<string>(documentPhotoScript(seed)), 'base64');
}

/**
 * The in-page expression behind {@link makeDocumentPhoto}, for any driver: base64 of the photo.
 * A string, not a function: Vitest would rewrite a dynamic import inside a function for Node.
 */
export function documentPhotoScript(seed: number): string {
  return `(async () => {
    const fixtures = await import('/test/browser/compressFixtures.ts');
    const blob = await fixtures.documentPhoto({ seed: ${Number(seed)} });
    const url = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
    return url.slice(url.indexOf(',') + 1);
  })()`;
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core from the installed package (no network) on the current screen. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
}

/** Instructions → Lithuania → the document, by role, in English: the front photo is next. */
export async function toFirstPhoto(page: Page, document: 'Identity card' | 'Passport' = 'Identity card'): Promise<void> {
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Search for a country').fill('lithuania');
  await page.getByRole('radio', { name: 'Lithuania' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: document }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Chooses a file as a person does (the drop zone's button opens the picker) and waits for it to be ready. */
export async function chooseFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: /^Choose (a|another) file$/ }).click()]);
  await chooser.setFiles(file);
  await page.getByText(/Photo ready|PDF ready/).waitFor({ timeout: 60_000 });
}

/** A small real JPEG drawn in the page: within every budget, so it goes through without re-encoding and walks stay quick. */
export async function smallJpeg(page: Page): Promise<Buffer> {
  // test/browser/compressFixtures.ts's plainCardJpeg, imported by the page as makeDocumentPhoto does.
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/compressFixtures.ts');
    const bytes = new Uint8Array(await (await fixtures.plainCardJpeg()).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

/** The smallest well-formed one-page PDF: enough for the sandbox to recognise it by its bytes. */
export function minimalPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}
