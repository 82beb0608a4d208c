/** What the sandbox accepts as an image: decided from the bytes, never from a name or MIME type. */
export type ImageKind = 'jpeg' | 'png' | 'pdf';

export const IMAGE_MIME_TYPES: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);

export function sniffImageKind(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // "%PDF-"
  return null;
}

export interface PixelSize {
  width: number;
  height: number;
}

const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

/**
 * Width and height from a JPEG's first frame header (SOF0..SOF15 except DHT/JPG/DAC, which share
 * the range). Walks the marker segments instead of scanning for FF C0, because EXIF thumbnails
 * embed whole JPEGs whose SOF would be found first. Null when there is no frame before the scan.
 */
export function readJpegSize(bytes: Uint8Array): PixelSize | null {
  if (!startsWith(bytes, [0xff, 0xd8])) return null;
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    at += 2;
    // Markers without a length: TEM, RST0..7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    // End of image or start of scan before any frame: nothing to read.
    if (marker === 0xd9 || marker === 0xda) return null;
    if (at + 2 > bytes.length) return null;
    const length = u16(bytes, at);
    if (length < 2) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      // length(2) precision(1) height(2) width(2)
      if (length < 7 || at + 7 > bytes.length) return null;
      return { height: u16(bytes, at + 3), width: u16(bytes, at + 5) };
    }
    at += length;
  }
  return null;
}

/** Width and height from a PNG's IHDR, which the format requires to come first. */
export function readPngSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 24 || sniffImageKind(bytes) !== 'png') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Signature(8) then length(4) and "IHDR"(4): width and height follow as 32-bit big-endian.
  if (view.getUint32(12) !== 0x49484452) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
