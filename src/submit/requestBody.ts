import { blobToBase64 } from '../compress/base64.ts';
import type { BodyPart } from '../core/submitBody.ts';

/** 768 KiB: a multiple of 3, so the base64 of consecutive slices joins into the base64 of the whole. */
export const SLICE_BYTES = 3 * 256 * 1024;

/**
 * Turns body parts into one Blob to upload. Each image is encoded a slice at a time and every
 * slice's text goes straight into a Blob, so the JavaScript heap holds at most one slice of base64
 * at once instead of the whole 15 MB body (and its JSON copy) until the upload ends.
 */
export async function assembleBody(parts: readonly BodyPart[], options: { signal?: AbortSignal; sliceBytes?: number } = {}): Promise<Blob> {
  const sliceBytes = options.sliceBytes ?? SLICE_BYTES;
  if (sliceBytes % 3 !== 0) throw new RangeError('slices must be a multiple of 3 bytes long');
  const pieces: BlobPart[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      pieces.push(part);
      continue;
    }
    for (let at = 0; at < part.base64Of.size; at += sliceBytes) {
      options.signal?.throwIfAborted();
      pieces.push(new Blob([await blobToBase64(part.base64Of.slice(at, at + sliceBytes))]));
    }
  }
  return new Blob(pieces, { type: 'application/json' });
}
