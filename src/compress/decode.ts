/**
 * Decoding straight to the size that will be kept. A 48 MP photo or a 16,000² pixel-flood PNG is
 * decoded by `createImageBitmap` with a resize option, so the only full-size pixels are the
 * browser decoder's own, never a canvas of ours (iOS refuses canvases over 16.7 MP; Chromium over
 * 268 MP).
 */
import { orientedSize, type ImageHeader } from '../core/imageHeader.ts';
import type { PixelMeter } from './canvas.ts';
import { describe, Failure } from './failure.ts';
import { MAX_SOURCE_PIXELS } from './protocol.ts';

export interface Decoded {
  bitmap: ImageBitmap;
  /**
   * The bitmap's pixels are exactly the picture: opaque (a JPEG) and stored upright (orientation 1).
   * Only then may it be handed to a `bitmaprenderer` as it is: Chromium keeps EXIF orientation as a
   * flag on the bitmap that drawImage honours and convertToBlob of a bitmaprenderer canvas ignores
   * (found by the orientation tests). A decode-time resize, on the other hand, is in the pixels.
   */
  adoptable: boolean;
}

/**
 * `source` decoded upright (EXIF orientation applied once, by the decoder) and, when `header` says
 * it is larger than `maxLongSide`, resized to that long side while decoding. Only one side is given
 * to the decoder: if a browser disagrees with the header about orientation, the picture comes out
 * at a different scale (and is scaled once more on the canvas), never stretched.
 */
export async function decodeToFit(source: Blob | ImageData, header: ImageHeader | null, maxLongSide: number, meter: PixelMeter, opaque = false): Promise<Decoded> {
  if (header) refuseFlood(header.width, header.height);
  const options: ImageBitmapOptions = { imageOrientation: 'from-image' };
  if (header && Math.max(header.width, header.height) > maxLongSide) {
    const upright = orientedSize(header);
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
  // The other side is the decoder's to round (Chromium: 8000×6000 → 4096×3073); kept as it comes,
  // since one more resample to fix a pixel would cost a 12 MP high-quality draw.
  return { bitmap, adoptable: opaque && header?.orientation === 1 };
}

export function refuseFlood(width: number, height: number): void {
  if (width * height > MAX_SOURCE_PIXELS) {
    throw new Failure('TOO_LARGE', `The image claims ${width}×${height} pixels; at most ${MAX_SOURCE_PIXELS} are decoded.`);
  }
}
