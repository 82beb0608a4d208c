/**
 * Main-thread tasks over 50 ms while the live checks run, from a Chromium performance trace
 * (CDP Tracing) of the real page (`npm start`'s server) with the fake camera: an ID card's camera
 * on both frame paths (MediaStreamTrackProcessor, and requestVideoFrameCallback with it removed),
 * and the selfie's camera with the face detector. Each long task is attributed: it comes from the
 * analysis when our capture code runs in it. Part of `npm run bench:quality`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, FAKE_CAMERA, findChromium } from '../test/chromium.ts';
import { smallJpeg, startPageServer, toFirstPhoto, type PageServer } from '../test/e2e/harness.ts';
import { writeFaceVideo, writeSceneVideo } from '../test/quality/fakeCameraVideo.ts';

export interface MainThreadRow {
  view: string;
  analysedFps: number;
  longTasks: number;
  /** Long tasks in which our capture or analysis code ran. */
  fromAnalysis: number;
  longestMs: number;
  /** The slowest task's top script call, for the curious. */
  longestCall: string;
}

const TRACE_MS = 6000;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string; functionName?: string } };
}

async function trace(page: Page): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  await page.waitForTimeout(TRACE_MS);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

function longTasks(events: TraceEvent[]): Omit<MainThreadRow, 'view' | 'analysedFps'> {
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const onMain = events.filter((event) => main && event.pid === main.pid && event.tid === main.tid);
  const tasks = onMain.filter((event) => event.name === 'RunTask' && (event.dur ?? 0) > 50_000);
  let fromAnalysis = 0;
  let longest: { ms: number; call: string } = { ms: 0, call: '' };
  for (const task of tasks) {
    const calls = onMain.filter((event) => event.name === 'FunctionCall' && event.ts >= task.ts && event.ts <= task.ts + task.dur!);
    if (calls.some((call) => /\/src\/(capture|quality)\//.test(call.args?.data?.url ?? ''))) fromAnalysis += 1;
    if (task.dur! / 1000 > longest.ms) {
      const top = calls.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
      longest = { ms: task.dur! / 1000, call: top ? `${top.args?.data?.functionName || '(anonymous)'} in ${(top.args?.data?.url ?? '').split('/').slice(-2).join('/')}` : 'no script' };
    }
  }
  return { longTasks: tasks.length, fromAnalysis, longestMs: longest.ms, longestCall: longest.call };
}

async function measure(pages: PageServer, video: string, view: string, open: (page: Page) => Promise<void>, initScript?: string): Promise<MainThreadRow> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, FAKE_CAMERA, `--use-file-for-fake-video-capture=${video}`] });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, permissions: ['camera'] });
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    await page.goto(`${pages.origin}/?locale=en`);
    await open(page);
    await page.getByRole('button', { name: 'Take photo' }).waitFor({ timeout: 30_000 });
    // Past the camera's start and the first frames (the face model's compile among them).
    await page.waitForTimeout(3000);
    const events = await trace(page);
    const analysedFps = Number(await page.locator('.mk-camera__viewport').getAttribute('data-analysed-fps'));
    return { view, analysedFps, ...longTasks(events) };
  } finally {
    await browser.close();
  }
}

export async function traceMainThread(): Promise<MainThreadRow[]> {
  const videos = mkdtempSync(join(tmpdir(), 'markid-main-thread-'));
  const pages = await startPageServer({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: JSON.stringify({ documents: ['ID_CARD', 'PASSPORT'] }) });
  try {
    // A blurred card: it is never taken, so the camera stays live for the whole trace.
    const card = join(videos, 'card.y4m');
    await writeSceneVideo(card, 'defocus', 1, { document: 'idDocument' });
    const toCard = (page: Page) => toFirstPhoto(page, 'Identity card');
    const rows = [
      await measure(pages, card, 'ID card, MediaStreamTrackProcessor path', toCard),
      await measure(pages, card, 'ID card, requestVideoFrameCallback path', toCard, 'delete window.MediaStreamTrackProcessor'),
    ];
    // Two faces: the detector runs on every frame, and nothing is taken.
    const faces = join(videos, 'faces.y4m');
    await writeFaceVideo(faces, 'twoFaces');
    const toSelfie = async (page: Page) => {
      await toFirstPhoto(page, 'Passport');
      await page.getByRole('button', { name: 'Upload a file instead' }).click({ timeout: 30_000 });
      await page.locator('input[type=file]').first().setInputFiles({ name: 'passport.jpg', mimeType: 'image/jpeg', buffer: await smallJpeg(page) });
      await page.getByText('Photo ready').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Continue' }).click();
    };
    rows.push(await measure(pages, faces, 'selfie with the face detector', toSelfie));
    return rows;
  } finally {
    await pages.close();
    rmSync(videos, { recursive: true, force: true });
  }
}
