import { describe, expect, it } from 'vitest';
import { planBudget } from '../../src/core/budget.ts';
import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES } from '../../src/core/limits.ts';
import { blobToBase64 } from '../../src/compress/base64.ts';
import { compressImageWithDetails } from '../../src/compress/compressImage.ts';
import { bytesOf, documentPhoto, facePhoto, heicOf, metadataIn, screenshotPng } from './compressFixtures.ts';

describe('four large images sharing one /process request', () => {
  it('all fit the 20 MB together, each at full resolution, none with metadata', async () => {
    const budget = planBudget(4);
    // None is over 4096 px, so none may lose a pixel to the budget.
    const inputs: [step: string, file: Blob, size: [number, number]][] = [
      ['FRONT', await documentPhoto({ seed: 11 }), [4032, 3024]],
      ['BACK', await heicOf(await documentPhoto({ seed: 12 })), [4032, 3024]],
      ['FACE', await facePhoto(), [3024, 4032]],
      ['UTILITY_BILL', await screenshotPng(), [2880, 1800]],
    ];
    const images: Record<string, string> = {};
    for (const [step, file, size] of inputs) {
      const result = await compressImageWithDetails(file, { budgetBytes: budget.bytes });
      expect(metadataIn(await bytesOf(result.blob)), step).toEqual([]);
      expect([result.width, result.height], step).toEqual(size);
      images[step] = await blobToBase64(result.blob);
      expect(images[step].length, step).toBeLessThanOrEqual(Math.min(budget.base64Chars, MAX_IMAGE_BASE64_CHARS));
    }
    const body = JSON.stringify({ authToken: 'x'.repeat(64), country: 'LT', documentType: 'ID_CARD', images, additionalImages: {} });
    expect(body.length).toBeLessThanOrEqual(MAX_PROCESS_REQUEST_BYTES);
    // And the budget is used, not wasted: together they take most of the request.
    expect(body.length).toBeGreaterThan(0.6 * MAX_PROCESS_REQUEST_BYTES);
  });
});
