import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { TFunction, Translator } from './translator.ts';

const TranslatorContext = createContext<Translator | null>(null);

/** Gives the screens below one widget's translator; two widgets on a page never share one. */
export function TranslationProvider({ i18n, children }: { i18n: Translator; children?: ReactNode }) {
  return <TranslatorContext.Provider value={i18n}>{children}</TranslatorContext.Provider>;
}

/** `t` for the current language; a component re-renders when the language or its strings change. */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const i18n = useContext(TranslatorContext);
  if (!i18n) throw new Error('useTranslation() needs a <TranslationProvider> above it');
  const version = useSyncExternalStore(i18n.subscribe, i18n.version, i18n.version);
  // A new function per version, so memoised values that depend on `t` are recomputed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useMemo<TFunction>(() => (key, params) => i18n.t(key, params), [i18n, version]);
  return { t, i18n };
}
