import type { AdditionalSteps } from '../../src/core/token.ts';
import type { Store } from './store.ts';

/** JSON values of one kind under one key prefix: what the route modules use instead of raw strings. */
export interface Records<T> {
  get(id: string): Promise<T | null>;
  set(id: string, value: T, ttlMs: number): Promise<void>;
  /** Stores only when nothing is stored under `id` yet; answers whether it did. */
  create(id: string, value: T, ttlMs: number): Promise<boolean>;
  /** Reads and deletes at once: of two callers, one gets the record. */
  take(id: string): Promise<T | null>;
  delete(id: string): Promise<void>;
  /** The record with its stored text, for a later `swap`. */
  read(id: string): Promise<{ value: T; text: string } | null>;
  /**
   * Compare-and-set: writes `next` only while the record is still exactly `previous` (null: none),
   * so a writer that lost its turn cannot overwrite another's newer record. Answers the new text,
   * or null when the record had changed.
   */
  swap(id: string, previous: string | null, next: T, ttlMs: number): Promise<string | null>;
}

export function records<T>(store: Store, prefix: string): Records<T> {
  const key = (id: string) => `${prefix}:${id}`;
  const decode = (text: string | null) => (text === null ? null : (JSON.parse(text) as T));
  return {
    get: async (id) => decode(await store.get(key(id))),
    set: async (id, value, ttlMs) => void (await store.set(key(id), JSON.stringify(value), ttlMs)),
    create: (id, value, ttlMs) => store.set(key(id), JSON.stringify(value), ttlMs, 'absent'),
    take: async (id) => decode(await store.take(key(id))),
    delete: async (id) => void (await store.delete(key(id))),
    async read(id) {
      const text = await store.get(key(id));
      return text === null ? null : { value: JSON.parse(text) as T, text };
    },
    async swap(id, previous, next, ttlMs) {
      const text = JSON.stringify(next);
      return (await store.set(key(id), text, ttlMs, previous === null ? 'absent' : { equals: previous })) ? text : null;
    },
  };
}

/** A token this backend minted. Stored once at minting; what became of it lives in its submission. */
export interface MintedToken {
  scanRef: string;
  additionalSteps: AdditionalSteps | null;
  /** Epoch ms after which a submit hears TOKEN_EXPIRED (the record itself is kept an hour longer). */
  expiresAt: number;
}

/** A verification this backend forwarded: what a re-upload session for it needs to know. */
export interface Forwarded {
  country: string;
  documentType: string;
  additionalSteps: AdditionalSteps | null;
}

/** Permission to upload one additional step of one verification, minted for the merchant's server. */
export interface ReuploadGrant {
  scanRef: string;
  step: string;
  additionalData: Record<string, string> | null;
  expiresAt: number;
}

export type Outcome = { status: number; body: unknown };

/**
 * What became of the submissions made with one token or re-upload grant, shared by every instance:
 * how far forwarding got (so a retry resumes, never repeats), the success once there is one, and
 * the last attempt's outcome under the id of the lease that produced it (so those who waited for
 * that attempt answer exactly what it answered).
 */
export interface SubmissionState<P> {
  progress: P;
  success: Outcome | null;
  last: { attempt: string; outcome: Outcome } | null;
}

/**
 * A counter per id that every change bumps: someone waiting for a record to change (a desktop
 * following its handoff) polls the counter, cheap on any store, and re-reads the record when it moved.
 */
export interface Versions {
  bump(id: string, ttlMs: number): Promise<number>;
  current(id: string): Promise<number>;
}

export function versions(store: Store, prefix: string): Versions {
  const key = (id: string) => `${prefix}:${id}`;
  return {
    bump: async (id, ttlMs) => (await store.increment(key(id), ttlMs)).count,
    current: async (id) => Number((await store.get(key(id))) ?? 0),
  };
}

/** Cross-device handoff records (the next issue): a secret → record, claimed once (`take`), with expiry. */
export interface HandoffRecord {
  [field: string]: unknown;
}

/** Every table the backend keeps, by the prefix its keys carry. */
export function backendRecords(store: Store) {
  return {
    tokens: records<MintedToken>(store, 'token'),
    submissions: records<SubmissionState<unknown>>(store, 'submission'),
    forwarded: records<Forwarded>(store, 'forwarded'),
    reuploads: records<ReuploadGrant>(store, 'reupload'),
    handoffs: records<HandoffRecord>(store, 'handoff'),
    handoffVersions: versions(store, 'handoff-version'),
  };
}

export type BackendRecords = ReturnType<typeof backendRecords>;
