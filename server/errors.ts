import type { VendorErrorBody } from '../src/core/payload.ts';

/**
 * Every error identifier the reference backend and its sandbox vendor can answer, with the HTTP
 * status that goes with it. One list so the widget can map each identifier to localized text.
 * The vendor documents only MISSING_VALUE; the other vendor-side names and statuses are the
 * sandbox's choice. A real vendor may send identifiers not listed here: they pass through as is.
 */
export const ERRORS = {
  // Spoken by the sandbox the way the vendor does (`{ message, identifier, severity, documentation }`).
  UNAUTHORIZED: { status: 401, from: 'vendor' },
  MALFORMED_JSON: { status: 400, from: 'vendor' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, from: 'vendor' },
  REQUEST_TOO_LARGE: { status: 413, from: 'vendor' },
  MISSING_VALUE: { status: 400, from: 'vendor' },
  INVALID_VALUE: { status: 400, from: 'vendor' },
  IMAGE_TOO_LARGE: { status: 400, from: 'vendor' },
  INVALID_IMAGE: { status: 400, from: 'vendor' },
  TOKEN_NOT_FOUND: { status: 404, from: 'vendor' },
  TOKEN_EXPIRED: { status: 410, from: 'vendor' },
  TOKEN_USED: { status: 409, from: 'vendor' },
  SCAN_NOT_FOUND: { status: 404, from: 'vendor' },
  ADDITIONAL_STEPS_NOT_ENABLED: { status: 400, from: 'vendor' },
  NOT_FOUND: { status: 404, from: 'vendor' },
  METHOD_NOT_ALLOWED: { status: 405, from: 'vendor' },
  // The merchant backend's own, for what only it can know.
  TOKEN_NOT_MINTED: { status: 403, from: 'backend' },
  REUPLOAD_NOT_FOUND: { status: 403, from: 'backend' },
  /** The client sent its body too slowly, or stopped sending it. */
  REQUEST_TIMEOUT: { status: 408, from: 'backend' },
  /** Every submission slot stayed taken for too long: try again shortly (with Retry-After). */
  BACKEND_BUSY: { status: 503, from: 'backend' },
  /** The store (Redis) is down or slow: nothing was done; try again in a few seconds (with Retry-After). */
  STORE_UNAVAILABLE: { status: 503, from: 'backend' },
  /** Another request is forwarding this very submission, for longer than a duplicate waits (with Retry-After). */
  SUBMISSION_IN_PROGRESS: { status: 503, from: 'backend' },
  /** Too many sessions for one person or address in the configured window (with Retry-After). */
  RATE_LIMITED: { status: 429, from: 'backend' },
  /** The merchant's `createSession` hook failed or returned something that is not token fields. */
  SESSION_NOT_CREATED: { status: 502, from: 'backend' },
  VENDOR_UNREACHABLE: { status: 502, from: 'backend' },
  VENDOR_TIMEOUT: { status: 504, from: 'backend' },
  VENDOR_BAD_RESPONSE: { status: 502, from: 'backend' },
  /** A vendor error body that carried no identifier of its own. */
  VENDOR_ERROR: { status: 502, from: 'backend' },
  INTERNAL_ERROR: { status: 500, from: 'backend' },
  // Cross-device handoff (server/routes/handoff.ts): each tells the phone to scan the new code.
  HANDOFF_CLAIMED: { status: 409, from: 'backend' },
  HANDOFF_EXPIRED: { status: 410, from: 'backend' },
  HANDOFF_REVOKED: { status: 410, from: 'backend' },
  HANDOFF_NOT_FOUND: { status: 404, from: 'backend' },
  /** The events, status or progress call came without the secret of the device the handoff is bound to. */
  HANDOFF_UNAUTHORIZED: { status: 401, from: 'backend' },
} as const satisfies Record<string, { status: number; from: 'vendor' | 'backend' }>;

export type ErrorIdentifier = keyof typeof ERRORS;

export const ERROR_IDENTIFIERS = Object.keys(ERRORS) as ErrorIdentifier[];

/** An error ready to send: the status, the body, and when a retry makes sense, how soon. */
export interface Problem {
  status: number;
  body: VendorErrorBody;
  retryAfterSeconds?: number;
}


export function problem(identifier: ErrorIdentifier, message: string, status: number = ERRORS[identifier].status): Problem {
  return { status, body: { message, identifier } };
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // Answers carry tokens and verification state: nothing in between may keep them.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** A problem, or any remembered outcome (`{ status, body }`), as a response with its Retry-After. */
export function problemResponse(p: { status: number; body: unknown; retryAfterSeconds?: number }, headers?: Record<string, string>): Response {
  const retry: Record<string, string> = p.retryAfterSeconds === undefined ? {} : { 'retry-after': String(p.retryAfterSeconds) };
  return jsonResponse(p.status, p.body, { ...retry, ...headers });
}
