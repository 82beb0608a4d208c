import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n, loadLanguage } from '../../src/i18n/index.ts';

/** How the widget's i18next instances are set up: interpolation, fallbacks, isolation, plurals. */
describe('a widget’s i18next instance', () => {
  const withStrings = () => createI18n('lt', { en: { test: { a: 'x {{y}} z', only: 'English only', empty: '' } }, lt: { test: { a: 'lt {{ y }}', empty: '' } } } as never);

  it('fills placeholders: a missing value stays visible, text is not escaped, colons are text', async () => {
    const { t } = await withStrings();
    expect(t('test.a')).toBe('lt {{ y }}');
    expect(t('test.a', { y: 0 })).toBe('lt 0');
    expect(t('test.a', { y: '<b>&' })).toBe('lt <b>&');
    expect(t('error.code', { code: 'A:B' })).toBe('Klaidos kodas: A:B');
  });

  it('falls back to English, then to the key; an empty string is a translation', async () => {
    const { t } = await withStrings();
    expect(t('test.only')).toBe('English only');
    expect(t('missing.key')).toBe('missing.key');
    expect(t('test.empty')).toBe('');
  });

  it('takes a host’s wording given as an i18next resource', async () => {
    const i18n = await createI18n('de', { de: { translation: { actions: { continue: 'Los' } } } });
    expect(i18n.t('actions.continue')).toBe('Los');
    expect(i18n.t('actions.back')).toBe('Zurück');
  });

  it('never touches the host’s global i18next, and two widgets keep their own language', async () => {
    const global = vi.spyOn(i18next, 'changeLanguage');
    const [one, two] = await Promise.all([createI18n('de'), createI18n('fr')]);
    await loadLanguage(one, 'ja');
    await one.changeLanguage('ja');
    expect(one.language).toBe('ja');
    expect(two.language).toBe('fr');
    expect(two.t('actions.continue')).toBe('Continuer');
    expect(global).not.toHaveBeenCalled();
    expect(i18next.isInitialized).toBeFalsy();
  });

  it('picks plural forms by the language’s own rules (count)', async () => {
    const files = { en: { test: { files_one: '{{count}} file', files_other: '{{count}} files' } }, ru: { test: { files_one: '{{count}} файл', files_few: '{{count}} файла', files_many: '{{count}} файлов', files_other: '{{count}} файла' } } };
    const i18n = await createI18n('ru', files as never);
    expect([1, 3, 5, 21].map((count) => i18n.t('test.files', { count }))).toEqual(['1 файл', '3 файла', '5 файлов', '21 файл']);
    await loadLanguage(i18n, 'ja', files as never);
    await i18n.changeLanguage('ja');
    // Japanese has one form; the key is missing there, so English answers with its own rules.
    expect(i18n.t('test.files', { count: 1 })).toBe('1 file');
    expect(i18n.t('test.files', { count: 2 })).toBe('2 files');
  });
});
