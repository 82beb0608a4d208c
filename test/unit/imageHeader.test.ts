import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orientedSize, readImageHeader } from '../../src/core/imageHeader.ts';
import { reachesEndOfImage, readJpegHeader, readJpegInfo } from '../../src/core/jpeg.ts';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const be32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number): number[] => [n & 255, (n >>> 8) & 255];
const le24 = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const segment = (marker: number, payload: number[]): number[] => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
/** TIFF (big-endian) with IFD0 holding only Orientation. */
const tiff = (orientation: number): number[] => [...ascii('MM'), 0, 42, ...be32(8), 0, 1, 0x01, 0x12, 0, 3, ...be32(1), 0, orientation, 0, 0, ...be32(0)];

function png(width: number, height: number, orientation?: number): Uint8Array {
  const chunk = (type: string, data: number[]): number[] => [...be32(data.length), ...ascii(type), ...data, 0, 0, 0, 0];
  const exif = orientation === undefined ? [] : chunk('eXIf', tiff(orientation));
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]), ...exif, ...chunk('IDAT', [1, 2, 3])]);
}

function jpeg(width: number, height: number, before: number[][] = []): Uint8Array {
  const sof = segment(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const sos = [...segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]), 0x12, 0x34, 0xff, 0xd9];
  return Uint8Array.from([0xff, 0xd8, ...before.flat(), ...sof, ...sos]);
}

const riff = (chunks: number[]): Uint8Array => Uint8Array.from([...ascii('RIFF'), ...le24(chunks.length + 4), 0, ...ascii('WEBP'), ...chunks]);
const side = fc.integer({ min: 1, max: 16_383 });

describe('readImageHeader', () => {
  it('reads any PNG size from IHDR and the orientation of an eXIf chunk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }), (w, h, o) => {
        expect(readImageHeader(png(w, h, o), 'png')).toEqual({ width: w, height: h, orientation: o ?? 1 });
      }),
    );
  });

  it('reads the three WebP headers', () => {
    fc.assert(
      fc.property(side, side, (w, h) => {
        const lossy = riff([...ascii('VP8 '), 10, 0, 0, 0, 0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h), 0, 0]); // frame tag, start code, sizes
        const bits = ((w - 1) | ((h - 1) << 14)) >>> 0;
        const lossless = riff([...ascii('VP8L'), 5, 0, 0, 0, 0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) & 255, 0]);
        const extended = riff([...ascii('VP8X'), 10, 0, 0, 0, 0x08, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]);
        for (const file of [lossy, lossless, extended]) expect(readImageHeader(file, 'webp')).toEqual({ width: w, height: h, orientation: 1 });
      }),
    );
  });

  it('reads a JPEG frame header and EXIF orientation from the segments before the scan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65_535 }), fc.integer({ min: 1, max: 65_535 }), fc.integer({ min: 1, max: 8 }), (w, h, o) => {
        const exif = segment(0xe1, [...ascii('Exif'), 0, 0, ...tiff(o)]);
        const icc = segment(0xe2, [...ascii('ICC_PROFILE'), 0, 1, 1, ...new Array<number>(300).fill(7)]);
        const bytes = jpeg(w, h, [segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), exif, icc]);
        expect(readImageHeader(bytes, 'jpeg')).toEqual({ width: w, height: h, orientation: o });
        // The header-only reader agrees with the full walk, which also finds the end.
        const { end, ...full } = readJpegInfo(bytes)!;
        expect(readJpegHeader(bytes)).toEqual(full);
        expect(end).toBe(bytes.length);
      }),
    );
  });

  it('needs only the head of a JPEG: the entropy-coded data may be cut off', () => {
    const whole = jpeg(4032, 3024);
    expect(readImageHeader(whole.subarray(0, whole.length - 3), 'jpeg')).toEqual({ width: 4032, height: 3024, orientation: 1 });
  });

  it('never throws on arbitrary bytes, and answers null for types without a header reader', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('jpeg', 'png', 'webp', 'heic', 'pdf', 'unknown') as fc.Arbitrary<'jpeg'>, (bytes, type) => {
        const header = readImageHeader(bytes, type);
        if (header) expect(header.width > 0 && header.height > 0).toBe(true);
      }),
    );
    expect(readImageHeader(png(10, 10), 'heic')).toBeNull();
  });
});

describe('orientedSize', () => {
  it('swaps the sides for the quarter-turn orientations 5–8 only', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 1, max: 8 }), (width, height, orientation) => {
        const upright = orientedSize({ width, height, orientation });
        expect(upright).toEqual(orientation >= 5 ? { width: height, height: width } : { width, height });
      }),
    );
  });
});

describe('reachesEndOfImage', () => {
  /** Entropy-coded data as an encoder writes it: 0xff only as stuffed 0xff 0x00 or a restart marker. */
  const entropy = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xfe }).map((b) => [b]), fc.constant([0xff, 0x00]), fc.integer({ min: 0xd0, max: 0xd7 }).map((m) => [0xff, m])), { maxLength: 200 }).map((parts) => parts.flat());
  const whole = (data: number[], trailer: number[] = []): Uint8Array => {
    const base = jpeg(64, 48, [segment(0xe1, [...ascii('Exif\0\0'), 0xff, 0xd8, 0xff, 0xd9])]);
    // jpeg() ends its scan with 0x12 0x34 0xff 0xd9: put the data before that EOI.
    return Uint8Array.from([...base.subarray(0, base.length - 2), ...data, 0xff, 0xd9, ...trailer]);
  };

  it('accepts a whole JPEG, with or without bytes after its end, despite an EOI inside the EXIF thumbnail', () => {
    fc.assert(
      fc.property(entropy, fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), (data, trailer) => {
        expect(reachesEndOfImage(whole(data, trailer))).toBe(true);
      }),
    );
  });

  it('refuses the same JPEG cut anywhere before its end', () => {
    fc.assert(
      fc.property(entropy, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (data, at) => {
        const bytes = whole(data);
        expect(reachesEndOfImage(bytes.subarray(0, Math.floor(at * (bytes.length - 1))))).toBe(false);
      }),
    );
  });
});
