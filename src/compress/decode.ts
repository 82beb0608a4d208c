/**
 * Decoding straight to the size that will be kept. A 48 MP photo or a 16,000² pixel-flood PNG is
 * decoded by `createImageBitmap` with a resize option, so the only full-size pixels are the
 * browser decoder's own, never a canvas of ours (iOS refuses canvases over 16.7 MP; Chromium over
 * 268 MP).
 */
import { orientedSize, type ImageHeader } from '../core/imageHeader';
import type { PixelMeter } from './canvas';
import { describe, Failure } from './failure';
import { MAX_SOURCE_PIXELS } from './protocol';

export interface Decoded {
  bitmap: ImageBitmap;
  /** The size to draw it at: the bitmap's, or the exact aspect-true size when the decoder rounded a side by a pixel. */
  width: number;
  height: number;
}

/**
 * `source` decoded upright (EXIF orientation applied once, by the decoder) and, when `header` says
 * it is larger than `maxLongSide`, resized to that long side while decoding. Only one side is given
 * to the decoder: if a browser disagrees with the header about orientation, the picture comes out
 * at a different scale (and is scaled once more on the canvas), never stretched.
 */
export async function decodeToFit(source: Blob | ImageData, header: ImageHeader | null, maxLongSide: number, meter: PixelMeter): Promise<Decoded> {
  if (header) refuseFlood(header.width, header.height);
  const options: ImageBitmapOptions = { imageOrientation: 'from-image' };
  let expected: { width: number; height: number } | undefined;
  if (header && Math.max(header.width, header.height) > maxLongSide) {
    const upright = orientedSize(header);
    const scale = maxLongSide / Math.max(upright.width, upright.height);
    expected = { width: Math.max(1, Math.round(upright.width * scale)), height: Math.max(1, Math.round(upright.height * scale)) };
    if (upright.width >= upright.height) options.resizeWidth = maxLongSide;
    else options.resizeHeight = maxLongSide;
    options.resizeQuality = 'high';
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(source, options);
  } catch (error) {
    throw new Failure('DECODE_FAILED', `The image could not be decoded: ${describe(error)}`);
  }
  if (bitmap.width === 0 || bitmap.height === 0) {
    bitmap.close();
    throw new Failure('DECODE_FAILED', 'The image has no pixels.');
  }
  meter.note(bitmap.width, bitmap.height);
  // Chromium computes the other side in floating point and rounds up: 6000 × 4096 / 8000 → 3073.
  const close = expected && Math.abs(bitmap.width - expected.width) <= 1 && Math.abs(bitmap.height - expected.height) <= 1;
  return close && expected ? { bitmap, ...expected } : { bitmap, width: bitmap.width, height: bitmap.height };
}

export function refuseFlood(width: number, height: number): void {
  if (width * height > MAX_SOURCE_PIXELS) {
    throw new Failure('TOO_LARGE', `The image claims ${width}×${height} pixels; at most ${MAX_SOURCE_PIXELS} are decoded.`);
  }
}
