/**
 * Locales the vendor lists for step texts, plus `de`, which its own utility-bill example uses.
 * The token's `locale` is only set to one of these: anything else would make the vendor refuse
 * the whole token request, and a browser language we do not know is no reason to fail a session.
 */
export const VENDOR_LOCALES = ['lt', 'en', 'ru', 'pl', 'lv', 'ro', 'it', 'et', 'fr', 'sv', 'es', 'hu', 'ja', 'bg', 'de'] as const;

export type VendorLocale = (typeof VENDOR_LOCALES)[number];

export function isVendorLocale(value: unknown): value is VendorLocale {
  return typeof value === 'string' && (VENDOR_LOCALES as readonly string[]).includes(value);
}

/** `en-GB` → `en`, `JA` → `ja`, `jp` (the vendor's own slip in its example) → `ja`; unknown → null. */
export function toVendorLocale(input: string): VendorLocale | null {
  const primary = input.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const candidate = primary === 'jp' ? 'ja' : primary;
  return isVendorLocale(candidate) ? candidate : null;
}
