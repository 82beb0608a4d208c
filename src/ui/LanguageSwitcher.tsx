import { useId, useMemo } from 'react';
import { useTranslation } from '../i18n/react.tsx';
import { PSEUDO_LOCALE, UI_LOCALES, type UiLocale, type WidgetLanguage } from '../i18n/index.ts';

export interface LanguageOption {
  code: UiLocale;
  /** The language in its own words, as its speakers look for it: "Deutsch", "Русский", "日本語". */
  name: string;
}

/**
 * Every UI language named in itself, capitalised as a menu entry, in one order whatever the current
 * language, so the person finds theirs where it was.
 */
export function languageOptions(): LanguageOption[] {
  const collator = new Intl.Collator('en');
  return UI_LOCALES.map((code) => {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return { code, name: name.charAt(0).toLocaleUpperCase(code) + name.slice(1) };
  }).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The language menu: a native select (keyboard, screen readers and phones' pickers for free),
 * labelled in the current language, with a globe so someone who cannot read that language still
 * recognises it. Each option carries its own `lang`, so it is read out in its own pronunciation.
 */
export function LanguageSwitcher({ value, onChange }: { value: WidgetLanguage; onChange: (language: UiLocale) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const options = useMemo(languageOptions, []);
  return (
    <div className="mk-language">
      <svg className="mk-language__globe" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </svg>
      <label className="mk-language__label" htmlFor={id}>
        {t('app.language')}
      </label>
      <select id={id} className="mk-language__select" value={value} onChange={(event) => onChange(event.target.value as UiLocale)}>
        {value === PSEUDO_LOCALE && (
          <option value={PSEUDO_LOCALE} lang="en">
            Pseudo (en-XA)
          </option>
        )}
        {options.map(({ code, name }) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
