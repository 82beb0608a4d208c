/**
 * The few canvas operations the worker needs, each failing as a typed {@link Failure} rather than a
 * bare DOMException, and counting the pixels it allocates so tests can prove that a 48 MP photo
 * never lands on a full-size canvas.
 */
import { describe, Failure } from './failure.ts';

/** Largest canvas or bitmap (in pixels) allocated so far for one request. */
export class PixelMeter {
  peak = 0;

  note(width: number, height: number): void {
    this.peak = Math.max(this.peak, width * height);
  }
}

/** A white `width`×`height` canvas without alpha: JPEG has none, so transparency becomes paper, not black. */
export function createOpaque(width: number, height: number, meter: PixelMeter): { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D } {
  let canvas: OffscreenCanvas;
  let context: OffscreenCanvasRenderingContext2D | null;
  try {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { alpha: false });
  } catch (error) {
    throw new Failure('ENCODE_FAILED', `No ${width}×${height} canvas could be made: ${describe(error)}`);
  }
  // Browsers answer null (not an exception) when a canvas is over their size or memory limits.
  if (!context) throw new Failure('ENCODE_FAILED', `No 2D context for a ${width}×${height} OffscreenCanvas in this browser.`);
  meter.note(width, height);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  return { canvas, context };
}

/** `image` scaled to `width`×`height` on a {@link createOpaque} canvas. */
export function drawOpaque(image: CanvasImageSource, width: number, height: number, meter: PixelMeter): OffscreenCanvas {
  const { canvas, context } = createOpaque(width, height, meter);
  context.drawImage(image, 0, 0, width, height);
  return canvas;
}

/**
 * A canvas whose content is `bitmap` itself, handed over without a copy; `null` where the browser
 * has no `bitmaprenderer` context for OffscreenCanvas (the caller then draws instead). The bitmap is
 * detached afterwards.
 */
export function adoptBitmap(bitmap: ImageBitmap, meter: PixelMeter): OffscreenCanvas | null {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('bitmaprenderer');
  if (!context) return null;
  meter.note(canvas.width, canvas.height);
  context.transferFromImageBitmap(bitmap);
  return canvas;
}

/** Frees a canvas's backing store now rather than at the next garbage collection. */
export function release(canvas: OffscreenCanvas): void {
  canvas.width = 0;
  canvas.height = 0;
}

/** The part of OffscreenCanvas that encoding uses (a seam for testing encoder failures). */
export interface JpegEncodable {
  convertToBlob(options: ImageEncodeOptions): Promise<Blob>;
}

/**
 * One JPEG encode. `convertToBlob` rejects when the encoder runs out of memory or the canvas is
 * too large to encode, and some engines resolve with an empty or non-JPEG blob instead: both become
 * ENCODE_FAILED with the reason, never an uncaught DOMException.
 */
export async function encodeJpeg(canvas: JpegEncodable, quality: number): Promise<Blob> {
  let blob: Blob;
  try {
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  } catch (error) {
    throw new Failure('ENCODE_FAILED', `The JPEG encoder failed: ${describe(error)}`);
  }
  if (blob.size === 0 || blob.type !== 'image/jpeg') {
    throw new Failure('ENCODE_FAILED', `The JPEG encoder returned ${blob.size} bytes of ${blob.type || 'unknown type'}.`);
  }
  return blob;
}
