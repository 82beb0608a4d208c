import { describe, expect, it } from 'vitest';
import { server } from 'vitest/browser';
import { planBudget } from '../../src/core/budget.ts';
import { sniffFileType } from '../../src/core/fileType.ts';
import { compressImageWithDetails, workerResourceUrls } from '../../src/compress/compressImage.ts';
import { prepareUpload } from '../../src/compress/prepareUpload.ts';
import { applyOrientation, bytesOf, documentPhoto, heicOf, markedCanvas, metadataIn, quarterMarks, smallPng } from './compressFixtures.ts';

const UPRIGHT = { topLeft: 'red', topRight: 'blue', bottomLeft: 'white', bottomRight: 'white' };

const libheifUrls = async (): Promise<string[]> => (await workerResourceUrls()).filter((url) => url.includes('libheif'));

describe('HEIC/HEIF', () => {
  it('loads the decoder only when a HEIC file arrives, from the page origin', async () => {
    await compressImageWithDetails(await smallPng(), { budgetBytes: 100_000 });
    expect(await libheifUrls()).toEqual([]);
    const heic = await heicOf(markedCanvas(320, 240));
    expect(sniffFileType(await bytesOf(heic))).toBe('heic');
    await compressImageWithDetails(heic, { budgetBytes: 100_000 });
    const loaded = await libheifUrls();
    // WebKit leaves out of Resource Timing the modules it serves from its memory cache, e.g. the
    // decoder an earlier test file's worker loaded in the same run: there only the first half shows.
    if (server.browser !== 'webkit') expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((url) => new URL(url).origin === location.origin)).toBe(true);
  });

  it('converts to an upright JPEG without metadata', async () => {
    const result = await compressImageWithDetails(await heicOf(markedCanvas(640, 480)), { budgetBytes: 4_500_000 });
    expect(result.blob.type).toBe('image/jpeg');
    expect([result.width, result.height]).toEqual([640, 480]);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
    expect(metadataIn(await bytesOf(result.blob))).toEqual([]);
  });

  it('applies the rotation stored in the file (irot) exactly once', async () => {
    // Stored turned a quarter clockwise; `irot` tells the reader to turn it back.
    const stored = new OffscreenCanvas(480, 640);
    const ctx = stored.getContext('2d')!;
    applyOrientation(ctx, 6, 640, 480);
    ctx.drawImage(markedCanvas(640, 480), 0, 0);
    const result = await compressImageWithDetails(await heicOf(stored, { quarterTurns: 1 }), { budgetBytes: 4_500_000 });
    expect([result.width, result.height]).toEqual([640, 480]);
    expect(await quarterMarks(result.blob)).toEqual(UPRIGHT);
  });

  it('brings a 12 MP iPhone-sized photo within a four-image budget at full resolution', async () => {
    const heic = await heicOf(await documentPhoto({ width: 4032, height: 3024 }));
    const budget = planBudget(4).bytes;
    const result = await compressImageWithDetails(heic, { budgetBytes: budget });
    expect(result.bytes).toBeLessThanOrEqual(budget);
    expect(result.bytes).toBeGreaterThan(budget * 0.75);
    expect([result.width, result.height]).toEqual([4032, 3024]);
    expect(metadataIn(await bytesOf(result.blob))).toEqual([]);
  });

  it('goes through prepareUpload like any photo', async () => {
    const result = await prepareUpload(await heicOf(markedCanvas(200, 100)), { budgetBytes: 100_000, allowPdf: false });
    expect(result.kind).toBe('image');
  });
});
