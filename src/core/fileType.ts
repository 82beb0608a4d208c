/**
 * What a file is, judged from its first bytes — never from its name or declared MIME type
 * (DESIGN.md, "Images"). Pure: no DOM, no I/O, so the same code runs on the main thread, in the
 * compression worker and in Node.
 */
// With its extension: the backend imports this file under Node's own resolution (server/imageSniff.ts).
import { ascii, uint32be } from './bytes.ts';

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'heic' | 'pdf' | 'gif' | 'svg' | 'unknown';

/** How the widget treats a file: a photo it converts, a PDF it may pass through, or a refusal. */
export type FileKind = 'image' | 'pdf' | 'other';

/** Bytes to read from the start of a file for {@link sniffFileType}; enough for any ftyp box we care about. */
export const SNIFF_BYTES = 4096;

/** Brands that mark an ISO-BMFF file as HEIC/HEIF (still image or sequence, HEVC-coded or generic). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
/** AVIF also lists the generic `mif1`/`msf1` brands; these win so an AVIF is not mistaken for HEIC. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

export function sniffFileType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  // Strictly at offset 0: the file is sent to the vendor as is, so it must be a PDF by the strict reading.
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (isHeif(bytes)) return 'heic';
  if (isSvg(bytes)) return 'svg';
  return 'unknown';
}

export function kindOf(type: SniffedType): FileKind {
  switch (type) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'heic':
      return 'image';
    case 'pdf':
      return 'pdf';
    default:
      return 'other';
  }
}

/** The MIME type for a sniffed type, for re-labelling a Blob whose declared type cannot be trusted. */
export function mimeTypeOf(type: SniffedType): string {
  switch (type) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'heic':
      return 'image/heic';
    case 'pdf':
      return 'application/pdf';
    case 'gif':
      return 'image/gif';
    case 'svg':
      return 'image/svg+xml';
    default:
      return 'application/octet-stream';
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((value, i) => bytes[i] === value);
}

/**
 * An ISO-BMFF file starts with an `ftyp` box: size (4), 'ftyp', major brand (4), minor version (4),
 * then compatible brands (4 each) up to the box's end.
 */
function isHeif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 4) !== 'ftyp') return false;
  const size = uint32be(bytes, 0);
  // size 1 (64-bit size follows) never happens for ftyp in practice; 0 means "to end of file".
  const end = Math.min(bytes.length, size >= 16 ? size : size === 0 ? bytes.length : 0);
  const major = ascii(bytes, 8, 4);
  if (major === '') return false;
  if (HEIF_BRANDS.has(major) && major !== 'mif1' && major !== 'msf1') return true;
  if (AVIF_BRANDS.has(major)) return false;
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= end; offset += 4) compatible.push(ascii(bytes, offset, 4));
  if (compatible.some((brand) => AVIF_BRANDS.has(brand))) return false;
  return HEIF_BRANDS.has(major) || compatible.some((brand) => HEIF_BRANDS.has(brand));
}

const SVG_START = /^(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*<svg[\s>/]/i;

function isSvg(bytes: Uint8Array): boolean {
  let text = ascii(bytes, 0, Math.min(bytes.length, SNIFF_BYTES));
  if (text.startsWith('\xef\xbb\xbf')) text = text.slice(3);
  return SVG_START.test(text.trimStart());
}
