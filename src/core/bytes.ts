/**
 * Reading file headers: fixed-size fields at byte offsets. Out-of-range reads give '' or 0, never
 * an exception, so parsers of untrusted files stay total.
 */

/** `length` bytes at `offset` as Latin-1 text (tags like "ftyp", "Exif"); '' if they run past the end. */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset + length > bytes.length) return '';
  let text = '';
  for (let i = offset; i < offset + length; i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

export function uint32be(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

export function uint16le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

export function uint24le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
}
