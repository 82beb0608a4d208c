/** The vendor's hard limits (../shared/spec/direct-api-processing.md). */

/** Longest base64 string one image may be ("max size of 6MB", counted as characters). */
export const MAX_IMAGE_BASE64_CHARS = 6_000_000;

/** Largest `/process` request body ("the maximum request size is 20 MB"), in bytes. */
export const MAX_PROCESS_REQUEST_BYTES = 20_000_000;

/** Length of the base64 text for `bytes` bytes of binary (padded, no line breaks). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Most binary bytes whose base64 text fits in `chars` characters. */
export function maxBytesForBase64(chars: number): number {
  return Math.floor(chars / 4) * 3;
}
