import type { DocumentType, Session } from './token.ts';

/**
 * Cross-device handoff, as the desktop, the phone and the backend all speak it. The desktop mints
 * a handoff for its session; the phone claims it with the secret from the link's fragment; the
 * desktop follows the phone's progress until the backend has accepted the phone's submission.
 */

/** What the desktop has chosen so far, carried to the phone so it does not ask again. */
export interface HandoffChoices {
  country: string | null;
  documentType: DocumentType | null;
}

/** Where the handoff stands, as the desktop sees it. `SENT`, `REVOKED` and `EXPIRED` are final. */
export type HandoffStatus =
  /** Nobody has claimed the link yet; it can be claimed until `claimBy` (ms since the epoch). */
  | { kind: 'WAITING'; claimBy: number }
  /** A phone claimed it and has not reported a step yet. */
  | { kind: 'CONNECTED' }
  /** The phone is on image step `step` of `of` (1-based). */
  | { kind: 'STEP'; step: number; of: number }
  | { kind: 'SENDING' }
  /** The backend accepted the phone's submission: the verification's `scanRef`. */
  | { kind: 'SENT'; scanRef: string }
  | { kind: 'REVOKED' }
  | { kind: 'EXPIRED' };

export const isFinalStatus = (status: HandoffStatus) => status.kind === 'SENT' || status.kind === 'REVOKED' || status.kind === 'EXPIRED';

/** `POST /api/handoff`'s answer: the secret goes into the link, the desktop secret stays on the desktop. */
export interface HandoffMinted {
  /** For logs and support only: names the handoff, grants nothing. */
  id: string;
  /** Goes into the link's fragment (`#handoff=…`); claimable once, until `claimBy`. */
  secret: string;
  /** The desktop's bearer secret for the events stream, the status and "continue here instead". */
  desktopSecret: string;
  claimBy: number;
}

/** `POST /api/handoff/claim`'s answer: what the phone needs to go on. */
export interface HandoffClaimed {
  id: string;
  session: Session;
  choices: HandoffChoices;
  /** The phone's bearer secret for its progress reports: binds the handoff to this phone. */
  phoneSecret: string;
}

/** What the phone reports as it goes (`POST /api/handoff/progress`). */
export type HandoffProgress = { kind: 'STEP'; step: number; of: number } | { kind: 'SENDING' };

/** Why a link cannot be used (the backend's identifiers): each gets the same "scan the new code" screen. */
export type HandoffRefusal = 'HANDOFF_CLAIMED' | 'HANDOFF_EXPIRED' | 'HANDOFF_REVOKED' | 'HANDOFF_NOT_FOUND';

export const HANDOFF_FRAGMENT = 'handoff';

/** The link for a phone: the hosted page with the secret in the fragment, which no request line, log or Referer carries. */
export function handoffLink(pageUrl: string, secret: string): string {
  const url = new URL(pageUrl);
  url.hash = `${HANDOFF_FRAGMENT}=${secret}`;
  return url.href;
}

/** The secret in a page's fragment (`#handoff=…`), or null. */
export function handoffSecretFrom(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(HANDOFF_FRAGMENT);
  return value && /^[A-Za-z0-9_-]{22,128}$/.test(value) ? value : null;
}

export function parseHandoffStatus(input: unknown): HandoffStatus | null {
  if (typeof input !== 'object' || input === null) return null;
  const value = input as Record<string, unknown>;
  switch (value.kind) {
    case 'WAITING':
      return typeof value.claimBy === 'number' ? { kind: 'WAITING', claimBy: value.claimBy } : null;
    case 'STEP':
      return typeof value.step === 'number' && typeof value.of === 'number' ? { kind: 'STEP', step: value.step, of: value.of } : null;
    case 'SENT':
      return typeof value.scanRef === 'string' ? { kind: 'SENT', scanRef: value.scanRef } : null;
    case 'CONNECTED':
    case 'SENDING':
    case 'REVOKED':
    case 'EXPIRED':
      return { kind: value.kind };
    default:
      return null;
  }
}
