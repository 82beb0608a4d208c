import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/react.tsx';
import { COUNTRY_CODES } from '../../core/countries.ts';
import { matchesSearch } from '../../core/textSearch.ts';
import { ScreenFrame } from '../ScreenFrame.tsx';
import { BackButton, ContinueButton } from './buttons.tsx';

interface CountryScreenProps {
  eyebrow?: string | undefined;
  country: string | null;
  onChoose: (country: string) => void;
  onContinue: () => void;
  onBack?: (() => void) | undefined;
}

export function CountryScreen({ eyebrow, country, onChoose, onContinue, onBack }: CountryScreenProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const locale = i18n.language;

  // Names and order in the UI language; the English name is searched too, for a person who knows
  // their country's name in English better than in the language they picked.
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code, english: english.of(code) ?? code })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
  }, [locale]);

  useEffect(() => {
    if (country) return;
    const guess = browserRegion();
    if (guess && (COUNTRY_CODES as readonly string[]).includes(guess)) onChoose(guess);
  }, [country, onChoose]);

  const typed = query.trim();
  const shown = countries.filter((entry) => matchesSearch(typed, [entry.name, entry.english]) || entry.code === typed.toUpperCase());
  const selectedName = countries.find((entry) => entry.code === country)?.name;

  return (
    <ScreenFrame
      title={t('country.title')}
      eyebrow={eyebrow}
      actions={
        <>
          {onBack && <BackButton onClick={onBack} />}
          <ContinueButton disabled={!country} onClick={onContinue} />
        </>
      }
    >
      <label className="mk-label" htmlFor={searchId}>
        {t('country.search')}
      </label>
      <input
        id={searchId}
        className="mk-input"
        type="search"
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {selectedName && (
        <p className="mk-muted" aria-live="polite">
          {t('country.selected', { country: selectedName })}
        </p>
      )}
      <fieldset className="mk-choice-list mk-choice-list--scroll">
        <legend className="mk-visually-hidden">{t('country.countries')}</legend>
        {shown.map((entry) => (
          <label key={entry.code} className="mk-choice">
            <input
              type="radio"
              name="mk-country"
              value={entry.code}
              checked={entry.code === country}
              onChange={() => onChoose(entry.code)}
            />
            <span>{entry.name}</span>
          </label>
        ))}
      </fieldset>
      {/* Always in the page, so assistive technology announces the text when it appears. */}
      <p className="mk-live" role="status">
        {shown.length === 0 ? t('country.noMatch', { query: typed }) : ''}
      </p>
    </ScreenFrame>
  );
}

/** "lt-LT" → "LT": the region of the first browser language that names one. */
function browserRegion(): string | undefined {
  const languages = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language];
  for (const tag of languages) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // A malformed tag in the browser's list: try the next one.
    }
  }
  return undefined;
}
