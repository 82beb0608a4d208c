/**
 * Strict base64 as the vendor's `/process` wants it: the standard alphabet, padded, no line breaks
 * and no `data:` URL prefix. Node's own decoder silently skips what it does not understand, so it
 * cannot be the check.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type Base64Check =
  | { ok: true; byteLength: number }
  | { ok: false; problem: 'empty' | 'data-url' | 'alphabet' | 'padding' };

export function checkBase64(text: string): Base64Check {
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if (text.startsWith('data:')) return { ok: false, problem: 'data-url' };
  if (!BASE64.test(text)) return { ok: false, problem: 'alphabet' };
  if (text.length % 4 !== 0) return { ok: false, problem: 'padding' };
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return { ok: true, byteLength: (text.length / 4) * 3 - padding };
}

export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const buffer = Buffer.from(text, 'base64');
  // Node's Buffers sit on plain ArrayBuffers; the cast only tells the DOM typings so.
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}
