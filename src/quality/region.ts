/**
 * The document cut out of the frame and straightened to a fixed size, so sharpness, glare and
 * exposure are measured on the document alone and a card 300 px wide scores like one 600 px wide.
 */
import type { QualityFrame } from './frame.ts';
import { quadPoint, type Quad } from './geometry.ts';

export interface Region {
  width: number;
  height: number;
  luma: Float32Array;
  /** Saturation proxy: max(R, G, B) − min(R, G, B), 0..255. */
  chroma: Uint8Array;
}

/** The width every region is resampled to; the starting sharpness threshold was stated for 512 px. */
export const REGION_WIDTH = 512;
/** Edges, rounded corners and the background just outside stay out of the measures. */
const INSET = 0.04;

/** Samples `quad` of `frame` (bilinear) into a {@link REGION_WIDTH}-wide rectangle of the given aspect. */
export function extractRegion(frame: QualityFrame, quad: Quad, aspect: number): Region {
  const width = REGION_WIDTH;
  const height = Math.max(8, Math.round(width / Math.max(0.2, aspect)));
  const luma = new Float32Array(width * height);
  const chroma = new Uint8Array(width * height);
  const { rgba } = frame;
  const maxX = frame.width - 1;
  const maxY = frame.height - 1;
  const span = 1 - 2 * INSET;
  const stride = frame.width;
  for (let j = 0; j < height; j += 1) {
    const v = INSET + (span * (j + 0.5)) / height;
    // Each row is a straight segment between the quad's left and right sides.
    const left = quadPoint(quad, INSET, v);
    const right = quadPoint(quad, 1 - INSET, v);
    const stepX = (right.x - left.x) / width;
    const stepY = (right.y - left.y) / width;
    for (let i = 0; i < width; i += 1) {
      let x = left.x + stepX * (i + 0.5);
      let y = left.y + stepY * (i + 0.5);
      x = x < 0 ? 0 : x > maxX ? maxX : x;
      y = y < 0 ? 0 : y > maxY ? maxY : y;
      const x0 = x | 0;
      const y0 = y | 0;
      const dx = x0 < maxX ? 4 : 0;
      const dy = y0 < maxY ? stride * 4 : 0;
      const fx = x - x0;
      const fy = y - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const a = (y0 * stride + x0) * 4;
      const r = rgba[a]! * w00 + rgba[a + dx]! * w10 + rgba[a + dy]! * w01 + rgba[a + dx + dy]! * w11;
      const g = rgba[a + 1]! * w00 + rgba[a + dx + 1]! * w10 + rgba[a + dy + 1]! * w01 + rgba[a + dx + dy + 1]! * w11;
      const b = rgba[a + 2]! * w00 + rgba[a + dx + 2]! * w10 + rgba[a + dy + 2]! * w01 + rgba[a + dx + dy + 2]! * w11;
      const k = j * width + i;
      luma[k] = 0.299 * r + 0.587 * g + 0.114 * b;
      const max = r > g ? (r > b ? r : b) : g > b ? g : b;
      const min = r < g ? (r < b ? r : b) : g < b ? g : b;
      chroma[k] = max - min;
    }
  }
  return { width, height, luma, chroma };
}

/** The quad of an axis-aligned rectangle given in fractions of the frame (the on-screen outline). */
export function rectQuad(rect: { x: number; y: number; width: number; height: number }, frameWidth: number, frameHeight: number): Quad {
  const x0 = rect.x * frameWidth;
  const y0 = rect.y * frameHeight;
  const x1 = (rect.x + rect.width) * frameWidth;
  const y1 = (rect.y + rect.height) * frameHeight;
  return [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
}
