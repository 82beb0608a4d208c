import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endsLikePdf, isBlank, previewDrawing, UPLOAD_MAX_LONG_SIDE, UPLOAD_MAX_PIXELS, UPLOAD_MIN_LONG_SIDE, uploadDrawing } from '../../src/core/pdfPage.ts';

describe('uploadDrawing', () => {
  it('draws A4 and US Letter at 200 dpi', () => {
    expect(uploadDrawing({ width: 595.28, height: 841.89 })).toMatchObject({ width: 1654, height: 2339 });
    expect(uploadDrawing({ width: 612, height: 792 })).toMatchObject({ width: 1700, height: 2200 });
  });

  it('draws a receipt-sized page up to the legibility floor and a poster down to the canvas ceiling', () => {
    expect(Math.max(...Object.values(uploadDrawing({ width: 200, height: 300 })).slice(1))).toBe(UPLOAD_MIN_LONG_SIDE);
    expect(uploadDrawing({ width: 2384, height: 3370 }).height).toBe(UPLOAD_MAX_LONG_SIDE);
  });

  it('stays within the canvas limits and at or above 200 dpi where they allow, for any page size', () => {
    fc.assert(
      fc.property(fc.double({ min: 20, max: 14_400, noNaN: true }), fc.double({ min: 20, max: 14_400, noNaN: true }), (width, height) => {
        const drawing = uploadDrawing({ width, height });
        expect(Math.max(drawing.width, drawing.height)).toBeLessThanOrEqual(UPLOAD_MAX_LONG_SIDE);
        expect(drawing.width * drawing.height).toBeLessThanOrEqual(UPLOAD_MAX_PIXELS * 1.001);
        const limited = Math.max(width, height) * (200 / 72) > UPLOAD_MAX_LONG_SIDE || width * height * (200 / 72) ** 2 > UPLOAD_MAX_PIXELS;
        if (!limited) expect(drawing.scale).toBeGreaterThanOrEqual(200 / 72);
      }),
    );
  });

  it('refuses a page without a size', () => {
    expect(() => uploadDrawing({ width: 0, height: 842 })).toThrow(RangeError);
    expect(() => uploadDrawing({ width: Number.NaN, height: 842 })).toThrow(RangeError);
  });
});

describe('previewDrawing', () => {
  it('fits the CSS width at the screen pixel ratio, capped at 3', () => {
    expect(previewDrawing({ width: 595, height: 842 }, 100, 2).width).toBe(200);
    expect(previewDrawing({ width: 595, height: 842 }, 100, 5).width).toBe(300);
    expect(previewDrawing({ width: 595, height: 842 }, 100, 0.5).width).toBe(100);
  });
});

describe('isBlank', () => {
  const rgba = (...pixels: number[][]) => Uint8ClampedArray.from(pixels.flatMap(([r, g, b]) => [r!, g!, b!, 255]));
  it('is true for one colour within a few levels and false with any ink', () => {
    expect(isBlank(rgba([255, 255, 255], [250, 252, 255]))).toBe(true);
    expect(isBlank(rgba([255, 255, 255], [255, 255, 255], [120, 120, 120]))).toBe(false);
    expect(isBlank(new Uint8ClampedArray())).toBe(true);
  });
});

describe('endsLikePdf', () => {
  const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  it('finds %%EOF in the last kilobyte, after trailing junk too, and not in a cut-off file', () => {
    expect(endsLikePdf(bytes('...startxref\n123\n%%EOF\n'))).toBe(true);
    expect(endsLikePdf(bytes(`%%EOF\n${'\0'.repeat(500)}`))).toBe(true);
    expect(endsLikePdf(bytes(`%%EOF${' '.repeat(2000)}`))).toBe(false);
    expect(endsLikePdf(bytes('1 0 obj << /Length 99 >> stream\nxx'))).toBe(false);
  });
});
