import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VENDOR_LOCALES } from '../../src/core/locale.ts';
import { createI18n, loadLanguage, loadMessages, PSEUDO_LOCALE, resolveLanguage, UI_LOCALES } from '../../src/i18n/index.ts';
import en from '../../src/i18n/locales/en.ts';
import { pseudoText } from '../../src/i18n/pseudo.ts';

/**
 * Strings that are rightly the same as in English, per locale and key. Anything else identical to
 * English is a string someone forgot to translate.
 */
const SAME_AS_ENGLISH: Partial<Record<string, readonly string[]>> = {
  // "Recto de votre document": the French word is the English one.
  fr: ['documentName.OTHER'],
};

type Leaves = Map<string, string>;

function leaves(tree: object, prefix = ''): Leaves {
  const found: Leaves = new Map();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [path, text] of leaves(value as object, `${prefix}${key}.`)) found.set(path, text);
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]).sort();

const english = leaves(en);
const others = UI_LOCALES.filter((locale) => locale !== 'en');
const catalogues = await Promise.all(others.map(async (locale) => [locale, leaves(await loadMessages(locale))] as const));

describe('the locale files', () => {
  it('cover every vendor locale', () => {
    expect([...UI_LOCALES].sort()).toEqual([...VENDOR_LOCALES].sort());
    expect(UI_LOCALES).toHaveLength(15);
  });

  it.each(catalogues)('%s has exactly the English keys', (_locale, messages) => {
    expect([...messages.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !messages.has(key))).toEqual([]);
  });

  it.each(catalogues)('%s keeps every placeholder of every key', (_locale, messages) => {
    const differing = [...english].filter(([key, text]) => messages.has(key) && placeholders(messages.get(key)!).join() !== placeholders(text).join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it.each(catalogues)('%s has no string left in English and none empty', (locale, messages) => {
    const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
    const untranslated = [...messages].filter(([key, text]) => text === english.get(key) && !allowed.has(key)).map(([key]) => key);
    expect(untranslated).toEqual([]);
    expect([...messages].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('keeps the allow-list honest: every allowed key is still identical to English', () => {
    for (const [locale, keys] of Object.entries(SAME_AS_ENGLISH)) {
      const messages = catalogues.find(([code]) => code === locale)![1];
      for (const key of keys ?? []) expect(messages.get(key), `${locale} ${key}`).toBe(english.get(key));
    }
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders and brackets the text', () => {
    const text = pseudoText('Step {{current}} of {{total}}');
    expect(text).toMatch(/^\[.*\]$/);
    expect(placeholders(text)).toEqual(['current', 'total']);
    expect(text.replace(/\{\{[^}]+\}\}/g, '')).not.toMatch(/[A-Za-z]/);
  });

  it('makes every text about 40 % longer', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 10, maxLength: 300 }).filter((text) => !text.includes('{')), (text) => {
        const grown = pseudoText(text).length - 2;
        expect(grown).toBeGreaterThanOrEqual(text.length * 1.4);
        expect(grown).toBeLessThanOrEqual(text.length * 1.4 + 2);
      }),
    );
  });

  it('covers every English key', async () => {
    const pseudo = leaves(await loadMessages(PSEUDO_LOCALE));
    expect([...pseudo.keys()]).toEqual([...english.keys()]);
    for (const [key, text] of english) expect(placeholders(pseudo.get(key)!), key).toEqual(placeholders(text));
  });

  it('is only chosen when asked for by name, never from the browser or the token', () => {
    expect(resolveLanguage({ option: 'en-XA' })).toBe(PSEUDO_LOCALE);
    expect(resolveLanguage({ option: ' EN-xa ' })).toBe(PSEUDO_LOCALE);
    expect(resolveLanguage({ token: 'en-XA' })).toBe('en');
    expect(resolveLanguage({ browser: ['en-XA', 'de'] })).toBe('en');
  });
});

describe('createI18n', () => {
  it('speaks the chosen language with English under it for keys a host override leaves out', async () => {
    const i18n = await createI18n('de');
    expect(i18n.t('actions.continue')).toBe('Weiter');
    expect(i18n.t('step.FRONT.title', { document: i18n.t('documentName.ID_CARD') })).toBe('Vorderseite Ihres Personalausweises');
    expect(i18n.hasLanguage('en')).toBe(true);
    expect(i18n.hasLanguage('fr')).toBe(false);
  });

  it('lays a host’s wording over ours, keyed by any tag that means the locale', async () => {
    const overrides = { 'de-AT': { actions: { continue: 'Weiter geht’s' } }, jp: { actions: { back: '前へ' } }, en: { actions: { start: 'Begin' } } };
    const i18n = await createI18n('de', overrides);
    expect(i18n.t('actions.continue')).toBe('Weiter geht’s');
    expect(i18n.t('actions.back')).toBe('Zurück');
    await loadLanguage(i18n, 'ja', overrides);
    await i18n.changeLanguage('ja');
    expect(i18n.t('actions.back')).toBe('前へ');
    expect(i18n.t('actions.continue')).toBe('次へ');
    await i18n.changeLanguage('en');
    expect(i18n.t('actions.start')).toBe('Begin');
  });

  it('switches language on the same instance, loading each language once', async () => {
    const i18n = await createI18n('en');
    await loadLanguage(i18n, 'ru');
    expect(i18n.language).toBe('en');
    await i18n.changeLanguage('ru');
    expect(i18n.t('review.title')).toBe('Проверьте фотографии');
  });

  it('fills every placeholder in every language', async () => {
    const values = Object.fromEntries([...new Set([...english.values()].flatMap(placeholders))].map((name) => [name, `‹${name}›`]));
    for (const locale of UI_LOCALES) {
      const i18n = await createI18n(locale);
      for (const key of english.keys()) expect(i18n.t(key, values), `${locale} ${key}`).not.toMatch(/\{\{|\}\}/);
    }
  });
});

