import { createHash } from 'node:crypto';
import type { RateLimit } from './config.ts';
import { problem } from './errors.ts';
import type { Problem } from './errors.ts';
import type { Store } from './store/store.ts';

/**
 * A fixed-window counter per client key, kept in the store so the limit holds across instances.
 * The key is hashed first: a `clientId` may be an e-mail address, and the store is no place for it.
 */
export async function rateLimited(store: Store, limit: RateLimit | null, scope: string, clientKey: string): Promise<Problem | null> {
  if (!limit) return null;
  const digest = createHash('sha256').update(clientKey).digest('base64url').slice(0, 32);
  const { count, resetMs } = await store.increment(`rate:${scope}:${digest}`, limit.windowSeconds * 1000);
  if (count <= limit.limit) return null;
  return {
    ...problem('RATE_LIMITED', `Too many sessions: at most ${limit.limit} per ${limit.windowSeconds} s; try again later`),
    retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
  };
}

/**
 * The address a request came from. Behind a proxy the peer is the proxy, so with `trustProxy` the
 * last `X-Forwarded-For` entry (the one the proxy itself appended; earlier ones are the client's word).
 */
export function clientAddress(request: Request, peer: string | null | undefined, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return peer ?? null;
}
