import type { I18n } from '../i18n/index.ts';
import { useEffect, useRef, useState } from 'react';
import type { LocaleSources } from '../core/locale.ts';
import { loadLanguage, resolveLanguage, type Translations, type WidgetLanguage } from '../i18n/index.ts';

/**
 * Keeps the widget's i18next instance speaking the language its sources resolve to. A change (the
 * person's pick in the language menu, a new `locale` option, new host wording) loads that
 * language's strings into the same instance and switches it, so the flow under it keeps its state
 * and photos. Answers the language shown, for the root's `lang`, and reports each one to the host.
 */
export function useWidgetLanguage(
  i18n: I18n | null,
  sources: LocaleSources,
  translations: Translations | undefined,
  onChange: ((language: WidgetLanguage) => void) | undefined,
): WidgetLanguage | null {
  const wanted = resolveLanguage(sources);
  const [shown, setShown] = useState<WidgetLanguage | null>(null);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(() => {
    if (!i18n) return undefined;
    let current = true;
    loadLanguage(i18n, wanted, translations)
      .then(() => (current && i18n.language !== wanted ? i18n.changeLanguage(wanted) : undefined))
      // Offline, a language's chunk may not load: the widget stays in the language it already has.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [i18n, wanted, translations]);

  useEffect(() => {
    if (!i18n) return undefined;
    const show = (language: string) => {
      setShown(language as WidgetLanguage);
      report.current?.(language as WidgetLanguage);
    };
    show(i18n.language);
    i18n.on('languageChanged', show);
    return () => i18n.off('languageChanged', show);
  }, [i18n]);

  return i18n ? (shown ?? (i18n.language as WidgetLanguage)) : null;
}
