import type { RequestHandler } from './nodeAdapter.ts';

export interface SecurityOptions {
  /** Who may frame the pages (CSP `frame-ancestors`): `'none'`, `'self'` or origins. Default `'self'`. */
  frameAncestors?: string;
}

/**
 * The policy the hosted page runs under: scripts, styles, workers and connections from its own
 * origin only; no inline script or style, no eval; images also from `blob:` (previews of the
 * person's photos) and `data:` (the empty favicon); camera video from `blob:`/MediaStream.
 * `'wasm-unsafe-eval'` lets the compression worker compile the HEIC decoder (WebAssembly from its
 * own origin, loaded only when an iPhone photo arrives); it allows no JavaScript eval.
 */
export function contentSecurityPolicy({ frameAncestors = "'self'" }: SecurityOptions = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function securityHeaders(options: SecurityOptions = {}): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    // The page may use the camera itself (and in an iframe whose parent allows it), nothing else.
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}

/** Adds the headers to every answer that does not set them itself, API and files alike. */
export function withSecurityHeaders(handler: RequestHandler, options: SecurityOptions = {}): RequestHandler {
  const headers = Object.entries(securityHeaders(options));
  return async (request, info) => {
    const response = await handler(request, info);
    // Responses from `fetch` or `Response.error()` have immutable headers: copy into a new one.
    const out = new Response(response.body, response);
    for (const [name, value] of headers) if (!out.headers.has(name)) out.headers.set(name, value);
    return out;
  };
}
