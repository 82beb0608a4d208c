import { describe, expect, it, vi } from 'vitest';
import { Translator } from '../../src/i18n/translator.ts';

describe('Translator', () => {
  const make = () => {
    const translator = new Translator('lt');
    translator.addStrings('en', { a: 'x {{y}} z', deep: { key: 'deep {{n}}' }, only: 'English only', empty: '' });
    translator.addStrings('lt', { a: 'lt {{ y }}', empty: '' });
    return translator;
  };

  it('fills placeholders: a missing parameter stays visible, null prints as nothing, text is not escaped', () => {
    const t = make().t;
    expect(t('a')).toBe('lt {{ y }}');
    expect(t('a', {})).toBe('lt {{ y }}');
    expect(t('a', { y: 0 })).toBe('lt 0');
    expect(t('a', { y: null })).toBe('lt ');
    expect(t('a', { y: '<b>&' })).toBe('lt <b>&');
    expect(t('deep.key', { n: 5 })).toBe('deep 5');
  });

  it('falls back to English, then to the key; an empty string is a translation', () => {
    const t = make().t;
    expect(t('only')).toBe('English only');
    expect(t('missing.key')).toBe('missing.key');
    expect(t('deep')).toBe('deep');
    expect(t('empty')).toBe('');
  });

  it('lays later strings over earlier ones, key by key', () => {
    const translator = make();
    translator.addStrings('en', { deep: { other: 'other' } });
    expect(translator.t('deep.key', { n: 1 })).toBe('deep 1');
    expect(translator.t('deep.other')).toBe('other');
  });

  it('announces a change of language once, and any change to React watchers', () => {
    const translator = make();
    const listener = vi.fn();
    const watcher = vi.fn();
    translator.on('languageChanged', listener);
    const unwatch = translator.subscribe(watcher);
    const before = translator.version();
    translator.changeLanguage('lt');
    translator.changeLanguage('en');
    expect(listener).toHaveBeenCalledExactlyOnceWith('en');
    expect(translator.t('a', { y: 1 })).toBe('x 1 z');
    translator.addStrings('en', { b: 'b' });
    expect(watcher).toHaveBeenCalledTimes(2);
    expect(translator.version()).toBe(before + 2);
    unwatch();
    translator.off('languageChanged', listener);
    translator.changeLanguage('lt');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(watcher).toHaveBeenCalledTimes(2);
  });
});
