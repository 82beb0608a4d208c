import { describe, expect, it } from 'vitest';
import { encodeJpeg } from '../../src/compress/canvas.ts';
import { compressImageWithDetails } from '../../src/compress/compressImage.ts';
import { isImageError } from '../../src/compress/errors.ts';
import { Failure } from '../../src/compress/failure.ts';
import { MAX_SOURCE_PIXELS } from '../../src/compress/protocol.ts';
import { bytesOf, documentPhoto, metadataIn, pixelFloodPng, quarterMarks } from './compressFixtures.ts';

describe('inputs larger than any canvas should be', () => {
  it('decodes a 48 MP photo straight to 4096 px, never onto a full-size canvas', async () => {
    const photo = await documentPhoto({ width: 8000, height: 6000, noise: 4, seed: 48 });
    const result = await compressImageWithDetails(photo, { budgetBytes: 4_500_000 });
    // 8000×6000 → 4096×3072, give or take the decoder's rounding of the short side.
    expect(result.width).toBe(4096);
    expect(Math.abs(result.height - 3072)).toBeLessThanOrEqual(1);
    expect(result.bytes).toBeLessThanOrEqual(4_500_000);
    // Nothing we allocated came near 48 MP: at most iOS's 16.7 MP canvas limit (4096²).
    expect(result.peakPixels).toBeLessThanOrEqual(4096 * 4096);
    expect(metadataIn(await bytesOf(result.blob))).toEqual([]);
  });

  it('survives a 16,000 × 16,000 pixel-flood PNG, downscaled while decoding', async () => {
    const flood = await pixelFloodPng(16_000);
    expect(flood.size).toBeLessThan(1_000_000);
    const result = await compressImageWithDetails(flood, { budgetBytes: 1_000_000 });
    expect([result.width, result.height]).toEqual([4096, 4096]);
    expect(result.peakPixels).toBeLessThanOrEqual(4096 * 4096);
    // Top-left quarter black, the rest white: the picture, not just its size, survived.
    expect(await quarterMarks(result.blob)).toEqual({ topLeft: 'dark', topRight: 'white', bottomLeft: 'white', bottomRight: 'white' });
  });

  it('refuses a header beyond what any browser decodes, before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_SOURCE_PIXELS)) + 2;
    const error = await compressImageWithDetails(await pixelFloodPng(side), { budgetBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(isImageError(error) && error.code).toBe('TOO_LARGE');
  });
});

describe('encoder failures', () => {
  it('turns a rejected convertToBlob into ENCODE_FAILED with the reason', async () => {
    const failing = { convertToBlob: () => Promise.reject(new DOMException('Encoding failed: out of memory', 'EncodingError')) };
    const error = await encodeJpeg(failing, 0.9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Failure);
    expect(error).toMatchObject({ code: 'ENCODE_FAILED', message: expect.stringContaining('out of memory') });
  });

  it('refuses an empty or non-JPEG blob from the encoder', async () => {
    await expect(encodeJpeg({ convertToBlob: () => Promise.resolve(new Blob([])) }, 0.9)).rejects.toMatchObject({ code: 'ENCODE_FAILED' });
    await expect(encodeJpeg({ convertToBlob: () => Promise.resolve(new Blob(['x'], { type: 'image/png' })) }, 0.9)).rejects.toMatchObject({ code: 'ENCODE_FAILED' });
  });
});
