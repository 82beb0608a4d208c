import type { DocumentType } from '../../src/core/token.ts';
import { discardBody } from '../body.ts';
import type { MerchantConfig } from '../config.ts';
import { problem, problemResponse } from '../errors.ts';
import type { ExactlyOnceOptions } from '../exactlyOnce.ts';
import type { SandboxVendor } from '../sandbox.ts';
import type { Slots } from '../slots.ts';
import type { BackendRecords } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { VendorClient } from '../vendorClient.ts';

/** What a runtime knows about a request that the `Request` itself does not carry. */
export interface RequestInfo {
  /** The peer's IP address (the Node adapter's `socket.remoteAddress`, Deno's `remoteAddr`, Bun's `requestIP`). */
  clientAddress?: string | null;
}

/**
 * The person a session is for, as the merchant's `createSession` hook knows them: any field of the
 * vendor's token request. `clientId` ties the verification to the merchant's user (and is the key
 * the rate limit counts by); names, `additionalData` (for `COMPARE` steps), `documents`, `country`,
 * `locale`, `callbackUrl`… are passed to the vendor as given.
 */
export interface SessionFields {
  clientId?: string;
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  personalNumber?: string | null;
  country?: string | null;
  locale?: string | null;
  callbackUrl?: string | null;
  documents?: DocumentType[];
  additionalData?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * Authenticates the caller of `/api/session` (the merchant's own cookie or header) and says who
 * the token is for. Return a `Response` (401, say) to refuse. It gets the request without its body,
 * which the backend reads itself (`{ locale? }`).
 */
export type CreateSessionHook = (
  request: Request,
  context: { locale: string | null; clientAddress: string | null },
) => SessionFields | Response | Promise<SessionFields | Response>;

/** What every route module works with: configuration, the shared store, and the vendor. */
export interface BackendContext {
  config: MerchantConfig;
  store: Store;
  records: BackendRecords;
  vendor: VendorClient;
  sandbox: SandboxVendor | null;
  exactlyOnce: ExactlyOnceOptions;
  slots: Slots;
  slotWaitMs: number;
  now: () => number;
  randomUUID: () => string;
  createSession: CreateSessionHook | undefined;
}

export type RouteHandler = (request: Request, info: RequestInfo & { pathname: string }) => Promise<Response> | Response;

/** One endpoint: an exact path, or every path under a prefix; its name is what logs and counters show. */
export interface RouteDef {
  path: string;
  prefix?: boolean;
  methods: Partial<Record<'GET' | 'POST', RouteHandler>>;
}

const BUSY_RETRY_AFTER_SECONDS = 5;

/** Runs `handle` holding a submission slot, or answers 503 with Retry-After when none frees up. */
export async function inSlot(ctx: BackendContext, request: Request, handle: () => Promise<Response>): Promise<Response> {
  const release = await ctx.slots.acquire(ctx.slotWaitMs);
  if (!release) {
    discardBody(request);
    return problemResponse({
      ...problem('BACKEND_BUSY', 'Too many submissions are being forwarded right now: try again shortly'),
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }
  try {
    return await handle();
  } finally {
    release();
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How long a record with an `expiresAt` is kept: past it by `retentionMs`, so a late caller hears "expired". */
export const keepFor = (ctx: BackendContext, expiresAt: number, retentionMs: number) => Math.max(1, expiresAt + retentionMs - ctx.now());
