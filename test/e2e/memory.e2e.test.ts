import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFile, makeDocumentPhoto, startHarness, toFirstPhoto, type Harness } from './harness.ts';

/**
 * What a whole verification leaves behind in the page: the JavaScript heap after three 12 MP
 * photos went out as one 13 MB request (measured through the DevTools protocol after forcing a
 * garbage collection), and every object URL the widget made, revoked.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined });
});
afterAll(async () => {
  await harness?.close();
});

/** Counts object URLs made and revoked by the page, from before its first script. */
const COUNT_OBJECT_URLS = `(() => {
  const live = new Set();
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object) => { const url = create(object); live.add(url); return url; };
  URL.revokeObjectURL = (url) => { live.delete(url); revoke(url); };
  window.__liveObjectUrls = () => live.size;
})()`;

const MB = 1024 * 1024;

describe('memory after a full flow', () => {
  it('returns the heap to near its baseline and revokes every object URL', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    // The photos are drawn in a page of their own, so making them does not weigh on the heap measured.
    const studio = await context.newPage();
    await studio.goto(`${harness.origin}/test/e2e/widget.html`);
    const photos = await Promise.all([11, 12, 13].map((seed) => makeDocumentPhoto(studio, seed)));
    await studio.close();

    const page = await context.newPage();
    await page.addInitScript(COUNT_OBJECT_URLS);
    await page.goto(`${harness.origin}/?locale=en`);
    await page.getByRole('heading', { name: 'Before you start' }).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const heap = async () => {
      // Twice: the first pass may only schedule finalizers whose objects the second collects.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const baseline = await heap();

    await walk(page, photos);
    let peak = 0;
    const sampling = (async () => {
      while (!(await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).isVisible())) {
        peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        await page.waitForTimeout(50);
      }
    })();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
    await sampling;
    await page.getByRole('heading', { name: 'Sandbox: what the vendor received' }).waitFor();
    const requestBytes = (await (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json()).requestBytes as number;
    const after = await heap();
    const liveUrls = await page.evaluate(() => (window as unknown as { __liveObjectUrls(): number }).__liveObjectUrls());

    console.log(
      `heap: baseline ${(baseline / MB).toFixed(1)} MB, peak while sending ${(peak / MB).toFixed(1)} MB, ` +
        `after the flow ${(after / MB).toFixed(1)} MB (+${((after - baseline) / MB).toFixed(1)} MB); ` +
        `request ${(requestBytes / MB).toFixed(1)} MB; object URLs still live: ${liveUrls}`,
    );
    // Generous for the screens and modules loaded since, but less than one copy of the body:
    // keeping the base64 of the images or the JSON of the request alive would fail this.
    expect(after - baseline).toBeLessThan(Math.min(12 * MB, requestBytes * 0.8));
    expect(liveUrls).toBe(0);
    await context.close();
  });
});

async function walk(page: Page, photos: Buffer[]) {
  await toFirstPhoto(page);
  for (const [index, name] of ['front.jpg', 'back.jpg', 'selfie.jpg'].entries()) {
    await chooseFile(page, { name, mimeType: 'image/jpeg', buffer: photos[index]! });
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('heading', { name: 'Check your photos' }).waitFor();
}
