import { useSyncExternalStore } from 'react';

const QUERY = '(pointer: coarse)';

/** A touch screen as the main pointer: the camera is the natural way to take a photo there. */
export function usePhoneLike(): boolean {
  return useSyncExternalStore(subscribe, matches, () => false);
}

function subscribe(listener: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(QUERY);
  list.addEventListener('change', listener);
  return () => list.removeEventListener('change', listener);
}

function matches(): boolean {
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches;
}
