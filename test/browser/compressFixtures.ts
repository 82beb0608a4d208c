/**
 * Test images made in the browser, shared by test/browser/compress*.test.ts and bench/: nothing
 * binary is checked in, and every fixture is deterministic (seeded noise).
 */
import { readJpegInfo } from '../../src/core/jpeg.ts';
import { encodeHeic, type HeicOptions } from './heicFixture.ts';

export interface DocumentPhotoOptions {
  width?: number;
  height?: number;
  /** JPEG quality of the fixture itself. */
  quality?: number;
  /** Standard deviation of the per-pixel sensor noise, in 8-bit levels. */
  noise?: number;
  type?: 'image/jpeg' | 'image/png' | 'image/webp';
  seed?: number;
}

/**
 * Something like a phone photo of an ID card on a desk: a lit gradient, a card with a portrait
 * block, printed text and an MRZ-like band, guilloche lines, then sensor noise so the encoder has
 * real detail to keep (a flat drawing would compress to almost nothing).
 */
export async function documentPhoto(options: DocumentPhotoOptions = {}): Promise<Blob> {
  const { width = 4032, height = 3024, quality = 0.95, noise = 7, type = 'image/jpeg', seed = 1 } = options;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const random = mulberry32(seed);
  const u = Math.min(width, height) / 1000;

  const desk = ctx.createLinearGradient(0, 0, width, height);
  desk.addColorStop(0, '#8a6f55');
  desk.addColorStop(0.5, '#a4876a');
  desk.addColorStop(1, '#5e4a39');
  ctx.fillStyle = desk;
  ctx.fillRect(0, 0, width, height);
  // Wood grain.
  ctx.lineWidth = Math.max(1, u);
  for (let i = 0; i < 160; i++) {
    ctx.strokeStyle = `rgba(50,30,20,${0.05 + random() * 0.1})`;
    ctx.beginPath();
    const y = random() * height;
    ctx.moveTo(0, y);
    ctx.bezierCurveTo(width / 3, y + (random() - 0.5) * 80 * u, (2 * width) / 3, y + (random() - 0.5) * 80 * u, width, y);
    ctx.stroke();
  }

  // The card, slightly rotated as a hand-held photo would be.
  const cardW = width * 0.72;
  const cardH = cardW / 1.586;
  ctx.save();
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-0.035);
  ctx.translate(-cardW / 2, -cardH / 2);
  ctx.shadowColor = 'rgba(0,0,0,0.45)';
  ctx.shadowBlur = 30 * u;
  const card = ctx.createLinearGradient(0, 0, cardW, cardH);
  card.addColorStop(0, '#e9f0f4');
  card.addColorStop(1, '#cfdde6');
  ctx.fillStyle = card;
  roundRect(ctx, 0, 0, cardW, cardH, 30 * u);
  ctx.fill();
  ctx.shadowColor = 'transparent';
  // Guilloche.
  ctx.lineWidth = Math.max(1, 0.8 * u);
  for (let k = 0; k < 40; k++) {
    ctx.strokeStyle = `hsla(${190 + k * 3},50%,45%,0.25)`;
    ctx.beginPath();
    for (let x = 0; x <= cardW; x += 8 * u) {
      const y = cardH * 0.5 + Math.sin(x / (40 * u) + k * 0.4) * cardH * 0.35 * Math.sin(k * 0.15 + 0.3);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  // Portrait block.
  const face = ctx.createRadialGradient(cardW * 0.16, cardH * 0.42, 10, cardW * 0.16, cardH * 0.42, cardH * 0.4);
  face.addColorStop(0, '#d9b59a');
  face.addColorStop(0.5, '#a57e62');
  face.addColorStop(1, '#3b4a5a');
  ctx.fillStyle = face;
  ctx.fillRect(cardW * 0.04, cardH * 0.18, cardW * 0.25, cardH * 0.55);
  // Printed text.
  ctx.fillStyle = '#1d2a38';
  const words = ['SURNAME', 'GIVEN NAMES', 'NATIONALITY', 'DATE OF BIRTH', 'SEX', 'PLACE OF BIRTH', 'DATE OF ISSUE', 'DATE OF EXPIRY', 'AUTHORITY', 'DOCUMENT NO'];
  for (let line = 0; line < 10; line++) {
    ctx.font = `${Math.round(14 * u)}px sans-serif`;
    ctx.fillText(words[line] ?? '', cardW * 0.33, cardH * (0.16 + line * 0.058));
    ctx.font = `bold ${Math.round(22 * u)}px sans-serif`;
    ctx.fillText(randomText(random, 8 + Math.floor(random() * 14)), cardW * 0.55, cardH * (0.16 + line * 0.058));
  }
  // MRZ band.
  ctx.fillStyle = 'rgba(255,255,255,0.6)';
  ctx.fillRect(0, cardH * 0.78, cardW, cardH * 0.2);
  ctx.fillStyle = '#111';
  ctx.font = `${Math.round(30 * u)}px monospace`;
  for (let line = 0; line < 3; line++) {
    ctx.fillText(mrzLine(random), cardW * 0.03, cardH * (0.84 + line * 0.055));
  }
  ctx.restore();

  addNoise(ctx, width, height, noise, random);
  return type === 'image/png' ? canvas.convertToBlob({ type }) : canvas.convertToBlob({ type, quality });
}

/**
 * A selfie: portrait frame, soft background with out-of-focus lights, a face (skin gradient, eyes,
 * mouth), hair drawn as thousands of fine strands and sensor noise. Smoother than a document, so it
 * compresses more: the case where the first quality tried usually fits.
 */
export async function facePhoto(options: { width?: number; height?: number; quality?: number; noise?: number; seed?: number } = {}): Promise<Blob> {
  const { width = 3024, height = 4032, quality = 0.95, noise = 5, seed = 2 } = options;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const random = mulberry32(seed);
  const u = Math.min(width, height) / 1000;
  const wall = ctx.createLinearGradient(0, 0, 0, height);
  wall.addColorStop(0, '#6d7f8f');
  wall.addColorStop(1, '#39424c');
  ctx.fillStyle = wall;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 40; i++) {
    const x = random() * width;
    const y = random() * height * 0.6;
    const r = (40 + random() * 120) * u;
    const light = ctx.createRadialGradient(x, y, 0, x, y, r);
    light.addColorStop(0, `hsla(${30 + random() * 40},80%,80%,0.35)`);
    light.addColorStop(1, 'hsla(40,80%,80%,0)');
    ctx.fillStyle = light;
    ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  const cx = width / 2;
  const cy = height * 0.45;
  // Shoulders.
  ctx.fillStyle = '#2c3e66';
  ctx.beginPath();
  ctx.ellipse(cx, height * 1.02, width * 0.55, height * 0.3, 0, 0, Math.PI * 2);
  ctx.fill();
  // Neck and face.
  const skin = ctx.createRadialGradient(cx - 60 * u, cy - 80 * u, 20 * u, cx, cy, 420 * u);
  skin.addColorStop(0, '#f1c7a8');
  skin.addColorStop(0.6, '#d29c7c');
  skin.addColorStop(1, '#8e5f47');
  ctx.fillStyle = skin;
  ctx.fillRect(cx - 110 * u, cy + 250 * u, 220 * u, 300 * u);
  ctx.beginPath();
  ctx.ellipse(cx, cy, 260 * u, 340 * u, 0, 0, Math.PI * 2);
  ctx.fill();
  // Eyes, brows, nose shadow, mouth.
  for (const side of [-1, 1]) {
    ctx.fillStyle = '#fbf7f2';
    ctx.beginPath();
    ctx.ellipse(cx + side * 95 * u, cy - 40 * u, 42 * u, 20 * u, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#4a3323';
    ctx.beginPath();
    ctx.arc(cx + side * 95 * u, cy - 40 * u, 17 * u, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = '#3b2618';
    ctx.lineWidth = 9 * u;
    ctx.beginPath();
    ctx.moveTo(cx + side * 50 * u, cy - 95 * u);
    ctx.quadraticCurveTo(cx + side * 100 * u, cy - 120 * u, cx + side * 150 * u, cy - 92 * u);
    ctx.stroke();
  }
  ctx.strokeStyle = 'rgba(120,70,50,0.5)';
  ctx.lineWidth = 6 * u;
  ctx.beginPath();
  ctx.moveTo(cx, cy - 20 * u);
  ctx.lineTo(cx - 20 * u, cy + 80 * u);
  ctx.lineTo(cx + 15 * u, cy + 90 * u);
  ctx.stroke();
  ctx.fillStyle = '#a8545a';
  ctx.beginPath();
  ctx.ellipse(cx, cy + 170 * u, 75 * u, 22 * u, 0, 0, Math.PI * 2);
  ctx.fill();
  // Hair: fine strands over the top of the head.
  ctx.lineWidth = Math.max(1, 1.2 * u);
  for (let i = 0; i < 2500; i++) {
    const a = Math.PI * (1.05 + random() * 0.9);
    const r = 250 * u + random() * 90 * u;
    const x = cx + Math.cos(a) * r;
    const y = cy - 40 * u + Math.sin(a) * r * 1.15;
    ctx.strokeStyle = `rgba(${40 + random() * 40},${25 + random() * 25},${15 + random() * 15},0.6)`;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.quadraticCurveTo(cx + (x - cx) * 0.6, y - 60 * u, cx + (random() - 0.5) * 200 * u, cy - 380 * u);
    ctx.stroke();
  }
  addNoise(ctx, width, height, noise, random);
  return canvas.convertToBlob({ type: 'image/jpeg', quality });
}

/**
 * A desktop screenshot as PNG (the kind people upload when they have no photo at hand): window
 * chrome, lines of text and a document photo shown inside the page. About 8 MB at the default size.
 */
export async function screenshotPng(options: { width?: number; height?: number; seed?: number } = {}): Promise<Blob> {
  const { width = 2880, height = 1800, seed = 3 } = options;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  const random = mulberry32(seed);
  ctx.fillStyle = '#f4f5f7';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#dfe3e8';
  ctx.fillRect(0, 0, width, 110);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(220, 30, width - 440, 52);
  ctx.fillStyle = '#1f2933';
  ctx.font = '28px sans-serif';
  ctx.fillText('https://bank.example/verify/upload', 250, 66);
  // The photo of a card the person is looking at, filling most of the page.
  const photo = await createImageBitmap(await documentPhoto({ width: 2600, height: 1650, noise: 7, seed }));
  ctx.drawImage(photo, 40, 130, 2600, 1650);
  photo.close();
  ctx.fillStyle = '#1f2933';
  for (let line = 0; line < 44; line++) {
    ctx.font = `${line % 7 === 0 ? 'bold 24' : '20'}px sans-serif`;
    ctx.fillText(randomText(random, 8 + Math.floor(random() * 6)), 2670, 160 + line * 37);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * A pixel flood: a valid PNG whose header claims `size`×`size` pixels (16,000² = 256 MP, 1 GB as
 * RGBA) while the file stays small, 1-bit grey with the top-left quarter black. Written by hand
 * (IHDR, one zlib IDAT from CompressionStream, IEND), never drawn on a canvas.
 */
export async function pixelFloodPng(size = 16_000): Promise<Blob> {
  const rowBytes = Math.ceil(size / 8);
  const dark = new Uint8Array(1 + rowBytes).fill(0xff);
  dark[0] = 0; // filter: none
  for (let x = 0; x < size / 2; x++) dark[1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
  const light = new Uint8Array(1 + rowBytes).fill(0xff);
  light[0] = 0;
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  const compressed = new Response(stream.readable).arrayBuffer();
  for (let y = 0; y < size; y++) await writer.write(y < size / 2 ? dark : light);
  await writer.close();
  const idat = new Uint8Array(await compressed);
  const ihdr = Uint8Array.from([...u32(size), ...u32(size), 1, 0, 0, 0, 0]); // 1-bit greyscale
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Blob([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))], { type: 'image/png' });
}

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const typed = Uint8Array.from([...type].map((c) => c.charCodeAt(0)));
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length), 0);
  out.set(typed, 4);
  out.set(data, 8);
  out.set(u32(crc32(out.subarray(4, 8 + data.length))), 8 + data.length);
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The same picture as a HEIC file (./heicFixture.ts), e.g. an iPhone photo of {@link documentPhoto}. */
export async function heicOf(image: Blob | OffscreenCanvas, options: HeicOptions = {}): Promise<Blob> {
  const source = image instanceof Blob ? await createImageBitmap(image) : image;
  const { width, height } = source;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(source, 0, 0);
  if (source instanceof ImageBitmap) source.close();
  const { data } = ctx.getImageData(0, 0, width, height);
  return new Blob([encodeHeic(data, width, height, options)], { type: 'image/heic' });
}

/** A small flat drawing (a screenshot, a scan of a form) as PNG. */
export async function smallPng(width = 320, height = 200): Promise<Blob> {
  const { canvas, ctx } = paper(width, height);
  ctx.fillStyle = '#234';
  ctx.font = '20px sans-serif';
  ctx.fillText('Small scan', 20, 40);
  ctx.strokeStyle = '#c33';
  ctx.strokeRect(10, 10, width - 20, height - 20);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** A JPEG whose stored pixels are `width`×`height` with a red left half, for orientation checks. */
export async function markedJpeg(width: number, height: number, quality = 0.9): Promise<Uint8Array> {
  const { canvas, ctx } = paper(width, height);
  ctx.fillStyle = '#f00';
  ctx.fillRect(0, 0, width / 2, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * A JPEG that shows a `width`×`height` picture (white, red top-left quarter, blue top-right
 * quarter) only once EXIF `orientation` is applied: the stored pixels are the picture turned the
 * other way, and the EXIF segment says how to turn it back. Two coloured corners on a non-square
 * frame tell all eight orientations apart, mirrorings included. `noise` adds sensor grain.
 */
export async function orientedJpeg(orientation: number, width: number, height: number, quality = 0.9, noise = 0): Promise<Uint8Array<ArrayBuffer>> {
  const upright = markedCanvas(width, height);
  // Photo-like grain, so that quality (not only the block count) decides the size.
  addNoise(upright.getContext('2d')!, width, height, noise, mulberry32(orientation));
  const stored = orientation >= 5 ? new OffscreenCanvas(height, width) : new OffscreenCanvas(width, height);
  const ctx = stored.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  // Orientations 6 and 8 undo each other; every other one is its own inverse.
  applyOrientation(ctx, orientation === 6 ? 8 : orientation === 8 ? 6 : orientation, width, height);
  ctx.drawImage(upright, 0, 0);
  const jpeg = new Uint8Array(await (await stored.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
  return insertAfterSoi(jpeg, exifSegment(orientation));
}

/** The upright picture of {@link orientedJpeg}: white, red top-left quarter, blue top-right quarter. */
export function markedCanvas(width: number, height: number): OffscreenCanvas {
  const { canvas, ctx } = paper(width, height);
  ctx.fillStyle = '#f00';
  ctx.fillRect(0, 0, width / 2, height / 2);
  ctx.fillStyle = '#00f';
  ctx.fillRect(width / 2, 0, width / 2, height / 2);
  return canvas;
}

/** The canvas transform that shows a `width`×`height` source under EXIF orientation `orientation` (TIFF 6.0 / EXIF 2.3). */
export function applyOrientation(ctx: OffscreenCanvasRenderingContext2D, orientation: number, width: number, height: number): void {
  const transforms: Record<number, [number, number, number, number, number, number]> = {
    2: [-1, 0, 0, 1, width, 0],
    3: [-1, 0, 0, -1, width, height],
    4: [1, 0, 0, -1, 0, height],
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, height, 0],
    7: [0, -1, -1, 0, height, width],
    8: [0, -1, 1, 0, 0, width],
  };
  const transform = transforms[orientation];
  if (transform) ctx.transform(...transform);
}

export type Mark = 'red' | 'blue' | 'white' | 'dark' | 'other';

/** What colour each quarter of a decoded picture is, sampled at the quarter's centre. */
export async function quarterMarks(blob: Blob): Promise<{ topLeft: Mark; topRight: Mark; bottomLeft: Mark; bottomRight: Mark }> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  bitmap.close();
  const at = async (x: number, y: number): Promise<Mark> => classify(await sampleColor(blob, Math.round(x * width), Math.round(y * height)));
  return { topLeft: await at(0.25, 0.25), topRight: await at(0.75, 0.25), bottomLeft: await at(0.25, 0.75), bottomRight: await at(0.75, 0.75) };
}

function classify([r, g, b]: [number, number, number]): Mark {
  if (r > 200 && g < 70 && b < 70) return 'red';
  if (b > 200 && r < 70 && g < 70) return 'blue';
  if (r > 220 && g > 220 && b > 220) return 'white';
  if (r < 50 && g < 50 && b < 50) return 'dark';
  return 'other';
}

/**
 * Names of the segments in a JPEG that can carry metadata about the person or the device (EXIF
 * with GPS and serial numbers, XMP, IPTC, comments, maker APPn) plus any bytes after EOI (MPF
 * secondary images, trailers). Empty for a clean file. Only JFIF, an ICC profile and Adobe's
 * colour transform flag are allowed.
 */
export function metadataIn(bytes: Uint8Array): string[] {
  const found: string[] = [];
  const text = (offset: number, length: number): string => String.fromCharCode(...bytes.subarray(offset, offset + length));
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    if (marker === 0xda) break;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const payload = pos + 4;
    if (marker === 0xfe) found.push('COM');
    else if (marker === 0xe0 && text(payload, 5) !== 'JFIF\0') found.push('APP0 (not JFIF)');
    else if (marker === 0xe1) found.push(text(payload, 6) === 'Exif\0\0' ? 'APP1 EXIF' : 'APP1 XMP/other');
    else if (marker === 0xe2 && text(payload, 12) !== 'ICC_PROFILE\0') found.push('APP2 (not ICC)');
    else if (marker === 0xee && text(payload, 5) !== 'Adobe') found.push('APP14 (not Adobe)');
    else if (marker >= 0xe3 && marker <= 0xef && marker !== 0xee) found.push(`APP${marker - 0xe0}`);
    pos += 2 + length;
  }
  const info = readJpegInfo(bytes);
  if (!info) found.push('unparseable');
  else if (info.end !== bytes.length) found.push(`${bytes.length - info.end} bytes after EOI`);
  return found;
}

/**
 * An APP1 "Exif" segment with IFD0 holding Orientation (and, if asked, a fake GPS pointer and a
 * camera Make string), big-endian TIFF.
 */
export function exifSegment(orientation: number, extras: { make?: string } = {}): Uint8Array {
  const entries: [tag: number, type: number, count: number, value: number[]][] = [];
  const make = extras.make ? [...new TextEncoder().encode(extras.make), 0] : undefined;
  // IFD0 starts at 8; n entries * 12 + 2 + 4 bytes; out-of-line data after it.
  const count = make ? 2 : 1;
  const dataOffset = 8 + 2 + count * 12 + 4;
  if (make) entries.push([0x010f, 2, make.length, u32(dataOffset)]);
  entries.push([0x0112, 3, 1, [0, orientation, 0, 0]]);
  entries.sort((a, b) => a[0] - b[0]);
  const tiff: number[] = [0x4d, 0x4d, 0, 42, ...u32(8), ...u16(entries.length)];
  for (const [tag, type, n, value] of entries) tiff.push(...u16(tag), ...u16(type), ...u32(n), ...value);
  tiff.push(...u32(0));
  if (make) tiff.push(...make);
  const payload = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
  return Uint8Array.from([0xff, 0xe1, ...u16(payload.length + 2), ...payload]);
}

/** A COM (comment) segment. */
export function commentSegment(text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  return Uint8Array.from([0xff, 0xfe, ...u16(payload.length + 2), ...payload]);
}

/** `jpeg` with `segments` inserted right after SOI (as cameras write APP1 first). */
export function insertAfterSoi(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = jpeg.length + segments.reduce((sum, s) => sum + s.length, 0);
  const out = new Uint8Array(total);
  out.set(jpeg.subarray(0, 2), 0);
  let offset = 2;
  for (const segment of segments) {
    out.set(segment, offset);
    offset += segment.length;
  }
  out.set(jpeg.subarray(2), offset);
  return out;
}

export async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Average colour of a `size`×`size` patch centred on (x, y) of a decoded blob. */
export async function sampleColor(blob: Blob, x: number, y: number, size = 8): Promise<[number, number, number]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const { data } = ctx.getImageData(Math.max(0, x - size / 2), Math.max(0, y - size / 2), size, size);
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    sum[0]! += data[i]!;
    sum[1]! += data[i + 1]!;
    sum[2]! += data[i + 2]!;
  }
  const n = data.length / 4;
  return [Math.round(sum[0]! / n), Math.round(sum[1]! / n), Math.round(sum[2]! / n)];
}

/** Sensor noise (Gaussian-ish, per channel) plus a soft vignette. */
function addNoise(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number, noise: number, random: () => number): void {
  if (noise <= 0) return;
  // Row bands keep the ImageData small enough for 48 MP frames.
  const band = Math.max(1, Math.floor(4_000_000 / width));
  const cx = width / 2;
  const cy = height / 2;
  const maxR2 = cx * cx + cy * cy;
  for (let top = 0; top < height; top += band) {
    const rows = Math.min(band, height - top);
    const image = ctx.getImageData(0, top, width, rows);
    const data = image.data;
    for (let r = 0; r < rows; r++) {
      const y = top + r;
      const dy = (y - cy) * (y - cy);
      for (let x = 0; x < width; x++) {
        const vignette = 1 - 0.25 * (((x - cx) * (x - cx) + dy) / maxR2);
        const i = (r * width + x) * 4;
        const grain = (random() + random() + random() - 1.5) * 2 * noise;
        data[i] = data[i]! * vignette + grain + (random() - 0.5) * noise;
        data[i + 1] = data[i + 1]! * vignette + grain + (random() - 0.5) * noise;
        data[i + 2] = data[i + 2]! * vignette + grain + (random() - 0.5) * noise;
      }
    }
    ctx.putImageData(image, 0, top);
  }
}

/** A white `width`×`height` canvas to draw a fixture on. */
function paper(width: number, height: number): { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  return { canvas, ctx };
}

function u16(n: number): number[] {
  return [(n >>> 8) & 255, n & 255];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function roundRect(ctx: OffscreenCanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function randomText(random: () => number, length: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ';
  let text = '';
  for (let i = 0; i < length; i++) text += letters[Math.floor(random() * letters.length)];
  return text.trim() || 'X';
}

function mrzLine(random: () => number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<';
  let text = '';
  for (let i = 0; i < 30; i++) text += chars[Math.floor(random() * chars.length)];
  return text;
}

/** Small, fast, seedable PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
