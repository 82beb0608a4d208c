import { useSyncExternalStore } from 'react';

/** The `colorScheme` option: `auto` follows the person's system setting, live. */
export type ColorScheme = 'auto' | 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';
const media = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const list = media();
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/**
 * Resolved in script rather than with a CSS media query so one set of dark colours serves both the
 * option and the system setting, in the page and in the custom element's shadow root alike.
 */
export function useColorScheme(option: ColorScheme): 'light' | 'dark' {
  const systemDark = useSyncExternalStore(subscribe, () => media()?.matches ?? false, () => false);
  if (option !== 'auto') return option;
  return systemDark ? 'dark' : 'light';
}
