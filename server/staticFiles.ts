import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { RequestHandler } from './nodeAdapter.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Built file names carry a content hash (`index-B02b4Jyz.js`): cache them for good. */
const HASHED = /-[\w-]{8}\.\w+$/;

/** `urlPrefix` (ending in `/`) is served from `dir`. */
export interface StaticMount {
  urlPrefix: string;
  dir: string;
}

/**
 * GET/HEAD of files under each mount, `index.html` for a folder; 404 for anything else, including
 * any path that would leave the folder. Web-standard like the backend, for the same Node adapter.
 */
export function createStaticFiles(mounts: StaticMount[]): RequestHandler {
  const roots = mounts.map(({ urlPrefix, dir }) => ({ urlPrefix, dir: resolve(dir) }));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    const { pathname } = new URL(request.url);
    const mount = roots.find(({ urlPrefix }) => pathname.startsWith(urlPrefix));
    if (!mount) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(mount.urlPrefix.length));
    } catch {
      return notFound();
    }
    if (relative.includes('\0')) return notFound();
    let file = resolve(mount.dir, relative);
    if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return notFound();
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) return new Response(null, { status: 308, headers: { location: `${pathname}/` } });
      file = join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return notFound();
    const headers = new Headers({
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') return new Response(null, { headers });
    return new Response(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, { headers });
  };
}

function notFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
