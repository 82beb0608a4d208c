import type { OnboardingError } from '../core/errors.ts';

/**
 * Identifiers with wording of their own (`vendorError.*`); several identifiers may share one
 * text. Every other identifier reads as its error code's text (`error.*`), which already says the
 * right thing for it (TOKEN_EXPIRED, RATE_LIMITED, VENDOR_TIMEOUT, ...).
 */
export const IDENTIFIER_MESSAGES: Readonly<Record<string, string>> = {
  MISSING_VALUE: 'MISSING_VALUE',
  INVALID_COUNTRY: 'DOCUMENT_NOT_ACCEPTED',
  INVALID_DOCUMENT_TYPE: 'DOCUMENT_NOT_ACCEPTED',
  IMAGE_TOO_LARGE: 'IMAGE_TOO_LARGE',
  INVALID_IMAGE: 'INVALID_IMAGE',
  MALFORMED_JSON: 'DAMAGED_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'DAMAGED_REQUEST',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  // The vendor's 401: the merchant's API key, not the person's token.
  UNAUTHORIZED: 'UNAUTHORIZED',
  SCAN_NOT_FOUND: 'SCAN_NOT_FOUND',
  ADDITIONAL_STEPS_NOT_ENABLED: 'ADDITIONAL_STEPS_NOT_ENABLED',
  REUPLOAD_NOT_FOUND: 'REUPLOAD_NOT_FOUND',
  SESSION_NOT_CREATED: 'SESSION_NOT_CREATED',
};

/** Identifiers that name a step in their message get a sentence naming it (`vendorErrorStep.*`). */
export const STEP_MESSAGES: Readonly<Record<string, string>> = {
  MISSING_VALUE: 'MISSING_VALUE',
  INVALID_VALUE: 'INVALID_VALUE',
  IMAGE_TOO_LARGE: 'IMAGE_TOO_LARGE',
  INVALID_IMAGE: 'INVALID_IMAGE',
};

/**
 * The text key for an error: the step-naming sentence when the error names a step of this flow,
 * else the identifier's own wording, else the error code's. Unknown identifiers and non-JSON
 * answers (an HTML 502) end at the code's text, which for UNKNOWN is the generic message.
 */
export function errorMessageKey(error: OnboardingError, stepKnown: boolean): string {
  const id = error.identifier;
  const forStep = id && stepKnown ? STEP_MESSAGES[id] : undefined;
  if (forStep) return `vendorErrorStep.${forStep}`;
  const own = id ? IDENTIFIER_MESSAGES[id] : undefined;
  return own ? `vendorError.${own}` : `error.${error.code}`;
}
