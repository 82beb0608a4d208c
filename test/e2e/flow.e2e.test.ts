import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchDevtools } from '../devtools.ts';
import { expectIdCardReceipt } from './receipt.ts';
import { axeViolations, makeDocumentPhoto, minimalPdf, startHarness, type Harness } from './harness.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined });
});
afterAll(async () => {
  await harness?.close();
});

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

type Upload = { name: string; mimeType: string; buffer: Buffer };

/** Chooses a file as a person does: activating the labelled drop zone opens the file chooser. */
async function choose(page: Page, label: string, file: Upload) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: label }).click()]);
  await chooser.setFiles(file);
}

async function uploadAndContinue(page: Page, file: Upload) {
  await choose(page, 'Choose a file', file);
  await page.getByText(/Photo ready|PDF ready/).waitFor({ timeout: 60_000 });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('the hosted page on the sandbox', () => {
  it('takes three 12-megapixel photos to the vendor as one valid /process request', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(harness.origin) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    const submits: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/submit')) submits.push(request.method());
    });

    await page.goto(`${harness.origin}/?locale=en`);
    const photos = await Promise.all([1, 2, 3].map((seed) => makeDocumentPhoto(page, seed)));
    for (const photo of photos) expect(photo.length).toBeGreaterThan(4_500_000);
    // Watched from a fresh load on, after the test drew its photos (the drawing's own canvas warnings are not the widget's).
    const problems = watchDevtools(page);
    await page.reload();

    await page.getByRole('heading', { level: 1, name: 'Before you start' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start' }).click();

    await page.getByRole('heading', { name: 'Which country issued your document?' }).waitFor();
    await page.getByLabel('Search for a country').fill('lithuania');
    await page.getByRole('radio', { name: 'Lithuania' }).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('radio', { name: 'Identity card' }).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    await uploadAndContinue(page, { name: 'front.jpg', mimeType: 'image/jpeg', buffer: photos[0]! });
    await page.getByRole('heading', { name: 'Back of your identity card' }).waitFor();
    await uploadAndContinue(page, { name: 'back.jpg', mimeType: 'image/jpeg', buffer: photos[1]! });
    await page.getByRole('heading', { name: 'A photo of your face' }).waitFor();
    await uploadAndContinue(page, { name: 'selfie.jpg', mimeType: 'image/jpeg', buffer: photos[2]! });

    await page.getByRole('heading', { name: 'Check your photos' }).waitFor();
    await expect.poll(() => page.getByRole('img').count()).toBe(3);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Submit' }).dblclick();

    await page.getByRole('heading', { name: 'Thank you, your photos were sent' }).waitFor({ timeout: 60_000 });
    await expectAccessible(page);
    expect(submits).toEqual(['POST']);
    expect(foreign).toEqual([]);

    await expectIdCardReceipt(harness.origin);
    await page.getByRole('heading', { name: 'Sandbox: what the vendor received' }).waitFor();
    // A newcomer's devtools stay clean through the whole walk: no console error, no failed request.
    expect(problems).toEqual([]);
    await page.close();
  });

  it('uploads a PDF utility bill and a custom step in Lithuanian', async () => {
    await harness.close();
    harness = await startHarness({
      MARKID_API_KEY: undefined,
      MARKID_TOKEN_DEFAULTS: JSON.stringify({
        documents: ['PASSPORT'],
        additionalSteps: {
          ALL: {
            ALL: {
              UTILITY_BILL: { settings: { canUpload: true, canCapture: false, canUploadPDF: true } },
              SELFIE_WITH_DOCUMENT: {
                texts: { en: { name: 'Selfie with your passport' }, lt: { name: 'Asmenukė su pasu', description: 'Laikykite pasą šalia veido.' } },
                settings: { canUpload: true, canCapture: true, canUploadPDF: false },
              },
            },
          },
        },
      }),
    });
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${harness.origin}/?locale=lt`);
    const photo = await makeDocumentPhoto(page, 7);
    await page.getByRole('button', { name: 'Pradėti' }).click();
    await page.getByLabel('Ieškoti šalies').fill('latv');
    await page.getByRole('radio', { name: 'Latvija' }).check();
    await page.getByRole('button', { name: 'Tęsti' }).click();

    const next = async (name: string, file: Upload) => {
      await page.getByRole('heading', { name }).waitFor();
      await choose(page, 'Pasirinkti failą', file);
      await page.getByText(/paruošta|paruoštas/).waitFor({ timeout: 60_000 });
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tęsti' }).click();
    };
    const jpeg = { name: 'p.jpg', mimeType: 'image/jpeg', buffer: photo };
    await next('Paso puslapis su nuotrauka', jpeg);
    await next('Jūsų veido nuotrauka', jpeg);
    await next('Adreso įrodymas', { name: 'saskaita.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await page.getByText('Laikykite pasą šalia veido.').waitFor();
    await next('Asmenukė su pasu', jpeg);

    await page.getByRole('heading', { name: 'Patikrinkite nuotraukas' }).waitFor();
    await page.getByText('PDF dokumentas: saskaita.pdf').waitFor();
    await page.getByRole('button', { name: 'Pateikti' }).click();
    await page.getByRole('heading', { name: 'Ačiū, jūsų nuotraukos išsiųstos' }).waitFor({ timeout: 60_000 });

    const received = await (await fetch(`${harness.origin}/api/sandbox/last-submission`)).json();
    const types = Object.fromEntries(Object.entries<{ type: string }>(received.images).map(([step, image]) => [step, image.type]));
    expect(types).toEqual({ FRONT: 'jpeg', FACE: 'jpeg', UTILITY_BILL: 'pdf', SELFIE_WITH_DOCUMENT: 'jpeg' });
    expect(received.documentType).toBe('PASSPORT');
    expect(received.country).toBe('LV');
    await page.close();
  });

  it('refuses a foreign token, a non-JSON body and an oversized body before the vendor', async () => {
    const post = (body: BodyInit, type = 'application/json') =>
      fetch(`${harness.origin}/api/submit`, { method: 'POST', headers: { 'content-type': type }, body });
    const foreign = await post(JSON.stringify({ authToken: 'NOT-MINTED', country: 'LT', documentType: 'PASSPORT', images: {}, additionalImages: {} }));
    expect([401, 403]).toContain(foreign.status);
    expect(await foreign.json()).toMatchObject({ identifier: expect.any(String) });
    expect((await post('authToken=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('x'.repeat(60_000_000))).status).toBe(413);
  });
});
