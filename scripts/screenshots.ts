/**
 * `npm run screenshots [locale]`: walks the hosted page on the sandbox and saves every screen at
 * phone and desktop width, and the main flow at 320 px (a small phone, or 400 % zoom), to
 * screenshots/ (git-ignored), for checking layouts by eye. `npm run screenshots en-XA` uses the
 * pseudo-locale (accented, 40 % longer, in brackets): a missing bracket is clipped text.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, makeDocumentPhoto, startHarness } from '../test/e2e/harness';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const WALK_VIEWPORTS = { ...VIEWPORTS, narrow: { width: 320, height: 640 } };
const locale = process.argv[2] ?? 'en';
const out = new URL('../screenshots/', import.meta.url);

const harness = await startHarness({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ utilityBill: true }) });
try {
  await mkdir(out, { recursive: true });
  for (const [name, viewport] of Object.entries(WALK_VIEWPORTS)) {
    const page = await harness.browser.newPage({ viewport });
    await walk(page, async (screen) => {
      await page.screenshot({ path: new URL(`${locale}-${name}-${screen}.png`, out).pathname, fullPage: true });
    });
    await page.close();
  }
} finally {
  await harness.close();
}
await cameraScreens();
console.log(`screenshots written to ${out.pathname}`);

async function walk(page: Page, shoot: (screen: string) => Promise<void>) {
  await page.goto(`${harness.origin}/?locale=${locale}`);
  const photo = await makeDocumentPhoto(page, 3);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const primary = () => page.locator('.mk-actions .mk-button--primary');
  const choose = async (buffer: Buffer, fileName: string, mimeType: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.mk-dropzone button').click()]);
    await chooser.setFiles({ name: fileName, mimeType, buffer });
    await page.locator('.mk-figure').waitFor({ timeout: 60_000 });
  };
  await page.locator('h1').waitFor();
  await shoot('1-instructions');
  await primary().click();
  await page.locator('input[type=search]').fill('lt');
  await page.locator('input[value=LT]').check();
  await shoot('2-country');
  await primary().click();
  await page.locator('input[value=ID_CARD]').check();
  await shoot('3-document');
  await primary().click();
  await shoot('4-front-empty');
  await choose(photo, 'front.jpg', 'image/jpeg');
  await shoot('5-front-ready');
  await primary().click();
  await choose(photo, 'back.jpg', 'image/jpeg');
  await primary().click();
  await choose(photo, 'face.jpg', 'image/jpeg');
  await primary().click();
  await page.locator('.mk-dropzone').waitFor();
  await shoot('6-utility-bill');
  await choose(pdf, 'bill.pdf', 'application/pdf');
  await primary().click();
  await page.locator('.mk-review').waitFor();
  await shoot('7-review');
  await primary().click();
  await page.locator('.sandbox-receipt').waitFor({ timeout: 60_000 });
  await shoot('8-done');
}

/**
 * The camera screens (Chromium's fake camera): each outline, the still, and each failure. A token
 * with a capture-only merchant step shows what a step without upload says when there is no camera.
 */
async function cameraScreens() {
  const camera = await startHarness({
    MARKID_TOKEN_DEFAULTS: JSON.stringify({
      documents: ['ID_CARD', 'PASSPORT'],
      additionalSteps: { ALL: { ALL: { SELFIE_WITH_DOCUMENT: { settings: { canUpload: false, canCapture: true, canUploadPDF: false } } } } },
    }),
  });
  const noCamera = await launchBrowser('device-count=0');
  const refuse = (name: string) =>
    `navigator.mediaDevices.getUserMedia = async () => { throw new DOMException('refused', ${JSON.stringify(name)}); };`;
  try {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const base: BrowserContextOptions = name === 'phone' ? { viewport, isMobile: true, hasTouch: true } : { viewport };
      const shoot = (page: Page, screen: string) => page.screenshot({ path: new URL(`${locale}-${name}-camera-${screen}.png`, out).pathname, fullPage: true });
      const open = async (browser: Browser, options: BrowserContextOptions, script?: string) => {
        const context = await browser.newContext(options);
        if (script) await context.addInitScript(script);
        const page = await context.newPage();
        await page.goto(`${camera.origin}/?locale=${locale}`);
        return page;
      };
      const toStep = async (page: Page, document: 'ID_CARD' | 'PASSPORT') => {
        await page.locator('.mk-actions .mk-button--primary').click();
        await page.locator('input[type=search]').fill('lt');
        await page.locator('input[value=LT]').check();
        await page.locator('.mk-actions .mk-button--primary').click();
        await page.locator(`input[value=${document}]`).check();
        await page.locator('.mk-actions .mk-button--primary').click();
      };
      const live = async (page: Page) => {
        await page.locator('.mk-camera__shutter:not([aria-disabled])').waitFor({ timeout: 20_000 });
        // Let the fake camera draw a few frames.
        await page.waitForTimeout(300);
      };
      const failure = async (page: Page, screen: string) => {
        await page.locator('.mk-camera-failure').waitFor();
        await shoot(page, screen);
        await page.context().close();
      };

      // Not yet allowed: the camera offered, then refused.
      let page = await open(camera.browser, base);
      await toStep(page, 'ID_CARD');
      await page.locator('.mk-sources__open').waitFor();
      await shoot(page, '1-offer');
      await page.locator('.mk-sources__open').click();
      await failure(page, '2-denied');

      // Allowed: card outline, the still, the oval, the merchant step without upload.
      page = await open(camera.browser, { ...base, permissions: ['camera'] });
      await toStep(page, 'ID_CARD');
      if (name === 'desktop') await page.locator('.mk-sources__open').click();
      await live(page);
      await shoot(page, '3-card');
      await page.locator('.mk-camera__shutter').click();
      await page.locator('.mk-still__image').waitFor();
      await shoot(page, '4-still');
      await page.locator('.mk-still .mk-button--primary').click();
      for (const step of ['BACK', 'FACE']) {
        await page.locator('.mk-still, .mk-sources__open, .mk-camera__shutter').first().waitFor({ timeout: 60_000 });
        if (name === 'desktop') await page.locator('.mk-sources__open').click();
        await live(page);
        if (step === 'FACE') await shoot(page, '5-face');
        await page.locator('.mk-camera__shutter').click();
        await page.locator('.mk-still .mk-button--primary').click();
      }
      await page.locator('.mk-sources__open, .mk-camera__shutter').first().waitFor({ timeout: 60_000 });
      if (name === 'desktop') await page.locator('.mk-sources__open').click();
      await live(page);
      await shoot(page, '6-capture-only');
      await page.context().close();

      page = await open(camera.browser, { ...base, permissions: ['camera'] });
      await toStep(page, 'PASSPORT');
      if (name === 'desktop') await page.locator('.mk-sources__open').click();
      await live(page);
      await shoot(page, '7-passport');
      await page.evaluate(() => {
        const video = document.querySelector('video');
        const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
        track?.stop();
        track?.dispatchEvent(new Event('ended'));
      });
      await failure(page, '8-ended');

      for (const [screen, script] of [
        ['9-busy', refuse('NotReadableError')],
        ['10-constraints', refuse('OverconstrainedError')],
      ] as const) {
        page = await open(camera.browser, base, script);
        await toStep(page, 'ID_CARD');
        await page.locator('.mk-sources__open').click();
        await failure(page, screen);
      }

      page = await open(camera.browser, base, "Object.defineProperty(window, 'isSecureContext', { value: false }); Object.defineProperty(Navigator.prototype, 'mediaDevices', { get: () => undefined });");
      await toStep(page, 'ID_CARD');
      await page.locator('.mk-dropzone').waitFor();
      await shoot(page, '11-insecure');
      await page.context().close();

      page = await open(noCamera, base);
      await toStep(page, 'PASSPORT');
      await page.locator('.mk-dropzone').waitFor();
      await shoot(page, '12-no-camera');
      const photo = await makeDocumentPhoto(page, 5);
      for (const step of ['front', 'face']) {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.mk-dropzone button').click()]);
        await chooser.setFiles({ name: `${step}.jpg`, mimeType: 'image/jpeg', buffer: photo });
        await page.locator('.mk-figure').waitFor({ timeout: 60_000 });
        await page.locator('.mk-actions .mk-button--primary').click();
      }
      await page.locator('.mk-camera-failure').waitFor();
      await shoot(page, '13-no-camera-capture-only');
      await page.context().close();
    }
  } finally {
    await noCamera.close();
    await camera.close();
  }
}
