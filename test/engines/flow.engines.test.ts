import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectIdCardReceipt } from '../e2e/receipt.ts';
import { launchEngine, type Engine, type EngineName, type EnginePage } from './driver.ts';
import { makeDocumentPhoto, tempFolder } from './fixtures.ts';

/**
 * The upload flow of test/e2e/flow.e2e.test.ts in WebKit and Firefox: three generated 12 MP
 * photos through the hosted page to the sandbox, asserting what the sandbox received.
 */
const origin = inject('pageOrigin');

describe.each<EngineName>(['webkit', 'firefox'])('the hosted page in %s', (name) => {
  let engine: Engine;
  let folder: Awaited<ReturnType<typeof tempFolder>>;

  beforeAll(async () => {
    [engine, folder] = await Promise.all([launchEngine(name), tempFolder()]);
    console.info(`engine: ${engine.version}`);
  });
  afterAll(async () => {
    await engine?.close();
    await folder?.remove();
  });

  async function expectAccessible(page: EnginePage) {
    expect(await page.axeViolations()).toEqual([]);
  }

  async function uploadAndContinue(page: EnginePage, path: string) {
    // The drop zone comes with the step's camera chunk (the step allows the camera).
    await page.waitFor({ role: 'button', name: /^Choose (a|another) file$/ }, 60_000);
    await page.setInputFiles('input[type=file]', [path]);
    await page.waitFor({ text: /Photo ready/ }, 90_000);
    await expectAccessible(page);
    await page.click({ role: 'button', name: 'Continue' });
  }

  it('takes three 12-megapixel photos to the vendor as one valid /process request', async () => {
    const page = await engine.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${origin}/?locale=en`);
    const paths: string[] = [];
    for (const [i, file] of ['front.jpg', 'back.jpg', 'selfie.jpg'].entries()) {
      const photo = await makeDocumentPhoto(page, i + 1);
      expect(photo.length).toBeGreaterThan(4_500_000);
      paths.push(await folder.write(file, photo));
    }

    await page.waitFor({ role: 'heading', level: 1, name: 'Before you start' });
    await expectAccessible(page);
    await page.click({ role: 'button', name: 'Start' });

    await page.waitFor({ role: 'heading', name: 'Which country issued your document?' });
    await page.fill({ label: 'Search for a country' }, 'lithuania');
    await page.click({ role: 'radio', name: 'Lithuania' });
    await expectAccessible(page);
    await page.click({ role: 'button', name: 'Continue' });

    await page.click({ role: 'radio', name: 'Identity card' });
    await expectAccessible(page);
    await page.click({ role: 'button', name: 'Continue' });

    await page.waitFor({ role: 'heading', name: 'Front of your identity card' });
    await uploadAndContinue(page, paths[0]!);
    await page.waitFor({ role: 'heading', name: 'Back of your identity card' });
    await uploadAndContinue(page, paths[1]!);
    await page.waitFor({ role: 'heading', name: 'A photo of your face' });
    await uploadAndContinue(page, paths[2]!);

    await page.waitFor({ role: 'heading', name: 'Check your photos' });
    await expect.poll(() => page.count({ role: 'img' })).toBe(3);
    await expectAccessible(page);
    await page.click({ role: 'button', name: 'Submit' });

    await page.waitFor({ role: 'heading', name: 'Thank you, your photos were sent' }, 60_000);
    await expectAccessible(page);
    const requests = await page.requests();
    expect(requests.filter((url) => url.endsWith('/api/submit'))).toHaveLength(1);
    const foreign = requests.filter((url) => !url.startsWith(origin) && !/^(blob|data|about):/.test(url));
    expect(foreign).toEqual([]);
    expect((await page.consoleMessages()).filter((line) => line.startsWith('pageerror') || line.startsWith('error'))).toEqual([]);

    await expectIdCardReceipt(origin);
    await page.waitFor({ role: 'heading', name: 'Sandbox: what the vendor received' });
    await page.close();
  });
});
