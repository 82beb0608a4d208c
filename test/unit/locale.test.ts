import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseLanguage, chooseLocale } from '../../src/core/locale.ts';
import { pickStepText } from '../../src/core/stepText.ts';

const available = ['en', 'lt', 'ja', 'de'] as const;

describe('chooseLocale', () => {
  it('prefers the option, then the token, then the browser, then English', () => {
    expect(chooseLocale({ option: 'lt', token: 'de', browser: ['ja'] }, available)).toBe('lt');
    expect(chooseLocale({ option: null, token: 'de', browser: ['ja'] }, available)).toBe('de');
    expect(chooseLocale({ browser: ['fr-FR', 'ja-JP'] }, available)).toBe('ja');
    expect(chooseLocale({ browser: ['fr'] }, available)).toBe('en');
  });

  it('skips a locale we have no strings for and reads region tags and the jp alias', () => {
    expect(chooseLocale({ option: 'pt-BR', token: 'lt-LT' }, available)).toBe('lt');
    expect(chooseLocale({ token: 'jp' }, available)).toBe('ja');
    expect(baseLanguage(' DE_at ')).toBe('de');
  });

  it('always answers one of the available locales', () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), fc.array(fc.string()), (option, token, browser) => {
        expect(available).toContain(chooseLocale({ option, token, browser }, available));
      }),
    );
  });
});

describe('pickStepText', () => {
  const texts = {
    en: { name: 'Proof of address', description: 'Upload a bill.' },
    lt: { name: 'Adreso įrodymas' },
    jp: { name: '住所', description: '請求書' },
  };

  it('uses the locale, field by field, then English', () => {
    expect(pickStepText(texts, 'lt')).toEqual({ name: 'Adreso įrodymas', description: 'Upload a bill.' });
  });

  it('treats jp as ja', () => {
    expect(pickStepText(texts, 'ja')).toEqual({ name: '住所', description: '請求書' });
  });

  it('falls back to the first text given when there is no English', () => {
    expect(pickStepText({ de: { name: 'Foto' } }, 'lt')).toEqual({ name: 'Foto', description: undefined });
  });

  it('answers nothing when the merchant wrote nothing, so built-in wording is used', () => {
    expect(pickStepText(null, 'en')).toEqual({});
    expect(pickStepText({ en: { name: '  ' } }, 'en')).toEqual({ name: undefined, description: undefined });
  });
});
