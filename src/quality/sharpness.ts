/**
 * Sharpness: the variance of second differences (a Laplacian taken one direction at a time) over
 * the straightened document region. The region has a fixed width ({@link REGION_WIDTH}), so the
 * score does not follow the camera's resolution; it is divided by the region's own contrast so a
 * dim but sharp card is not taken for a blurred one; and the weakest of four directions counts,
 * because a shaking hand smears along one direction and leaves the others crisp.
 */
import type { Region } from './region.ts';

export interface SharpnessMeasure {
  /** Weakest directional second-difference variance relative to the luma variance (×100). */
  score: number;
  /** The plain variance of the 4-neighbour Laplacian, for calibration and for the merchant's logs. */
  laplacianVariance: number;
}

/** Calibrated on the drawn set (bench:quality): sharp cards score well above, defocused and shaken ones below. */
export const SHARPNESS_THRESHOLD = 1;

export function measureSharpness(region: Region): SharpnessMeasure {
  const { width, height, luma } = region;
  // Sums and squared sums of: horizontal, vertical, two diagonal second differences, the Laplacian.
  let sh = 0, qh = 0, sv = 0, qv = 0, s1 = 0, q1 = 0, s2 = 0, q2 = 0, sl = 0, ql = 0;
  let lumaSum = 0;
  let lumaSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const k = y * width + x;
      const c = luma[k]!;
      const c2 = 2 * c;
      const h = luma[k - 1]! + luma[k + 1]! - c2;
      const v = luma[k - width]! + luma[k + width]! - c2;
      // Diagonal neighbours are √2 away: halving brings them to the same scale as the axis ones.
      const d1 = (luma[k - width - 1]! + luma[k + width + 1]! - c2) / 2;
      const d2 = (luma[k - width + 1]! + luma[k + width - 1]! - c2) / 2;
      const lap = h + v;
      sh += h;
      qh += h * h;
      sv += v;
      qv += v * v;
      s1 += d1;
      q1 += d1 * d1;
      s2 += d2;
      q2 += d2 * d2;
      sl += lap;
      ql += lap * lap;
      lumaSum += c;
      lumaSq += c * c;
      n += 1;
    }
  }
  if (n === 0) return { score: 0, laplacianVariance: 0 };
  const variance = (sum: number, squares: number) => squares / n - (sum / n) ** 2;
  const lumaMean = lumaSum / n;
  const lumaVariance = Math.max(1, lumaSq / n - lumaMean * lumaMean);
  const weakest = Math.min(variance(sh, qh), variance(sv, qv), variance(s1, q1), variance(s2, q2));
  return { score: (100 * weakest) / lumaVariance, laplacianVariance: variance(sl, ql) };
}
