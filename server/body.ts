import { problem } from './errors.ts';
import type { Problem } from './errors.ts';

/** The Node adapter gave up on a body that stopped arriving or arrived too slowly. */
export class BodyTimeoutError extends Error {
  override name = 'BodyTimeoutError';
}

/** `application/json`, with or without parameters; `+json` types too (`application/merge-patch+json`). */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Tells whoever feeds the body (the Node adapter, a client) that we will not read it. */
export function discardBody(request: Request): void {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => undefined);
}

/**
 * Reads at most `maxBytes` of the body. A declared Content-Length over the cap is refused before
 * a single byte is read; without one (chunked, or a lying client) the stream is counted and
 * cancelled the moment it passes the cap, so an oversized upload never sits in memory whole.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | Problem> {
  const tooLarge = () => problem('REQUEST_TOO_LARGE', `The request body is larger than ${maxBytes} bytes`);
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    discardBody(request);
    return tooLarge();
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel('request body over the size cap').catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTimeoutError) return problem('REQUEST_TIMEOUT', `The request body arrived too slowly (${error.message})`);
    return problem('MALFORMED_JSON', 'The request body could not be read to its end');
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Parses UTF-8 JSON; an empty body is `undefined` so callers decide whether that is allowed. */
export function parseJson(bytes: Uint8Array): { value: unknown } | Problem {
  if (bytes.byteLength === 0) return { value: undefined };
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return problem('MALFORMED_JSON', 'The request body is not valid JSON');
  }
}

/** The usual sequence for a JSON endpoint: 415 before reading, 413 while reading, 400 after. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<{ value: unknown; bytes: number } | Problem> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    discardBody(request);
    return problem('UNSUPPORTED_MEDIA_TYPE', "The request body must be JSON sent with 'Content-Type: application/json'");
  }
  const bytes = await readBodyCapped(request, maxBytes);
  if (!(bytes instanceof Uint8Array)) return bytes;
  const parsed = parseJson(bytes);
  return 'value' in parsed ? { value: parsed.value, bytes: bytes.byteLength } : parsed;
}
