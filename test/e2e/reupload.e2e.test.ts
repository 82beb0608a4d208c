import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReuploadSession } from '../../src/core/payload.ts';
import { minimalPdf, smallJpeg, startHarness, type Harness } from './harness.ts';

/**
 * Re-upload mode: a verification already went to the vendor with a utility bill; the merchant's
 * server later mints a re-upload session for that scanRef and step, and the widget, started with
 * it, sends one new file that the backend forwards to /upload-additional-step.
 */
let harness: Harness;
const SECRET = 'merchant-server-secret-for-the-e2e-run';
const CUSTOM = { ALL: { ALL: { UTILITY_BILL: { texts: { en: { name: 'A recent utility bill' } }, settings: { canUpload: true, canCapture: false, canUploadPDF: true } } } } };

beforeAll(async () => {
  harness = await startHarness({
    MARKID_API_KEY: undefined,
    MARKID_API_SECRET: undefined,
    MARKID_REUPLOAD_SECRET: SECRET,
    MARKID_TOKEN_DEFAULTS: JSON.stringify({ documents: ['PASSPORT'], additionalSteps: CUSTOM }),
  });
});
afterAll(async () => {
  await harness?.close();
});

const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${harness.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const stats = async () => (await (await fetch(`${harness.origin}/api/sandbox/stats`)).json()) as { vendor: Record<string, number> };

describe('re-upload of one additional step', () => {
  it('sends one new utility bill for a submitted verification, once', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${harness.origin}/test/e2e/widget.html`);
    const photo = await smallJpeg(page);

    // The verification as first sent, with a PDF bill the merchant later finds too old.
    const session = (await (await api('/api/session', {})).json()) as { authToken: string; scanRef: string };
    const b64 = (buffer: Buffer) => buffer.toString('base64');
    const sent = await api('/api/submit', {
      authToken: session.authToken,
      country: 'LT',
      documentType: 'PASSPORT',
      images: { FRONT: b64(photo), BACK: null, FACE: b64(photo), UTILITY_BILL: b64(minimalPdf()) },
      additionalImages: {},
    });
    expect(sent.status).toBe(200);

    // The merchant's server, not the browser, asks for the re-upload session.
    expect((await api('/api/reupload/session', { scanRef: session.scanRef, step: 'UTILITY_BILL' })).status).toBe(401);
    const minted = await api('/api/reupload/session', { scanRef: session.scanRef, step: 'UTILITY_BILL' }, { authorization: `Bearer ${SECRET}` });
    expect(minted.status).toBe(201);
    const reupload = (await minted.json()) as ReuploadSession;

    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript((given) => {
      (window as unknown as { __widget: unknown }).__widget = { locale: 'en', reupload: given };
    }, reupload);
    const widget = await context.newPage();
    const urls: string[] = [];
    widget.on('request', (request) => urls.push(request.url()));
    await widget.goto(`${harness.origin}/test/e2e/widget.html`);
    await widget.getByRole('heading', { name: 'A recent utility bill' }).waitFor();
    const uploadsBefore = (await stats()).vendor['/api/v2/upload-additional-step'] ?? 0;
    const [chooser] = await Promise.all([widget.waitForEvent('filechooser'), widget.getByRole('button', { name: 'Choose a file' }).click()]);
    await chooser.setFiles({ name: 'bill.jpg', mimeType: 'image/jpeg', buffer: photo });
    await widget.getByText(/Photo ready/).waitFor({ timeout: 60_000 });
    await widget.getByRole('button', { name: 'Continue' }).click();
    await widget.getByRole('heading', { name: 'Check your photos' }).waitFor();
    await widget.getByRole('button', { name: 'Submit' }).dblclick();
    await widget.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
    expect(await widget.evaluate(() => window.__events)).toEqual([{ type: 'complete', payload: { scanRef: session.scanRef } }]);

    const last = await (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json();
    expect(last.scanRef).toBe(session.scanRef);
    expect(last.images.UTILITY_BILL).toMatchObject({ type: 'jpeg', width: 1600, height: 1200 });
    expect((await stats()).vendor['/api/v2/upload-additional-step']).toBe(uploadsBefore + 1);

    // Used: sending it again answers the same, with no second upload to the vendor.
    const again = await api('/api/reupload', { reuploadToken: reupload.reuploadToken, image: b64(photo) });
    expect(await again.json()).toEqual({ scanRef: session.scanRef });
    expect((await stats()).vendor['/api/v2/upload-additional-step']).toBe(uploadsBefore + 1);
    expect(urls.filter((url) => url.includes(reupload.reuploadToken))).toEqual([]);
    await context.close();
    await page.close();
  });
});
