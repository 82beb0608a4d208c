import { sniffFileType } from '../src/core/fileType.ts';
import { readJpegInfo } from '../src/core/jpeg.ts';
/** What the sandbox accepts as an image: decided from the bytes, never from a name or MIME type. */
export type ImageKind = 'jpeg' | 'png' | 'pdf';

export const IMAGE_MIME_TYPES: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The sandbox's narrower view of the shared sniffer: only what the vendor takes. */
export function sniffImageKind(bytes: Uint8Array): ImageKind | null {
  const type = sniffFileType(bytes);
  return type === 'jpeg' || type === 'png' || type === 'pdf' ? type : null;
}

export interface PixelSize {
  width: number;
  height: number;
}

/** Stored width and height from the JPEG frame header (the shared parser in src/core/jpeg.ts). */
export function readJpegSize(bytes: Uint8Array): PixelSize | null {
  const info = readJpegInfo(bytes);
  return info ? { width: info.width, height: info.height } : null;
}

/** Width and height from a PNG's IHDR, which the format requires to come first. */
export function readPngSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 24 || sniffImageKind(bytes) !== 'png') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Signature(8) then length(4) and "IHDR"(4): width and height follow as 32-bit big-endian.
  if (view.getUint32(12) !== 0x49484452) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
