import type { Session } from './token.ts';

/**
 * Session timing. The vendor's token answers `expiryTime` (seconds the token stays valid from its
 * creation) and `sessionLength` (seconds a started session may last). The widget starts the
 * session when it obtains it, so it plans for the earlier of the two; the token's own end is later
 * or equal, and that is when anything kept for it (a resumable draft) must be gone.
 */
type Timing = Pick<Session, 'expiryTime' | 'sessionLength'>;

/** When the person's session should be treated as over. */
export function sessionDeadline(session: Timing, obtainedAt: number): number {
  return obtainedAt + Math.min(session.expiryTime, session.sessionLength) * 1000;
}

/** When the token itself stops being accepted. */
export function tokenDeadline(session: Timing, obtainedAt: number): number {
  return obtainedAt + session.expiryTime * 1000;
}

export type ExpiryNotice =
  | { kind: 'NONE' }
  /** `minutes` is rounded up: "about 2 minutes left". */
  | { kind: 'LOW'; minutes: number }
  | { kind: 'LAST_MINUTE' }
  | { kind: 'EXPIRED' };

const MINUTE = 60_000;

/** Warn two minutes before the end, or at half-time for a session shorter than four minutes. */
export function warningThreshold(lengthMs: number): number {
  return Math.min(2 * MINUTE, lengthMs / 2);
}

/**
 * What to tell the person about the time left. It changes only a few times (at the warning, each
 * whole minute, the last minute, the end), so a live region announcing it is never chatty.
 */
export function expiryNotice(remainingMs: number, lengthMs: number): ExpiryNotice {
  if (remainingMs <= 0) return { kind: 'EXPIRED' };
  if (remainingMs > warningThreshold(lengthMs)) return { kind: 'NONE' };
  if (remainingMs <= MINUTE) return { kind: 'LAST_MINUTE' };
  return { kind: 'LOW', minutes: Math.ceil(remainingMs / MINUTE) };
}

/** Milliseconds until `expiryNotice` may answer differently; Infinity once expired. */
export function msUntilNoticeChanges(remainingMs: number, lengthMs: number): number {
  if (remainingMs <= 0) return Infinity;
  const threshold = warningThreshold(lengthMs);
  if (remainingMs > threshold) return remainingMs - threshold;
  // Within the warning the notice changes at each whole minute down to the last one, then at 0.
  const wholeMinute = Math.floor((remainingMs - 1) / MINUTE) * MINUTE;
  return remainingMs - (wholeMinute >= MINUTE ? wholeMinute : 0);
}
