import { describe, expect, it } from 'vitest';
import { GLARE_LIMITS, measureGlare } from '../../../src/quality/glare.ts';
import { paintedRegion } from './regionFixtures.ts';

describe('measureGlare', () => {
  it('finds nothing on a printed card', () => {
    expect(measureGlare(paintedRegion(200, 120, (x) => [x % 7 === 0 ? 40 : 215, 18]))).toEqual({ share: 0, largestSpot: 0 });
  });

  it('measures a white, colourless spot as a share of the region and as its largest blob', () => {
    // A 20×20 spot in a 200×100 region: 2 % of it, in one piece.
    const region = paintedRegion(200, 100, (x, y) => (x >= 50 && x < 70 && y >= 30 && y < 50 ? [255, 2] : [200, 20]));
    const measure = measureGlare(region);
    expect(measure.share).toBeCloseTo(0.02, 5);
    expect(measure.largestSpot).toBeCloseTo(0.02, 5);
    expect(measure.share).toBeGreaterThan(GLARE_LIMITS.maxShare);
  });

  it('tells many scattered white dots from one spot', () => {
    // Every 10th pixel of every 10th row: 1 % of the region, but no dot bigger than one pixel.
    const region = paintedRegion(200, 100, (x, y) => (x % 10 === 0 && y % 10 === 0 ? [255, 0] : [180, 30]));
    const measure = measureGlare(region);
    expect(measure.share).toBeCloseTo(0.01, 5);
    expect(measure.largestSpot).toBeCloseTo(1 / 20_000, 8);
  });

  it('ignores white print that has colour (a pale yellow field is not a reflection)', () => {
    expect(measureGlare(paintedRegion(100, 100, () => [252, 60])).share).toBe(0);
  });
});
