/**
 * Candidate points of one side of the document: scanning each row or column from the frame's
 * border towards the outline's centre, the first few places where the brightness steps sharply.
 * The document's own edge is usually the first step; a few more are kept so a mark on the table
 * outside it does not hide it.
 */
import type { LumaImage } from './frame.ts';

export type Side = 'top' | 'right' | 'bottom' | 'left';

export interface EdgePoint {
  /** Position along the side (x for top and bottom, y for left and right). */
  along: number;
  /** Position across it (y for top and bottom, x for left and right). */
  across: number;
  /** Index of the scanline, so support can be counted per scanline. */
  scan: number;
}

/** Steps kept per scanline. */
const CANDIDATES_PER_SCAN = 3;

export const isHorizontal = (side: Side): boolean => side === 'top' || side === 'bottom';

/**
 * @param limit how far in (in pixels across, from the border the side faces) the scan may go
 * @param threshold the smallest step, in grey levels over two pixels, worth keeping
 */
export function edgePoints(image: LumaImage, side: Side, limit: number, threshold: number): EdgePoint[] {
  const { width, height, luma } = image;
  const horizontal = isHorizontal(side);
  const scans = horizontal ? width : height;
  const depth = horizontal ? height : width;
  const stop = Math.min(depth - 2, Math.max(2, Math.round(limit)));
  const inward = side === 'top' || side === 'left';
  const points: EdgePoint[] = [];
  // Gradient across the side at `across`, averaged over three neighbouring scanlines.
  const step = (scan: number, across: number): number => {
    let sum = 0;
    for (let d = -1; d <= 1; d += 1) {
      const s = Math.min(scans - 1, Math.max(0, scan + d));
      sum += horizontal
        ? luma[(across + 1) * width + s]! - luma[(across - 1) * width + s]!
        : luma[s * width + across + 1]! - luma[s * width + across - 1]!;
    }
    return Math.abs(sum) / 3;
  };
  for (let scan = 1; scan < scans - 1; scan += 1) {
    let found = 0;
    let i = 1;
    const count = stop - 1;
    while (i <= count && found < CANDIDATES_PER_SCAN) {
      const across = inward ? i : depth - 1 - i;
      const g = step(scan, across);
      if (g < threshold) {
        i += 1;
        continue;
      }
      // Climb to the top of this step, then skip past it.
      let best = across;
      let bestG = g;
      let j = i + 1;
      while (j <= count) {
        const a = inward ? j : depth - 1 - j;
        const gj = step(scan, a);
        if (gj < threshold) break;
        if (gj > bestG) (bestG = gj), (best = a);
        j += 1;
      }
      points.push({ along: scan, across: best, scan });
      found += 1;
      i = j + 1;
    }
  }
  return points;
}
