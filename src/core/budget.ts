import { MAX_IMAGE_BASE64_CHARS, MAX_PROCESS_REQUEST_BYTES, maxBytesForBase64 } from './limits.ts';

/**
 * Room kept for everything in the submit body that is not image data: keys, quotes, the token,
 * country, document type, step names. Generous on purpose: a token is ~40 characters and a step
 * name rarely over 30, so 64 KiB leaves room for dozens of custom steps.
 */
export const JSON_OVERHEAD_BYTES = 64 * 1024;

export interface ImageBudget {
  /** Most base64 characters this image may take. */
  base64Chars: number;
  /** The same limit as binary bytes: what the compressor aims below. */
  bytes: number;
}

/**
 * Splits the request among `imageCount` images. The widget sends every image of a verification in
 * one submit body (custom additional steps ride along and the backend forwards them separately),
 * so the whole body is kept within the vendor's 20 MB `/process` limit and each image within its
 * 6,000,000-character limit. The split is even and fixed
 * once the steps are known, so retaking one photo can never push another over the limit.
 */
export function planBudget(imageCount: number, overheadBytes = JSON_OVERHEAD_BYTES): ImageBudget {
  if (!Number.isInteger(imageCount) || imageCount < 1) throw new RangeError(`imageCount must be >= 1, got ${imageCount}`);
  const share = Math.floor((MAX_PROCESS_REQUEST_BYTES - overheadBytes) / imageCount);
  return fromChars(Math.min(MAX_IMAGE_BASE64_CHARS, share));
}

function fromChars(chars: number): ImageBudget {
  // Base64 comes in 4-character groups; round down so the binary limit maps back inside the text one.
  const base64Chars = Math.floor(chars / 4) * 4;
  return { base64Chars, bytes: maxBytesForBase64(base64Chars) };
}
