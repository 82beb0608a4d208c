/**
 * In-page half of `npm run bench` (driven by bench/run.ts): makes a 12 MP document photo and
 * times the ways of bringing it within budget. Everything loads from this page's origin.
 */
import imageCompression from 'browser-image-compression';
import { compressImageWithDetails } from '../src/compress/compressImage';
import { documentPhoto } from '../test/browser/compressFixtures';

export interface BenchRow {
  method: string;
  budget: number | null;
  /** Median wall time over the measured runs, ms. */
  ms: number;
  /** Every measured run, ms. */
  runs: number[];
  bytes: number;
  width: number;
  height: number;
  /** Longest main-thread long task seen while the method ran (max over runs), ms; 0 if none. */
  longTaskMs: number;
  note: string;
}

export interface BenchReport {
  input: { bytes: number; width: number; height: number };
  rows: BenchRow[];
}

declare global {
  interface Window {
    runBench?: (options: { runs: number; budgets: number[]; libUrl: string }) => Promise<BenchReport>;
  }
}

interface Outcome {
  blob: Blob;
  width?: number;
  height?: number;
  note?: string;
}

const longTasks: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}).observe({ type: 'longtask', buffered: true });

function longestDuring(start: number, end: number): number {
  return longTasks.filter((t) => t.end > start && t.start < end).reduce((max, t) => Math.max(max, t.end - t.start), 0);
}

/** Long-task entries are delivered after the task; give the observer a moment. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 100));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function dimensions(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

async function measure(method: string, budget: number | null, runs: number, run: () => Promise<Outcome>): Promise<BenchRow> {
  setStatus(`${method}${budget ? ` @ ${budget}` : ''}: warm-up`);
  await run(); // warm-up: worker start, chunk loading, JIT
  await settle();
  const times: number[] = [];
  let longest = 0;
  let last: Outcome | undefined;
  for (let i = 0; i < runs; i++) {
    setStatus(`${method}${budget ? ` @ ${budget}` : ''}: run ${i + 1}/${runs}`);
    const start = performance.now();
    last = await run();
    const end = performance.now();
    times.push(end - start);
    await settle();
    longest = Math.max(longest, longestDuring(start, end));
  }
  if (!last) throw new Error('no runs');
  const size = last.width && last.height ? { width: last.width, height: last.height } : await dimensions(last.blob);
  const bytes = new Uint8Array(await last.blob.slice(0, 3).arrayBuffer());
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return {
    method,
    budget,
    ms: Math.round(median(times)),
    runs: times.map(Math.round),
    bytes: last.blob.size,
    ...size,
    longTaskMs: Math.round(longest),
    note: [last.note, jpeg ? '' : 'NOT JPEG'].filter(Boolean).join('; '),
  };
}

function setStatus(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

window.runBench = async ({ runs, budgets, libUrl }) => {
  setStatus('making the 12 MP fixture');
  const photo = await documentPhoto({ width: 4032, height: 3024, quality: 0.95 });
  const input = { bytes: photo.size, ...(await dimensions(photo)) };
  const file = new File([photo], 'document.jpg', { type: 'image/jpeg' });
  await settle();
  const rows: BenchRow[] = [];

  for (const budget of budgets) {
    rows.push(
      await measure('(a) compressImage — ours (worker: native, library fallback)', budget, runs, async () => {
        const r = await compressImageWithDetails(photo, { budgetBytes: budget });
        return { blob: r.blob, width: r.width, height: r.height, note: `${r.engine}, q=${r.quality ?? '–'}, ${r.encodes ?? '?'} encodes` };
      }),
    );
    rows.push(
      await measure('(a′) compressImage engine=library — browser-image-compression in our worker, our options', budget, runs, async () => {
        const r = await compressImageWithDetails(photo, { budgetBytes: budget, engine: 'library' });
        return { blob: r.blob, width: r.width, height: r.height, note: 'initialQuality 0.92, maxWidthOrHeight 4096, maxIteration 10' };
      }),
    );
    rows.push(
      await measure('(b) browser-image-compression defaults (own blob: worker, same-origin libURL)', budget, runs, async () => {
        // Defaults except the budget, plus libURL: its default is a jsdelivr URL, which our CSP and this
        // offline machine both refuse; without it the library silently falls back to the main thread.
        const blob = await imageCompression(file, { maxSizeMB: budget / (1024 * 1024), libURL: libUrl });
        return { blob, note: 'useWebWorker, initialQuality 1, maxIteration 10' };
      }),
    );
  }
  rows.push(
    await measure('(c) floor: one createImageBitmap + convertToBlob(q 0.92), main thread', null, runs, async () => {
      const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      return { blob, width: canvas.width, height: canvas.height, note: 'no budget' };
    }),
  );
  setStatus('done');
  return { input, rows };
};

setStatus('ready');
