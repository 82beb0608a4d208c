import { describe, expect, it } from 'vitest';
import { compressImageWithDetails } from '../../src/compress/compressImage.ts';
import { bytesOf, metadataIn, orientedJpeg, quarterMarks } from './compressFixtures.ts';

/** The picture as the person saw it: red top-left, blue top-right, white below. */
const UPRIGHT = { topLeft: 'red', topRight: 'blue', bottomLeft: 'white', bottomRight: 'white' };

describe('EXIF orientation, applied exactly once', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i comes out upright, without metadata', async (orientation) => {
    const input = new Blob([await orientedJpeg(orientation, 360, 240)], { type: 'image/jpeg' });
    const result = await compressImageWithDetails(input, { budgetBytes: 4_500_000 });
    // Only an upright JPEG may skip the re-encode; every other one is turned on the canvas.
    expect(result.engine).toBe(orientation === 1 ? 'passthrough' : 'native');
    expect([result.width, result.height]).toEqual([360, 240]);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
    expect(metadataIn(await bytesOf(result.blob))).toEqual([]);
  });

  it.each([1, 6])('orientation %i survives a downscale while decoding and a re-encode, with the bitmap adopted as it is where upright', async (orientation) => {
    const bytes = await orientedJpeg(orientation, 5000, 3000, 0.9, 6);
    const result = await compressImageWithDetails(new Blob([bytes]), { budgetBytes: 4_500_000 });
    expect(result.width).toBe(4096);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
  });

  it.each([1, 3, 6])('orientation %i survives a re-encode forced by the budget', async (orientation) => {
    const bytes = await orientedJpeg(orientation, 2000, 1200, 0.98, 6);
    const result = await compressImageWithDetails(new Blob([bytes]), { budgetBytes: Math.round(bytes.length * 0.8) });
    expect(result.engine).toBe('native');
    expect([result.width, result.height]).toEqual([2000, 1200]);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
  });

  it.each([5, 6, 7, 8])('orientation %i is applied before a downscale while decoding, not stretched', async (orientation) => {
    // 5000 px tall as seen, so the decoder is asked for a 4096 px long side.
    const input = new Blob([await orientedJpeg(orientation, 3000, 5000, 0.8)], { type: 'image/jpeg' });
    const result = await compressImageWithDetails(input, { budgetBytes: 4_500_000 });
    // 3000×5000 → 2458×4096, give or take the decoder's rounding of the short side.
    expect(result.height).toBe(4096);
    expect(Math.abs(result.width - 2458)).toBeLessThanOrEqual(1);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
    expect(result.peakPixels).toBeLessThanOrEqual(2459 * 4096);
  });
});
