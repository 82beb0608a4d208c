import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureExposure } from '../../../src/quality/exposure.ts';
import { paintedRegion } from './regionFixtures.ts';

/** Print on paper: dark strokes on a light ground, scaled by `gain` and lifted by `lift`. */
const printed = (gain: number, lift = 0) => paintedRegion(120, 80, (x, y) => [Math.min(255, ((x + y) % 9 < 2 ? 40 : 210) * gain + lift), 10]);

describe('measureExposure', () => {
  it('passes a well lit page and gives its mean and 5th/95th percentiles', () => {
    const measure = measureExposure(printed(1));
    expect(measure.verdict).toBe('ok');
    expect(measure.p5).toBe(40);
    expect(measure.p95).toBe(210);
    expect(measure.mean).toBeGreaterThan(160);
  });

  it('calls a dim page dark and a washed-out one bright', () => {
    expect(measureExposure(printed(0.3)).verdict).toBe('dark');
    expect(measureExposure(printed(1.6, 80)).verdict).toBe('bright');
  });

  it('calls a flat grey view by the side it leans to', () => {
    expect(measureExposure(paintedRegion(50, 50, () => [100, 0])).verdict).toBe('dark');
    expect(measureExposure(paintedRegion(50, 50, () => [170, 0])).verdict).toBe('bright');
  });

  it('keeps p5 ≤ mean ≤ p95 for any picture', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 20, maxLength: 200 }), (values) => {
        const m = measureExposure(paintedRegion(values.length, 1, (x) => [values[x]!, 0]));
        expect(m.p5).toBeLessThanOrEqual(m.p95);
        expect(m.mean).toBeGreaterThanOrEqual(m.p5 - 1e-9 - 255 * 0.05);
        expect(m.mean).toBeLessThanOrEqual(m.p95 + 255 * 0.05);
      }),
    );
  });
});
