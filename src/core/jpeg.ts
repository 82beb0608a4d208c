/**
 * Just enough JPEG structure for the "already within budget" case: read the frame header and the
 * EXIF orientation, and drop metadata losslessly (no re-encode, so the picture is not degraded).
 * Pure functions over bytes; they never throw on malformed input, they return `null` instead.
 */
// With its extension: the backend imports this file under Node's own resolution (server/imageSniff.ts).
import { ascii } from './bytes.ts';

export interface JpegInfo {
  /** Stored dimensions (before any EXIF orientation is applied). */
  width: number;
  height: number;
  /** Colour components in the frame: 1 grey, 3 YCbCr (or RGB), 4 CMYK/YCCK. */
  components: number;
  /** The SOFn marker's second byte: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, others exotic. */
  frameMarker: number;
  /** EXIF orientation 1..8; 1 when absent or unreadable. */
  orientation: number;
  /** Offset just past the EOI marker; bytes after it (trailers, MPF secondary images) are not part of this picture. */
  end: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;

interface Segment {
  marker: number;
  /** Offset of the 0xff that starts the marker. */
  start: number;
  /** Offset just past the segment, including the entropy-coded data after an SOS. */
  end: number;
  /** Offset of the payload (after the length field); equals `end` for stand-alone markers. */
  payload: number;
  /** End of the payload (for SOS: end of the header, before the entropy-coded data). */
  payloadEnd: number;
}

/** Splits a JPEG into marker segments up to and including EOI. `null` if it is not a complete JPEG. */
function segments(bytes: Uint8Array): Segment[] | null {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const list: Segment[] = [{ marker: SOI, start: 0, end: 2, payload: 2, payloadEnd: 2 }];
  let pos = 2;
  for (;;) {
    if (pos >= n || bytes[pos] !== 0xff) return null;
    // Any number of 0xff fill bytes may precede a marker.
    while (pos + 1 < n && bytes[pos + 1] === 0xff) pos++;
    if (pos + 1 >= n) return null;
    const marker = bytes[pos + 1] ?? 0;
    const start = pos;
    if (marker === EOI) {
      list.push({ marker, start, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      return list;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      list.push({ marker, start, end: pos + 2, payload: pos + 2, payloadEnd: pos + 2 });
      pos += 2;
      continue;
    }
    if (pos + 4 > n) return null;
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    const payloadEnd = pos + 2 + length;
    if (length < 2 || payloadEnd > n) return null;
    let end = payloadEnd;
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xff00 or a restart marker.
      // indexOf jumps between 0xff bytes natively: a 20 MB scan takes milliseconds, not a JS loop per byte.
      let i = payloadEnd;
      for (;;) {
        i = bytes.indexOf(0xff, i);
        if (i < 0 || i + 1 >= n) return null;
        const next = bytes[i + 1] ?? 0;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          i += 2;
          continue;
        }
        if (next === 0xff) {
          i += 1;
          continue;
        }
        break;
      }
      end = i;
    }
    list.push({ marker, start, end, payload: pos + 4, payloadEnd });
    pos = end;
  }
}

/** What the markers before the first scan say: enough to plan a decode without walking the entropy-coded data. */
export type JpegHeader = Omit<JpegInfo, 'end'>;

/**
 * {@link JpegInfo} minus `end`, read from the segments before the first SOS only: a few kilobytes
 * of a 20 MB file. `null` if no frame header comes before the first scan or the markers are broken.
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | null {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  let frame: Omit<JpegHeader, 'orientation'> | undefined;
  let orientation: number | undefined;
  let pos = 2;
  while (pos + 4 <= n && bytes[pos] === 0xff) {
    while (pos + 1 < n && bytes[pos + 1] === 0xff) pos++;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === SOS || marker === EOI) break;
    const length = ((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0);
    const payload = pos + 4;
    const end = pos + 2 + length;
    if (length < 2 || end > n) return null;
    if (isFrameMarker(marker) && !frame && length >= 8) {
      frame = {
        height: ((bytes[payload + 1] ?? 0) << 8) | (bytes[payload + 2] ?? 0),
        width: ((bytes[payload + 3] ?? 0) << 8) | (bytes[payload + 4] ?? 0),
        components: bytes[payload + 5] ?? 0,
        frameMarker: marker,
      };
    }
    if (marker === 0xe1 && orientation === undefined && ascii(bytes, payload, 6) === 'Exif\0\0') {
      orientation = tiffOrientation(bytes.subarray(payload + 6, end)) ?? 1;
    }
    pos = end;
  }
  if (!frame || frame.width === 0 || frame.height === 0) return null;
  return { ...frame, orientation: orientation ?? 1 };
}

function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

export function readJpegInfo(bytes: Uint8Array): JpegInfo | null {
  const list = segments(bytes);
  if (!list) return null;
  let frame: { width: number; height: number; components: number; frameMarker: number } | undefined;
  let orientation = 1;
  let sawExif = false;
  for (const segment of list) {
    const { marker, payload } = segment;
    if (isFrameMarker(marker) && !frame && segment.payloadEnd - payload >= 6) {
      frame = {
        height: ((bytes[payload + 1] ?? 0) << 8) | (bytes[payload + 2] ?? 0),
        width: ((bytes[payload + 3] ?? 0) << 8) | (bytes[payload + 4] ?? 0),
        components: bytes[payload + 5] ?? 0,
        frameMarker: marker,
      };
    }
    if (marker === 0xe1 && !sawExif && ascii(bytes, payload, 6) === 'Exif\0\0') {
      sawExif = true;
      orientation = tiffOrientation(bytes.subarray(payload + 6, segment.payloadEnd)) ?? 1;
    }
  }
  const last = list[list.length - 1];
  if (!frame || !last || frame.width === 0 || frame.height === 0) return null;
  return { ...frame, orientation, end: last.end };
}

/**
 * The same JPEG without EXIF (GPS, camera, thumbnail), XMP, IPTC, comments, maker data and anything
 * after EOI. Kept: JFIF (APP0), the ICC colour profile (APP2 "ICC_PROFILE") and Adobe's APP14,
 * which decoders need to read colours right. Entropy-coded data is copied byte for byte.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array<ArrayBuffer> | null {
  const list = segments(bytes);
  if (!list) return null;
  const kept = list.filter((segment) => keepSegment(bytes, segment));
  const out = new Uint8Array(kept.reduce((sum, s) => sum + (s.end - s.start), 0));
  let offset = 0;
  for (const s of kept) {
    out.set(bytes.subarray(s.start, s.end), offset);
    offset += s.end - s.start;
  }
  return out;
}

function keepSegment(bytes: Uint8Array, { marker, payload }: Segment): boolean {
  if (marker === COM) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  if (marker === 0xe0) return ascii(bytes, payload, 5) === 'JFIF\0';
  if (marker === 0xe2) return ascii(bytes, payload, 12) === 'ICC_PROFILE\0';
  if (marker === 0xee) return ascii(bytes, payload, 5) === 'Adobe';
  return false;
}

/** Orientation tag (0x0112) of IFD0 in a TIFF structure (an EXIF payload after its `Exif\0\0`), or `null`. */
export function tiffOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    if (view.getUint16(entry + 2, little) !== 3) return null; // SHORT
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/**
 * Whether the entropy-coded data after the first scan reaches an EOI marker. Inside that data a
 * 0xff is always followed by 0x00 (stuffing), a restart marker or another table/scan marker, so the
 * first 0xff 0xd9 is the picture's end; markers before the scan (an EXIF thumbnail's own EOI) are
 * skipped. A file cut short has none: Chromium and Firefox refuse to decode it, WebKit paints the
 * missing rows grey, so the check is ours rather than the decoder's. Bytes after EOI (trailers,
 * a motion photo's video) are allowed.
 */
export function reachesEndOfImage(bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return false;
  let pos = 2;
  while (pos + 4 <= n && bytes[pos] === 0xff) {
    while (pos + 1 < n && bytes[pos + 1] === 0xff) pos++;
    const marker = bytes[pos + 1] ?? 0;
    if (marker === EOI) return false;
    const end = pos + 2 + (((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0));
    if (marker === SOS) {
      for (let at = bytes.indexOf(0xff, end); at !== -1 && at + 1 < n; at = bytes.indexOf(0xff, at + 1)) {
        if (bytes[at + 1] === EOI) return true;
      }
      return false;
    }
    pos = end;
  }
  return false;
}
