import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchEngine, type Engine, type EngineName, type EnginePage } from './driver.ts';

/**
 * The camera path of the flow with each engine's own fake camera: WebKitGTK's mock capture device
 * and Firefox's fake stream, both 3840×2160 here. Neither engine has ImageCapture, so every still
 * is the video frame drawn at the track's resolution (src/capture/stillCapture.ts).
 */
const origin = inject('pageOrigin');

/** Counts camera requests and keeps the streams, to check every camera is turned off again. */
const RECORD_CAMERA = `(() => {
  // On the prototype: WebKit ignores an assignment to the instance's getUserMedia.
  const proto = MediaDevices.prototype;
  const real = proto.getUserMedia;
  window.__camera = { requests: 0, streams: [], sizes: [] };
  proto.getUserMedia = async function (constraints) {
    window.__camera.requests += 1;
    const stream = await real.call(this, constraints);
    window.__camera.streams.push(stream);
    for (const track of stream.getVideoTracks()) window.__camera.sizes.push(track.getSettings().width + 'x' + track.getSettings().height);
    return stream;
  };
  return true;
})()`;

const TRACKS = `(() => {
  const all = window.__camera.streams.flatMap((stream) => stream.getVideoTracks());
  return { requests: window.__camera.requests, live: all.filter((track) => track.readyState === 'live').length, total: all.length, sizes: window.__camera.sizes };
})()`;

interface Tracks {
  requests: number;
  live: number;
  total: number;
  sizes: string[];
}

describe.each<EngineName>(['webkit', 'firefox'])('the camera in %s', (name) => {
  // WebKitGTK 2.50 under WebKitWebDriver: once the shutter is pressed on its mock camera, the page
  // stops answering the driver (every later command times out), so WebKit's test ends at the live
  // viewfinder and the camera being turned off; the whole capture runs in Firefox and Chromium.
  // Even that hangs about one run in three (in turning the camera off, as far as can be seen), so
  // it runs only when asked: MARKID_WEBKIT_CAMERA=1 (README, "Three engines").
  const fullCapture = name !== 'webkit';
  const viewfinderOnly = name === 'webkit' && process.env.MARKID_WEBKIT_CAMERA === '1';

  let engine: Engine;

  beforeAll(async () => {
    engine = await launchEngine(name, { camera: true });
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function toFront(page: EnginePage) {
    await page.click({ role: 'button', name: 'Start' });
    await page.fill({ label: 'Search for a country' }, 'lithuania');
    await page.click({ role: 'radio', name: 'Lithuania' });
    await page.click({ role: 'button', name: 'Continue' });
    await page.click({ role: 'radio', name: 'Identity card' });
    await page.click({ role: 'button', name: 'Continue' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Front of your identity card' });
  }

  /** Opens the camera if it waits to be asked, until the shutter is enabled. */
  async function openViewfinder(page: EnginePage) {
    // On a desktop the camera waits to be asked (the offer shows once the page knows there is one).
    await page.waitFor({ role: 'button', name: /^Take (a )?photo$/ }, 30_000);
    if (await page.count({ role: 'button', name: 'Take a photo' })) await page.click({ role: 'button', name: 'Take a photo' });
    const shutter = { role: 'button', name: 'Take photo' } as const;
    await page.waitFor(shutter, 30_000);
    await expect.poll(() => page.evaluate<boolean>(`Array.from(document.querySelectorAll('button')).some((b) => b.textContent.trim() === 'Take photo' && !b.hasAttribute('aria-disabled'))`), { timeout: 30_000 }).toBe(true);
    expect(await page.axeViolations()).toEqual([]);
  }

  /** Opens the camera if it waits to be asked, takes the photo, keeps it; the flow moves on. */
  async function captureAndUse(page: EnginePage, nextHeading: string) {
    await openViewfinder(page);
    await page.click({ role: 'button', name: 'Take photo' });
    await page.waitFor({ role: 'img', name: 'The photo you just took' }, 60_000);
    expect(await page.axeViolations()).toEqual([]);
    // The fake camera films a test pattern, not a document: the still review flags it, as it should.
    await page.click({ role: 'button', name: /^(Use this photo|Use it anyway)$/ });
    await page.waitFor({ role: 'heading', level: 1, name: nextHeading }, 90_000);
  }

  it.runIf(viewfinderOnly)('opens the fake camera live at its full resolution, accessible, and turns it off on leaving the step', async () => {
    const page = await engine.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/?locale=en`);
    expect(await page.evaluate(RECORD_CAMERA)).toBe(true);
    await toFront(page);
    await openViewfinder(page);
    const live = await page.evaluate<Tracks>(TRACKS);
    expect(live).toMatchObject({ requests: 1, live: 1 });
    expect(live.sizes).toEqual(['3840x2160']);
    await page.click({ role: 'button', name: 'Back' });
    await page.waitFor({ role: 'heading', level: 1, name: 'Which document will you use?' });
    await expect.poll(async () => (await page.evaluate<Tracks>(TRACKS)).live).toBe(0);
    console.info(`${engine.version}: camera tracks ${live.sizes.join(', ')}`);
    await page.close();
  });

  it.runIf(fullCapture)('takes front, back and face with the fake camera to the sandbox, at the camera’s resolution, and turns it off', async () => {
    const page = await engine.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/?locale=en`);
    expect(await page.evaluate(RECORD_CAMERA)).toBe(true);
    await toFront(page);
    await captureAndUse(page, 'Back of your identity card');
    await captureAndUse(page, 'A photo of your face');
    await captureAndUse(page, 'Check your photos');
    await expect.poll(() => page.count({ role: 'img' })).toBe(3);
    const tracks = await page.evaluate<Tracks>(TRACKS);
    expect(tracks.requests).toBeGreaterThanOrEqual(3);
    expect(tracks.live).toBe(0);
    console.info(`${engine.version}: camera tracks ${tracks.sizes.join(', ')}`);

    await page.click({ role: 'button', name: 'Submit' });
    await page.waitFor({ role: 'heading', name: 'Thank you, your photos were sent' }, 60_000);
    const received = await (await fetch(`${origin}/api/sandbox/last-submission`)).json();
    expect(Object.keys(received.images).sort()).toEqual(['BACK', 'FACE', 'FRONT']);
    for (const image of Object.values<{ type: string; width: number; height: number }>(received.images)) {
      expect(image.type).toBe('jpeg');
      // The still is the frame at the track's size (3840×2160 from both fakes), not the preview's.
      expect(Math.max(image.width, image.height)).toBeGreaterThanOrEqual(3840);
    }
    expect((await page.consoleMessages()).filter((line) => /^(error|pageerror):/.test(line))).toEqual([]);
    await page.close();
  });
});
