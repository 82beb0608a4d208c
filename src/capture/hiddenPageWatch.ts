/**
 * Calls back when the page has stayed hidden for a while, and again when it is visible. A quick
 * glance at another app keeps the camera; a page left in the background lets go of it.
 */

/** What the watch reads: `document` in the browser, a stand-in in tests. */
export interface VisibilitySource extends EventTarget {
  readonly visibilityState: DocumentVisibilityState;
}

export interface HiddenPageWatch {
  stop(): void;
}

export function watchHiddenPage(
  source: VisibilitySource,
  afterMs: number,
  handlers: { onLongHidden: () => void; onVisible: () => void },
): HiddenPageWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = undefined;
    if (source.visibilityState === 'hidden') timer = setTimeout(handlers.onLongHidden, afterMs);
    else handlers.onVisible();
  };
  source.addEventListener('visibilitychange', changed);
  // Also leaving the page for good (bfcache, navigation): no timer can be trusted to fire then.
  const leaving = () => handlers.onLongHidden();
  const win = typeof window === 'undefined' ? undefined : window;
  win?.addEventListener('pagehide', leaving);
  return {
    stop() {
      clearTimeout(timer);
      source.removeEventListener('visibilitychange', changed);
      win?.removeEventListener('pagehide', leaving);
    },
  };
}
