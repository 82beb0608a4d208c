import type { OnboardingError } from './errors.ts';

/**
 * When and how often a submission is sent again by itself. Pure: the caller supplies the random
 * source and whether the browser thinks it is online, so every decision can be tested.
 */
export interface RetryPolicy {
  /** Sends of one submission while online, the first included, before the person is asked. */
  maxAttempts: number;
  /** The first pause's upper bound; each further one doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest a server's `Retry-After` may make us wait; a longer one is cut to this. */
  maxRetryAfterMs: number;
  /** How long to keep asking the backend about a submission it is still forwarding. */
  maxPendingMs: number;
  pendingPollMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxPendingMs: 180_000,
  pendingPollMs: 2_000,
};

/**
 * What a failed send says about the next one:
 * - RESEND: the vendor cannot have it (offline before the body was out, 429, 503): send again.
 * - ASK_FIRST: it may have arrived (the connection dropped after the body was sent, a 502 or 504
 *   from a gateway): ask the backend, which remembers the result per token, before sending 15 MB
 *   again. The backend would not forward a duplicate anyway; asking saves the upload.
 * - RENEW_SESSION: the token expired; a new session and the same photos will do.
 * - STOP: only the person can fix it (a photo refused, a token already used).
 */
export type FailureKind = 'RESEND' | 'ASK_FIRST' | 'RENEW_SESSION' | 'STOP';

export function classifyFailure(error: OnboardingError): FailureKind {
  switch (error.code) {
    case 'TOKEN_EXPIRED':
      return 'RENEW_SESSION';
    case 'RATE_LIMITED':
      return 'RESEND';
    case 'NETWORK':
      // 408: the server stopped waiting for our body, so it never had all of it.
      return error.delivery === 'NOT_SENT' || error.status === 408 ? 'RESEND' : 'ASK_FIRST';
    case 'SERVER':
      if (error.status === 503) return 'RESEND';
      // A 404 or 405 from the backend is a wrong URL, which no retry fixes.
      return error.status !== undefined && error.status < 500 ? 'STOP' : 'ASK_FIRST';
    default:
      return 'STOP';
  }
}

export type RetryMove =
  /** Pause, then (after asking the backend when `askFirst`) send again. */
  | { kind: 'RETRY'; delayMs: number; askFirst: boolean }
  /** The browser is offline: wait for it to come back, without counting the wait as a failure. */
  | { kind: 'WAIT_FOR_NETWORK'; askFirst: boolean }
  | { kind: 'RENEW_SESSION' }
  | { kind: 'GIVE_UP' };

export interface FailureContext {
  error: OnboardingError;
  /** Failed sends so far while online, this one included. */
  failures: number;
  online: boolean;
  /** A number in [0, 1), e.g. `Math.random`. */
  random: () => number;
}

export function nextMove(policy: RetryPolicy, { error, failures, online, random }: FailureContext): RetryMove {
  const kind = classifyFailure(error);
  if (kind === 'STOP') return { kind: 'GIVE_UP' };
  if (kind === 'RENEW_SESSION') return { kind: 'RENEW_SESSION' };
  const askFirst = kind === 'ASK_FIRST';
  if (!online && error.code === 'NETWORK') return { kind: 'WAIT_FOR_NETWORK', askFirst };
  if (failures >= policy.maxAttempts) return { kind: 'GIVE_UP' };
  const jittered = backoffDelay(policy, failures, random);
  const asked = error.retryAfterMs === undefined ? 0 : Math.min(Math.max(0, error.retryAfterMs), policy.maxRetryAfterMs);
  return { kind: 'RETRY', delayMs: Math.max(jittered, asked), askFirst };
}

/**
 * "Full jitter": a uniformly random pause between 0 and an exponentially growing cap, so many
 * phones that lost the same cell tower do not all come back in the same second.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  return Math.floor(random() * backoffCap(policy, retry));
}

/** The upper bound of the pause before retry number `retry` (1 for the first retry). */
export function backoffCap(policy: RetryPolicy, retry: number): number {
  const exponent = Math.max(0, Math.min(30, retry - 1));
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; undefined when unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
