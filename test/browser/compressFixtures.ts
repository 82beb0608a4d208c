/**
 * Test images made in the browser, shared by test/browser/compress*.test.ts and bench/: nothing
 * binary is checked in, and every fixture is deterministic (seeded noise).
 */

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

  // Sensor noise (Gaussian-ish, per channel) plus a soft vignette.
  if (noise > 0) {
    const image = ctx.getImageData(0, 0, width, height);
    const data = image.data;
    const cx = width / 2;
    const cy = height / 2;
    const maxR2 = cx * cx + cy * cy;
    for (let y = 0; y < height; y++) {
      const dy = (y - cy) * (y - cy);
      for (let x = 0; x < width; x++) {
        const vignette = 1 - 0.25 * (((x - cx) * (x - cx) + dy) / maxR2);
        const i = (y * width + x) * 4;
        const grain = (random() + random() + random() - 1.5) * 2 * noise;
        data[i] = data[i]! * vignette + grain + (random() - 0.5) * noise;
        data[i + 1] = data[i + 1]! * vignette + grain + (random() - 0.5) * noise;
        data[i + 2] = data[i + 2]! * vignette + grain + (random() - 0.5) * noise;
      }
    }
    ctx.putImageData(image, 0, 0);
  }
  return type === 'image/png' ? canvas.convertToBlob({ type }) : canvas.convertToBlob({ type, quality });
}

/** A small flat drawing (a screenshot, a scan of a form) as PNG. */
export async function smallPng(width = 320, height = 200): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#234';
  ctx.font = '20px sans-serif';
  ctx.fillText('Small scan', 20, 40);
  ctx.strokeStyle = '#c33';
  ctx.strokeRect(10, 10, width - 20, height - 20);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** A JPEG whose stored pixels are `width`×`height` with a red left half, for orientation checks. */
export async function markedJpeg(width: number, height: number, quality = 0.9): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#f00';
  ctx.fillRect(0, 0, width / 2, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Uint8Array(await blob.arrayBuffer());
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
