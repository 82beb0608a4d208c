/** Messages between {@link ./compressImage} and {@link ./compress.worker}. */
import type { SniffedType } from '../core/fileType.ts';

/** What the worker decodes: the browser's own decoders, plus libheif for HEIC/HEIF. */
export type DecodableType = Extract<SniffedType, 'jpeg' | 'png' | 'webp' | 'heic'>;

/** Which code path produced the JPEG: the input itself minus metadata, one canvas pipeline, or the library fallback. */
export type CompressEngine = 'passthrough' | 'native' | 'library';

export interface CompressRequest {
  id: number;
  file: Blob;
  /** Sniffed from the bytes by the client. */
  type: DecodableType;
  budgetBytes: number;
  maxLongSide?: number;
  /** Benchmarks only: 'library' skips the native path and runs browser-image-compression alone. */
  engine?: 'auto' | 'library';
}

export interface CancelRequest {
  id: number;
  cancel: true;
}

/** Diagnostics: the URLs this worker has fetched (its own Resource Timing buffer), to prove none is cross-origin. */
export interface ResourcesRequest {
  id: number;
  probe: 'resources';
}

export type WorkerRequest = CompressRequest | CancelRequest | ResourcesRequest;

export type WorkerErrorCode = 'DECODE_FAILED' | 'ENCODE_FAILED' | 'TOO_LARGE';

export interface CompressSuccess {
  id: number;
  ok: true;
  blob: Blob;
  width: number;
  height: number;
  /** JPEG quality of the final encode; `null` when the input JPEG was passed through without re-encoding. */
  quality: number | null;
  engine: CompressEngine;
  /** How many full-size JPEG encodes it took: 0 for a pass-through, `null` when unknown (library). */
  encodes: number | null;
  /** Encodes of the small strip sample used to predict the full encode's size. */
  sampleEncodes: number;
  /** Pixels of the largest canvas or bitmap this request allocated (the browser's decoder aside). */
  peakPixels: number;
}

export interface CompressFailure {
  id: number;
  ok: false;
  code: WorkerErrorCode;
  message: string;
}

export interface CompressProgress {
  id: number;
  progress: number;
}

export interface ResourcesReply {
  id: number;
  resources: string[];
}

export type WorkerReply = CompressSuccess | CompressFailure | CompressProgress | ResourcesReply;

/**
 * Longest side of the output unless the caller says otherwise. 4096 px keeps the common 12 MP phone
 * photo (4032×3024) at full resolution — no resampling at all — while 48–200 MP sensors are brought
 * down to ~12 MP, which is far more than document OCR needs (an ID-1 card filling half the frame is
 * still ~2000 px across, ≈600 dpi) and bounds the canvas at 4096² = 16.7 MP, the largest canvas
 * iOS Safari allows.
 */
export const DEFAULT_MAX_LONG_SIDE = 4096;

/**
 * Largest source the worker agrees to decode, from its header: 16,384² = 268 MP, Chromium's own
 * canvas area limit. A 16,000 × 16,000 pixel flood is still decoded (straight to the output size);
 * anything larger is refused as TOO_LARGE before a byte of pixel memory is asked for.
 */
export const MAX_SOURCE_PIXELS = 16_384 * 16_384;
