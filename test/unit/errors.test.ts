import { describe, expect, it } from 'vitest';
import { isRetryable, mapErrorResponse, redactError } from '../../src/core/errors.ts';

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

  it('maps every vendor and backend identifier to what the person can do about it', () => {
    expect(mapErrorResponse(400, { identifier: 'IMAGE_TOO_LARGE', message: "Image for step 'FACE' is 7000000 characters long" })).toMatchObject({
      code: 'INVALID_IMAGE',
      step: 'FACE',
    });
    expect(mapErrorResponse(400, { identifier: 'INVALID_IMAGE', message: "Image for step 'FRONT' is not a JPEG" }).step).toBe('FRONT');
    expect(mapErrorResponse(403, { identifier: 'TOKEN_NOT_MINTED' }).code).toBe('UNAUTHORIZED');
    expect(mapErrorResponse(404, { identifier: 'TOKEN_NOT_FOUND' }).code).toBe('UNAUTHORIZED');
    expect(mapErrorResponse(408, { identifier: 'REQUEST_TIMEOUT' }).code).toBe('NETWORK');
    expect(mapErrorResponse(504, { identifier: 'VENDOR_TIMEOUT' }).code).toBe('SERVER');
    expect(mapErrorResponse(503, { identifier: 'SERVICE_UNAVAILABLE' }).code).toBe('SERVER');
    expect(mapErrorResponse(400, { identifier: 'missing_value' }).identifier).toBe('MISSING_VALUE');
  });

  it('keeps no odd identifier and no endless message', () => {
    const odd = mapErrorResponse(400, { identifier: '<script>', message: 'x'.repeat(5000) });
    expect(odd.identifier).toBeUndefined();
    expect(odd.detail).toHaveLength(300);
  });
});

describe('redactError', () => {
  it('cuts the token out of what a vendor quoted back', () => {
    const token = 'cBqwefLQK6jEA20CJnq12r01cge00mlvPrjTGM4';
    const error = mapErrorResponse(404, { identifier: 'TOKEN_NOT_FOUND', message: `Token ${token} not found (${token})` });
    expect(redactError(error, [token]).detail).toBe('Token [redacted] not found ([redacted])');
    const clean = mapErrorResponse(400, { identifier: 'MISSING_VALUE' });
    expect(redactError(clean, [token])).toBe(clean);
  });
});
