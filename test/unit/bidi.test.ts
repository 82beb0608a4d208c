import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../src/core/bidi.ts';

describe('isolate', () => {
  it('wraps right-to-left text in FSI … PDI', () => {
    expect(isolate('צילום עם הדרכון')).toBe('\u2068צילום עם הדרכון\u2069');
    expect(isolate('صورة مع جواز السفر 2')).toBe('\u2068صورة مع جواز السفر 2\u2069');
    expect(isolate('Selfie שלום')).toBe('\u2068Selfie שלום\u2069');
  });

  it('leaves text without right-to-left letters unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Katakana} 0-9.,:'-]*$/u), (text) => {
        expect(isolate(text)).toBe(text);
      }),
    );
  });
});
