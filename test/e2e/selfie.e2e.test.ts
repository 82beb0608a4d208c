import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, FAKE_CAMERA, findChromium } from '../chromium.ts';
import { writeFaceVideo, type FaceVideoKind } from '../quality/fakeCameraVideo.ts';
import { smallJpeg, startPageServer, toFirstPhoto, type PageServer } from './harness.ts';
import { expectNeverTakenByItself, expectShotFlagged, expectTakenByItself } from './liveChecks.ts';

/**
 * The selfie checks end to end: Chromium's fake camera plays a real face (from the detector's own
 * npm package, composed by ffmpeg), two faces, or an empty wall. The face detector's chunk loads
 * only when the selfie step opens the camera; a centred face is taken by itself, and the others
 * never are, each named in the viewfinder and on the still review.
 */
let pages: PageServer;
let videos: string;

beforeAll(async () => {
  videos = mkdtempSync(join(tmpdir(), 'markid-selfie-'));
  pages = await startPageServer({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: JSON.stringify({ documents: ['ID_CARD', 'PASSPORT'] }) });
});
afterAll(async () => {
  await pages?.close();
  if (videos) rmSync(videos, { recursive: true, force: true });
});

const FACE_CHUNK = /faceDetector|vladmandic|tfjs/;

/** The fake camera playing `kind`; the passport page is uploaded, so the selfie is the camera's first real job. */
async function selfieWith(kind: FaceVideoKind, run: (page: Page, requests: string[]) => Promise<void>): Promise<void> {
  const file = join(videos, `${kind}.y4m`);
  await writeFaceVideo(file, kind);
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, FAKE_CAMERA, `--use-file-for-fake-video-capture=${file}`] });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ['camera'] });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    await page.goto(`${pages.origin}/?locale=en`);
    await toFirstPhoto(page, 'Passport');
    await page.getByRole('heading', { level: 1, name: 'Photo page of your passport' }).waitFor();
    await page.getByRole('button', { name: 'Upload a file instead' }).click({ timeout: 30_000 });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file' }).click()]);
    await chooser.setFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) });
    await page.getByText('Photo ready').waitFor({ timeout: 60_000 });
    // Everything so far, camera included, without the face detector.
    expect(requests.filter((url) => FACE_CHUNK.test(url))).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'A photo of your face' }).waitFor();
    await page.getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 20_000 });
    await run(page, requests);
    expect(requests.filter((url) => new URL(url).origin !== pages.origin && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  } finally {
    await browser.close();
  }
}

describe('selfie checks with the fake camera', () => {
  it('loads the face detector on the selfie step only, and takes a centred face by itself', async () => {
    await selfieWith('face', async (page, requests) => {
      const elapsed = await expectTakenByItself(page);
      expect(requests.some((url) => FACE_CHUNK.test(url))).toBe(true);
      // The first frame waits for the model (compiled once per page); the hold is 0.7 s after that.
      console.log(`centred face: taken automatically ${elapsed} ms after the camera went live`);
    });
  });

  const faults: [FaceVideoKind, string, string][] = [
    ['noFace', 'Place your face inside the oval', 'No face can be seen in the photo.'],
    ['twoFaces', 'Make sure only your face is in view', 'There is more than one face in the photo: only yours should be.'],
  ];
  it.each(faults)('never takes a %s view by itself, names the fault, and flags a manual shot', async (kind, line, verdict) => {
    await selfieWith(kind, async (page) => {
      const fps = await expectNeverTakenByItself(page, line);
      console.log(`selfie ${kind}: ${fps} analysed frames a second`);
      await expectShotFlagged(page, verdict);
    });
  });
});
