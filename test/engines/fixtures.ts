import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentPhotoScript } from '../e2e/harness.ts';
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
  return Buffer.from(await page.evaluate<string>(documentPhotoScript(seed)), 'base64');
}
