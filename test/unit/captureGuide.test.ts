import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureGuide, FRAME_ASPECT, frameRect, type CaptureFrame } from '../../src/core/captureGuide.ts';
import { DOCUMENT_TYPES } from '../../src/core/token.ts';

const FRAMES = Object.keys(FRAME_ASPECT) as Exclude<CaptureFrame, 'NONE'>[];

describe('captureGuide', () => {
  it('uses the back camera and a card outline for cards, a page for passports, the front camera and an oval for the face', () => {
    expect(captureGuide('DOCUMENT_FRONT', 'ID_CARD')).toEqual({ frame: 'CARD', facing: 'environment', mirrorPreview: false });
    expect(captureGuide('DOCUMENT_BACK', 'DRIVER_LICENSE').frame).toBe('CARD');
    expect(captureGuide('DOCUMENT_FRONT', 'PASSPORT').frame).toBe('PASSPORT_PAGE');
    expect(captureGuide('FACE', 'PASSPORT')).toEqual({ frame: 'FACE', facing: 'user', mirrorPreview: true });
    expect(captureGuide('UTILITY_BILL', 'ID_CARD').frame).toBe('A4_PAGE');
    // An "other" document may be any shape: no outline rather than a wrong one.
    expect(captureGuide('DOCUMENT_FRONT', 'OTHER').frame).toBe('NONE');
    expect(captureGuide('ADDITIONAL', 'ID_CARD')).toEqual({ frame: 'NONE', facing: 'environment', mirrorPreview: false });
  });

  it('never mirrors a document preview, whatever the document', () => {
    for (const documentType of [...DOCUMENT_TYPES, null]) {
      for (const role of ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'UTILITY_BILL', 'ADDITIONAL'] as const) {
        expect(captureGuide(role, documentType).mirrorPreview).toBe(false);
      }
    }
  });
});

describe('frameRect', () => {
  const viewAspect = fc.double({ min: 0.3, max: 3.5, noNaN: true });
  const frame = fc.constantFrom(...FRAMES);

  it('is centred, inside the preview, with the object’s true proportions on screen', () => {
    fc.assert(
      fc.property(viewAspect, frame, (aspect, kind) => {
        const rect = frameRect(aspect, kind);
        expect(rect.x).toBeGreaterThan(0);
        expect(rect.y).toBeGreaterThan(0);
        expect(rect.x + rect.width).toBeLessThan(1);
        expect(rect.y + rect.height).toBeLessThan(1);
        expect(rect.x).toBeCloseTo(1 - rect.x - rect.width, 9);
        expect(rect.y).toBeCloseTo(1 - rect.y - rect.height, 9);
        // On screen the preview is `aspect` wide per unit of height.
        expect((rect.width * aspect) / rect.height).toBeCloseTo(FRAME_ASPECT[kind], 9);
        // As large as allowed: one side reaches the margin.
        expect(Math.max(rect.width, rect.height)).toBeCloseTo(0.86, 9);
      }),
    );
  });

  it('fills the width for a card in a portrait phone preview', () => {
    const rect = frameRect(9 / 16, 'CARD');
    expect(rect.width).toBeCloseTo(0.86, 9);
    expect(rect.height).toBeCloseTo((0.86 * (9 / 16)) / (85.6 / 54), 9);
  });
});
