import { loadEnv } from 'vite';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { describeConfig, loadConfig } from './config.ts';
import type { Env } from './config.ts';
import { createMerchantBackend } from './handlers.ts';
import type { MerchantBackendDeps } from './handlers.ts';
import { toNodeMiddleware } from './nodeAdapter.ts';

export interface MerchantBackendPluginOptions {
  /** Used instead of `process.env` and `.env` files (tests, or a host app with its own settings). */
  env?: Env;
  /** Passed to `createMerchantBackend`, e.g. a `fetch` for a vendor stand-in. */
  deps?: MerchantBackendDeps;
  /** One log line per `/api/` request (method, path, status, duration). Default true. */
  logRequests?: boolean;
}

export const API_PREFIX = '/api/';

/**
 * Mounts the reference merchant backend on the dev and preview servers, so `npm start` is the whole
 * product: hosted page, backend and (without an API key) the sandbox vendor.
 */
export function merchantBackend(options: MerchantBackendPluginOptions = {}): Plugin {
  const mount = (server: ViteDevServer | PreviewServer) => {
    const { logger, mode, envDir } = server.config;
    // `.env` files as Vite reads them, with the real environment winning; no `VITE_` prefix, so none
    // of this is ever exposed to browser code.
    const env = options.env ?? { ...process.env, ...(envDir === false ? {} : loadEnv(mode, envDir, 'MARKID_')) };
    // Read when the server starts, not when the config file loads: `vite build` needs no backend.
    const config = loadConfig(env);
    logger.info(describeConfig(config));
    const backend = createMerchantBackend(config, {
      ...(options.logRequests === false ? {} : { log: (line: string) => logger.info(line, { timestamp: true }) }),
      ...options.deps,
    });
    // Added directly (not from a returned hook) so it runs before Vite's own middlewares, whose
    // SPA fallback would otherwise answer `/api/...` with index.html.
    server.middlewares.use(toNodeMiddleware(backend, { prefix: API_PREFIX }));
  };
  return {
    name: 'markid-merchant-backend',
    configureServer: mount,
    configurePreviewServer: mount,
  };
}
