/**
 * Everything the backend remembers goes through this: string values under string keys, each with
 * a lifetime, and the few atomic steps exactly-once forwarding and rate limits need. Small on
 * purpose, so an implementation (in-memory, Redis, or a merchant's own) is a page of code; typed
 * records are built on top of it (./records.ts).
 */
export interface Store {
  /** For the health report and logs: `memory`, `redis`, or the merchant's own. */
  readonly kind: string;
  get(key: string): Promise<string | null>;
  /**
   * Stores `value` for `ttlMs`. With `onlyIf`, atomically: `absent` stores only when nothing is
   * stored under the key (a lease's `SET NX PX`), `{ equals }` only while it still holds that value
   * (renewing one's own lease). Answers whether it stored.
   */
  set(key: string, value: string, ttlMs: number, onlyIf?: Condition): Promise<boolean>;
  /** Deletes the key; with `onlyIf`, only while it holds that value (releasing one's own lease). */
  delete(key: string, onlyIf?: { equals: string }): Promise<boolean>;
  /** Reads and deletes in one step, so of two callers only one gets the value (claim-once secrets). */
  take(key: string): Promise<string | null>;
  /**
   * Adds one to a counter, created with a lifetime of `ttlMs` on first use; answers the new count
   * and how long until it resets. Rate limits, and version counters a waiter can poll.
   */
  increment(key: string, ttlMs: number): Promise<{ count: number; resetMs: number }>;
  /** Whether the store answers now, and how fast; never throws. */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export type Condition = 'absent' | { equals: string };

export type StoreHealth = { ok: true; kind: string; latencyMs: number } | { ok: false; kind: string; error: string };

/**
 * The store did not answer (down, unreachable, or slower than its timeout). The backend answers
 * 503 STORE_UNAVAILABLE with Retry-After for it; the message never carries the store's address.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export const isStoreUnavailable = (error: unknown): error is StoreUnavailableError => error instanceof StoreUnavailableError;
