import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_OVERHEAD_BYTES, planBudget } from '../../src/core/budget.ts';
import { base64Length, MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES, maxBytesForBase64 } from '../../src/core/limits.ts';

describe('planBudget', () => {
  it('gives one to three images the full per-image limit', () => {
    expect(planBudget(1)).toEqual({ base64Chars: 6_000_000, bytes: 4_500_000 });
    expect(planBudget(3)).toEqual({ base64Chars: 6_000_000, bytes: 4_500_000 });
  });

  it('shares the 20 MB request among four images', () => {
    const budget = planBudget(4);
    expect(budget.base64Chars).toBeLessThan(5_000_000);
    expect(4 * budget.base64Chars + JSON_OVERHEAD_BYTES).toBeLessThanOrEqual(MAX_PROCESS_REQUEST_BYTES);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => planBudget(0)).toThrow(RangeError);
    expect(() => planBudget(1.5)).toThrow(RangeError);
  });

  it('never exceeds either vendor limit, whatever the number of images', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (count) => {
        const budget = planBudget(count);
        expect(budget.base64Chars).toBeLessThanOrEqual(MAX_IMAGE_BASE64_CHARS);
        expect(base64Length(budget.bytes)).toBeLessThanOrEqual(budget.base64Chars);
        expect(count * budget.base64Chars + JSON_OVERHEAD_BYTES).toBeLessThanOrEqual(MAX_PROCESS_REQUEST_BYTES);
        // No waste beyond base64 rounding: one more image's worth would not fit.
        expect(count * (budget.base64Chars + 4) + JSON_OVERHEAD_BYTES > MAX_PROCESS_REQUEST_BYTES || budget.base64Chars === MAX_IMAGE_BASE64_CHARS).toBe(true);
      }),
    );
  });

  it('maps base64 lengths and byte counts consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), (chars) => {
        expect(base64Length(maxBytesForBase64(chars))).toBeLessThanOrEqual(chars);
      }),
    );
    expect(base64Length(3)).toBe(4);
    expect(base64Length(4)).toBe(8);
    expect(base64Length(0)).toBe(0);
  });
});
