/** Exposure of the document region: mean, 5th and 95th percentile of luma. */
import type { Region } from './region.ts';

export interface ExposureMeasure {
  mean: number;
  p5: number;
  p95: number;
  verdict: 'ok' | 'dark' | 'bright';
}

/** Starting points from the issue, kept after calibration: under 70 is too dark, over 200 too bright. */
export const EXPOSURE_LIMITS = {
  darkMean: 70,
  brightMean: 200,
  /** A washed-out region: even its darker text is near white. */
  brightP5: 185,
  /** Nothing in the region reaches a mid grey: the light is too low even for the paper. */
  darkP95: 100,
  /** Too flat to read: the whole region sits within this many grey levels. */
  flatRange: 28,
  /** With no document found: a view this dark or this bright hides whatever is there. */
  blackMean: 30,
  whiteMean: 230,
} as const;

export function measureExposure(region: Region): ExposureMeasure {
  const histogram = new Uint32Array(256);
  const { luma } = region;
  let sum = 0;
  for (let i = 0; i < luma.length; i += 1) {
    const v = (luma[i]! + 0.5) | 0;
    histogram[v]! += 1;
    sum += v;
  }
  const n = Math.max(1, luma.length);
  const mean = sum / n;
  const p5 = percentile(histogram, n, 0.05);
  const p95 = percentile(histogram, n, 0.95);
  return { mean, p5, p95, verdict: verdict(mean, p5, p95) };
}

function verdict(mean: number, p5: number, p95: number): ExposureMeasure['verdict'] {
  const limits = EXPOSURE_LIMITS;
  if (mean < limits.darkMean || p95 < limits.darkP95) return 'dark';
  if (mean > limits.brightMean || p5 > limits.brightP5) return 'bright';
  // Flat: the cure is the same as for the side it leans to.
  if (p95 - p5 < limits.flatRange) return mean < 128 ? 'dark' : 'bright';
  return 'ok';
}

/** The grey level below which `fraction` of the `n` counted pixels lie. */
export function percentile(histogram: Uint32Array, n: number, fraction: number): number {
  const target = fraction * n;
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += histogram[v]!;
    if (seen >= target) return v;
  }
  return 255;
}
