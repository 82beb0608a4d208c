/**
 * Every failure the person can meet, as a typed value. The UI turns `code` into localized text;
 * `step` says which image to take again; nothing here carries a token or an image.
 */
export type ErrorCode =
  /** The session endpoint failed or answered something that is not a session. */
  | 'SESSION_FAILED'
  /** No connection, or the request never completed. */
  | 'NETWORK'
  | 'TOKEN_EXPIRED'
  /** This verification was already submitted. */
  | 'TOKEN_USED'
  | 'UNAUTHORIZED'
  /** The vendor says an image is missing for a step. */
  | 'MISSING_IMAGE'
  /** The vendor refused an image or a value (type, encoding, country, document type). */
  | 'INVALID_VALUE'
  | 'REQUEST_TOO_LARGE'
  | 'RATE_LIMITED'
  /** The backend or the vendor is down or answered nonsense. */
  | 'SERVER'
  | 'UNKNOWN';

export interface OnboardingError {
  code: ErrorCode;
  /** The image step the error is about, e.g. BACK for "No image provided for step 'BACK'". */
  step?: string;
  /** HTTP status, when the error came from a response. */
  status?: number;
  /** The vendor's `identifier`, kept for support and `onError`. */
  identifier?: string;
  /** The vendor's or server's message, in English: for developers, never shown as the person's text. */
  detail?: string;
}

const BY_IDENTIFIER: Record<string, ErrorCode> = {
  MISSING_VALUE: 'MISSING_IMAGE',
  MISSING_IMAGE: 'MISSING_IMAGE',
  INVALID_VALUE: 'INVALID_VALUE',
  INVALID_IMAGE: 'INVALID_VALUE',
  INVALID_COUNTRY: 'INVALID_VALUE',
  INVALID_DOCUMENT_TYPE: 'INVALID_VALUE',
  MALFORMED_JSON: 'INVALID_VALUE',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_USED: 'TOKEN_USED',
  TOKEN_ALREADY_USED: 'TOKEN_USED',
  TOKEN_NOT_FOUND: 'UNAUTHORIZED',
  UNKNOWN_TOKEN: 'UNAUTHORIZED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  PAYLOAD_TOO_LARGE: 'REQUEST_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  VENDOR_UNREACHABLE: 'SERVER',
  VENDOR_BAD_RESPONSE: 'SERVER',
};

const BY_STATUS: [number, ErrorCode][] = [
  [401, 'UNAUTHORIZED'],
  [403, 'UNAUTHORIZED'],
  [409, 'TOKEN_USED'],
  [410, 'TOKEN_EXPIRED'],
  [413, 'REQUEST_TOO_LARGE'],
  [429, 'RATE_LIMITED'],
];

const STEP_IN_MESSAGE = /step\s+'([A-Z0-9_]+)'/i;

/**
 * Maps a failed submit or session response to an error. `body` is whatever JSON came back, or
 * `undefined` when the body was not JSON (an HTML 502 page from a proxy, say).
 */
export function mapErrorResponse(status: number, body: unknown): OnboardingError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const identifier = typeof record.identifier === 'string' ? record.identifier : undefined;
  const detail = typeof record.message === 'string' ? record.message : undefined;
  const code =
    (identifier && BY_IDENTIFIER[identifier.toUpperCase()]) ||
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
