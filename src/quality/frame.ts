/**
 * The small picture every check reads: a frame of at most {@link MAX_ANALYSIS_SIDE} px on its long
 * side, as RGBA bytes (what ImageData, VideoFrame.copyTo and a canvas give) plus its luma. Nothing
 * here knows where the pixels came from: a live preview frame, a still or an uploaded photo.
 */
export interface LumaImage {
  width: number;
  height: number;
  /** One byte per pixel, row by row (BT.601 weights). */
  luma: Uint8Array;
}

export interface QualityFrame extends LumaImage {
  /** Four bytes per pixel (R, G, B, A), row by row. */
  rgba: Uint8Array | Uint8ClampedArray;
}

/** Live frames and the uploads' downscaled copies are made at most this large; more costs time and adds nothing. */
export const MAX_ANALYSIS_SIDE = 640;

export function frameFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): QualityFrame {
  if (rgba.length < width * height * 4) throw new RangeError(`${rgba.length} bytes cannot hold a ${width}×${height} RGBA frame.`);
  return { width, height, rgba, luma: lumaOf(rgba, width * height) };
}

/** Integer BT.601 luma: (77 R + 150 G + 29 B) / 256, the same weights as JPEG's Y. */
export function lumaOf(rgba: Uint8Array | Uint8ClampedArray, pixels: number): Uint8Array {
  const luma = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i += 1, j += 4) {
    luma[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]!) >> 8;
  }
  return luma;
}

/**
 * The luma shrunk by a whole factor (box average), so the document search runs on about
 * `maxSide` px whatever the frame's size; averaging also takes the edge off sensor noise.
 */
export function shrinkLuma(image: LumaImage, maxSide: number): { image: LumaImage; factor: number } {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / maxSide));
  if (factor === 1) return { image, factor };
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const luma = new Uint8Array(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        const row = (y * factor + dy) * image.width + x * factor;
        for (let dx = 0; dx < factor; dx += 1) sum += image.luma[row + dx]!;
      }
      luma[y * width + x] = Math.round(sum / area);
    }
  }
  return { image: { width, height, luma }, factor };
}
