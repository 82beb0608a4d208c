/**
 * One compression, start to end, inside the worker:
 * 1. header — size and orientation from the first bytes (../core/imageHeader.ts), so huge inputs
 *    are decoded straight to the output size and absurd ones refused before any allocation;
 * 2. pass-through — a JPEG already within budget, upright and within the long side is sent as it
 *    is minus its metadata (../core/jpeg.ts), checked while the decoder proves it decodes;
 * 3. native — ./jpegSearch.ts: one canvas, a quality picked on a strip sample, one full encode;
 * 4. library — browser-image-compression when the native search runs out of tries (tiny budgets,
 *    pathological pictures), or alone when a benchmark asks for it.
 * HEIC goes through the browser's decoder where it has one (Safari) and libheif otherwise.
 */
import { orientedSize, readImageHeader, type ImageHeader } from '../core/imageHeader.ts';
import type { UploadFinding } from '../quality/uploadFindings.ts';
import { reachesEndOfImage, readJpegHeader, stripJpegMetadata, type JpegHeader } from '../core/jpeg.ts';
import { checkDecoded } from './analysisFrame.ts';
import { createOpaque, PixelMeter } from './canvas.ts';
import { decodeToFit, type Decoded } from './decode.ts';
import { Failure } from './failure.ts';
import { decodeHeic } from './heicDecoder.ts';
import type { Job, Result } from './job.ts';
import { searchJpeg, MIN_LONG_SIDE } from './jpegSearch.ts';
import { compressWithLibrary, LIBRARY_STEP } from './libraryFallback.ts';
import { DEFAULT_MAX_LONG_SIDE, type EncodeRequest } from './protocol.ts';

/** Enough of a file for its header: EXIF (≤ 64 kB), ICC profiles and the frame header come before this, in practice. */
const HEAD_BYTES = 256 * 1024;
/** Iterations for the library fallback: 0.95^30 ≈ 0.21 of the side and of the quality, enough for any sane budget. */
const LIBRARY_ITERATIONS = 30;
/** Quality the library starts from when taking over from the native search (its lowest). */
const LIBRARY_START_QUALITY = 0.7;

export async function compress(job: Job): Promise<Result> {
  const { request, progress, check } = job;
  const { file, type } = request;
  const maxLongSide = request.maxLongSide ?? DEFAULT_MAX_LONG_SIDE;
  const meter = new PixelMeter();

  if (request.engine === 'library') {
    return compressWithLibrary(job, { maxLongSide, initialQuality: 0.92, iterations: 10, sourcePixels: 0 });
  }

  let decoded: Decoded;
  let header: ImageHeader | null = null;
  if (type === 'heic') {
    decoded = await decodeHeicToFit(file, maxLongSide, meter, progress);
  } else {
    let head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    header = readImageHeader(head, type);
    if (!header && type === 'jpeg' && file.size > HEAD_BYTES) {
      head = new Uint8Array(await file.arrayBuffer());
      header = readImageHeader(head, type);
    }
    check();
    progress(0.05);
    const decoding = decodeToFit(file, header, maxLongSide, meter, type === 'jpeg');
    decoding.catch(() => undefined); // awaited below; this only keeps a rejection from counting as unhandled meanwhile
    // Both checked while the decoder works on its own thread; only a whole JPEG that decodes is used.
    const complete = type === 'jpeg' ? file.arrayBuffer().then((buffer) => reachesEndOfImage(new Uint8Array(buffer))) : Promise.resolve(true);
    complete.catch(() => undefined);
    const kept = type === 'jpeg' ? await passThrough(file, readJpegHeader(head), maxLongSide, request.budgetBytes).catch(() => null) : null;
    decoded = await decoding;
    if (!(await complete)) {
      decoded.bitmap.close();
      throw new Failure('DECODE_FAILED', 'The JPEG ends before its last scan: the file was cut short.');
    }
    if (kept && header && decoded.bitmap.width === header.width && decoded.bitmap.height === header.height) {
      const findings = checkDecoded(decoded.bitmap, request.check, orientedSize(header), meter);
      decoded.bitmap.close();
      return withFindings({ blob: kept, width: header.width, height: header.height, quality: null, engine: 'passthrough', encodes: 0, sampleEncodes: 0, peakPixels: meter.peak }, findings);
    }
  }
  check();
  // On the decoded copy, before the search takes (and closes) it.
  const findings = checkDecoded(decoded.bitmap, request.check, header ? orientedSize(header) : decoded.bitmap, meter);
  progress(0.3);
  const sourcePixels = header ? header.width * header.height : decoded.bitmap.width * decoded.bitmap.height;
  const native = await searchJpeg(job, decoded, maxLongSide, meter);
  if ('blob' in native) return withFindings(native, findings);
  // Rare: let the library grind on from where the native search stopped, for as many rounds as
  // keep the long side at or above MIN_LONG_SIDE. It decodes the file itself, so not for HEIC.
  const rounds = Math.min(LIBRARY_ITERATIONS, Math.floor(Math.log(MIN_LONG_SIDE / native.longSide) / Math.log(LIBRARY_STEP)));
  if (rounds < 1 || type === 'heic') throw tooLarge(request.budgetBytes);
  return withFindings(await compressWithLibrary(job, { maxLongSide: native.longSide, initialQuality: LIBRARY_START_QUALITY, iterations: rounds, sourcePixels }), findings);
}

function withFindings(result: Result, findings: UploadFinding[] | null): Result {
  return findings ? { ...result, findings } : result;
}

/**
 * A picture the page drew itself (a rendered PDF page): already opaque, upright and at the size to
 * keep, so only the budget search runs. No library fallback: it would decode a file, and there is none.
 */
export async function encodeRendered(job: Job<EncodeRequest>): Promise<Result> {
  const { bitmap, budgetBytes } = job.request;
  const meter = new PixelMeter();
  meter.note(bitmap.width, bitmap.height);
  job.progress(0.3);
  const native = await searchJpeg(job, { bitmap, adoptable: true }, Math.max(bitmap.width, bitmap.height), meter);
  if ('blob' in native) return native;
  throw tooLarge(budgetBytes);
}

/** The file itself minus its metadata, when that is all it needs; `null` otherwise. */
async function passThrough(file: Blob, header: JpegHeader | null, maxLongSide: number, budget: number): Promise<Blob | null> {
  // Only plain upright YCbCr/grey baseline or progressive JPEGs.
  if (!header || header.orientation !== 1 || Math.max(header.width, header.height) > maxLongSide) return null;
  if (header.components !== 1 && header.components !== 3) return null;
  if (![0xc0, 0xc1, 0xc2].includes(header.frameMarker)) return null;
  const stripped = stripJpegMetadata(new Uint8Array(await file.arrayBuffer()));
  if (!stripped || stripped.length > budget) return null;
  return new Blob([stripped], { type: 'image/jpeg' });
}

/** Whether this browser's own decoder reads HEIC (Safari does; Chromium and Firefox do not), once found out. */
let nativeHeic: boolean | undefined;

async function decodeHeicToFit(file: Blob, maxLongSide: number, meter: PixelMeter, progress: (fraction: number) => void): Promise<Decoded> {
  // Safari decodes HEIC itself, faster and without downloading libheif.
  if (nativeHeic !== false) {
    try {
      const decoded = await decodeToFit(file, null, maxLongSide, meter);
      nativeHeic = true;
      return decoded;
    } catch {
      nativeHeic = false;
    }
  }
  progress(0.05);
  const { pixels, hasAlpha } = await decodeHeic(new Uint8Array(await file.arrayBuffer()));
  progress(0.25);
  // libheif has already applied the file's rotation: the pixels are upright.
  if (hasAlpha || Math.max(pixels.width, pixels.height) > maxLongSide) {
    return decodeToFit(pixels, { width: pixels.width, height: pixels.height, orientation: 1 }, maxLongSide, meter);
  }
  // Opaque and already the output size: one copy into a canvas, whose bitmap is then adopted as it is.
  const { canvas, context } = createOpaque(pixels.width, pixels.height, meter);
  context.putImageData(pixels, 0, 0);
  return { bitmap: canvas.transferToImageBitmap(), adoptable: true };
}

function tooLarge(budget: number): Failure {
  return new Failure('TOO_LARGE', `No JPEG of this image with a long side of at least ${MIN_LONG_SIDE} px fits in ${budget} bytes.`);
}
