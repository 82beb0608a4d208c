import { describe, expect, it } from 'vitest';
import { ERROR_IDENTIFIERS } from '../../server/errors.ts';
import { KNOWN_IDENTIFIERS, mapErrorResponse } from '../../src/core/errors.ts';
import en from '../../src/i18n/locales/en.ts';
import { IDENTIFIER_MESSAGES, STEP_MESSAGES, errorMessageKey } from '../../src/ui/errorMessage.ts';

const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);

describe('error wording', () => {
  it('knows every identifier the reference backend and sandbox can answer', () => {
    expect(ERROR_IDENTIFIERS.filter((id) => !KNOWN_IDENTIFIERS.includes(id))).toEqual([]);
  });

  it('has a localized sentence for every known identifier, with and without a step named', () => {
    for (const id of KNOWN_IDENTIFIERS) {
      for (const stepKnown of [false, true]) {
        const key = errorMessageKey({ ...mapErrorResponse(400, { identifier: id }), ...(stepKnown ? { step: 'BACK' } : {}) }, stepKnown);
        expect(typeof lookup(key), `${id} → ${key}`).toBe('string');
      }
    }
  });

  it('keeps no sentence nobody can reach', () => {
    expect(Object.keys(en.vendorError).sort()).toEqual([...new Set(Object.values(IDENTIFIER_MESSAGES))].sort());
    expect(Object.keys(en.vendorErrorStep).sort()).toEqual([...new Set(Object.values(STEP_MESSAGES))].sort());
  });

  it('names the step when the flow has it, and falls back to the generic text for what it does not know', () => {
    const back = mapErrorResponse(400, { identifier: 'MISSING_VALUE', message: "No image provided for step 'BACK'" });
    expect(errorMessageKey(back, true)).toBe('vendorErrorStep.MISSING_VALUE');
    expect(errorMessageKey(back, false)).toBe('vendorError.MISSING_VALUE');
    expect(errorMessageKey(mapErrorResponse(502, undefined), false)).toBe('error.SERVER');
    expect(errorMessageKey(mapErrorResponse(418, { identifier: 'TEAPOT' }), false)).toBe('error.UNKNOWN');
    expect(errorMessageKey(mapErrorResponse(401, { identifier: 'UNAUTHORIZED' }), false)).toBe('vendorError.UNAUTHORIZED');
    expect(errorMessageKey(mapErrorResponse(410, { identifier: 'TOKEN_EXPIRED' }), false)).toBe('error.TOKEN_EXPIRED');
  });
});
