/**
 * HEIC/HEIF → RGBA pixels, in the compression worker, with libheif (LGPL-3.0, via the libheif-js
 * package: libheif + libde265 compiled to WebAssembly). Chromium and Firefox cannot decode HEIC,
 * so this is the only way an iPhone photo in its default format gets through.
 *
 * The decoder is a separate chunk imported only when a HEIC file arrives: ~2 MB of JavaScript with
 * the WebAssembly binary embedded (about 0.7 MB gzipped), served from the widget's own origin like
 * every other chunk. The embedded build never fetches anything, so it works the same in the app
 * build, the library build (where Vite would inline a separate .wasm as a data: URL that a strict
 * `connect-src` refuses) and the dev server. Compiling WebAssembly needs `'wasm-unsafe-eval'` in a
 * page's `script-src`; without it the import fails and the person gets the HEIC message.
 *
 * libheif applies the file's rotation and mirroring properties (irot, imir) itself; the EXIF
 * orientation stored inside a HEIC is informative only and, as in Apple's own decoder, not applied
 * again.
 */
import type { Libheif } from 'libheif-js/libheif-wasm/libheif-bundle.mjs';
import { describe, Failure } from './failure.ts';

export interface HeicImage {
  /** Upright RGBA pixels (alpha 255 unless the file has an alpha plane). */
  pixels: ImageData;
  hasAlpha: boolean;
}

/**
 * Most pixels decoded: twice the largest phone HEIC (48 MP). The WebAssembly heap holds the Y'CbCr
 * planes and the RGBA copy at once (6 bytes a pixel), and cannot grow past 4 GB.
 */
const MAX_HEIC_PIXELS = 100_000_000;

/**
 * Decodes the primary image. Its size is checked against {@link MAX_HEIC_PIXELS} before any pixel
 * memory is allocated. A fresh WebAssembly instance per file: its memory (hundreds of MB for a 48 MP photo)
 * cannot shrink, so it is dropped with the instance instead of being kept for the next file.
 */
export async function decodeHeic(bytes: Uint8Array): Promise<HeicImage> {
  let libheif: Libheif;
  try {
    const { default: createLibheif } = await import('libheif-js/libheif-wasm/libheif-bundle.mjs');
    libheif = await createLibheif();
  } catch (error) {
    throw new Failure('DECODE_FAILED', `The HEIC decoder could not start: ${describe(error)}`);
  }
  const decoder = new libheif.HeifDecoder();
  const images = decoder.decode(bytes);
  try {
    const image = images.find((candidate) => candidate.is_primary()) ?? images[0];
    if (!image) throw new Failure('DECODE_FAILED', 'The HEIC file holds no image that libheif can read.');
    const width = image.get_width();
    const height = image.get_height();
    if (!(width > 0 && height > 0)) throw new Failure('DECODE_FAILED', 'The HEIC image has no pixels.');
    if (width * height > MAX_HEIC_PIXELS) throw new Failure('TOO_LARGE', `The HEIC image has ${width}×${height} pixels; at most ${MAX_HEIC_PIXELS} are decoded.`);
    const data = new Uint8ClampedArray(width * height * 4);
    const decoded = await new Promise<boolean>((resolve) => image.display({ data, width, height }, (result) => resolve(result !== null)));
    if (!decoded) throw new Failure('DECODE_FAILED', 'libheif could not decode the HEIC image.');
    return { pixels: new ImageData(data, width, height), hasAlpha: image.has_alpha_channel() };
  } finally {
    for (const image of images) image.free();
    if (decoder.decoder) libheif.heif_context_free(decoder.decoder);
  }
}
