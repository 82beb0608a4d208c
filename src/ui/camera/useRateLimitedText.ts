import { useEffect, useRef, useState } from 'react';

/**
 * `text`, but changing at most once per `intervalMs`: the live guidance can change every frame,
 * and a screen reader reading each change would never finish a sentence. The latest text is
 * always the one shown once the interval is over.
 */
export function useRateLimitedText(text: string, intervalMs: number): string {
  const [shown, setShown] = useState(text);
  const lastChange = useRef(0);
  useEffect(() => {
    if (text === shown) return;
    const wait = lastChange.current + intervalMs - Date.now();
    const show = () => {
      lastChange.current = Date.now();
      setShown(text);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [text, shown, intervalMs]);
  return shown;
}
