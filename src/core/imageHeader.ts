/**
 * Pixel size and EXIF orientation from an image's header, before anything is decoded: the
 * compressor uses it to decode a 48 MP photo or a pixel-flood PNG straight to the size it will keep
 * (createImageBitmap resize options) and to refuse absurd sizes without allocating them. Pure
 * functions over bytes; malformed input gives `null`, never an exception.
 */
import { ascii, uint16le, uint24le, uint32be } from './bytes.ts';
import type { SniffedType } from './fileType.ts';
import { readJpegHeader, tiffOrientation } from './jpeg.ts';

export interface ImageHeader {
  /** Stored size, before the orientation is applied. */
  width: number;
  height: number;
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number;
}

export function readImageHeader(bytes: Uint8Array, type: SniffedType): ImageHeader | null {
  switch (type) {
    case 'jpeg': {
      const header = readJpegHeader(bytes);
      return header && { width: header.width, height: header.height, orientation: header.orientation };
    }
    case 'png':
      return readPngHeader(bytes);
    case 'webp':
      return readWebpHeader(bytes);
    default:
      return null;
  }
}

/** The size a person sees: orientations 5–8 turn the picture a quarter, swapping its sides. */
export function orientedSize(header: ImageHeader): { width: number; height: number } {
  return header.orientation >= 5 ? { width: header.height, height: header.width } : { width: header.width, height: header.height };
}

/** IHDR is the first chunk; an `eXIf` chunk (PNG 1.5) before the image data may carry an orientation. */
function readPngHeader(bytes: Uint8Array): ImageHeader | null {
  if (bytes.length < 33 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  const width = uint32be(bytes, 16);
  const height = uint32be(bytes, 20);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return null;
  let orientation = 1;
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const length = uint32be(bytes, pos);
    const type = ascii(bytes, pos + 4, 4);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'eXIf' && pos + 8 + length <= bytes.length) {
      orientation = tiffOrientation(bytes.subarray(pos + 8, pos + 8 + length)) ?? 1;
      break;
    }
    pos += 12 + length;
  }
  return { width, height, orientation };
}

/**
 * RIFF "WEBP" with one of: `VP8 ` (lossy; size in the key frame header), `VP8L` (lossless; 14-bit
 * sizes) or `VP8X` (extended; 24-bit canvas size). An `EXIF` chunk's orientation is reported as 1:
 * Chromium decodes WebP without applying it, and the compressor plans for what the decoder gives.
 */
function readWebpHeader(bytes: Uint8Array): ImageHeader | null {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (bytes.length < 30) return null;
    // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height (2 bits of scale each).
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    const width = uint16le(bytes, 26) & 0x3fff;
    const height = uint16le(bytes, 28) & 0x3fff;
    return width && height ? { width, height, orientation: 1 } : null;
  }
  if (chunk === 'VP8L') {
    if (bytes.length < 25 || bytes[20] !== 0x2f) return null;
    const bits = (bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, orientation: 1 };
  }
  if (chunk === 'VP8X') {
    if (bytes.length < 30) return null;
    return { width: uint24le(bytes, 24) + 1, height: uint24le(bytes, 27) + 1, orientation: 1 };
  }
  return null;
}

