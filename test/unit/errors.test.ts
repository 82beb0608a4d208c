import { describe, expect, it } from 'vitest';
import { isRetryable, mapErrorResponse } from '../../src/core/errors';

describe('mapErrorResponse', () => {
  it('names the step of a MISSING_VALUE error', () => {
    const error = mapErrorResponse(400, {
      message: "No image provided for step 'BACK'",
      identifier: 'MISSING_VALUE',
      severity: 'NOT_SEVERE',
    });
    expect(error).toEqual({
      code: 'MISSING_IMAGE',
      status: 400,
      identifier: 'MISSING_VALUE',
      detail: "No image provided for step 'BACK'",
      step: 'BACK',
    });
  });

  it('falls back to the status when the identifier is unknown or the body is not JSON', () => {
    expect(mapErrorResponse(413, undefined).code).toBe('REQUEST_TOO_LARGE');
    expect(mapErrorResponse(502, undefined).code).toBe('SERVER');
    expect(mapErrorResponse(400, { identifier: 'SOMETHING_NEW' }).code).toBe('UNKNOWN');
    expect(mapErrorResponse(429, 'Too many').code).toBe('RATE_LIMITED');
  });

  it('tells which errors may pass by themselves', () => {
    expect(isRetryable({ code: 'NETWORK' })).toBe(true);
    expect(isRetryable({ code: 'SERVER' })).toBe(true);
    expect(isRetryable({ code: 'MISSING_IMAGE' })).toBe(false);
  });
});
