/** The vendor's locales plus `de`, which its own example uses. */
export const VENDOR_LOCALES = ['lt', 'en', 'ru', 'pl', 'lv', 'ro', 'it', 'et', 'fr', 'sv', 'es', 'hu', 'ja', 'bg', 'de'] as const;
export type Locale = (typeof VENDOR_LOCALES)[number];

/** Tags people and merchants write that mean one of ours (the vendor's own example says `jp`). */
const ALIASES: Record<string, string> = { jp: 'ja' };

/** `lt-LT` → `lt`, `JP` → `ja`, `pt-BR` → `pt`: the base language, lower case, aliases applied. */
export function baseLanguage(tag: string): string {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return ALIASES[base] ?? base;
}

export interface LocaleSources {
  /** The host's explicit choice (`locale` option or attribute). */
  option?: string | null | undefined;
  /** The token's `locale`. */
  token?: string | null | undefined;
  /** `navigator.languages`, most preferred first. */
  browser?: readonly string[] | undefined;
}

/**
 * The UI locale: the host's option, then the token, then the browser's languages, then English,
 * taking the first that we have UI strings for.
 */
export function chooseLocale<L extends string>(sources: LocaleSources, available: readonly L[]): L {
  const candidates = [sources.option, sources.token, ...(sources.browser ?? [])];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const base = baseLanguage(candidate);
    const match = available.find((locale) => locale === base);
    if (match) return match;
  }
  return (available.find((locale) => locale === 'en') ?? available[0]) as L;
}
