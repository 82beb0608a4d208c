/**
 * Main-thread side of the compressor: sniffs the bytes, then hands the work to one shared, lazily
 * created module worker (./compress.worker.ts, bundled by Vite — same origin, no blob: code).
 */
import { SNIFF_BYTES, sniffFileType, type SniffedType } from '../core/fileType.ts';
import { ImageError } from './errors.ts';
import type { CompressEngine, CompressRequest, DecodableType, WorkerReply, WorkerRequest } from './protocol.ts';

export { DEFAULT_MAX_LONG_SIDE } from './protocol.ts';
export { ImageError, isImageError, type ImageErrorCode } from './errors.ts';

export interface CompressedImage {
  /** Always `image/jpeg`, upright, without metadata. */
  blob: Blob;
  width: number;
  height: number;
  /** `blob.size`, at most the budget. */
  bytes: number;
}

/** {@link CompressedImage} plus how it was made; for benchmarks, tests and logs. */
export interface CompressDetails extends CompressedImage {
  quality: number | null;
  engine: CompressEngine;
  encodes: number | null;
  sampleEncodes: number;
  peakPixels: number;
}

export interface CompressOptions {
  /** Most bytes the JPEG may take (see `planBudget` in src/core/budget.ts). */
  budgetBytes: number;
  /** Longest side in pixels; defaults to {@link DEFAULT_MAX_LONG_SIDE}. Never upscales. */
  maxLongSide?: number;
  /** 0..1, increasing. */
  onProgress?: (fraction: number) => void;
  /** Aborting rejects with `signal.reason` (an `AbortError` DOMException by default), not an ImageError. */
  signal?: AbortSignal;
  /** Benchmarks only: run browser-image-compression alone inside the same worker. */
  engine?: 'auto' | 'library';
}

function isDecodable(type: SniffedType): type is DecodableType {
  return type === 'jpeg' || type === 'png' || type === 'webp' || type === 'heic';
}

/** Converts a JPEG, PNG, WebP or HEIC/HEIF into a JPEG within `budgetBytes`. Rejects with an {@link ImageError}. */
export async function compressImage(file: Blob, options: CompressOptions): Promise<CompressedImage> {
  const { blob, width, height, bytes } = await compressImageWithDetails(file, options);
  return { blob, width, height, bytes };
}

export async function compressImageWithDetails(file: Blob, options: CompressOptions): Promise<CompressDetails> {
  const { budgetBytes, maxLongSide, onProgress, signal, engine } = options;
  if (!Number.isFinite(budgetBytes) || budgetBytes <= 0) throw new RangeError(`budgetBytes must be positive, got ${budgetBytes}`);
  if (maxLongSide !== undefined && !(Number.isInteger(maxLongSide) && maxLongSide > 0)) {
    throw new RangeError(`maxLongSide must be a positive integer, got ${maxLongSide}`);
  }
  signal?.throwIfAborted();
  if (file.size === 0) throw new ImageError('EMPTY_FILE', 'The file is empty.');
  const type = sniffFileType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  signal?.throwIfAborted();
  if (!isDecodable(type)) throw new ImageError('UNSUPPORTED_TYPE', `Not a JPEG, PNG, WebP or HEIC image (detected: ${type}).`, type);

  const request: CompressRequest = { id: nextId++, file, type, budgetBytes: Math.floor(budgetBytes) };
  if (maxLongSide !== undefined) request.maxLongSide = maxLongSide;
  if (engine) request.engine = engine;
  return run(request, type, onProgress, signal);
}

/**
 * Diagnostics for tests: every URL the worker has fetched (its own Resource Timing entries —
 * a page's `performance` does not see a worker's requests).
 */
export function workerResourceUrls(): Promise<string[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, {
      reply: (message) => {
        if ('resources' in message) resolve(message.resources);
        else reject(new Error('Unexpected reply to a resources probe.'));
      },
      fail: reject,
    });
    send({ id, probe: 'resources' });
  });
}

interface Pending {
  reply: (message: WorkerReply) => void;
  fail: (error: unknown) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function run(request: CompressRequest, type: SniffedType, onProgress: ((fraction: number) => void) | undefined, signal: AbortSignal | undefined): Promise<CompressDetails> {
  const { id } = request;
  return new Promise<CompressDetails>((resolve, reject) => {
    const onAbort = (): void => {
      if (!pending.delete(id)) return;
      worker?.postMessage({ id, cancel: true } satisfies WorkerRequest);
      reject(signal?.reason);
    };
    const settle = (): void => {
      pending.delete(id);
      signal?.removeEventListener('abort', onAbort);
    };
    pending.set(id, {
      reply: (message) => {
        if ('progress' in message) {
          onProgress?.(message.progress);
          return;
        }
        if (!('ok' in message)) return;
        settle();
        if (message.ok) {
          const { blob, width, height, quality, engine, encodes, sampleEncodes, peakPixels } = message;
          resolve({ blob, width, height, bytes: blob.size, quality, engine, encodes, sampleEncodes, peakPixels });
        } else {
          reject(new ImageError(message.code, message.message, type));
        }
      },
      fail: (error) => {
        settle();
        reject(error instanceof ImageError && error.detectedType === undefined ? new ImageError(error.code, error.message, type) : error);
      },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    send(request);
  });
}

function send(message: WorkerRequest): void {
  try {
    getWorker().postMessage(message);
  } catch (error) {
    const entry = pending.get(message.id);
    entry?.fail(new ImageError('ENCODE_FAILED', `The image worker could not start: ${String(error)}`));
  }
}

function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module', name: 'markid-compress' });
  created.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
    pending.get(event.data.id)?.reply(event.data);
  });
  const crash = (reason: string): void => {
    // A dead worker (failed to load, out of memory) fails what it held; the next call starts a fresh one.
    if (worker === created) worker = undefined;
    created.terminate();
    const entries = [...pending.values()];
    pending.clear();
    for (const entry of entries) entry.fail(new ImageError('ENCODE_FAILED', reason));
  };
  created.addEventListener('error', (event) => {
    event.preventDefault();
    crash(`The image worker failed: ${event.message || 'unknown error'}`);
  });
  created.addEventListener('messageerror', () => crash('The image worker sent an unreadable message.'));
  worker = created;
  return created;
}
