/**
 * The reference backend alone in a process, for bench/load.ts: the same handler and Node adapter
 * as `server/main.ts`, pointed at the bench's vendor over real HTTP, with short timeouts so the
 * fault phases finish quickly. It reports its port, then its memory whenever asked, so the
 * figures are the backend's own and not the load generator's.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../server/config.ts';
import { createMerchantBackend } from '../server/handlers.ts';
import { toNodeMiddleware } from '../server/nodeAdapter.ts';
import { SANDBOX_API_KEY, SANDBOX_API_SECRET } from '../server/sandbox.ts';

export interface LoadServerOptions {
  vendorUrl: string;
  /** `redis://…`: the shared store of the multi-instance phase; unset: the in-memory default. */
  storeUrl?: string;
  vendorTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  bodyGraceMs: number;
}

export type ToServer = { type: 'phase' } | { type: 'report' };
export type FromServer =
  | { type: 'listening'; port: number }
  | { type: 'report'; peakRssBytes: number; rssBytes: number; maxRssBytes: number; stats: ReturnType<ReturnType<typeof createMerchantBackend>['stats']> };

const options = JSON.parse(process.argv[2] ?? '{}') as LoadServerOptions;
const config = loadConfig({
  MARKID_API_KEY: SANDBOX_API_KEY,
  MARKID_API_SECRET: SANDBOX_API_SECRET,
  MARKID_BASE_URL: options.vendorUrl,
  MARKID_STORE_URL: options.storeUrl,
  // A load generator mints hundreds of sessions from one address; the limit is not what is measured.
  MARKID_SESSION_RATE_LIMIT: 'off',
});
const backend = createMerchantBackend(config, { timeoutMs: options.vendorTimeoutMs });
const server = createServer(
  toNodeMiddleware(backend, { bodyIdleTimeoutMs: options.bodyIdleTimeoutMs, bodyGraceMs: options.bodyGraceMs }),
);

// Longer than any pause between phases: the load generator's keep-alive agent would otherwise reuse
// a socket at the moment the server closes it for idleness, and count a "socket hang up".
server.keepAliveTimeout = 120_000;

// Peak resident memory per phase: sampled, since the process-wide maximum only ever grows.
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20);
sampler.unref();

const send = (message: FromServer) => process.send?.(message);
process.on('message', (message: ToServer) => {
  if (message.type === 'phase') peak = process.memoryUsage.rss();
  if (message.type === 'report') {
    peak = Math.max(peak, process.memoryUsage.rss());
    send({ type: 'report', peakRssBytes: peak, rssBytes: process.memoryUsage.rss(), maxRssBytes: process.resourceUsage().maxRSS * 1024, stats: backend.stats() });
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => send({ type: 'listening', port: (server.address() as AddressInfo).port }));
