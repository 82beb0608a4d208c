import { describe, expect, it } from 'vitest';
import { frameFromRgba } from '../../src/quality/frame.ts';
import { LEGIBLE_LONG_SIDE, uploadCheckFor, uploadFindings } from '../../src/quality/uploadFindings.ts';

/** A frame of text-like stripes (sharp detail everywhere) at grey levels `ink` on `paper`. */
function stripes(width: number, height: number, paper: number, ink: number, smear = 0) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const phase = ((x + Math.floor(y / 3) * 2) % 8) / 8;
      // `smear` turns the hard-edged stripe into a slow ramp, as a focus miss does.
      const value = smear ? paper + (ink - paper) * (0.5 + 0.5 * Math.sin(2 * Math.PI * (x / (8 * smear) + y / 97))) : phase < 0.25 ? ink : paper;
      rgba.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return frameFromRgba(rgba, width, height);
}

describe('uploadCheckFor', () => {
  it('gives ID-document steps the document checks and every other step the basic ones', () => {
    expect(uploadCheckFor('CARD')).toEqual({ scope: 'document', kind: 'idDocument' });
    expect(uploadCheckFor('PASSPORT_PAGE')).toEqual({ scope: 'document', kind: 'passport' });
    for (const frame of ['A4_PAGE', 'FACE', 'NONE'] as const) expect(uploadCheckFor(frame)).toEqual({ scope: 'basic' });
  });
});

describe('uploadFindings, basic checks', () => {
  it('finds nothing wrong with sharp, well-lit detail', () => {
    expect(uploadFindings(stripes(480, 360, 200, 40), { scope: 'basic' }, { width: 4032, height: 3024 })).toEqual([]);
  });

  it('names darkness, blur and a source under the legibility floor', () => {
    expect(uploadFindings(stripes(480, 360, 50, 10), { scope: 'basic' }, { width: 4032, height: 3024 })).toEqual([{ code: 'dark' }]);
    expect(uploadFindings(stripes(480, 360, 200, 40, 6), { scope: 'basic' }, { width: 4032, height: 3024 })).toEqual([{ code: 'blur' }]);
    expect(uploadFindings(stripes(480, 360, 200, 40), { scope: 'basic' }, { width: 1000, height: 750 })).toEqual([
      { code: 'lowResolution', width: 1000, height: 750, limit: LEGIBLE_LONG_SIDE },
    ]);
  });

  it('does not call white paper with print washed out, but does a page with no ink at all', () => {
    expect(uploadFindings(stripes(480, 360, 245, 30), { scope: 'basic' }, { width: 2480, height: 3508 })).toEqual([]);
    expect(uploadFindings(stripes(480, 360, 250, 238), { scope: 'basic' }, { width: 2480, height: 3508 })).toEqual([{ code: 'bright' }]);
  });
});
