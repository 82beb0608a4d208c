/**
 * Every failure the person can meet, as a typed value. The UI turns `identifier` (when it knows
 * it) or `code` into localized text; `step` says which image to take again; nothing here carries
 * a token or an image.
 */
export type ErrorCode =
  /** The session endpoint failed or answered something that is not a session. */
  | 'SESSION_FAILED'
  /** No connection, the request never completed, or the server gave up waiting for the body. */
  | 'NETWORK'
  | 'TOKEN_EXPIRED'
  /** This verification was already submitted. */
  | 'TOKEN_USED'
  /** The token (or re-upload) is not known, or belongs to someone else: nothing here can fix it. */
  | 'UNAUTHORIZED'
  /** The vendor says an image is missing for a step. */
  | 'MISSING_IMAGE'
  /** The vendor refused an image: not a photo it can read, or too large. */
  | 'INVALID_IMAGE'
  /** The vendor refused a value (country, document type, encoding). */
  | 'INVALID_VALUE'
  | 'REQUEST_TOO_LARGE'
  | 'RATE_LIMITED'
  /** The backend or the vendor is down or answered nonsense. */
  | 'SERVER'
  | 'UNKNOWN';

/** Whether the request body reached the server whole: decides between resending and asking first. */
export type Delivery = 'NOT_SENT' | 'SENT';

export interface OnboardingError {
  code: ErrorCode;
  /** The image step the error is about, e.g. BACK for "No image provided for step 'BACK'". */
  step?: string;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** The vendor's or backend's `identifier`, kept for support, `onError` and the localized text. */
  identifier?: string;
  /** The vendor's or server's message, in English: for developers, never shown as the person's text. */
  detail?: string;
  /** For NETWORK errors: whether the whole body had been sent when the connection failed. */
  delivery?: Delivery;
  /** How long the server asked us to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** A short id shown to the person and sent to the backend with the request, to find it in logs. */
  reference?: string;
}

/**
 * Identifiers the vendor documents or is likely to send, and every one the reference backend and
 * its sandbox answer (server/errors.ts, checked by a test).
 */
const BY_IDENTIFIER: Record<string, ErrorCode> = {
  MISSING_VALUE: 'MISSING_IMAGE',
  INVALID_IMAGE: 'INVALID_IMAGE',
  IMAGE_TOO_LARGE: 'INVALID_IMAGE',
  INVALID_VALUE: 'INVALID_VALUE',
  INVALID_COUNTRY: 'INVALID_VALUE',
  INVALID_DOCUMENT_TYPE: 'INVALID_VALUE',
  MALFORMED_JSON: 'INVALID_VALUE',
  UNSUPPORTED_MEDIA_TYPE: 'INVALID_VALUE',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_USED: 'TOKEN_USED',
  TOKEN_NOT_FOUND: 'UNAUTHORIZED',
  TOKEN_NOT_MINTED: 'UNAUTHORIZED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  SCAN_NOT_FOUND: 'UNAUTHORIZED',
  ADDITIONAL_STEPS_NOT_ENABLED: 'UNAUTHORIZED',
  REUPLOAD_NOT_FOUND: 'UNAUTHORIZED',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  REQUEST_TIMEOUT: 'NETWORK',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVER',
  BACKEND_BUSY: 'SERVER',
  STORE_UNAVAILABLE: 'SERVER',
  SUBMISSION_IN_PROGRESS: 'SERVER',
  SESSION_NOT_CREATED: 'SESSION_FAILED',
  VENDOR_UNREACHABLE: 'SERVER',
  VENDOR_TIMEOUT: 'SERVER',
  VENDOR_BAD_RESPONSE: 'SERVER',
  VENDOR_ERROR: 'SERVER',
  INTERNAL_ERROR: 'SERVER',
  // A path or method the backend does not have: the integration is wrong, not the person.
  NOT_FOUND: 'SERVER',
  METHOD_NOT_ALLOWED: 'SERVER',
  // A phone link that can no longer be used: the handoff screen says to scan the new code.
  HANDOFF_CLAIMED: 'UNAUTHORIZED',
  HANDOFF_EXPIRED: 'UNAUTHORIZED',
  HANDOFF_REVOKED: 'UNAUTHORIZED',
  HANDOFF_NOT_FOUND: 'UNAUTHORIZED',
  HANDOFF_UNAUTHORIZED: 'UNAUTHORIZED',
};

/** Every identifier the widget knows what to do with. */
export const KNOWN_IDENTIFIERS: readonly string[] = Object.keys(BY_IDENTIFIER);

const BY_STATUS: [number, ErrorCode][] = [
  [401, 'UNAUTHORIZED'],
  [403, 'UNAUTHORIZED'],
  [408, 'NETWORK'],
  [409, 'TOKEN_USED'],
  [410, 'TOKEN_EXPIRED'],
  [413, 'REQUEST_TOO_LARGE'],
  [429, 'RATE_LIMITED'],
];

const STEP_IN_MESSAGE = /step\s+'([A-Z0-9_]+)'/i;
/** Vendor messages are for developers; a long one is cut so `onError` payloads stay small. */
const MAX_DETAIL_CHARS = 300;

/**
 * Maps a failed submit or session response to an error. `body` is whatever JSON came back, or
 * `undefined` when the body was not JSON (an HTML 502 page from a proxy, say).
 */
export function mapErrorResponse(status: number, body: unknown): OnboardingError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const identifier = typeof record.identifier === 'string' && /^[A-Z0-9_]{1,64}$/i.test(record.identifier) ? record.identifier.toUpperCase() : undefined;
  const detail = typeof record.message === 'string' ? record.message.slice(0, MAX_DETAIL_CHARS) : undefined;
  const code =
    (identifier && BY_IDENTIFIER[identifier]) ||
    BY_STATUS.find(([candidate]) => candidate === status)?.[1] ||
    (status >= 500 ? 'SERVER' : 'UNKNOWN');
  const step = detail?.match(STEP_IN_MESSAGE)?.[1]?.toUpperCase();
  const error: OnboardingError = { code, status };
  if (identifier) error.identifier = identifier;
  if (detail) error.detail = detail;
  if (step) error.step = step;
  return error;
}

export function isOnboardingError(value: unknown): value is OnboardingError {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

/** Whether trying the same request again may succeed, without the person changing anything. */
export function isRetryable(error: OnboardingError): boolean {
  return error.code === 'NETWORK' || error.code === 'SERVER' || error.code === 'RATE_LIMITED';
}

/**
 * The error with every occurrence of the given secrets (the token) cut out of its text, for what
 * leaves the widget (`onError`) or reaches the screen. A vendor may well quote the token it refuses.
 */
export function redactError(error: OnboardingError, secrets: readonly string[]): OnboardingError {
  if (!error.detail) return error;
  let detail = error.detail;
  for (const secret of secrets) if (secret.length >= 8) detail = detail.split(secret).join('[redacted]');
  return detail === error.detail ? error : { ...error, detail };
}
