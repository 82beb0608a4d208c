import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, makeDocumentPhoto, startHarness, toFirstPhoto, type Harness } from './harness.ts';

/**
 * Uploaded card photos checked before they are spent: a blurred, a dark and a glared 12 MP photo
 * are each named on the front step, before anything is sent; a sharp one goes straight through.
 */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ MARKID_API_KEY: undefined, MARKID_API_SECRET: undefined, MARKID_TOKEN_DEFAULTS: undefined });
});
afterAll(async () => {
  await harness?.close();
});

/** A spoiled 12 MP card photo made in the page by test/browser/uploadQualityFixtures.ts. */
async function spoiledPhoto(page: Page, how: 'blurred' | 'dark' | 'glared'): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/uploadQualityFixtures.ts');
    const bytes = new Uint8Array(await (await fixtures.spoiledDocumentPhoto(${JSON.stringify(how)})).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`);
  return Buffer.from(base64, 'base64');
}

async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: /^Choose (a|another) file$/ }).first().click()]);
  await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer });
}

describe('uploaded photos of the card', () => {
  it('names a blurred, a dark and a glared 12 MP photo before it is kept, and lets a sharp one through', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${harness.origin}/?locale=en`);
    const photos = { blurred: await spoiledPhoto(page, 'blurred'), dark: await spoiledPhoto(page, 'dark'), glared: await spoiledPhoto(page, 'glared') };
    const sharp = await makeDocumentPhoto(page, 4);
    await toFirstPhoto(page);
    await page.getByRole('heading', { name: 'Front of your identity card' }).waitFor();
    const continueButton = page.getByRole('button', { name: 'Continue' });

    const expected = { blurred: 'It is blurred: the text may not be readable.', dark: 'It is too dark.', glared: 'A reflection hides part of the document.' };
    for (const [how, buffer] of Object.entries(photos) as [keyof typeof photos, Buffer][]) {
      await upload(page, `${how}.jpg`, buffer);
      await page.getByText('This photo may not be accepted').waitFor({ timeout: 60_000 });
      await page.getByText(expected[how]).waitFor();
      // Nothing kept: the step still has no photo to continue with.
      expect(await continueButton.isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Use it anyway' }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    }

    // "Choose another file" is the main way on: it opens the picker; a sharp photo goes straight through.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose another file' }).first().click()]);
    await chooser.setFiles({ name: 'sharp.jpg', mimeType: 'image/jpeg', buffer: sharp });
    await page.getByText(/Photo ready/).waitFor({ timeout: 60_000 });
    expect(await page.getByText('This photo may not be accepted').count()).toBe(0);
    expect(await continueButton.isDisabled()).toBe(false);

    // A flagged photo can still be kept where the gate is 'warn' (the default).
    await upload(page, 'dark.jpg', photos.dark);
    await page.getByRole('button', { name: 'Use it anyway' }).click({ timeout: 60_000 });
    await page.getByText(/Photo ready/).waitFor();
    expect(await continueButton.isDisabled()).toBe(false);
    await page.close();
  });
});
