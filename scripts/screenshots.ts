/**
 * `npm run screenshots`: walks the hosted page on the sandbox and saves every screen at phone and
 * desktop width to screenshots/ (git-ignored), for checking layouts by eye.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { makeDocumentPhoto, startHarness } from '../test/e2e/harness';

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
const locale = process.argv[2] ?? 'en';
const out = new URL('../screenshots/', import.meta.url);

const harness = await startHarness({ MARKID_TOKEN_DEFAULTS: JSON.stringify({ utilityBill: true }) });
try {
  await mkdir(out, { recursive: true });
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const page = await harness.browser.newPage({ viewport });
    await walk(page, async (screen) => {
      await page.screenshot({ path: new URL(`${locale}-${name}-${screen}.png`, out).pathname, fullPage: true });
    });
    await page.close();
  }
  console.log(`screenshots written to ${out.pathname}`);
} finally {
  await harness.close();
}

async function walk(page: Page, shoot: (screen: string) => Promise<void>) {
  await page.goto(`${harness.origin}/?locale=${locale}`);
  const photo = await makeDocumentPhoto(page, 3);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const primary = () => page.locator('.mk-actions .mk-button--primary');
  const choose = async (buffer: Buffer, fileName: string, mimeType: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.mk-dropzone button').click()]);
    await chooser.setFiles({ name: fileName, mimeType, buffer });
    await page.locator('.mk-figure').waitFor({ timeout: 60_000 });
  };
  await page.locator('h1').waitFor();
  await shoot('1-instructions');
  await primary().click();
  await page.locator('input[type=search]').fill('lt');
  await page.locator('input[value=LT]').check();
  await shoot('2-country');
  await primary().click();
  await page.locator('input[value=ID_CARD]').check();
  await shoot('3-document');
  await primary().click();
  await shoot('4-front-empty');
  await choose(photo, 'front.jpg', 'image/jpeg');
  await shoot('5-front-ready');
  await primary().click();
  await choose(photo, 'back.jpg', 'image/jpeg');
  await primary().click();
  await choose(photo, 'face.jpg', 'image/jpeg');
  await primary().click();
  await page.locator('.mk-dropzone').waitFor();
  await shoot('6-utility-bill');
  await choose(pdf, 'bill.pdf', 'application/pdf');
  await primary().click();
  await page.locator('.mk-review').waitFor();
  await shoot('7-review');
  await primary().click();
  await page.locator('.sandbox-receipt').waitFor({ timeout: 60_000 });
  await shoot('8-done');
}
