/**
 * In-page half of `npm run bench:pdf` (driven by bench/pdf.ts). Times, on the same page of a
 * scanned statement, in turns within each round:
 * - preview: pdf.js opens the file and draws the first page for the preview (what the person
 *   waits for after choosing a PDF within budget);
 * - page: that page drawn at 200 dpi and encoded within budget (what they wait for after picking
 *   the page of a PDF over budget);
 * - photo: the same page's scan, as a JPEG file, through the photo pipeline at the same size;
 * - floor: one native decode (resized to the same size) and one encode of that scan, the photo
 *   pipeline's own floor in bench/run.ts.
 * The very first open, with pdf.js and its worker still to load, is reported on its own.
 */
import { compressImageWithDetails } from '../src/compress/compressImage.ts';
import { prepareUpload } from '../src/compress/prepareUpload.ts';
import { pageToJpeg } from '../src/pdf/pageToJpeg.ts';
import { makePdf } from '../test/pdfWriter.ts';
import { pdfBlob, scanJpeg, textStatement } from '../test/browser/pdfFixtures.ts';

export interface PdfBenchRow {
  fixture: string;
  step: 'first open (cold)' | 'preview' | 'page' | 'photo' | 'floor';
  ms: number;
  runs: number[];
  width: number;
  height: number;
  bytes: number;
}

declare global {
  interface Window {
    runPdfBench?: (options: { runs: number; budget: number }) => Promise<{ rows: PdfBenchRow[]; fixtures: string[] }>;
  }
}

const now = () => performance.now();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

window.runPdfBench = async ({ runs, budget }) => {
  const status = document.getElementById('status')!;
  status.textContent = 'making fixtures…';
  const scan = await scanJpeg(1, 1, { addressPage: 1 });
  const scanned = pdfBlob(makePdf([{ scan: { jpeg: scan, width: 2480, height: 3508 } }, { scan: { jpeg: scan, width: 2480, height: 3508 } }, { scan: { jpeg: scan, width: 2480, height: 3508 } }]));
  const text = textStatement(3);
  const scanFile = new File([scan as Uint8Array<ArrayBuffer>], 'scan.jpg', { type: 'image/jpeg' });
  const fixtures = [`scanned statement: 3 pages of 2480×3508 JPEG scans, ${scanned.size} bytes`, `text statement: 3 pages, ${text.size} bytes`];
  const rows: PdfBenchRow[] = [];
  const timed: Record<string, { runs: number[]; width: number; height: number; bytes: number }> = {};
  const note = (key: string, ms: number, out: { width: number; height: number; bytes: number }) => {
    const entry = (timed[key] ??= { runs: [], ...out });
    entry.runs.push(Math.round(ms));
  };

  const preview = async (file: Blob) => {
    const started = now();
    const prepared = await prepareUpload(file, { budgetBytes: 100_000_000, allowPdf: true });
    if (prepared.kind !== 'pdf') throw new Error('expected a PDF within budget');
    const bitmap = await createImageBitmap(prepared.preview);
    const out = { width: bitmap.width, height: bitmap.height, bytes: prepared.preview.size };
    bitmap.close();
    return { ms: now() - started, out };
  };
  const page = async (file: Blob) => {
    const prepared = await prepareUpload(file, { budgetBytes: 1, allowPdf: true });
    if (prepared.kind !== 'pdfPages') throw new Error('expected a PDF over budget');
    try {
      const started = now();
      const jpeg = await pageToJpeg(prepared.document, 1, { budgetBytes: budget });
      return { ms: now() - started, out: jpeg };
    } finally {
      await prepared.document.close();
    }
  };
  const photo = async () => {
    const started = now();
    const result = await compressImageWithDetails(scanFile, { budgetBytes: budget, maxLongSide: 2339 });
    return { ms: now() - started, out: result };
  };
  const floor = async () => {
    const started = now();
    const bitmap = await createImageBitmap(scanFile, { resizeHeight: 2339, resizeQuality: 'high' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const out = { width: bitmap.width, height: bitmap.height, bytes: blob.size };
    bitmap.close();
    return { ms: now() - started, out };
  };

  status.textContent = 'first open…';
  const cold = await preview(text);
  rows.push({ fixture: 'text statement', step: 'first open (cold)', ms: Math.round(cold.ms), runs: [Math.round(cold.ms)], ...cold.out });
  // One warm-up of everything, then the rounds, each method in turn.
  for (let round = -1; round < runs; round++) {
    status.textContent = `round ${round + 1} of ${runs}`;
    for (const [key, run] of [
      ['scanned statement|preview', () => preview(scanned)],
      ['text statement|preview', () => preview(text)],
      ['scanned statement|page', () => page(scanned)],
      ['text statement|page', () => page(text)],
      ['scanned statement|photo', photo],
      ['scanned statement|floor', floor],
    ] as const) {
      const { ms, out } = await run();
      if (round >= 0) note(key, ms, out);
    }
  }
  for (const [key, entry] of Object.entries(timed)) {
    const [fixture, step] = key.split('|') as [string, PdfBenchRow['step']];
    rows.push({ fixture, step, ms: median(entry.runs), runs: entry.runs, width: entry.width, height: entry.height, bytes: entry.bytes });
  }
  status.textContent = 'done';
  return { rows, fixtures };
};
