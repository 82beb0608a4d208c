/**
 * PDFs made in the browser for the PDF tests, the end-to-end run and the bench: a bank statement
 * as a bank's scanner sends it (full-page JPEG scans at 300 dpi with paper grain), one with text
 * only, and the broken kinds. Deterministic (seeded); nothing binary is checked in.
 */
import { makePdf, type PdfOptions, type PdfPageSpec } from '../pdfWriter.ts';
import { randomSource as mulberry32 } from '../quality/drawing.ts';
import { addNoise, paper } from './compressFixtures.ts';

/** A4 at 300 dpi, the resolution office scanners default to. */
const SCAN_WIDTH = 2480;
const SCAN_HEIGHT = 3508;

/**
 * The picture of page `page` of `pages`: letterhead, a page number, a line table and, on
 * `addressPage`, the holder's name and address. Each page also carries a black bar whose length
 * tells the page (`page / pages` of the width, at the top): a test reads which page arrived.
 */
export async function scanJpeg(page: number, pages: number, options: { addressPage?: number; noise?: number; quality?: number } = {}): Promise<Uint8Array> {
  const { addressPage = 2, noise = 6, quality = 0.9 } = options;
  const { canvas, ctx } = paper(SCAN_WIDTH, SCAN_HEIGHT);
  ctx.fillStyle = '#f6f3ec';
  ctx.fillRect(0, 0, SCAN_WIDTH, SCAN_HEIGHT);
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, Math.round((SCAN_WIDTH * page) / pages), 60);
  ctx.font = 'bold 90px sans-serif';
  ctx.fillText('EXAMPLE BANK', 200, 300);
  ctx.font = '50px sans-serif';
  ctx.fillText(`Account statement, page ${page} of ${pages}`, 200, 420);
  if (page === addressPage) {
    ctx.font = '60px sans-serif';
    ['Ona Petraitytė', 'Gedimino pr. 1-23', 'LT-01103 Vilnius'].forEach((line, index) => ctx.fillText(line, 200, 640 + index * 90));
  }
  ctx.font = '38px monospace';
  const random = mulberry32(page * 7919);
  for (let row = 0; row < 48; row++) {
    const y = 1000 + row * 52;
    const amount = (random() * 2000 - 1000).toFixed(2).padStart(9);
    ctx.fillText(`2026-11-${String(1 + (row % 28)).padStart(2, '0')}  Card payment ${String(row * 37 + page).padStart(5, '0')}   ${amount} EUR`, 200, y);
  }
  addNoise(ctx, SCAN_WIDTH, SCAN_HEIGHT, noise, random);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
}

/** A scanned statement of `pages` pages (about 2.3 MB each: 3 pages make the ~7 MB of a real one), the address on `addressPage`. */
export async function scannedStatement(pages = 3, addressPage = 2, options: PdfOptions = {}): Promise<Blob> {
  const specs: PdfPageSpec[] = [];
  for (let page = 1; page <= pages; page++) specs.push({ scan: { jpeg: await scanJpeg(page, pages, { addressPage }), width: SCAN_WIDTH, height: SCAN_HEIGHT } });
  return pdfBlob(makePdf(specs, options));
}

/** Text only, as a bank's own PDF export is: a few kilobytes. */
export function textStatement(pages = 1, options: PdfOptions & { field?: string } = {}): Blob {
  const specs: PdfPageSpec[] = Array.from({ length: pages }, (_, index) => ({
    text: ['EXAMPLE BANK', `Account statement, page ${index + 1} of ${pages}`, 'Ona Petraityte', 'Gedimino pr. 1-23, LT-01103 Vilnius', ...Array.from({ length: 30 }, (_, row) => `2026-11-${String(row + 1).padStart(2, '0')}  Card payment  ${(row * 13.7).toFixed(2)} EUR`)],
    ...(options.field !== undefined && index === 0 ? { field: options.field } : {}),
  }));
  return pdfBlob(makePdf(specs, options));
}

export function pdfBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

/** Which page a rendered statement page is, from the length of its black top bar (see {@link scanJpeg}). */
export async function pageOfStatement(jpeg: Blob, pages: number): Promise<number> {
  const bitmap = await createImageBitmap(jpeg);
  const canvas = new OffscreenCanvas(bitmap.width, 1);
  const ctx = canvas.getContext('2d')!;
  // A row through the middle of the bar (60 of 3508 px at the top).
  ctx.drawImage(bitmap, 0, Math.round((bitmap.height * 30) / SCAN_HEIGHT), bitmap.width, 1, 0, 0, bitmap.width, 1);
  const row = ctx.getImageData(0, 0, bitmap.width, 1).data;
  let dark = 0;
  for (let x = 0; x < bitmap.width; x++) if (row[x * 4]! < 90) dark++;
  return Math.round((dark / bitmap.width) * pages);
}
