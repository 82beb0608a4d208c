import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnginePage } from './driver.ts';

/** A folder for the files a test hands to `<input type=file>`: WebDriver takes paths, not bytes. */
export async function tempFolder(): Promise<{ path: string; write(name: string, bytes: Buffer): Promise<string>; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'markid-engines-'));
  return {
    path,
    async write(name, bytes) {
      const file = join(path, name);
      await writeFile(file, bytes);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** A 12-megapixel document-like phone photo (~5-6 MB JPEG), drawn by the shared fixture in the engine under test. */
export async function makeDocumentPhoto(page: EnginePage, seed: number): Promise<Buffer> {
  const base64 = await page.evaluate<string>(`(async () => {
    const fixtures = await import('/test/browser/compressFixtures.ts');
    const blob = await fixtures.documentPhoto({ seed: ${Number(seed)} });
    const url = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
    return url.slice(url.indexOf(',') + 1);
  })()`);
  return Buffer.from(base64, 'base64');
}
