import { hostname } from 'node:os';
import { discardBody } from './body.ts';
import type { MerchantConfig } from './config.ts';
import { problem, problemResponse } from './errors.ts';
import type { ExactlyOnceOptions } from './exactlyOnce.ts';
import { requestId, requestLogLine } from './requestLog.ts';
import { handoffRoutes } from './routes/handoff.ts';
import type { HandoffEventOptions } from './routes/handoff.ts';
import { healthRoutes } from './routes/health.ts';
import { reuploadRoutes } from './routes/reupload.ts';
import { sandboxRoutes } from './routes/sandbox.ts';
import { sessionRoutes } from './routes/session.ts';
import { statusRoutes } from './routes/status.ts';
import { submitRoutes } from './routes/submit.ts';
import type { BackendContext, CreateSessionHook, RequestInfo, RouteDef } from './routes/context.ts';
import { createSandboxVendor } from './sandbox.ts';
import type { SandboxVendor } from './sandbox.ts';
import { Slots } from './slots.ts';
import { createStore } from './store/index.ts';
import { backendRecords } from './store/records.ts';
import { isStoreUnavailable } from './store/store.ts';
import type { Store } from './store/store.ts';
import { createVendorClient } from './vendorClient.ts';
import type { FetchLike } from './vendorClient.ts';

export interface MerchantBackendDeps {
  /** How to reach the vendor. Default: the sandbox in-process (sandbox mode) or the global `fetch`. */
  fetch?: FetchLike;
  /** The sandbox to answer for, and to read submissions from (sandbox mode only). */
  sandbox?: SandboxVendor;
  /** Where everything is remembered. Default: Redis when `MARKID_STORE_URL` is set, else this process's memory. */
  store?: Store;
  /** Who each session is for: the merchant's own user (see `CreateSessionHook`). Default: a random `clientId`. */
  createSession?: CreateSessionHook;
  now?: () => number;
  randomUUID?: () => string;
  timeoutMs?: number;
  /** Receives one JSON line per request (./requestLog.ts). Never bodies, tokens, queries or addresses. */
  log?: (line: string) => void;
  /** Names this process in log lines and `/api/health`. Default: `MARKID_INSTANCE_ID`, else host and pid. */
  instanceId?: string;
  /** Entries the default in-memory store keeps at once; the oldest are forgotten first. */
  maxSessions?: number;
  /** How long a submission may wait for a free slot before it is told to come back (503). */
  slotWaitMs?: number;
  /** A submission lease's lifetime, renewed while forwarding: how soon a crashed instance's work is taken over. */
  leaseMs?: number;
  /** How often a handoff's events stream looks at the store, and how often it sends a heartbeat. */
  handoffEvents?: HandoffEventOptions;
}

/** A web-standard fetch handler (`Request → Response`), with counters and its store. */
export type MerchantBackend = ((request: Request, info?: RequestInfo) => Promise<Response>) & {
  /** Requests answered per route (`POST /api/submit`), and vendor calls per path (`/api/v2/process`), by this instance. */
  stats(): { backend: Record<string, number>; vendor: Record<string, number> };
  readonly store: Store;
  /** Closes the store if the backend opened it (a store passed in `deps` is the caller's to close). */
  close(): Promise<void>;
};

/**
 * Under the widget's 45 s stall limit, so a waiting phone hears "busy, retry in a moment" before it
 * gives up on a silent connection by itself.
 */
const SLOT_WAIT_MS = 30_000;
const LEASE_MS = 10_000;
const STORE_RETRY_AFTER_SECONDS = 2;

function counter() {
  const counts = new Map<string, number>();
  return { bump: (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1), snapshot: () => Object.fromEntries(counts) };
}

function createContext(config: MerchantConfig, deps: MerchantBackendDeps, fetchVendor: (direct: FetchLike) => FetchLike): BackendContext {
  const now = deps.now ?? Date.now;
  const randomUUID = deps.randomUUID ?? (() => crypto.randomUUID());
  const store = deps.store ?? createStore(config, { now, ...(deps.maxSessions ? { maxEntries: deps.maxSessions * 4 } : {}) });
  // On the backend's store, so instances sharing Redis share one sandbox "vendor" too.
  const sandbox = config.mode === 'sandbox' ? (deps.sandbox ?? createSandboxVendor({ apiKey: config.apiKey, apiSecret: config.apiSecret, store, now })) : null;
  const direct: FetchLike = deps.fetch ?? (sandbox ? (url, init) => sandbox.handle(new Request(url, init)) : (url, init) => globalThis.fetch(url, init));
  const slotWaitMs = deps.slotWaitMs ?? SLOT_WAIT_MS;
  const exactlyOnce: ExactlyOnceOptions = {
    store,
    states: backendRecords(store).submissions,
    leaseMs: deps.leaseMs ?? LEASE_MS,
    waitMs: slotWaitMs,
    // Polling the lease: cheap in memory, one GET per 50 ms per waiting duplicate on Redis.
    pollMs: 50,
    newAttempt: randomUUID,
  };
  const vendor = createVendorClient({
    fetch: fetchVendor(direct),
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    apiSecret: config.apiSecret,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
  });
  return {
    config, store, records: backendRecords(store), vendor, sandbox, exactlyOnce, now, randomUUID,
    slots: new Slots(config.maxConcurrentSubmissions), slotWaitMs, createSession: deps.createSession,
  };
}

/** Finds the route for a path: exact paths first, then prefixes. */
function router(routes: RouteDef[]): (pathname: string) => RouteDef | undefined {
  const exact = new Map(routes.filter((route) => !route.prefix).map((route) => [route.path, route]));
  const prefixed = routes.filter((route) => route.prefix);
  return (pathname) => exact.get(pathname) ?? prefixed.find((route) => pathname.startsWith(route.path) && pathname.length > route.path.length);
}

/** Store trouble becomes a 503 to come back after; anything else a 500 that says nothing more. */
function failureResponse(error: unknown): Response {
  if (isStoreUnavailable(error)) {
    return problemResponse({ ...problem('STORE_UNAVAILABLE', `The backend's store is unavailable: ${error.message}`), retryAfterSeconds: STORE_RETRY_AFTER_SECONDS });
  }
  return problemResponse(problem('INTERNAL_ERROR', 'The merchant backend failed unexpectedly'));
}

/**
 * The reference merchant backend: route modules (session, submit, status, re-upload, handoff,
 * sandbox, health) over one store and one vendor client, composed into a single fetch handler.
 */
export function createMerchantBackend(config: MerchantConfig, deps: MerchantBackendDeps = {}): MerchantBackend {
  const backendCounts = counter();
  const vendorCounts = counter();
  const ctx = createContext(config, deps, (direct) => (url, init) => {
    vendorCounts.bump(new URL(url).pathname);
    return direct(url, init);
  });
  const instanceId = deps.instanceId ?? (process.env.MARKID_INSTANCE_ID?.trim() || `${hostname()}:${process.pid}`);
  const stats = () => ({ backend: backendCounts.snapshot(), vendor: vendorCounts.snapshot() });
  const findRoute = router([
    ...sessionRoutes(ctx),
    ...submitRoutes(ctx),
    ...statusRoutes(ctx),
    ...reuploadRoutes(ctx),
    ...handoffRoutes(ctx, deps.handoffEvents),
    ...sandboxRoutes(ctx.sandbox, stats),
    ...healthRoutes(ctx, instanceId),
  ]);

  async function dispatch(request: Request, route: RouteDef | undefined, pathname: string, info: RequestInfo): Promise<Response> {
    const run = route?.methods[request.method as 'GET' | 'POST'];
    if (!route || !run) {
      discardBody(request);
      return route
        ? problemResponse(problem('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${pathname}`), { allow: Object.keys(route.methods).join(', ') })
        : problemResponse(problem('NOT_FOUND', `No endpoint at ${pathname}`));
    }
    try {
      return await run(request, { ...info, pathname });
    } catch (error) {
      discardBody(request);
      return failureResponse(error);
    }
  }

  async function merchantBackend(request: Request, info: RequestInfo = {}): Promise<Response> {
    const started = performance.now();
    // The path only: a query string is the caller's and might carry anything.
    const { pathname } = new URL(request.url);
    const route = findRoute(pathname);
    // Counted per known route only, so made-up paths cannot grow the table.
    backendCounts.bump(route ? `${request.method} ${route.path}` : 'other');
    const response = await dispatch(request, route, pathname, info);
    deps.log?.(
      requestLogLine(
        { method: request.method, route: route?.path ?? 'other', status: response.status, ms: Math.round(performance.now() - started), requestId: requestId(request, ctx.randomUUID), instance: instanceId },
        Date.now(),
      ),
    );
    return response;
  }
  return Object.assign(merchantBackend, { stats, store: ctx.store, close: () => (deps.store ? Promise.resolve() : ctx.store.close()) });
}
