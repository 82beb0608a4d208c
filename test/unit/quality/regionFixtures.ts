import type { Region } from '../../../src/quality/region.ts';

/** A region filled by `paint(x, y)` → [luma, chroma], for checks that need no document. */
export function paintedRegion(width: number, height: number, paint: (x: number, y: number) => readonly [number, number]): Region {
  const luma = new Float32Array(width * height);
  const chroma = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const [l, c] = paint(x, y);
      luma[y * width + x] = l;
      chroma[y * width + x] = c;
    }
  }
  return { width, height, luma, chroma };
}
