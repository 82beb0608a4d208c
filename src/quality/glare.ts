/**
 * Glare: pixels of the document region that are near white and colourless (a reflection of the
 * lamp, not the card's print), as a share of the region and as the largest connected spot.
 */
import type { Region } from './region.ts';

export interface GlareMeasure {
  /** Share of the region, 0..1. */
  share: number;
  /** The largest 4-connected spot, as a share of the region. */
  largestSpot: number;
}

export const GLARE_LIMITS = {
  /** Luma at or above which a pixel may be a reflection. */
  minLuma: 248,
  /** …and at most this colourful (max − min of R, G, B). */
  maxChroma: 24,
  /** From the issue: over 1 % of the region, or one spot over 0.25 %, hides something. */
  maxShare: 0.01,
  maxSpot: 0.0025,
} as const;

export function measureGlare(region: Region): GlareMeasure {
  const { width, height, luma, chroma } = region;
  const n = width * height;
  const mask = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i += 1) {
    if (luma[i]! >= GLARE_LIMITS.minLuma && chroma[i]! <= GLARE_LIMITS.maxChroma) {
      mask[i] = 1;
      count += 1;
    }
  }
  return { share: count / n, largestSpot: count === 0 ? 0 : largestComponent(mask, width, height) / n };
}

/** Flood fill with an explicit stack: a spot can be most of the region, too deep for recursion. */
function largestComponent(mask: Uint8Array, width: number, height: number): number {
  const stack = new Int32Array(width * height);
  let largest = 0;
  for (let start = 0; start < mask.length; start += 1) {
    if (mask[start] !== 1) continue;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    mask[start] = 2;
    while (top > 0) {
      const k = stack[--top]!;
      size += 1;
      const x = k % width;
      if (x > 0 && mask[k - 1] === 1) (mask[k - 1] = 2), (stack[top++] = k - 1);
      if (x < width - 1 && mask[k + 1] === 1) (mask[k + 1] = 2), (stack[top++] = k + 1);
      if (k >= width && mask[k - width] === 1) (mask[k - width] = 2), (stack[top++] = k - width);
      if (k < width * (height - 1) && mask[k + width] === 1) (mask[k + width] = 2), (stack[top++] = k + width);
    }
    if (size > largest) largest = size;
  }
  return largest;
}
