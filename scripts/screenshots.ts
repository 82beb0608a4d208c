/**
 * `npm run screenshots [locale]`: walks the hosted page on the sandbox and saves every screen at
 * phone and desktop width, and the main flow at 320 px (a small phone, or 400 % zoom), to
 * screenshots/ (git-ignored), for checking layouts by eye. `npm run screenshots en-XA` uses the
 * pseudo-locale (accented, 40 % longer, in brackets): a missing bracket is clipped text, and
 * `npm run screenshots en selfie` makes one group only (walk, camera, selfie or submission).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, FAKE_CAMERA, findChromium } from '../test/chromium.ts';
import { launchBrowser, makeDocumentPhoto, minimalPdf, smallJpeg, startHarness } from '../test/e2e/harness.ts';
import { writeFaceVideo, type FaceVideoKind } from '../test/quality/fakeCameraVideo.ts';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const WALK_VIEWPORTS = { ...VIEWPORTS, narrow: { width: 320, height: 640 } };
const locale = process.argv[2] ?? 'en';
const out = new URL('../screenshots/', import.meta.url);

/** `npm run screenshots en selfie`: one group only (walk, camera, selfie, submission). */
const only = process.argv[3];
const wanted = (group: string) => !only || only === group;
await mkdir(out, { recursive: true });
if (wanted('walk')) await walkScreens();
if (wanted('camera')) await cameraScreens();
if (wanted('selfie')) await selfieScreens();
if (wanted('submission')) await submissionScreens();
console.log(`screenshots written to ${out.pathname}`);

async function walkScreens() {
  const harness = await startHarness({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ utilityBill: true }) });
  try {
    for (const [name, viewport] of Object.entries(WALK_VIEWPORTS)) {
      const page = await harness.browser.newPage({ viewport });
      await walk(page, harness.origin, async (screen) => {
        await page.screenshot({ path: new URL(`${locale}-${name}-${screen}.png`, out).pathname, fullPage: true });
      });
      await page.close();
    }
  } finally {
    await harness.close();
  }
}

async function walk(page: Page, origin: string, shoot: (screen: string) => Promise<void>) {
  await page.goto(`${origin}/?locale=${locale}`);
  const photo = await makeDocumentPhoto(page, 3);
  const pdf = minimalPdf();
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
  // A 48 MP photo keeps the worker busy long enough to see the progress bar it feeds.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.mk-dropzone button').click()]);
  await chooser.setFiles({ name: 'face.jpg', mimeType: 'image/jpeg', buffer: await largePhoto(page) });
  await page.locator('progress.mk-progress[value]').waitFor({ timeout: 60_000 });
  await shoot('5b-face-preparing');
  await page.locator('.mk-figure').waitFor({ timeout: 60_000 });
  await primary().click();
  await page.locator('.mk-dropzone').waitFor();
  await shoot('6-utility-bill');
  await choose(pdf, 'bill.pdf', 'application/pdf');
  await shoot('6b-utility-bill-pdf');
  // A scanned statement over budget: the page picker, the first page drawn and ready.
  await choose(await scannedStatement(page), 'statement.pdf', 'application/pdf');
  await page.locator('.mk-pdf-page img').first().waitFor({ timeout: 60_000 });
  await shoot('6c-utility-bill-pdf-pages');
  await primary().click();
  await page.locator('.mk-review').waitFor();
  await shoot('7-review');
  await primary().click();
  await page.locator('.sandbox-receipt').waitFor({ timeout: 60_000 });
  await shoot('8-done');
}

/** A three-page scanned statement of ~7 MB, made in the page by test/browser/pdfFixtures.ts. */
async function scannedStatement(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/pdfFixtures.ts');
    const bytes = new Uint8Array(await (await fixtures.scannedStatement(3, 2)).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

/** An 8000 × 6000 JPEG made in the page by the test fixtures (flat, so it is quick to make). */
async function largePhoto(page: Page): Promise<Buffer> {
  // A string, not a function, as in test/e2e/harness.ts: the page imports the fixture module itself.
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/compressFixtures.ts');
    const bytes = new Uint8Array(await (await fixtures.documentPhoto({ width: 8000, height: 6000, noise: 0 })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  })()`);
  return Buffer.from(base64, 'base64');
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
      await page.locator('.mk-still [data-choice=use]').click();
      for (const step of ['BACK', 'FACE']) {
        await page.locator('.mk-still, .mk-sources__open, .mk-camera__shutter').first().waitFor({ timeout: 60_000 });
        if (name === 'desktop') await page.locator('.mk-sources__open').click();
        await live(page);
        if (step === 'FACE') await shoot(page, '5-face');
        await page.locator('.mk-camera__shutter').click();
        await page.locator('.mk-still [data-choice=use]').click();
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

/**
 * What a person sees when sending meets trouble, and after a reload: the restored draft and
 * "Start over", offline mid-send, an automatic retry, a refused photo, an unknown error with its
 * reference, and the session-time line (the page clock run forward).
 */
/** The selfie's live checks with a real face on the fake camera: taken by itself, and two faces named. */
async function selfieScreens() {
  const videos = mkdtempSync(join(tmpdir(), 'markid-screens-'));
  const pages = await startHarness({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ documents: ['ID_CARD', 'PASSPORT'] }) });
  try {
    for (const kind of ['face', 'twoFaces'] as FaceVideoKind[]) {
      const video = join(videos, `${kind}.y4m`);
      await writeFaceVideo(video, kind);
      const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, FAKE_CAMERA, `--use-file-for-fake-video-capture=${video}`] });
      try {
        for (const [name, viewport] of Object.entries(VIEWPORTS)) {
          const context = await browser.newContext(name === 'phone' ? { viewport, isMobile: true, hasTouch: true, permissions: ['camera'] } : { viewport, permissions: ['camera'] });
          const page = await context.newPage();
          const shoot = (screen: string) => page.screenshot({ path: new URL(`${locale}-${name}-selfie-${screen}.png`, out).pathname, fullPage: true });
          await page.goto(`${pages.origin}/?locale=${locale}`);
          await page.locator('.mk-actions .mk-button--primary').click();
          await page.locator('input[type=search]').fill('lt');
          await page.locator('input[value=LT]').check();
          await page.locator('.mk-actions .mk-button--primary').click();
          await page.locator('input[value=PASSPORT]').check();
          await page.locator('.mk-actions .mk-button--primary').click();
          if (name === 'phone') await page.locator('.mk-camera__upload').click({ timeout: 30_000 });
          await page.locator('input[type=file]').first().setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) });
          await page.locator('.mk-actions .mk-button--primary:not([aria-disabled])').click({ timeout: 60_000 });
          if (name === 'desktop') await page.locator('.mk-sources__open').click();
          await page.locator('.mk-camera__shutter:not([aria-disabled])').waitFor({ timeout: 30_000 });
          if (kind === 'face') {
            await page.locator('.mk-camera__frame--fits').waitFor({ timeout: 30_000 });
            await shoot('1-holding');
            await page.locator('.mk-still__auto').waitFor({ timeout: 30_000 });
            await shoot('2-taken-automatically');
          } else {
            await page.locator('.mk-camera__guide[data-status=adjusting]').waitFor({ timeout: 30_000 });
            await page.waitForTimeout(500);
            await shoot('3-two-faces');
            await page.locator('.mk-camera__shutter').click();
            await page.locator('.mk-still__fault').waitFor({ timeout: 30_000 });
            await shoot('4-two-faces-still');
          }
          await context.close();
        }
      } finally {
        await browser.close();
      }
    }
  } finally {
    await pages.close();
    rmSync(videos, { recursive: true, force: true });
  }
}

async function submissionScreens() {
  const kit = await startHarness({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ documents: ['ID_CARD', 'PASSPORT'] }) });
  try {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const shoot = (page: Page, screen: string) => page.screenshot({ path: new URL(`${locale}-${name}-submit-${screen}.png`, out).pathname, fullPage: true });
      const open = async () => {
        const context = await kit.browser.newContext({ viewport });
        const page = await context.newPage();
        await page.goto(`${kit.origin}/?locale=${locale}`);
        return page;
      };
      const primary = (page: Page) => page.locator('.mk-actions .mk-button--primary');
      const upload = async (page: Page, photo: Buffer) => {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.mk-dropzone button').click()]);
        await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
        await page.locator('.mk-figure').waitFor({ timeout: 60_000 });
      };
      /** Front and back of an identity card taken; `toReview` adds the selfie and goes on to review. */
      const walk = async (page: Page, toReview: boolean) => {
        const photo = await smallJpeg(page);
        await primary(page).click();
        await page.locator('input[type=search]').fill('lt');
        await page.locator('input[value=LT]').check();
        await primary(page).click();
        await page.locator('input[value=ID_CARD]').check();
        await primary(page).click();
        for (const _step of toReview ? ['FRONT', 'BACK', 'FACE'] : ['FRONT', 'BACK']) {
          await upload(page, photo);
          await primary(page).click();
        }
        if (toReview) await page.locator('.mk-review').waitFor();
      };

      let page = await open();
      await walk(page, false);
      await page.waitForTimeout(500);
      await page.reload();
      await page.locator('.mk-banner--restored').waitFor();
      await shoot(page, '1-restored');
      await page.locator('.mk-start-over button').click();
      await shoot(page, '2-start-over');
      await page.context().close();

      page = await open();
      await walk(page, true);
      await page.context().setOffline(true);
      await page.route('**/api/submit', (route) => route.abort('internetdisconnected'));
      await primary(page).click();
      await page.locator('[data-mk-phase="WAITING_FOR_NETWORK"]').waitFor();
      await shoot(page, '3-offline');
      await page.context().close();

      page = await open();
      await walk(page, true);
      await page.route('**/api/submit', (route) =>
        route.fulfill({ status: 503, headers: { 'content-type': 'application/json', 'retry-after': '60' }, body: '{"message":"Busy","identifier":"SERVICE_UNAVAILABLE"}' }),
      );
      await primary(page).click();
      await page.locator('[data-mk-phase="RETRYING"]').waitFor();
      await shoot(page, '4-retrying');
      await page.context().close();

      page = await open();
      await walk(page, true);
      await page.route('**/api/submit', (route) =>
        route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ message: "No image provided for step 'BACK'", identifier: 'MISSING_VALUE' }) }),
      );
      await primary(page).click();
      await page.locator('.mk-screen [role=alert]').waitFor();
      await shoot(page, '5-missing-back');
      await page.context().close();

      page = await open();
      await walk(page, true);
      await page.route('**/api/submit', (route) => route.fulfill({ status: 418, contentType: 'application/json', body: '{"message":"?","identifier":"SOMETHING_NEW"}' }));
      await primary(page).click();
      await page.locator('.mk-screen [role=alert]').waitFor();
      await shoot(page, '6-unknown');
      await page.context().close();

      const context = await kit.browser.newContext({ viewport });
      page = await context.newPage();
      await page.clock.install();
      await page.goto(`${kit.origin}/?locale=${locale}`);
      await page.locator('h1').waitFor();
      await primary(page).click();
      await page.clock.fastForward('08:30');
      await page.locator('[data-mk-session-time="LOW"]').waitFor();
      await shoot(page, '7-time-low');
      await page.clock.fastForward('02:00');
      await page.locator('[data-mk-session-time="EXPIRED"]').waitFor();
      await shoot(page, '8-time-ended');
      await context.close();
    }
  } finally {
    await kit.close();
  }
}
