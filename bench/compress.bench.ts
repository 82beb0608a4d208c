/**
 * In-page half of `npm run bench` (driven by bench/run.ts): makes the fixtures the issue lists and
 * times, side by side, our pipeline, browser-image-compression with its defaults, and the floor —
 * one native decode + one encode of the same picture. Everything loads from this page's origin.
 */
import imageCompression from 'browser-image-compression';
import { compressImageWithDetails } from '../src/compress/compressImage.ts';
import { DEFAULT_MAX_LONG_SIDE } from '../src/compress/protocol.ts';
import { documentPhoto, facePhoto, heicOf, screenshotPng } from '../test/browser/compressFixtures.ts';

export type Method = 'ours' | 'library' | 'floor';

export interface BenchRow {
  fixture: string;
  method: Method;
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
  /** Ours only: the first full-size encode was within budget (or the file passed through). */
  firstTry: boolean | null;
  note: string;
}

export interface FixtureInfo {
  name: string;
  type: string;
  bytes: number;
  width: number;
  height: number;
}

export interface BenchReport {
  fixtures: FixtureInfo[];
  rows: BenchRow[];
}

declare global {
  interface Window {
    runBench?: (options: { runs: number; budgets: number[]; libraryBudget: number; libUrl: string }) => Promise<BenchReport>;
  }
}

interface Outcome {
  blob: Blob;
  width?: number;
  height?: number;
  firstTry?: boolean;
  note?: string;
}

interface Fixture {
  name: string;
  file: File;
  width: number;
  height: number;
  /** Chromium cannot decode it: the floor and the library get no native decoder. */
  heic: boolean;
}

/** The library gets this long per run; on the 8 MB PNG it has taken 20–70 s on this machine. */
const LIBRARY_LIMIT_MS = 20_000;

const longTasks: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}).observe({ type: 'longtask', buffered: true });

function longestDuring(start: number, end: number): number {
  return longTasks.filter((t) => t.end > start && t.start < end).reduce((max, t) => Math.max(max, t.end - t.start), 0);
}

/**
 * Between runs: collect the page's garbage now (gc() is exposed by bench/run.ts) rather than in the
 * next method's time, and let the long-task observer receive its entries, which come after the task.
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

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

interface Contender {
  method: Method;
  budget: number | null;
  /** Measured rounds; the slow library gets one. */
  rounds: number;
  /** One unmeasured run first (worker start, chunk loading, JIT); the library's one run is cold. */
  warmUp: boolean;
  run: () => Promise<Outcome>;
}

/**
 * Runs every contender once per round, round after round, so a burst of load on a shared machine
 * hits them alike; each gets one warm-up first (worker start, chunk loading, JIT).
 */
async function measureFixture(fixture: string, contenders: Contender[], rounds: number): Promise<BenchRow[]> {
  const times = contenders.map(() => [] as number[]);
  const longest = contenders.map(() => 0);
  const last: (Outcome | undefined)[] = contenders.map(() => undefined);
  for (let round = -1; round < rounds; round++) {
    for (const [i, contender] of contenders.entries()) {
      if (round >= contender.rounds || (round < 0 && !contender.warmUp)) continue;
      setStatus(`${fixture}, ${contender.method}${contender.budget ? ` @ ${contender.budget}` : ''}: ${round < 0 ? 'warm-up' : `round ${round + 1}/${rounds}`}`);
      const start = performance.now();
      last[i] = await contender.run();
      const end = performance.now();
      await settle();
      if (round < 0) continue;
      times[i]!.push(end - start);
      longest[i] = Math.max(longest[i]!, longestDuring(start, end));
    }
  }
  const rows: BenchRow[] = [];
  for (const [i, contender] of contenders.entries()) {
    const outcome = last[i];
    if (!outcome) throw new Error('no runs');
    const size = outcome.width !== undefined && outcome.height !== undefined ? { width: outcome.width, height: outcome.height } : await dimensions(outcome.blob);
    const head = new Uint8Array(await outcome.blob.slice(0, 3).arrayBuffer());
    const jpeg = outcome.blob.size === 0 || (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff);
    rows.push({
      fixture,
      method: contender.method,
      budget: contender.budget,
      ms: Math.round(median(times[i]!)),
      runs: times[i]!.map(Math.round),
      bytes: outcome.blob.size,
      ...size,
      longTaskMs: Math.round(longest[i]!),
      firstTry: outcome.firstTry ?? null,
      note: [outcome.note, jpeg ? '' : `not a JPEG: ${outcome.blob.type}`].filter(Boolean).join('; '),
    });
  }
  return rows;
}

function setStatus(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/** The size our pipeline keeps: the long side capped at DEFAULT_MAX_LONG_SIDE, never upscaled. */
function outputSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, DEFAULT_MAX_LONG_SIDE / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * The floor: one decode (straight to the output size, as ours does) and one encode at quality 0.92,
 * no budget, on the main thread. For HEIC, which Chromium cannot decode, the decode is libheif's
 * (fresh instance, as in our worker) and then one createImageBitmap of its pixels.
 */
async function floor(fixture: Fixture): Promise<Outcome> {
  const size = outputSize(fixture.width, fixture.height);
  const resize: ImageBitmapOptions = size.width === fixture.width ? {} : { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' };
  let source: Blob | ImageData = fixture.file;
  if (fixture.heic) {
    const { decodeHeic } = await import('../src/compress/heicDecoder.ts');
    source = (await decodeHeic(new Uint8Array(await fixture.file.arrayBuffer()))).pixels;
  }
  const bitmap = await createImageBitmap(source, { imageOrientation: 'from-image', ...resize });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return { blob, width: canvas.width, height: canvas.height, note: fixture.heic ? 'libheif decode on the main thread + one encode, q 0.92' : 'one decode + one encode, q 0.92' };
}

async function makeFixtures(): Promise<Fixture[]> {
  const made: [string, () => Promise<Blob>, string][] = [
    ['12 MP document photo', () => documentPhoto({ seed: 1 }), 'document.jpg'],
    ['12 MP face', () => facePhoto(), 'selfie.jpg'],
    ['48 MP photo', () => documentPhoto({ width: 8000, height: 6000, noise: 4, seed: 48 }), 'photo48.jpg'],
    ['8 MB PNG screenshot', () => screenshotPng(), 'screenshot.png'],
    ['12 MP HEIC', async () => heicOf(await documentPhoto({ seed: 7 })), 'IMG_0001.HEIC'],
  ];
  const fixtures: Fixture[] = [];
  for (const [name, make, fileName] of made) {
    setStatus(`making ${name}`);
    const blob = await make();
    const heic = fileName.endsWith('.HEIC');
    // libheif's output for HEIC: the same 4032×3024 picture the fixture was made from.
    const size = heic ? { width: 4032, height: 3024 } : await dimensions(blob);
    fixtures.push({ name, file: new File([blob], fileName, { type: blob.type }), heic, ...size });
  }
  return fixtures;
}

window.runBench = async ({ runs, budgets, libraryBudget, libUrl }) => {
  const fixtures = await makeFixtures();
  await settle();
  const rows: BenchRow[] = [];
  for (const fixture of fixtures) {
    const contenders: Contender[] = budgets.map((budget) => ({
      method: 'ours',
      budget,
      rounds: runs,
      warmUp: true,
      run: async () => {
        const r = await compressImageWithDetails(fixture.file, { budgetBytes: budget });
        const firstTry = r.engine === 'passthrough' || (r.engine === 'native' && r.encodes === 1);
        return { blob: r.blob, width: r.width, height: r.height, firstTry, note: `${r.engine}, q ${r.quality ?? '–'}, ${r.encodes ?? '?'} full + ${r.sampleEncodes} sample encodes` };
      },
    }));
    if (!fixture.heic) {
      contenders.push({
        method: 'library',
        budget: libraryBudget,
        rounds: 1,
        warmUp: false,
        run: async () => {
          // Defaults except the budget, plus libURL: its default is a jsdelivr URL, which our CSP and this
          // offline machine both refuse; without it the library silently falls back to the main thread.
          // Its PNG path (UPNG, input type kept) can run for a minute: it is stopped at LIBRARY_LIMIT_MS.
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), LIBRARY_LIMIT_MS);
          try {
            const blob = await imageCompression(fixture.file, { maxSizeMB: libraryBudget / (1024 * 1024), libURL: libUrl, signal: controller.signal });
            return { blob, note: 'defaults: own web worker, initialQuality 1, maxIteration 10, keeps the input type' };
          } catch (error) {
            if (!controller.signal.aborted) throw error;
            return { blob: new Blob([]), width: 0, height: 0, note: `stopped after ${LIBRARY_LIMIT_MS / 1000} s without a result` };
          } finally {
            clearTimeout(timer);
          }
        },
      });
    }
    contenders.push({ method: 'floor', budget: null, rounds: runs, warmUp: true, run: () => floor(fixture) });
    rows.push(...(await measureFixture(fixture.name, contenders, runs)));
  }
  setStatus('done');
  return { fixtures: fixtures.map(({ name, file, width, height }) => ({ name, type: file.type, bytes: file.size, width, height })), rows };
};

setStatus('ready');
