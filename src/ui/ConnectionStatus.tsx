import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/react.tsx';
import { useOnline } from './useOnline.ts';

/** How long "back online" stays up after the connection returns. */
const BACK_ONLINE_MS = 4_000;

/**
 * A quiet line while the browser is offline, and briefly when it is back. Always in the page as a
 * live region (so the first change is announced), empty when there is nothing to say.
 */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const online = useOnline();
  const [backOnline, setBackOnline] = useState(false);
  const wasOffline = useRef(!online);

  useEffect(() => {
    if (!online) {
      wasOffline.current = true;
      setBackOnline(false);
      return undefined;
    }
    if (!wasOffline.current) return undefined;
    wasOffline.current = false;
    setBackOnline(true);
    const timer = setTimeout(() => setBackOnline(false), BACK_ONLINE_MS);
    return () => clearTimeout(timer);
  }, [online]);

  const text = !online ? t('connection.offline') : backOnline ? t('connection.online') : '';
  return (
    <p className={`mk-banner${!online ? ' mk-banner--offline' : text ? ' mk-banner--online' : ''}`} role="status" data-mk-connection={online ? 'online' : 'offline'}>
      {text}
    </p>
  );
}
