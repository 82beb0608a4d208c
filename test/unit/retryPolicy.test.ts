import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorCode, OnboardingError } from '../../src/core/errors.ts';
import { mapErrorResponse } from '../../src/core/errors.ts';
import { DEFAULT_RETRY_POLICY, backoffCap, backoffDelay, classifyFailure, nextMove, parseRetryAfter, type RetryPolicy } from '../../src/core/retryPolicy.ts';

const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };
const codes: ErrorCode[] = ['SESSION_FAILED', 'NETWORK', 'TOKEN_EXPIRED', 'TOKEN_USED', 'UNAUTHORIZED', 'MISSING_IMAGE', 'INVALID_IMAGE', 'INVALID_VALUE', 'REQUEST_TOO_LARGE', 'RATE_LIMITED', 'SERVER', 'UNKNOWN'];
const error: fc.Arbitrary<OnboardingError> = fc.record(
  {
    code: fc.constantFrom(...codes),
    status: fc.constantFrom(400, 408, 409, 410, 413, 429, 500, 502, 503, 504),
    delivery: fc.constantFrom('NOT_SENT' as const, 'SENT' as const),
    retryAfterMs: fc.integer({ min: -5_000, max: 10 * 60_000 }),
  },
  { requiredKeys: ['code'] },
);
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('classifyFailure', () => {
  it('resends what cannot have reached the vendor and asks about what may have', () => {
    expect(classifyFailure({ code: 'NETWORK', delivery: 'NOT_SENT' })).toBe('RESEND');
    expect(classifyFailure({ code: 'NETWORK', delivery: 'SENT' })).toBe('ASK_FIRST');
    // Unknown delivery is treated as the worse case.
    expect(classifyFailure({ code: 'NETWORK' })).toBe('ASK_FIRST');
    expect(classifyFailure(mapErrorResponse(408, { identifier: 'REQUEST_TIMEOUT' }))).toBe('RESEND');
    expect(classifyFailure(mapErrorResponse(503, undefined))).toBe('RESEND');
    expect(classifyFailure(mapErrorResponse(429, undefined))).toBe('RESEND');
    expect(classifyFailure(mapErrorResponse(502, undefined))).toBe('ASK_FIRST');
    expect(classifyFailure(mapErrorResponse(504, { identifier: 'VENDOR_TIMEOUT' }))).toBe('ASK_FIRST');
    expect(classifyFailure(mapErrorResponse(500, { identifier: 'INTERNAL_ERROR' }))).toBe('ASK_FIRST');
  });

  it('never retries what only the person can fix, and renews an expired token', () => {
    expect(classifyFailure(mapErrorResponse(400, { identifier: 'MISSING_VALUE', message: "No image provided for step 'BACK'" }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(400, { identifier: 'IMAGE_TOO_LARGE' }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(409, { identifier: 'TOKEN_USED' }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(403, { identifier: 'TOKEN_NOT_MINTED' }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(400, { identifier: 'SOMETHING_NEW' }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(404, { identifier: 'NOT_FOUND' }))).toBe('STOP');
    expect(classifyFailure(mapErrorResponse(410, { identifier: 'TOKEN_EXPIRED' }))).toBe('RENEW_SESSION');
  });
});

describe('nextMove', () => {
  it('waits for the network while offline instead of burning attempts', () => {
    expect(nextMove(policy, { error: { code: 'NETWORK', delivery: 'NOT_SENT' }, failures: 99, online: false, random: () => 0.5 })).toEqual({
      kind: 'WAIT_FOR_NETWORK',
      askFirst: false,
    });
    expect(nextMove(policy, { error: { code: 'NETWORK', delivery: 'SENT' }, failures: 1, online: false, random: () => 0.5 })).toEqual({
      kind: 'WAIT_FOR_NETWORK',
      askFirst: true,
    });
  });

  it('honours Retry-After, within reason', () => {
    const limited = { code: 'RATE_LIMITED', status: 429 } as const;
    expect(nextMove(policy, { error: { ...limited, retryAfterMs: 20_000 }, failures: 1, online: true, random: () => 0 })).toEqual({ kind: 'RETRY', delayMs: 20_000, askFirst: false });
    expect(nextMove(policy, { error: { ...limited, retryAfterMs: 3_600_000 }, failures: 1, online: true, random: () => 0 })).toMatchObject({ delayMs: 60_000 });
  });

  it('property: a move is always one of the allowed ones for the failure, with a bounded pause', () => {
    fc.assert(
      fc.property(error, fc.integer({ min: 1, max: 12 }), fc.boolean(), unit, (failure, failures, online, r) => {
        const move = nextMove(policy, { error: failure, failures, online, random: () => r });
        const kind = classifyFailure(failure);
        if (kind === 'STOP') expect(move).toEqual({ kind: 'GIVE_UP' });
        if (kind === 'RENEW_SESSION') expect(move).toEqual({ kind: 'RENEW_SESSION' });
        if (move.kind === 'RETRY') {
          expect(online || failure.code !== 'NETWORK').toBe(true);
          expect(failures).toBeLessThan(policy.maxAttempts);
          expect(move.askFirst).toBe(kind === 'ASK_FIRST');
          expect(move.delayMs).toBeGreaterThanOrEqual(0);
          expect(move.delayMs).toBeLessThanOrEqual(Math.max(policy.maxDelayMs, policy.maxRetryAfterMs));
          if (failure.retryAfterMs !== undefined && failure.retryAfterMs > 0) {
            expect(move.delayMs).toBeGreaterThanOrEqual(Math.min(failure.retryAfterMs, policy.maxRetryAfterMs));
          }
        }
        if (move.kind === 'WAIT_FOR_NETWORK') expect(online).toBe(false);
        if (online && failures >= policy.maxAttempts && kind !== 'RENEW_SESSION') expect(move).toEqual({ kind: 'GIVE_UP' });
      }),
    );
  });
});

describe('backoffDelay (full jitter)', () => {
  it('property: lies in [0, cap) and the cap doubles up to the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), unit, (retry, r) => {
        const delay = backoffDelay(policy, retry, () => r);
        const cap = backoffCap(policy, retry);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(cap);
        expect(cap).toBe(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1)));
        expect(backoffCap(policy, retry + 1)).toBeGreaterThanOrEqual(cap);
      }),
    );
  });

  it('spreads retries: many clients with the same failure do not pick the same pause', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 200 }, () => backoffDelay(policy, 4, random));
    expect(new Set(delays).size).toBeGreaterThan(150);
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
    expect(mean).toBeGreaterThan(backoffCap(policy, 4) * 0.35);
    expect(mean).toBeLessThan(backoffCap(policy, 4) * 0.65);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
