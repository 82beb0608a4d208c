import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../redisServer.ts';
import { axeViolations, chooseFile, launchBrowser, smallJpeg, startHarness, toFirstPhoto, type Harness } from './harness.ts';

/**
 * Continue on your phone, end to end: a desktop Chromium with no camera at all hands off by QR
 * code to a phone context (uploads; camera permission not granted), which finishes and submits;
 * the desktop reaches its done screen by itself. Then the same link is refused, and the vendor
 * saw one /process. Once on one backend, once on two backend instances sharing a real Redis.
 */

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SANDBOX = { MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined };

/** The QR code as drawn in the page, rasterised there onto a canvas and decoded here by jsQR. */
async function decodeQr(page: Page): Promise<string | null> {
  const { width, height, pixels } = await page.evaluate(async () => {
    const svg = document.querySelector('svg.mk-qr')!;
    const size = 400;
    const image = new Image(size, size);
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = reject;
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, size, size);
    URL.revokeObjectURL(url);
    return { width: size, height: size, pixels: Array.from(context.getImageData(0, 0, size, size).data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data ?? null;
}

async function processCalls(origins: string[]): Promise<number> {
  let total = 0;
  for (const origin of origins) {
    const stats = (await (await fetch(`${origin}/api/sandbox/stats`)).json()) as { vendor: Record<string, number> };
    total += stats.vendor['/api/v2/process'] ?? 0;
  }
  return total;
}

/** The whole walk; `phoneOrigin` is where the phone's requests land (another instance, behind the same name). */
async function handOff(desktopBrowser: Browser, phoneBrowser: Browser, desktopOrigin: string, phoneOrigin: string) {
  const desktopContext = await desktopBrowser.newContext(DESKTOP);
  const desktop = await desktopContext.newPage();
  await desktop.goto(`${desktopOrigin}/?locale=en`);
  await toFirstPhoto(desktop);
  await desktop.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
  await desktop.getByRole('button', { name: 'Show a QR code' }).click();

  const qr = desktop.getByRole('img', { name: 'QR code with the link to continue on your phone' });
  await qr.waitFor();
  expect(await axeViolations(desktop)).toEqual([]);
  const shown = await desktop.getByLabel('Link for your phone').inputValue();
  expect(await decodeQr(desktop)).toBe(shown);
  expect(shown).toMatch(new RegExp(`^${desktopOrigin}/#handoff=[A-Za-z0-9_-]{43}$`));
  const link = shown.replace(desktopOrigin, phoneOrigin);

  const phoneContext = await phoneBrowser.newContext(PHONE);
  const phone = await phoneContext.newPage();
  await phone.goto(link);
  // The desktop's country and document came along: the phone starts at the first photo.
  await phone.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
  expect(new URL(phone.url()).hash).toBe('');
  await desktop.getByRole('heading', { name: 'Phone connected' }).waitFor();
  await desktop.getByText('On your phone: photo 1 of 3').waitFor();
  expect(await axeViolations(desktop)).toEqual([]);

  const photo = await smallJpeg(phone);
  for (const [index, name] of ['front.jpg', 'back.jpg', 'face.jpg'].entries()) {
    await chooseFile(phone, { name, mimeType: 'image/jpeg', buffer: photo });
    if (index === 1) await desktop.getByText('On your phone: photo 2 of 3').waitFor();
    await phone.getByRole('button', { name: 'Continue' }).click();
  }
  await phone.getByRole('heading', { name: 'Check your photos' }).waitFor();
  await phone.getByRole('button', { name: 'Submit' }).click();
  await phone.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
  const sentAt = Date.now();
  const reference = await phone.getByText(/^Reference: /).textContent();

  // No click on the desktop since "Continue on your phone".
  await desktop.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 15_000 });
  expect(Date.now() - sentAt).toBeLessThan(15_000);
  expect(await desktop.getByText(/^Reference: /).textContent()).toBe(reference);
  // The hosted page shows the sandbox's receipt from onComplete: the desktop fired it with the scanRef.
  // (The receipt reads the sandbox's last submission, which each instance keeps to itself.)
  if (desktopOrigin === phoneOrigin) await desktop.getByRole('heading', { name: 'Sandbox: what the vendor received' }).waitFor();
  expect(await axeViolations(desktop)).toEqual([]);

  // A second phone with the same link: a clear refusal.
  const second = await (await phoneBrowser.newContext(PHONE)).newPage();
  await second.goto(link);
  await second.getByRole('heading', { name: 'This link can no longer be used' }).waitFor();
  await second.getByText('It was already opened on another device.').waitFor();
  await second.getByText('Scan the new code on the computer to continue on this phone.').waitFor();
  expect(await axeViolations(second)).toEqual([]);

  await Promise.all([desktopContext.close(), phoneContext.close(), second.context().close()]);
  return reference;
}

describe('continue on your phone, one backend', () => {
  let harness: Harness;
  let desktopBrowser: Browser;
  beforeAll(async () => {
    harness = await startHarness(SANDBOX);
    desktopBrowser = await launchBrowser('device-count=0');
  });
  afterAll(async () => {
    await desktopBrowser?.close();
    await harness?.close();
  });

  it('hands off by QR code; the desktop reaches done by itself; the link is refused again; one /process', async () => {
    await handOff(desktopBrowser, harness.browser, harness.origin, harness.origin);
    expect(await processCalls([harness.origin])).toBe(1);
  });

  it('survives a reload of the phone: the draft keeps the claimed session, and the desktop still reaches done', async () => {
    const desktopContext = await desktopBrowser.newContext(DESKTOP);
    const desktop = await desktopContext.newPage();
    await desktop.goto(`${harness.origin}/?locale=en`);
    await toFirstPhoto(desktop);
    await desktop.getByRole('button', { name: 'Show a QR code' }).click();
    const link = await desktop.getByLabel('Link for your phone').inputValue();
    const phoneContext = await harness.browser.newContext(PHONE);
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    await desktop.getByText('On your phone: photo 1 of 3').waitFor();
    const photo = await smallJpeg(phone);
    await chooseFile(phone, { name: 'front.jpg', mimeType: 'image/jpeg', buffer: photo });
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    await desktop.getByText('On your phone: photo 2 of 3').waitFor();
    await phone.reload();
    await phone.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    for (const name of ['back.jpg', 'face.jpg']) {
      await chooseFile(phone, { name, mimeType: 'image/jpeg', buffer: photo });
      await phone.getByRole('button', { name: 'Continue' }).click();
    }
    await phone.getByRole('button', { name: 'Submit' }).click();
    await phone.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
    await desktop.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 15_000 });
    await Promise.all([desktopContext.close(), phoneContext.close()]);
  });

  it('"Continue here instead" keeps the desktop’s photo and turns the phone away at its next step', async () => {
    const desktopContext = await desktopBrowser.newContext(DESKTOP);
    const desktop = await desktopContext.newPage();
    await desktop.goto(`${harness.origin}/?locale=en`);
    await toFirstPhoto(desktop);
    await chooseFile(desktop, { name: 'front.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(desktop) });
    await desktop.getByRole('button', { name: 'Show a QR code' }).click();
    const link = await desktop.getByLabel('Link for your phone').inputValue();

    const phoneContext = await harness.browser.newContext(PHONE);
    const phone = await phoneContext.newPage();
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    await desktop.getByRole('heading', { name: 'Phone connected' }).waitFor();
    await desktop.getByRole('button', { name: 'Continue here instead' }).click();
    await desktop.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    await desktop.getByText('Photo ready').waitFor();

    await chooseFile(phone, { name: 'front.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(phone) });
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.getByText('It was cancelled on the computer.').waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await Promise.all([desktopContext.close(), phoneContext.close()]);
  });
});

describe('continue on your phone, two backend instances on one Redis', () => {
  let redis: RedisServer;
  let a: Harness;
  let b: Harness;
  let desktopBrowser: Browser;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startHarness({ ...SANDBOX, MARKID_STORE_URL: redis.url });
    b = await startHarness({ ...SANDBOX, MARKID_STORE_URL: redis.url });
    desktopBrowser = await launchBrowser('device-count=0');
  });
  afterAll(async () => {
    await desktopBrowser?.close();
    await b?.close();
    await a?.close();
    await redis?.dispose();
  });

  it('mints and follows on one instance while the phone claims and submits on the other', async () => {
    await handOff(desktopBrowser, b.browser, a.origin, b.origin);
    expect(await processCalls([a.origin, b.origin])).toBe(1);
  });
});
