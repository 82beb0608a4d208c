import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, smallJpeg, startHarness, toFirstPhoto, type Harness } from './harness.ts';

/**
 * The camera in real Chromium with its fake device (a 3840×2160 test pattern), against the
 * sandbox. Real refusals where Chromium can produce them (permission not granted, no camera);
 * otherwise getUserMedia substituted in the page, as a busy or unplugged camera would behave.
 */
let harness: Harness;

/** Passport or ID card, plus a merchant step that allows only the camera. */
const TOKEN_DEFAULTS = {
  documents: ['ID_CARD', 'PASSPORT'],
  additionalSteps: {
    ALL: { ALL: { SELFIE_WITH_DOCUMENT: { texts: { en: { name: 'You holding your document' } }, settings: { canUpload: false, canCapture: true, canUploadPDF: false } } } },
  },
};

beforeAll(async () => {
  harness = await startHarness({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: JSON.stringify(TOKEN_DEFAULTS) });
});
afterAll(async () => {
  await harness?.close();
});

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Records every request and stream, so the test can see which camera was asked for and whether it was stopped. */
const RECORD_CAMERA = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const real = devices.getUserMedia.bind(devices);
  window.__camera = { requests: [], streams: [] };
  devices.getUserMedia = async (constraints) => {
    window.__camera.requests.push(constraints);
    const stream = await real(constraints);
    window.__camera.streams.push(stream);
    return stream;
  };
})()`;

/** getUserMedia as a device refusing with `name` would answer, counting the requests. */
const refuseWith = (name: string) => `(() => {
  window.__refusals = 0;
  navigator.mediaDevices.getUserMedia = async () => {
    window.__refusals += 1;
    throw new DOMException('refused by the test', ${JSON.stringify(name)});
  };
})()`;

/** A plain-http page on a real host: no secure context, no camera API. */
const INSECURE = `(() => {
  Object.defineProperty(window, 'isSecureContext', { value: false });
  Object.defineProperty(Navigator.prototype, 'mediaDevices', { get: () => undefined });
})()`;

interface CameraRecord {
  live: number;
  total: number;
}

async function tracks(page: Page): Promise<CameraRecord> {
  return page.evaluate(() => {
    const record = (window as unknown as { __camera: { streams: MediaStream[] } }).__camera;
    const all = record.streams.flatMap((stream) => stream.getTracks());
    return { live: all.filter((track) => track.readyState === 'live').length, total: all.length };
  });
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function openPage(browser: Browser, options: BrowserContextOptions, ...scripts: string[]): Promise<Page> {
  const context = await browser.newContext(options);
  for (const script of scripts) await context.addInitScript(script);
  const page = await context.newPage();
  await page.goto(`${harness.origin}/?locale=en`);
  return page;
}

const shutter = (page: Page) => page.getByRole('button', { name: 'Take photo' });

async function waitLive(page: Page) {
  await shutter(page).waitFor();
  await expect.poll(() => shutter(page).getAttribute('aria-disabled'), { timeout: 20_000 }).toBeNull();
}

/** Shutter, then "use this photo": the photo goes through compression and the flow moves on. */
async function captureAndUse(page: Page, nextHeading: string) {
  await waitLive(page);
  await expectAccessible(page);
  await shutter(page).click();
  const use = page.getByRole('button', { name: 'Use this photo' });
  await use.waitFor({ timeout: 20_000 });
  await page.getByRole('img', { name: 'The photo you just took' }).waitFor();
  await expectAccessible(page);
  await use.click();
  await page.getByRole('heading', { level: 1, name: nextHeading }).waitFor({ timeout: 60_000 });
}

async function uploadAndContinue(page: Page, photo: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file' }).click()]);
  await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByText('Photo ready').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Where the camera cannot be used: the passport and selfie steps say why in one line and take
 * uploads; the merchant's capture-only step then shows an alert whose title is `reason`.
 */
async function uploadToCaptureOnlyStep(page: Page, reason: string) {
  await toFirstPhoto(page, 'Passport');
  await page.getByText(`${reason}: you can upload a photo instead.`).waitFor();
  expect(await page.getByRole('button', { name: 'Take a photo' }).count()).toBe(0);
  await expectAccessible(page);
  const photo = await smallJpeg(page);
  await uploadAndContinue(page, photo);
  await uploadAndContinue(page, photo);
  await page.getByRole('heading', { level: 1, name: 'You holding your document' }).waitFor();
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: reason }).waitFor();
  return alert;
}

describe('camera capture on the sandbox', () => {
  it('completes the whole flow on a phone with the camera alone, at the camera’s resolution', async () => {
    const page = await openPage(harness.browser, { ...PHONE, permissions: ['camera'] }, RECORD_CAMERA);
    await toFirstPhoto(page, 'Identity card');

    // Allowed before and on a phone: the camera opens by itself, with the card outline and guidance.
    await page.getByRole('heading', { level: 1, name: 'Front of your identity card' }).waitFor();
    await waitLive(page);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The camera is on' }).count()).toBe(1);
    await page.locator('.mk-camera__guide', { hasText: 'Fit the whole card inside the frame' }).waitFor();
    expect(await page.locator('.mk-camera__frame--box').count()).toBe(1);
    await captureAndUse(page, 'Back of your identity card');

    // Leaving a step with the camera on turns it off.
    await waitLive(page);
    expect((await tracks(page)).live).toBe(1);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Front of your identity card' }).waitFor();
    await expect.poll(() => tracks(page)).toMatchObject({ live: 0 });
    // With a photo already there the camera waits to be asked.
    await page.getByRole('button', { name: 'Take a new photo' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    await captureAndUse(page, 'A photo of your face');
    await waitLive(page);
    expect(await page.locator('.mk-camera__frame--oval').count()).toBe(1);
    expect(await page.locator('video.mk-camera__video--mirrored').count()).toBe(1);
    await captureAndUse(page, 'You holding your document');
    // The capture-only step: no upload anywhere.
    await waitLive(page);
    expect(await page.getByRole('button', { name: /upload|choose a file/i }).count()).toBe(0);
    await captureAndUse(page, 'Check your photos');

    await expect.poll(() => page.getByRole('img').count()).toBe(4);
    expect(await tracks(page)).toMatchObject({ live: 0 });
    const requests = await page.evaluate(() => (window as unknown as { __camera: { requests: MediaStreamConstraints[] } }).__camera.requests);
    const facings = requests.map((request) => (request.video as MediaTrackConstraints).facingMode);
    // Back camera for the card, front camera for the face.
    // Front, back, back again after going back, face, the merchant's step.
    expect(facings).toEqual([{ ideal: 'environment' }, { ideal: 'environment' }, { ideal: 'environment' }, { ideal: 'user' }, { ideal: 'environment' }]);

    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
    const received = await (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json();
    expect(received.documentType).toBe('ID_CARD');
    expect(Object.keys(received.images).sort()).toEqual(['BACK', 'FACE', 'FRONT', 'SELFIE_WITH_DOCUMENT']);
    for (const image of Object.values<{ type: string; width: number; height: number }>(received.images)) {
      expect(image).toMatchObject({ type: 'jpeg', width: 3840, height: 2160 });
    }
    await page.context().close();
  });

  it('explains a refused permission and offers the upload, which then works', async () => {
    // No permission granted and no auto-allow: Chromium refuses, as after "Block".
    const page = await openPage(harness.browser, DESKTOP, RECORD_CAMERA);
    await toFirstPhoto(page, 'Passport');
    await page.getByRole('heading', { level: 1, name: 'Photo page of your passport' }).waitFor();
    await page.getByText('Your browser will ask if this page may use the camera.').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Take a photo' }).click();

    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'Camera access is blocked' }).waitFor();
    expect(await alert.textContent()).toContain('allow the camera for this site');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Try again');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Upload a file instead' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Choose a file');
    await uploadAndContinue(page, await smallJpeg(page));
    await page.getByRole('heading', { level: 1, name: 'A photo of your face' }).waitFor();
    await page.context().close();
  });

  it('stops the camera when the person switches to upload, leaves the step, or the camera is unplugged', async () => {
    const page = await openPage(harness.browser, { ...DESKTOP, permissions: ['camera'] }, RECORD_CAMERA);
    await toFirstPhoto(page, 'Identity card');
    // On a desktop the camera is offered, not opened.
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await waitLive(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Take photo');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Upload a file instead' }).click();
    await expect.poll(() => tracks(page)).toMatchObject({ live: 0, total: 1 });

    await page.getByRole('button', { name: 'Take a photo' }).click();
    await waitLive(page);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Which document will you use?' }).waitFor();
    await expect.poll(() => tracks(page)).toMatchObject({ live: 0, total: 2 });

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await waitLive(page);
    // What Chromium does when the device goes away: the track ends and fires 'ended'.
    await page.evaluate(() => {
      const { streams } = (window as unknown as { __camera: { streams: MediaStream[] } }).__camera;
      const track = streams.at(-1)!.getVideoTracks()[0]!;
      track.stop();
      track.dispatchEvent(new Event('ended'));
    });
    await page.getByRole('alert').filter({ hasText: 'The camera stopped' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitLive(page);
    await page.context().close();
  });

  it.each([
    ['NotReadableError', 'The camera is being used by something else', 4],
    ['OverconstrainedError', 'The camera could not be started', 4],
    ['NotFoundError', 'No camera found', 1],
  ])('shows its own screen when getUserMedia fails with %s', async (name, title, requests) => {
    const page = await openPage(harness.browser, DESKTOP, refuseWith(name));
    await toFirstPhoto(page, 'Identity card');
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await page.getByRole('alert').filter({ hasText: title }).waitFor();
    // A busy or picky camera may take a looser request: every rung of the ladder was tried.
    expect(await page.evaluate(() => (window as unknown as { __refusals: number }).__refusals)).toBe(requests);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Upload a file instead' }).count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it('says HTTPS is needed on an insecure page, and what a capture-only step needs', async () => {
    const page = await openPage(harness.browser, DESKTOP, INSECURE);
    const alert = await uploadToCaptureOnlyStep(page, 'The camera needs a secure connection');
    expect(await alert.textContent()).toContain('uploading a file is not possible here');
    expect(await page.getByRole('button', { name: /try again|upload|choose a file/i }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

/** A Chromium of its own for the tests in this block, with other fake-device settings. */
function browserWith(camera: string): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser(camera);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

describe('a computer without a camera', () => {
  const browser = browserWith('device-count=0');

  it('offers upload where allowed and says plainly when a step needs the camera', async () => {
    const page = await openPage(browser(), { ...DESKTOP, permissions: ['camera'] });
    const alert = await uploadToCaptureOnlyStep(page, 'No camera found');
    expect(await alert.textContent()).toContain('Connect a camera and try again, or continue on a phone.');
    expect(await alert.textContent()).toContain('uploading a file is not possible here');
    await expectAccessible(page);
    // "Try again" looks for a camera again rather than leaving the person stuck.
    await page.getByRole('button', { name: 'Try again' }).click();
    await alert.filter({ hasText: 'No camera found' }).waitFor();
    await page.context().close();
  });
});

describe('a computer with two cameras', () => {
  const browser = browserWith('device-count=2');

  it('switches between them, announcing the one in use and stopping the other', async () => {
    const page = await openPage(browser(), { ...DESKTOP, permissions: ['camera'] }, RECORD_CAMERA);
    await toFirstPhoto(page, 'Identity card');
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await waitLive(page);
    const status = page.getByRole('status').filter({ hasText: 'The camera is on' });
    await expect.poll(() => status.textContent()).toContain('fake_device_0');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Switch camera' }).click();
    await waitLive(page);
    await expect.poll(() => status.textContent()).toContain('fake_device_1');
    await expect.poll(() => tracks(page)).toMatchObject({ live: 1, total: 2 });
    await page.context().close();
  });
});
