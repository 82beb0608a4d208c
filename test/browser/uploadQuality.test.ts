import { describe, expect, it } from 'vitest';
import { compressImage } from '../../src/compress/compressImage.ts';
import type { UploadCheck } from '../../src/quality/uploadFindings.ts';
import { documentPhoto, facePhoto, heicOf, plainCardJpeg, screenshotPng } from './compressFixtures.ts';
import { scanJpeg } from './pdfFixtures.ts';
import { spoiledDocumentPhoto } from './uploadQualityFixtures.ts';

const CARD: UploadCheck = { scope: 'document', kind: 'idDocument' };
const BASIC: UploadCheck = { scope: 'basic' };
const BUDGET = 4_500_000;

const findings = async (file: Blob, check: UploadCheck) => {
  const result = await compressImage(file, { budgetBytes: BUDGET, check });
  return (result.findings ?? ['not checked']).map((finding) => (typeof finding === 'string' ? finding : finding.code));
};

describe('upload checks on sharp photos', () => {
  it.each([
    ['a 12 MP card photo', () => documentPhoto({ width: 4032, height: 3024, seed: 5 })],
    ['a 48 MP card photo', () => documentPhoto({ width: 8000, height: 6000, noise: 4, seed: 48 })],
    ['a PNG screenshot of a card', () => screenshotPng()],
    ['an iPhone HEIC of a card', async () => heicOf(await documentPhoto({ width: 4032, height: 3024 }))],
  ])('never flags %s', async (_name, make) => {
    expect(await findings(await make(), CARD)).toEqual([]);
  });

  it('never flags a crisp, plain, paper-white drawn card (the small photo the end-to-end walks use)', async () => {
    const card = await plainCardJpeg();
    expect(await findings(card, CARD)).toEqual([]);
    expect(await findings(card, { scope: 'document', kind: 'passport' })).toEqual([]);
  });

  it('never flags a selfie or a scanned page with the checks for other steps', async () => {
    expect(await findings(await facePhoto(), BASIC)).toEqual([]);
    expect(await findings(new Blob([(await scanJpeg(1, 1)) as Uint8Array<ArrayBuffer>]), BASIC)).toEqual([]);
  });

  it('runs no check unless asked', async () => {
    expect((await compressImage(await documentPhoto({ width: 1600, height: 1200 }), { budgetBytes: BUDGET })).findings).toBeUndefined();
  });
});

describe('upload checks on spoiled photos', () => {
  it.each([
    ['blurred', 'blur'],
    ['dark', 'dark'],
    ['glared', 'glare'],
  ] as const)('names a %s 12 MP card photo', async (how, code) => {
    expect(await findings(await spoiledDocumentPhoto(how), CARD)).toContain(code);
  });

  it('names blur and darkness on other steps too, but not what only a document has', async () => {
    expect(await findings(await spoiledDocumentPhoto('blurred'), BASIC)).toEqual(['blur']);
    expect(await findings(await spoiledDocumentPhoto('dark'), BASIC)).toEqual(['dark']);
  });

  it('names a photo below the legibility floor, and an empty table as no document', async () => {
    expect(await findings(await documentPhoto({ width: 1000, height: 750 }), CARD)).toContain('lowResolution');
    const table = new OffscreenCanvas(3000, 2000);
    const ctx = table.getContext('2d')!;
    ctx.fillStyle = '#8a6f55';
    ctx.fillRect(0, 0, 3000, 2000);
    expect(await findings(await table.convertToBlob({ type: 'image/jpeg' }), CARD)).toEqual(['noDocument']);
  });
});
