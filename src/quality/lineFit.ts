/**
 * A straight edge through scattered candidate points: RANSAC over pairs (deterministic, so a
 * frame always gives the same answer), then least squares on the points it agreed with.
 */
import type { EdgeLine } from './geometry.ts';
import type { EdgePoint } from './edgePoints.ts';

export interface LineFit {
  line: EdgeLine;
  inliers: EdgePoint[];
}

export interface LineFitOptions {
  orientation: EdgeLine['orientation'];
  /** Farthest a point may lie from the line and still count, in pixels. */
  tolerance: number;
  /** Steeper than this (|slope|) is another side's edge, not this one. */
  maxSlope: number;
  iterations?: number;
}

export function fitLine(points: readonly EdgePoint[], options: LineFitOptions): LineFit | null {
  if (points.length < 2) return null;
  const { tolerance, maxSlope, orientation } = options;
  const iterations = options.iterations ?? 80;
  let seed = 0x9e3779b1 ^ points.length;
  const random = () => {
    // xorshift32: a fixed sequence, no Math.random, so results are reproducible.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  let best: { slope: number; offset: number; score: number } | null = null;
  for (let k = 0; k < iterations; k += 1) {
    const a = points[Math.floor(random() * points.length)]!;
    const b = points[Math.floor(random() * points.length)]!;
    if (Math.abs(a.along - b.along) < 8) continue;
    const slope = (b.across - a.across) / (b.along - a.along);
    if (Math.abs(slope) > maxSlope) continue;
    const offset = a.across - slope * a.along;
    const score = countScans(points, slope, offset, tolerance);
    if (!best || score > best.score) best = { slope, offset, score };
  }
  if (!best) return null;
  let { slope, offset } = best;
  // Two rounds of least squares on the agreeing points tighten the line past the sampled pair.
  let inliers: EdgePoint[] = [];
  for (let round = 0; round < 2; round += 1) {
    inliers = points.filter((p) => Math.abs(p.across - (slope * p.along + offset)) <= tolerance);
    const refined = leastSquares(inliers);
    if (!refined || Math.abs(refined.slope) > maxSlope) break;
    ({ slope, offset } = refined);
  }
  inliers = points.filter((p) => Math.abs(p.across - (slope * p.along + offset)) <= tolerance);
  return { line: { orientation, slope, offset }, inliers };
}

/** Scanlines (not points) that agree: several candidates on one scanline count once. */
function countScans(points: readonly EdgePoint[], slope: number, offset: number, tolerance: number): number {
  let count = 0;
  let lastScan = -1;
  for (const p of points) {
    if (p.scan === lastScan) continue;
    if (Math.abs(p.across - (slope * p.along + offset)) <= tolerance) {
      count += 1;
      lastScan = p.scan;
    }
  }
  return count;
}

function leastSquares(points: readonly EdgePoint[]): { slope: number; offset: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sx += p.along;
    sy += p.across;
    sxx += p.along * p.along;
    sxy += p.along * p.across;
  }
  const denominator = n * sxx - sx * sx;
  if (Math.abs(denominator) < 1e-9) return null;
  const slope = (n * sxy - sx * sy) / denominator;
  return { slope, offset: (sy - slope * sx) / n };
}
