/**
 * browser-image-compression as the guaranteed-convergence fallback, and the bench's comparison.
 * It cuts size and quality by 5 % a round, so it always ends within budget, at the price of pixels
 * and bytes the native path keeps (README, "Compression"). Loaded only when needed: a separate
 * chunk of the worker's bundle, same origin.
 */
import { readJpegInfo } from '../core/jpeg.ts';
import { describe, Failure } from './failure.ts';
import type { Job, Result } from './job.ts';
import { provideWorkerImage } from './workerImage.ts';

/** The library's per-round shrink factor (browser-image-compression 2.x). */
export const LIBRARY_STEP = 0.95;

export interface LibraryOptions {
  maxLongSide: number;
  initialQuality: number;
  iterations: number;
  /** Pixels of the decoded input: the library draws all of them onto a canvas of its own. */
  sourcePixels: number;
}

export async function compressWithLibrary(job: Job, options: LibraryOptions): Promise<Result> {
  const { request, progress, signal, check } = job;
  const budget = request.budgetBytes;
  const { default: imageCompression } = await import('browser-image-compression');
  provideWorkerImage();
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
  if (blob.size > budget) throw new Failure('TOO_LARGE', `The library's smallest JPEG of this image is ${blob.size} bytes; ${budget} fit.`);
  const info = readJpegInfo(new Uint8Array(await blob.arrayBuffer()));
  if (!info) throw new Failure('ENCODE_FAILED', 'The encoder produced no valid JPEG.');
  return {
    blob: new Blob([blob], { type: 'image/jpeg' }),
    width: info.width,
    height: info.height,
    quality: null,
    engine: 'library',
    encodes: null,
    sampleEncodes: 0,
    peakPixels: Math.max(options.sourcePixels, info.width * info.height),
  };
}
