/**
 * The widget's image compressor, run as a module worker bundled by Vite (never a blob: or CDN
 * script). One request at a time, so a phone never holds several 12 MP canvases at once.
 *
 * Paths, in order:
 * 1. pass-through — a JPEG already within budget, upright (EXIF orientation 1) and within the long
 *    side is not re-encoded: its metadata is dropped losslessly (./jpeg.ts), so it is not degraded;
 * 2. native — decode once with createImageBitmap (EXIF orientation applied by the decoder), draw
 *    once onto an OffscreenCanvas (white under transparency, downscaled to the long side), then
 *    search the JPEG quality with convertToBlob: 0.92 first, then a log-size model, and only below
 *    quality 0.7 shrink the pixels instead;
 * 3. library — browser-image-compression, the guaranteed-convergence fallback when the native
 *    search runs out of tries (it keeps cutting size and quality by 5 % per round).
 *
 * Why not the library first — measured with `npm run bench` (12 MP document photo, 5.7 MB,
 * Chromium 156, median of 5): at a 4,500,000-byte budget the native path takes ~410 ms and keeps
 * 4032×3024 at q 0.90 (4.27 MB); the library with the same options in this same worker takes
 * ~490 ms and returns 3830×2872 at 2.26 MB, and with its defaults ~580 ms. Its loop cuts resolution
 * *and* quality by 5 % per round, so a photo 4 % over budget loses 10 % of its pixels and half
 * its bytes where a slightly lower quality alone fits; it also reads the whole file a second time
 * for EXIF and, when the first encode is larger than the input, keeps lowering quality even if the
 * input was within budget. The native path: one decode, one draw, usually two encodes.
 */
import { readJpegInfo, stripJpegMetadata } from '../core/jpeg';
import { DEFAULT_MAX_LONG_SIDE, type CompressRequest, type CompressSuccess, type WorkerErrorCode, type WorkerReply, type WorkerRequest } from './protocol';

/** First quality tried: visually lossless for photos of documents, well below the size knee of 0.95+. */
const START_QUALITY = 0.92;
/** Below this, ringing around text edges hurts OCR more than a modest downscale does, so shrink pixels instead. */
const MIN_QUALITY = 0.7;
/**
 * Stop searching once a fitting encode uses this share of the budget: the last 15 % buys about
 * 0.01 of quality, which nobody can see, and would cost another full encode (~120 ms on a desktop).
 */
const GOOD_ENOUGH = 0.85;
/** Aim this far below the budget when predicting, so the predicted quality usually fits first time. */
const AIM = 0.96;
/** Initial guess for d ln(size) / d quality of Chromium's JPEG encoder near 0.9 (measured 6.8 at 0.85–0.95, ~4 below), refined from tries. */
const SLOPE_GUESS = 6;
/** Full-size encodes the native path may spend before handing over to the library. */
const MAX_NATIVE_ENCODES = 6;
/** Iterations for the library fallback: 0.95^30 ≈ 0.21 of the side and of the quality, enough for any sane budget. */
const LIBRARY_ITERATIONS = 30;
/** Never shrink the long side below this: a smaller document photo is unreadable, so TOO_LARGE is the honest answer. */
const MIN_LONG_SIDE = 480;
/** The library's per-round shrink factor (browser-image-compression 2.x). */
const LIBRARY_STEP = 0.95;

class Failure extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CANCELLED = Symbol('cancelled');

type Result = Omit<CompressSuccess, 'id' | 'ok'>;

interface Job {
  request: CompressRequest;
  progress: (fraction: number) => void;
  signal: AbortSignal;
  /** Throws {@link CANCELLED} if the client gave up on this request. */
  check: () => void;
}

const controllers = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

function post(message: WorkerReply): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const data = event.data;
  if ('cancel' in data) {
    controllers.get(data.id)?.abort();
    return;
  }
  if ('probe' in data) {
    post({ id: data.id, resources: performance.getEntriesByType('resource').map((entry) => entry.name) });
    return;
  }
  const controller = new AbortController();
  controllers.set(data.id, controller);
  queue = queue.then(() => handle(data, controller.signal));
});

async function handle(request: CompressRequest, signal: AbortSignal): Promise<void> {
  const { id } = request;
  try {
    if (signal.aborted) return;
    const check = (): void => {
      if (signal.aborted) throw CANCELLED;
    };
    let last = 0;
    const progress = (fraction: number): void => {
      const value = Math.min(1, Math.max(last, fraction));
      if (value === last) return;
      last = value;
      post({ id, progress: value });
    };
    const result = await compress({ request, progress, signal, check });
    progress(1);
    post({ id, ok: true, ...result });
  } catch (error) {
    if (error === CANCELLED || signal.aborted) return;
    if (error instanceof Failure) post({ id, ok: false, code: error.code, message: error.message });
    else post({ id, ok: false, code: 'ENCODE_FAILED', message: `Compression failed: ${describe(error)}` });
  } finally {
    controllers.delete(id);
  }
}

async function compress(job: Job): Promise<Result> {
  const { request, progress, check } = job;
  const { file, budgetBytes } = request;
  const maxLongSide = request.maxLongSide ?? DEFAULT_MAX_LONG_SIDE;

  let bitmap: ImageBitmap;
  try {
    // 'from-image' is the default in current browsers; said explicitly because the orientation must be applied exactly once.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new Failure('DECODE_FAILED', `The image could not be decoded: ${describe(error)}`);
  }
  try {
    check();
    progress(0.2);
    const { width, height } = bitmap;
    if (width === 0 || height === 0) throw new Failure('DECODE_FAILED', 'The image has no pixels.');
    const scale = Math.min(1, maxLongSide / Math.max(width, height));

    if (scale === 1 && request.engine !== 'library') {
      const kept = await passThrough(file, budgetBytes, width, height);
      if (kept) return kept;
    }
    check();
    if (request.engine === 'library') {
      bitmap.close();
      return await library(job, { maxLongSide, initialQuality: START_QUALITY, iterations: 10 });
    }

    const native = await nativeSearch(job, bitmap, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
    if ('blob' in native) return native;
    // Rare (tiny budgets, pathological images): let the library grind on from where the native
    // search stopped, for as many rounds as keep the long side at or above MIN_LONG_SIDE.
    const rounds = Math.min(LIBRARY_ITERATIONS, Math.floor(Math.log(MIN_LONG_SIDE / native.longSide) / Math.log(LIBRARY_STEP)));
    if (rounds < 1) throw tooLarge(budgetBytes);
    return await library(job, { maxLongSide: native.longSide, initialQuality: MIN_QUALITY, iterations: rounds });
  } finally {
    bitmap.close();
  }
}

/** The input itself minus metadata, when that needs no decode/encode round trip at all. */
async function passThrough(file: Blob, budgetBytes: number, width: number, height: number): Promise<Result | null> {
  const head = new Uint8Array(await file.slice(0, 3).arrayBuffer());
  if (head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = readJpegInfo(bytes);
  // Only plain upright YCbCr/grey baseline or progressive JPEGs whose decoded size matches the header.
  if (!info || info.orientation !== 1 || info.width !== width || info.height !== height) return null;
  if (info.components !== 1 && info.components !== 3) return null;
  if (![0xc0, 0xc1, 0xc2].includes(info.frameMarker)) return null;
  const stripped = stripJpegMetadata(bytes);
  if (!stripped || stripped.length > budgetBytes) return null;
  return { blob: new Blob([stripped], { type: 'image/jpeg' }), width, height, quality: null, engine: 'passthrough', encodes: 0 };
}

interface Point {
  quality: number;
  size: number;
}

async function nativeSearch(job: Job, bitmap: ImageBitmap, width: number, height: number): Promise<Result | { longSide: number }> {
  const { request, progress, check } = job;
  const budget = request.budgetBytes;
  const source = drawOpaque(bitmap, width, height);
  bitmap.close();
  progress(0.3);
  let canvas = source;
  let encodes = 0;
  let quality = START_QUALITY;
  let points: Point[] = [];
  let best: { blob: Blob; quality: number } | undefined;
  try {
    while (encodes < MAX_NATIVE_ENCODES) {
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
      encodes++;
      check();
      progress(0.3 + (0.65 * encodes) / MAX_NATIVE_ENCODES);
      points.push({ quality, size: blob.size });
      const fits = blob.size <= budget;
      if (fits && (!best || quality > best.quality)) best = { blob, quality };
      const over = lowestOver(points, budget);
      const under = highestUnder(points, budget);
      if (fits && (!over || blob.size >= GOOD_ENOUGH * budget)) break;
      if (over && under && over.quality - under.quality <= 0.02) break;
      if (!fits && !under && quality <= MIN_QUALITY) {
        // Even the lowest acceptable quality is over: shrink the pixels so that quality fits.
        const longSide = Math.max(canvas.width, canvas.height);
        if (longSide <= MIN_LONG_SIDE) break;
        const factor = Math.max(MIN_LONG_SIDE / longSide, Math.min(0.95, Math.sqrt((AIM * budget) / blob.size)));
        canvas = resized(source, canvas, Math.max(1, Math.round(canvas.width * factor)), Math.max(1, Math.round(canvas.height * factor)));
        points = [];
        continue;
      }
      quality = nextQuality(points, budget);
    }
    if (!best) return { longSide: Math.max(canvas.width, canvas.height) };
    return { blob: best.blob, width: canvas.width, height: canvas.height, quality: round(best.quality), engine: 'native', encodes };
  } finally {
    release(canvas);
    release(source);
  }
}

function drawOpaque(image: CanvasImageSource, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new Failure('ENCODE_FAILED', 'No 2D context on OffscreenCanvas in this browser.');
  // JPEG has no alpha: transparent pixels become white (paper), not black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image, 0, 0, width, height);
  return canvas;
}

/** A smaller copy drawn from the full-size source (not from the previous copy, which would blur twice). */
function resized(source: OffscreenCanvas, previous: OffscreenCanvas, width: number, height: number): OffscreenCanvas {
  if (previous !== source) release(previous);
  return drawOpaque(source, width, height);
}

function release(canvas: OffscreenCanvas): void {
  canvas.width = 0;
  canvas.height = 0;
}

function lowestOver(points: Point[], budget: number): Point | undefined {
  return points.filter((p) => p.size > budget).sort((a, b) => a.quality - b.quality)[0];
}

function highestUnder(points: Point[], budget: number): Point | undefined {
  return points.filter((p) => p.size <= budget).sort((a, b) => b.quality - a.quality)[0];
}

/**
 * JPEG size grows roughly exponentially with quality over 0.6–0.95, so ln(size) is interpolated
 * linearly: between the closest fitting and non-fitting tries when both exist, otherwise
 * extrapolated down from the lowest non-fitting one with the measured (or guessed) slope.
 */
function nextQuality(points: Point[], budget: number): number {
  const target = Math.log(AIM * budget);
  const over = lowestOver(points, budget);
  const under = highestUnder(points, budget);
  if (over && under) {
    const t = (target - Math.log(under.size)) / (Math.log(over.size) - Math.log(under.size));
    const q = under.quality + Math.min(1, Math.max(0, t)) * (over.quality - under.quality);
    return clamp(q, under.quality + 0.01, over.quality - 0.01);
  }
  if (over) {
    const overs = points.filter((p) => p.size > budget).sort((a, b) => a.quality - b.quality);
    const second = overs[1];
    let slope = SLOPE_GUESS;
    if (second && second.quality > over.quality) {
      const measured = (Math.log(second.size) - Math.log(over.size)) / (second.quality - over.quality);
      if (Number.isFinite(measured) && measured > 1) slope = measured;
    }
    const q = over.quality - (Math.log(over.size) - target) / slope;
    return clamp(q, MIN_QUALITY, over.quality - 0.02);
  }
  return START_QUALITY;
}

async function library(job: Job, options: { maxLongSide: number; initialQuality: number; iterations: number }): Promise<Result> {
  const { request, progress, signal, check } = job;
  const budget = request.budgetBytes;
  // Loaded only when needed: it is a separate chunk of this worker's bundle, same origin.
  const { default: imageCompression } = await import('browser-image-compression');
  check();
  const file = new File([request.file], 'upload', { type: request.file.type.startsWith('image/') ? request.file.type : 'image/jpeg' });
  let blob: Blob;
  try {
    blob = await imageCompression(file, {
      // Inside a worker it runs in-thread anyway; never let it create its own CDN-loading worker.
      useWebWorker: false,
      fileType: 'image/jpeg',
      maxSizeMB: budget / (1024 * 1024),
      maxWidthOrHeight: options.maxLongSide,
      initialQuality: options.initialQuality,
      maxIteration: options.iterations,
      alwaysKeepResolution: false,
      preserveExif: false,
      signal,
      onProgress: (percent) => progress(0.3 + 0.65 * (percent / 100)),
    });
  } catch (error) {
    check();
    throw new Failure('ENCODE_FAILED', `Compression failed: ${describe(error)}`);
  }
  check();
  if (blob.size > budget) throw tooLarge(budget);
  const info = readJpegInfo(new Uint8Array(await blob.arrayBuffer()));
  if (!info) throw new Failure('ENCODE_FAILED', 'The encoder produced no valid JPEG.');
  return { blob: new Blob([blob], { type: 'image/jpeg' }), width: info.width, height: info.height, quality: null, engine: 'library', encodes: null };
}

function tooLarge(budget: number): Failure {
  return new Failure('TOO_LARGE', `No JPEG of this image with a long side of at least ${MIN_LONG_SIDE} px fits in ${budget} bytes.`);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(quality: number): number {
  return Math.round(quality * 1000) / 1000;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
