import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { BodyTimeoutError } from './body.ts';
import { jsonResponse } from './errors.ts';

/** A fetch handler; `info` carries what the `Request` cannot, such as the peer's address. */
export type RequestHandler = (request: Request, info?: { clientAddress?: string | null }) => Promise<Response>;

/** Connect-style: fits `vite.middlewares.use`, Express, and `http.createServer` (without `next`). */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

export interface NodeAdapterOptions {
  /** Only URLs starting with this are handled; the rest go to `next` (a bare 404 without one). */
  prefix?: string;
  /** How long a request body nobody reads may keep arriving after the answer before the socket is cut. */
  drainTimeoutMs?: number;
  /** A body that sends nothing for this long is cut (408). */
  bodyIdleTimeoutMs?: number;
  /**
   * A body arriving slower than this on average, once `bodyGraceMs` has passed, is cut (408): a
   * slowloris-style client trickling a byte a second would otherwise hold a socket and a buffer for
   * hours. The default, 1 KiB/s, is far below any phone network that can send a photo at all.
   */
  bodyMinBytesPerSecond?: number;
  bodyGraceMs?: number;
}

interface BodyLimits {
  idleMs: number;
  minBytesPerSecond: number;
  graceMs: number;
}

type ConnectRequest = IncomingMessage & { originalUrl?: string };

export function toNodeMiddleware(handler: RequestHandler, options: NodeAdapterOptions = {}): NodeMiddleware {
  const drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  const limits: BodyLimits = {
    idleMs: options.bodyIdleTimeoutMs ?? 15_000,
    minBytesPerSecond: options.bodyMinBytesPerSecond ?? 1024,
    graceMs: options.bodyGraceMs ?? 10_000,
  };
  return (req, res, next) => {
    // Connect strips a mount path from `url`; the handler routes on the full path.
    const path = (req as ConnectRequest).originalUrl ?? req.url ?? '/';
    if (options.prefix !== undefined && !path.startsWith(options.prefix)) {
      if (next) next();
      else {
        res.statusCode = 404;
        res.end();
      }
      return;
    }
    void serve(handler, req, res, path, drainTimeoutMs, limits);
  };
}

async function serve(
  handler: RequestHandler,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  drainTimeoutMs: number,
  limits: BodyLimits,
): Promise<void> {
  const body = req.method === 'GET' || req.method === 'HEAD' ? null : bodyStream(req, limits);
  let response: Response;
  try {
    response = await handler(toRequest(req, path, body?.stream ?? null), { clientAddress: req.socket.remoteAddress ?? null });
  } catch {
    response = jsonResponse(500, { message: 'The request could not be handled', identifier: 'INTERNAL_ERROR' });
  }
  // A client cut for trickling gets its 408 and then loses the socket at once, not after a grace.
  await writeResponse(req, res, response, () => body?.detach(), body?.timedOut() ? 0 : drainTimeoutMs);
}

function toRequest(req: IncomingMessage, path: string, body: ReadableStream<Uint8Array> | null): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':') || value === undefined) continue; // HTTP/2 pseudo-headers
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const url = new URL(path, `${protocol}://${req.headers.host ?? 'localhost'}`);
  // `duplex` is required by Node for a streamed body but missing from the DOM typings.
  const init = { method: req.method ?? 'GET', headers, body, duplex: 'half' } as RequestInit;
  return new Request(url, init);
}

/**
 * The request body as a web stream that pulls from Node only as fast as the handler reads, so a
 * size cap stops the upload at the cap instead of after buffering it. Not `Readable.toWeb`: its
 * cancel destroys the request and with it the socket, and then the 413 could never be sent.
 */
function bodyStream(req: IncomingMessage, limits: BodyLimits): { stream: ReadableStream<Uint8Array>; detach: () => void; timedOut: () => boolean } {
  let detach = () => {};
  let timedOut = false;
  // Time counts only while we are reading: a handler that pauses the upload is not the client's fault.
  let activeMs = 0;
  let activeSince: number | null = null;
  let lastByteAt = Date.now();
  let received = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const pause = () => {
          if (activeSince !== null) activeMs += Date.now() - activeSince;
          activeSince = null;
          req.pause();
        };
        const onData = (chunk: Buffer) => {
          received += chunk.byteLength;
          lastByteAt = Date.now();
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) pause();
        };
        const onEnd = () => {
          detach();
          controller.close();
        };
        const onError = (error: unknown) => {
          detach();
          controller.error(error);
        };
        const onClose = () => {
          if (!req.complete) onError(new Error('The client closed the connection before the body was complete'));
        };
        const watchdog = setInterval(() => {
          if (activeSince === null) return;
          const now = Date.now();
          const active = activeMs + (now - activeSince);
          const idle = now - lastByteAt >= limits.idleMs;
          const slow = active >= limits.graceMs && (received * 1000) / active < limits.minBytesPerSecond;
          if (!idle && !slow) return;
          timedOut = true;
          onError(new BodyTimeoutError(idle ? `no data for ${limits.idleMs} ms` : `under ${limits.minBytesPerSecond} bytes/s`));
        }, Math.min(1_000, limits.idleMs, limits.graceMs)).unref();
        detach = () => {
          clearInterval(watchdog);
          req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
          pause();
        };
        req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
      },
      pull() {
        if (activeSince === null) {
          activeSince = Date.now();
          lastByteAt = Math.max(lastByteAt, activeSince);
        }
        req.resume();
      },
      cancel() {
        detach();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return { stream, detach: () => detach(), timedOut: () => timedOut };
}

async function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  detachBody: () => void,
  drainTimeoutMs: number,
): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.once('finish', () => {
    detachBody();
    if (req.readableEnded) return;
    // The client may still be sending a body nobody will read (after a 413, say). Closing now
    // would reset the connection under the answer, and a client busy writing then sees EPIPE
    // instead of the 413; `Connection: close` does just that in Node. So discard what arrives,
    // keep-alive style, and cut only a client that is still sending after the grace time.
    if (drainTimeoutMs === 0) return void req.destroy();
    const timer = setTimeout(() => req.destroy(), drainTimeoutMs).unref();
    req.once('end', () => clearTimeout(timer)).once('close', () => clearTimeout(timer));
    req.resume();
  });
  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>), res);
  } catch {
    // The client went away mid-answer; nothing left to tell it.
  }
}

/**
 * For Express (4 or 5) and Connect: `app.use(expressMiddleware(backend))` answers `/api/…` and
 * passes everything else on. Mount it before any body parser (`express.json()`), which would
 * consume the request body the backend streams and caps itself.
 */
export function expressMiddleware(handler: RequestHandler, options: NodeAdapterOptions = {}): NodeMiddleware {
  return toNodeMiddleware(handler, { prefix: '/api/', ...options });
}
