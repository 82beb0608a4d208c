import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64Length } from '../../src/core/limits.ts';
import { axeViolations, chooseFile, smallJpeg, startHarness, type Harness } from './harness.ts';

/**
 * A bank statement as banks send it, at the proof-of-address step: a 3-page scan of ~7 MB, over
 * the step's 4.5 MB budget. The person picks the page with their address and that page arrives at
 * the sandbox as a JPEG, legible and within the vendor's limit.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    MARKID_API_KEY: undefined,
    MARKID_API_SECRET: undefined,
    MARKID_TOKEN_DEFAULTS: JSON.stringify({
      documents: ['PASSPORT'],
      additionalSteps: { ALL: { ALL: { UTILITY_BILL: { settings: { canUpload: true, canCapture: false, canUploadPDF: true } } } } },
    }),
  });
});
afterAll(async () => {
  await harness?.close();
});

/** The statement made in the page by the shared fixture (test/browser/pdfFixtures.ts). */
async function statement(page: Page): Promise<Buffer> {
  // A string, not a function: Vitest would rewrite a dynamic import inside a function for Node.
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/pdfFixtures.ts');
    const blob = await fixtures.scannedStatement(3, 2);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

/** Which statement page the preview shows (its black top bar, see pdfFixtures.ts). */
function pageShown(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const fixtures = await import('/test/browser/pdfFixtures.ts');
    const img = document.querySelector('.mk-figure img');
    return fixtures.pageOfStatement(await (await fetch(img.src)).blob(), 3);
  })()`);
}

describe('a scanned statement over budget at the proof-of-address step', () => {
  it('loads pdf.js only then, lets the person pick the page, and sends that page as a legible JPEG', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${harness.origin}/?locale=en`);
    const pdf = await statement(page);
    expect(pdf.length).toBeGreaterThan(6_000_000);
    expect(pdf.length).toBeLessThan(8_000_000);
    const photo = await smallJpeg(page);
    const start = requests.length;

    // One document offered, so no document step.
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByLabel('Search for a country').fill('lithuania');
    await page.getByRole('radio', { name: 'Lithuania' }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Photo page of your passport' }).waitFor();
    await chooseFile(page, { name: 'front.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
    await chooseFile(page, { name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Proof of address' }).waitFor();
    const beforePdf = requests.slice(start);
    expect(beforePdf.filter((url) => /pdfjs|pdf\.worker|pdfDocument/.test(url))).toEqual([]);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose a file' }).click()]);
    await chooser.setFiles({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: pdf });
    // The first page by default, then the one with the address.
    await page.getByText(/^Page 1 of 3 from statement\.pdf will be sent as a picture/).waitFor({ timeout: 90_000 });
    await page.getByRole('group', { name: 'Page with your name and address' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Page 2' }).check();
    const caption = page.getByText(/^Page 2 of 3 from statement\.pdf will be sent as a picture: (\d+) × (\d+) pixels/);
    await caption.waitFor({ timeout: 60_000 });
    expect(await pageShown(page)).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    const pdfRequests = requests.filter((url) => /pdfjs|pdf\.worker/.test(url));
    expect(pdfRequests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(harness.origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Check your photos' }).waitFor();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });

    const received = await (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json();
    const bill = received.images.UTILITY_BILL as { type: string; bytes: number; width: number; height: number };
    expect(bill.type).toBe('jpeg');
    expect(base64Length(bill.bytes)).toBeLessThanOrEqual(6_000_000);
    // A4 at 200 dpi: the statement's 8-point text stays legible.
    expect(bill.width).toBeGreaterThanOrEqual(1600);
    expect(bill.height).toBeGreaterThanOrEqual(2300);
    await page.close();
  });
});
