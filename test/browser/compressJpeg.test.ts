import { describe, expect, it } from 'vitest';
import { readJpegInfo, stripJpegMetadata } from '../../src/core/jpeg.ts';

/** A structurally valid (not decodable) JPEG: SOI, given segments, SOF0, SOS with entropy bytes, EOI. */
function jpeg(options: { before?: number[][]; entropy?: number[]; sof?: number; components?: number; after?: number[] } = {}): Uint8Array {
  const { before = [], entropy = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56], sof = 0xc0, components = 3, after = [] } = options;
  const sofSegment = [0xff, sof, 0, 8 + 3 * components, 8, 0x01, 0xe0, 0x02, 0x80, components, ...Array.from({ length: components * 3 }, () => 1)];
  const sos = [0xff, 0xda, 0, 6 + 2 * components, components, ...Array.from({ length: components * 2 }, () => 0), 0, 63, 0];
  return Uint8Array.from([0xff, 0xd8, ...before.flat(), ...sofSegment, ...sos, ...entropy, 0xff, 0xd9, ...after]);
}

const segment = (marker: number, payload: number[]): number[] => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const jfif = segment(0xe0, [...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const icc = segment(0xe2, [...ascii('ICC_PROFILE'), 0, 1, 1, 9, 9, 9]);
const adobe = segment(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 1]);
const xmp = segment(0xe1, [...ascii('http://ns.adobe.com/xap/1.0/'), 0, ...ascii('<x:xmpmeta/>')]);
const comment = segment(0xfe, ascii('hello'));
const iptc = segment(0xed, ascii('Photoshop 3.0'));
/** Little-endian EXIF with Orientation = value. */
const exifLE = (value: number): number[] =>
  segment(0xe1, [...ascii('Exif'), 0, 0, ...ascii('II'), 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, value, 0, 0, 0, 0, 0, 0, 0]);

describe('readJpegInfo', () => {
  it('reads the frame and a little-endian orientation', () => {
    expect(readJpegInfo(jpeg({ before: [jfif, exifLE(6)] }))).toMatchObject({ width: 640, height: 480, components: 3, frameMarker: 0xc0, orientation: 6 });
  });

  it('defaults the orientation to 1 and finds the end before trailing data', () => {
    const bytes = jpeg({ sof: 0xc2, components: 1, after: ascii('TRAILER') });
    expect(readJpegInfo(bytes)).toMatchObject({ orientation: 1, frameMarker: 0xc2, components: 1, end: bytes.length - 7 });
  });

  it('returns null for truncated or foreign data', () => {
    const whole = jpeg();
    expect(readJpegInfo(whole.subarray(0, whole.length - 4))).toBeNull();
    expect(readJpegInfo(Uint8Array.from(ascii('not a jpeg at all')))).toBeNull();
    expect(readJpegInfo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });
});

describe('stripJpegMetadata', () => {
  it('keeps JFIF, ICC and Adobe, drops EXIF, XMP, IPTC, comments and trailers, copies entropy data as is', () => {
    const input = jpeg({ before: [jfif, exifLE(1), xmp, icc, comment, iptc, adobe], after: ascii('MPF SECOND IMAGE') });
    const expected = jpeg({ before: [jfif, icc, adobe] });
    expect(stripJpegMetadata(input)).toEqual(expected);
  });

  it('handles fill bytes before markers and several scans', () => {
    const scan2 = [...segment(0xc4, [0x10, 1]), 0xff, 0xda, 0, 8, 1, 0, 0, 0, 63, 0, 0x77, 0xff, 0x00];
    const input = jpeg({ before: [[0xff], comment], entropy: [0x01, 0x02, ...scan2, 0x03] });
    const out = stripJpegMetadata(input);
    expect(out).not.toBeNull();
    expect(readJpegInfo(out!)).toMatchObject({ width: 640, height: 480 });
    expect(out!.length).toBe(input.length - comment.length - 1);
  });
});
