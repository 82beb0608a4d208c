import type { SniffedType } from '../core/fileType.ts';

/**
 * Every way preparing an upload can fail, as a code the UI maps to a localized message. `message`
 * is English for developers and logs, never shown to users as is.
 */
export type ImageErrorCode =
  | 'UNSUPPORTED_TYPE'
  | 'DECODE_FAILED'
  | 'ENCODE_FAILED'
  | 'TOO_LARGE'
  | 'EMPTY_FILE'
  | 'PDF_NOT_ALLOWED';

const CODES: ReadonlySet<string> = new Set<ImageErrorCode>([
  'UNSUPPORTED_TYPE',
  'DECODE_FAILED',
  'ENCODE_FAILED',
  'TOO_LARGE',
  'EMPTY_FILE',
  'PDF_NOT_ALLOWED',
]);

/** What `compressImage` and `prepareUpload` reject with (aborts reject with the signal's reason instead). */
export class ImageError extends Error {
  override readonly name = 'ImageError';
  readonly code: ImageErrorCode;
  /**
   * What the file's bytes turned out to be, when known (absent for EMPTY_FILE). Lets the UI say
   * "HEIC is not supported yet" or "this PDF is too large" rather than a generic message.
   */
  readonly detectedType?: SniffedType;

  constructor(code: ImageErrorCode, message: string, detectedType?: SniffedType) {
    super(message);
    this.code = code;
    if (detectedType !== undefined) this.detectedType = detectedType;
  }
}

/** True for an {@link ImageError}, also one that crossed a realm (`{ name: 'ImageError', code, message }`). */
export function isImageError(value: unknown): value is ImageError {
  if (value instanceof ImageError) return true;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown; message?: unknown };
  return candidate.name === 'ImageError' && typeof candidate.code === 'string' && CODES.has(candidate.code) && typeof candidate.message === 'string';
}
