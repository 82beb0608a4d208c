import { createInstance, type i18n } from 'i18next';
import type { Messages } from './locales/en';

/** Locales with complete UI strings; each is its own chunk, so a page downloads only its language. */
const LOADERS = {
  en: () => import('./locales/en'),
  lt: () => import('./locales/lt'),
} satisfies Record<string, () => Promise<{ default: Messages }>>;

export type UiLocale = keyof typeof LOADERS;
export const UI_LOCALES = Object.keys(LOADERS) as UiLocale[];

/** A host's own wording for any of our strings, per locale, as a partial tree of `Messages`. */
export type Translations = Partial<Record<string, DeepPartial<Messages>>>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

/**
 * A private i18next instance per widget, so two widgets (or the host's own i18next) never share
 * language or resources. English is always loaded as the fallback for a host's partial overrides.
 */
export async function createI18n(locale: UiLocale, overrides: Translations = {}): Promise<i18n> {
  const wanted = [...new Set<UiLocale>([locale, 'en'])];
  const loaded = await Promise.all(wanted.map(async (code) => [code, (await LOADERS[code]()).default] as const));
  const instance = createInstance();
  await instance.init({
    lng: locale,
    fallbackLng: 'en',
    // Escaping is React's job; i18next escaping would show &amp; to the person.
    interpolation: { escapeValue: false },
    returnNull: false,
    resources: Object.fromEntries(loaded.map(([code, messages]) => [code, { translation: messages }])),
  });
  for (const [code, partial] of Object.entries(overrides)) {
    if (partial) instance.addResourceBundle(code, 'translation', partial, true, true);
  }
  return instance;
}
