import { baseLanguage, chooseLocale, VENDOR_LOCALES, type Locale, type LocaleSources } from '../core/locale.ts';
import type { Messages } from './locales/en.ts';
import { Translator } from './translator.ts';

export { Translator, type TFunction } from './translator.ts';

/**
 * Every vendor locale has complete UI strings; each is its own chunk, so a page downloads only its
 * language (and English, the fallback for a host's partial overrides). `Record<Locale, …>` makes a
 * locale without a file a compile error.
 */
const LOADERS = {
  lt: () => import('./locales/lt.ts'),
  en: () => import('./locales/en.ts'),
  ru: () => import('./locales/ru.ts'),
  pl: () => import('./locales/pl.ts'),
  lv: () => import('./locales/lv.ts'),
  ro: () => import('./locales/ro.ts'),
  it: () => import('./locales/it.ts'),
  et: () => import('./locales/et.ts'),
  fr: () => import('./locales/fr.ts'),
  sv: () => import('./locales/sv.ts'),
  es: () => import('./locales/es.ts'),
  hu: () => import('./locales/hu.ts'),
  ja: () => import('./locales/ja.ts'),
  bg: () => import('./locales/bg.ts'),
  de: () => import('./locales/de.ts'),
} satisfies Record<Locale, () => Promise<{ default: Messages }>>;

export type UiLocale = Locale;
export const UI_LOCALES: readonly UiLocale[] = VENDOR_LOCALES;

/**
 * Accented English 40 % longer (see ./pseudo.ts), for finding clipped layouts and untranslated
 * strings. Only an explicit `locale: 'en-XA'` selects it; no browser or token ever does.
 */
export const PSEUDO_LOCALE = 'en-XA';
/** What the widget can be shown in: a real locale or the pseudo-locale. */
export type WidgetLanguage = UiLocale | typeof PSEUDO_LOCALE;

/** A host's own wording for any of our strings, per locale, as a partial tree of `Messages`. */
export type Translations = Partial<Record<string, DeepPartial<Messages>>>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

/** The host's option, then the token, then the browser, then English (core/locale.ts), or the pseudo-locale when asked for. */
export function resolveLanguage(sources: LocaleSources): WidgetLanguage {
  if (isPseudo(sources.option)) return PSEUDO_LOCALE;
  return chooseLocale(sources, UI_LOCALES);
}

export function isWidgetLanguage(value: string): value is WidgetLanguage {
  return value === PSEUDO_LOCALE || (UI_LOCALES as readonly string[]).includes(value);
}

/** The strings of one language; each language is fetched once per page, then cached by the module system. */
export async function loadMessages(language: WidgetLanguage): Promise<Messages> {
  if (language === PSEUDO_LOCALE) {
    const [{ pseudoMessages }, en] = await Promise.all([import('./pseudo.ts'), LOADERS.en()]);
    return pseudoMessages(en.default);
  }
  return (await LOADERS[language]()).default;
}

/**
 * A private translator per widget, so two widgets (or the host's own i18n library) never share
 * language or strings. English is always loaded as the fallback for a host's partial overrides.
 */
export async function createI18n(language: WidgetLanguage, overrides: Translations = {}): Promise<Translator> {
  const instance = new Translator(language);
  await loadLanguage(instance, language, overrides);
  return instance;
}

/**
 * Adds `language` (and English) to a widget's instance, with the host's overrides on top, without
 * switching to it: the caller switches once it knows the person still wants that language. The
 * overrides are laid again on languages already there, so a host's new wording shows at once.
 */
export async function loadLanguage(instance: Translator, language: WidgetLanguage, overrides: Translations = {}): Promise<void> {
  const codes = [...new Set<WidgetLanguage>([language, 'en'])];
  const missing = codes.filter((code) => !instance.hasLanguage(code));
  const loaded = await Promise.all(missing.map(async (code) => [code, await loadMessages(code)] as const));
  for (const [code, messages] of loaded) instance.addStrings(code, messages);
  for (const code of codes) {
    for (const own of overridesFor(overrides, code)) instance.addStrings(code, own);
  }
}

/** A host may key its overrides `de`, `de-AT` or `jp`; all of them mean our `de` or `ja`. */
function overridesFor(overrides: Translations, code: WidgetLanguage): DeepPartial<Messages>[] {
  return Object.entries(overrides).flatMap(([key, partial]) => {
    if (!partial) return [];
    const matches = code === PSEUDO_LOCALE ? isPseudo(key) : !isPseudo(key) && baseLanguage(key) === code;
    return matches ? [partial] : [];
  });
}

function isPseudo(tag: string | null | undefined): boolean {
  return tag?.trim().toLowerCase() === PSEUDO_LOCALE.toLowerCase();
}
