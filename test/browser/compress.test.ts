import { beforeAll, describe, expect, it } from 'vitest';
import { planBudget } from '../../src/core/budget.ts';
import { blobToBase64 } from '../../src/compress/base64.ts';
import { compressImage, compressImageWithDetails, workerResourceUrls, type CompressedImage } from '../../src/compress/compressImage.ts';
import { isImageError, type ImageErrorCode } from '../../src/compress/errors.ts';
import { readJpegInfo } from '../../src/core/jpeg.ts';
import { prepareUpload } from '../../src/compress/prepareUpload.ts';
import { bytesOf, commentSegment, documentPhoto, exifSegment, insertAfterSoi, isJpeg, markedJpeg, sampleColor, smallPng } from './compressFixtures.ts';

/** What a rejection carried, so a wrong code shows up in the assertion message. */
async function codeOf(promise: Promise<unknown>): Promise<ImageErrorCode | string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return isImageError(error) ? error.code : `not an ImageError: ${String(error)}`;
  }
}

async function expectValidJpeg(result: CompressedImage, budget: number): Promise<Uint8Array> {
  const bytes = await bytesOf(result.blob);
  expect(isJpeg(bytes)).toBe(true);
  expect(result.blob.type).toBe('image/jpeg');
  expect(result.bytes).toBe(result.blob.size);
  expect(result.bytes).toBeLessThanOrEqual(budget);
  // The reported size is the real one, and no metadata rides along.
  const info = readJpegInfo(bytes);
  expect(info).not.toBeNull();
  expect([info?.width, info?.height]).toEqual([result.width, result.height]);
  expect(hasSegment(bytes, 0xe1)).toBe(false);
  return bytes;
}

/** Whether a marker occurs among the header segments (before the first SOS). */
function hasSegment(bytes: Uint8Array, marker: number): boolean {
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const m = bytes[pos + 1]!;
    if (m === marker) return true;
    if (m === 0xda) return false;
    pos += 2 + ((bytes[pos + 2]! << 8) | bytes[pos + 3]!);
  }
  return false;
}

describe('compressImage on a 12 MP document photo', () => {
  let photo: Blob;

  beforeAll(async () => {
    photo = await documentPhoto({ width: 4032, height: 3024, quality: 0.95 });
    // The fixture must be a realistic challenge: bigger than even the single-image budget.
    expect(photo.size).toBeGreaterThan(planBudget(1).bytes);
  });

  it.each([
    ['one image alone', 1],
    ['four images sharing 20 MB', 4],
    ['five images sharing 20 MB', 5],
  ])('fits the budget for %s', async (_name, images) => {
    const budget = planBudget(images).bytes;
    if (images === 1) expect(budget).toBe(4_500_000);
    const result = await compressImageWithDetails(photo, { budgetBytes: budget });
    await expectValidJpeg(result, budget);
    expect(result.width).toBeLessThanOrEqual(4032);
    expect(result.height).toBeLessThanOrEqual(3024);
    expect(result.width / result.height).toBeCloseTo(4032 / 3024, 2);
    // Budget used well: not needlessly small.
    expect(result.bytes).toBeGreaterThan(budget * 0.75);
    console.info(`budget ${budget}: ${result.bytes} bytes, ${result.width}×${result.height}, q=${result.quality}, ${result.engine}, ${result.encodes} encodes`);
  });

  it('caps the long side, keeping the aspect ratio', async () => {
    const result = await compressImage(photo, { budgetBytes: 4_500_000, maxLongSide: 2000 });
    await expectValidJpeg(result, 4_500_000);
    expect([result.width, result.height]).toEqual([2000, 1500]);
  });

  it('reports progress up to 1', async () => {
    const seen: number[] = [];
    await compressImage(photo, { budgetBytes: 3_000_000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
  });

  it('converges with the browser-image-compression fallback alone, from the same worker', async () => {
    const budget = planBudget(4).bytes;
    const result = await compressImageWithDetails(photo, { budgetBytes: budget, engine: 'library' });
    expect(result.engine).toBe('library');
    await expectValidJpeg(result, budget);
  });

  it('answers TOO_LARGE when no JPEG can be that small', async () => {
    // The JPEG tables alone take ~600 bytes.
    expect(await codeOf(compressImage(photo, { budgetBytes: 300 }))).toBe('TOO_LARGE');
  });

  it('rejects with the abort reason and keeps working afterwards', async () => {
    const controller = new AbortController();
    const pending = compressImage(photo, { budgetBytes: 3_000_000, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const result = await compressImage(await smallPng(), { budgetBytes: 100_000 });
    expect(result.width).toBe(320);
  });

  it('cancels work already in the worker', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const pending = compressImage(photo, {
      budgetBytes: 3_000_000,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBe(1);
    expect((await compressImage(photo, { budgetBytes: 4_500_000 })).bytes).toBeLessThanOrEqual(4_500_000);
  });

  it('never fetches from another origin (page or worker)', async () => {
    await compressImage(photo, { budgetBytes: 3_000_000 });
    const urls = [...performance.getEntriesByType('resource').map((e) => e.name), ...(await workerResourceUrls())];
    expect(urls.length).toBeGreaterThan(0);
    const foreign = urls.filter((url) => !url.startsWith('data:') && new URL(url).origin !== location.origin);
    expect(foreign).toEqual([]);
  });
});

describe('compressImage on other inputs', () => {
  it('keeps a small PNG at its size (never upscales)', async () => {
    const result = await compressImage(await smallPng(320, 200), { budgetBytes: 4_500_000 });
    await expectValidJpeg(result, 4_500_000);
    expect([result.width, result.height]).toEqual([320, 200]);
  });

  it('paints transparency white, not black', async () => {
    const canvas = new OffscreenCanvas(100, 100);
    canvas.getContext('2d')!.fillRect(0, 0, 50, 100); // left half black, right half transparent
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const result = await compressImage(png, { budgetBytes: 100_000 });
    const [r, g, b] = await sampleColor(result.blob, 80, 50);
    expect(Math.min(r, g, b)).toBeGreaterThan(240);
  });

  it('converts WebP', async () => {
    const webp = await documentPhoto({ width: 1600, height: 1200, type: 'image/webp', quality: 0.9 });
    const result = await compressImage(webp, { budgetBytes: 1_000_000 });
    await expectValidJpeg(result, 1_000_000);
    expect([result.width, result.height]).toEqual([1600, 1200]);
  });

  it('applies EXIF orientation 6 exactly once', async () => {
    const stored = await markedJpeg(300, 200); // red left half
    const rotated = new Blob([insertAfterSoi(stored, exifSegment(6))], { type: 'image/jpeg' });
    const result = await compressImage(rotated, { budgetBytes: 4_500_000 });
    await expectValidJpeg(result, 4_500_000);
    expect([result.width, result.height]).toEqual([200, 300]);
    // Orientation 6 turns the picture 90° clockwise: the stored left edge becomes the top.
    const top = await sampleColor(result.blob, 100, 60);
    const bottom = await sampleColor(result.blob, 100, 240);
    expect(top[0]).toBeGreaterThan(200);
    expect(top[1]).toBeLessThan(60);
    expect(bottom[1]).toBeGreaterThan(200);
  });

  it('passes a JPEG already within budget through untouched except for its metadata', async () => {
    const clean = await markedJpeg(640, 480);
    const trailer = new TextEncoder().encode('TRAILING MAKER DATA');
    const tagged = insertAfterSoi(clean, exifSegment(1, { make: 'SecretCam GPS' }), commentSegment('shot at home'));
    const input = new Blob([tagged, trailer], { type: 'image/jpeg' });
    const result = await compressImageWithDetails(input, { budgetBytes: 4_500_000 });
    expect(result.engine).toBe('passthrough');
    const bytes = await expectValidJpeg(result, 4_500_000);
    // Canvas JPEGs carry only JFIF, so stripping the rest gives back exactly the clean file.
    expect(bytes).toEqual(clean);
  });

  it('re-encodes a JPEG within budget that is not upright', async () => {
    const stored = await markedJpeg(64, 32);
    const result = await compressImageWithDetails(new Blob([insertAfterSoi(stored, exifSegment(8))]), { budgetBytes: 100_000 });
    expect(result.engine).toBe('native');
    expect([result.width, result.height]).toEqual([32, 64]);
  });

  it.each<[string, () => Promise<Blob> | Blob, ImageErrorCode]>([
    ['a text file named .jpg', () => new File(['hello, not a photo\n'], 'photo.jpg', { type: 'image/jpeg' }), 'UNSUPPORTED_TYPE'],
    ['zero bytes', () => new File([], 'empty.jpg', { type: 'image/jpeg' }), 'EMPTY_FILE'],
    ['a truncated JPEG', async () => {
      const whole = await bytesOf(await documentPhoto({ width: 800, height: 600 }));
      return new Blob([whole.slice(0, Math.floor(whole.length * 0.6))], { type: 'image/jpeg' });
    }, 'DECODE_FAILED'],
    ['a HEIC header with no image behind it', () => new Blob([Uint8Array.from([0, 0, 0, 24, ...'ftypheic'].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c))), new Uint8Array(64)]), 'DECODE_FAILED'],
    ['a GIF', () => new Blob(['GIF89a\x01\x00\x01\x00']), 'UNSUPPORTED_TYPE'],
    ['a PDF (the caller handles those)', () => new Blob(['%PDF-1.7\n']), 'UNSUPPORTED_TYPE'],
  ])('refuses %s', async (_name, make, code) => {
    expect(await codeOf(compressImage(await make(), { budgetBytes: 4_500_000 }))).toBe(code);
  });
});

describe('prepareUpload', () => {
  const pdf = new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], { type: 'application/octet-stream' });

  it('passes a PDF through where PDFs are allowed, labelled by its bytes', async () => {
    const result = await prepareUpload(pdf, { budgetBytes: 4_500_000, allowPdf: true });
    expect(result.kind).toBe('pdf');
    expect(result.blob.type).toBe('application/pdf');
    expect(result.bytes).toBe(pdf.size);
    expect(await bytesOf(result.blob)).toEqual(await bytesOf(pdf));
  });

  it('refuses a PDF where not allowed, or over budget', async () => {
    expect(await codeOf(prepareUpload(pdf, { budgetBytes: 4_500_000, allowPdf: false }))).toBe('PDF_NOT_ALLOWED');
    expect(await codeOf(prepareUpload(pdf, { budgetBytes: 10, allowPdf: true }))).toBe('TOO_LARGE');
    await expect(prepareUpload(pdf, { budgetBytes: 10, allowPdf: true })).rejects.toMatchObject({ code: 'TOO_LARGE', detectedType: 'pdf' });
  });

  it('tells which type was detected, so the UI can single out HEIC', async () => {
    const heic = new Blob([Uint8Array.from([0, 0, 0, 16, ...Array.from('ftypheic', (c) => c.charCodeAt(0)), 0, 0, 0, 0])]);
    await expect(prepareUpload(heic, { budgetBytes: 4_500_000, allowPdf: true })).rejects.toMatchObject({ code: 'DECODE_FAILED', detectedType: 'heic' });
    const photo = await documentPhoto({ width: 1200, height: 900 });
    await expect(prepareUpload(photo, { budgetBytes: 300, allowPdf: true })).rejects.toMatchObject({ code: 'TOO_LARGE', detectedType: 'jpeg' });
  });

  it('compresses an image', async () => {
    const result = await prepareUpload(await smallPng(), { budgetBytes: 100_000, allowPdf: true });
    expect(result.kind).toBe('image');
    if (result.kind === 'image') expect([result.width, result.height]).toEqual([320, 200]);
  });
});

describe('blobToBase64', () => {
  it('gives plain base64 without the data: prefix', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);
    const expected = btoa(String.fromCharCode(...bytes));
    expect(await blobToBase64(new Blob([bytes], { type: 'image/jpeg' }))).toBe(expected);
    expect(await blobToBase64(new Blob([]))).toBe('');
  });
});
