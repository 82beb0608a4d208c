import { describe, expect, it } from 'vitest';
import { kindOf, mimeTypeOf, sniffFileType, type SniffedType } from '../../src/core/fileType.ts';

const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? text(part) : part)));
const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
/** An ISO-BMFF `ftyp` box followed by a few bytes of the next box. */
const ftyp = (major: string, ...compatible: string[]): Uint8Array =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible, u32(8), 'meta');

describe('sniffFileType', () => {
  it.each<[string, Uint8Array, SniffedType]>([
    ['JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'), 'jpeg'],
    ['JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], 'Exif'), 'jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'png'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif'],
    ['PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'pdf'],
    ['HEIC (major heic)', ftyp('heic', 'mif1', 'heic'), 'heic'],
    ['HEIC (major heix)', ftyp('heix', 'mif1'), 'heic'],
    ['HEIF sequence (major hevc)', ftyp('hevc', 'msf1'), 'heic'],
    ['HEIF (major mif1, compatible heic)', ftyp('mif1', 'heic'), 'heic'],
    ['HEIF (major mif1 only)', ftyp('mif1', 'mif1', 'miaf'), 'heic'],
    ['HEIF (unknown major, compatible msf1)', ftyp('xxxx', 'msf1'), 'heic'],
    ['HEIF (major heim/heis/hevm/hevs)', ftyp('hevs'), 'heic'],
    ['AVIF (major avif, compatible mif1)', ftyp('avif', 'mif1', 'miaf'), 'unknown'],
    ['AVIF (major mif1, compatible avif)', ftyp('mif1', 'avif', 'miaf'), 'unknown'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'mp41'), 'unknown'],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'svg'],
    ['SVG with XML declaration, comment, doctype and BOM', bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg>\n<svg>'), 'svg'],
    ['HTML', bytes('<!DOCTYPE html><html><body><svg></svg>'), 'unknown'],
    ['plain text named .jpg', bytes('hello, this is not a photo\n'), 'unknown'],
    ['PDF header not at offset 0', bytes('  %PDF-1.4'), 'unknown'],
    ['empty', new Uint8Array(0), 'unknown'],
    ['one byte of a JPEG', bytes([0xff]), 'unknown'],
    ['truncated ftyp', bytes([0, 0, 0, 24], 'ftyp'), 'unknown'],
  ])('%s', (_name, input, expected) => {
    expect(sniffFileType(input)).toBe(expected);
  });

  it('ignores the brands that lie past the ftyp box', () => {
    // Box size 16 (no compatible brands); the "heic" after it belongs to the next box.
    expect(sniffFileType(bytes(u32(16), 'ftyp', 'isom', [0, 0, 0, 0], 'heic'))).toBe('unknown');
  });
});

describe('kindOf / mimeTypeOf', () => {
  it('sorts types into what the widget converts, passes through or refuses', () => {
    expect(['jpeg', 'png', 'webp', 'heic'].map((t) => kindOf(t as SniffedType))).toEqual(['image', 'image', 'image', 'image']);
    expect(kindOf('pdf')).toBe('pdf');
    expect(['gif', 'svg', 'unknown'].map((t) => kindOf(t as SniffedType))).toEqual(['other', 'other', 'other']);
  });

  it('names the MIME type', () => {
    expect(mimeTypeOf('jpeg')).toBe('image/jpeg');
    expect(mimeTypeOf('pdf')).toBe('application/pdf');
    expect(mimeTypeOf('unknown')).toBe('application/octet-stream');
  });
});
