import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MerchantConfig } from './config.ts';
import { createMerchantBackend, type MerchantBackendDeps } from './handlers.ts';
import { toNodeMiddleware, type RequestHandler } from './nodeAdapter.ts';
import { withSecurityHeaders, type SecurityOptions } from './securityHeaders.ts';
import { createStaticFiles, type StaticMount } from './staticFiles.ts';
import { API_PREFIX } from './vitePlugin.ts';

export interface SiteOptions extends SecurityOptions {
  /** Built files to serve, e.g. `{ urlPrefix: '/', dir: 'dist/hosted' }`. */
  mounts: StaticMount[];
  deps?: MerchantBackendDeps;
}

/**
 * A merchant's site in one handler: the reference backend under /api/, built files elsewhere, and
 * the security headers on every answer. What `npm run serve` and the examples run.
 */
export function createSite(config: MerchantConfig, options: SiteOptions): RequestHandler {
  const backend = createMerchantBackend(config, options.deps ?? {});
  const files = createStaticFiles(options.mounts);
  return withSecurityHeaders((request, info) => (new URL(request.url).pathname.startsWith(API_PREFIX) ? backend(request, info) : files(request)), options);
}

export interface RunningSite {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one) on `host`, loopback unless told otherwise. */
export function listen(handler: RequestHandler, port: number, host = '127.0.0.1'): Promise<RunningSite> {
  const server = createServer(toNodeMiddleware(handler));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        server,
        origin: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
