import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { I18n, TFunction } from './index.ts';

const I18nContext = createContext<I18n | null>(null);

/** Gives the screens below one widget's i18next instance; two widgets on a page never share one. */
export function TranslationProvider({ i18n, children }: { i18n: I18n; children?: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

/**
 * Bumped on every change of language or strings of an instance: what React compares. (react-i18next
 * does the same with more options than the widget uses, for about 3 KB more.)
 */
const versions = new WeakMap<I18n, number>();

function subscribe(i18n: I18n, notify: () => void): () => void {
  const changed = () => {
    versions.set(i18n, (versions.get(i18n) ?? 0) + 1);
    notify();
  };
  i18n.on('languageChanged', changed);
  i18n.store.on('added', changed);
  return () => {
    i18n.off('languageChanged', changed);
    i18n.store.off('added', changed);
  };
}

/** `t` for the current language; a component re-renders when the language or its strings change. */
export function useTranslation(): { t: TFunction; i18n: I18n } {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useTranslation() needs a <TranslationProvider> above it');
  const watch = useMemo(() => (notify: () => void) => subscribe(i18n, notify), [i18n]);
  const version = useSyncExternalStore(watch, () => versions.get(i18n) ?? 0, () => versions.get(i18n) ?? 0);
  // A new function per version, so memoised values that depend on `t` are recomputed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useMemo<TFunction>(() => (key, values) => i18n.t(key, values), [i18n, version]);
  return { t, i18n };
}
