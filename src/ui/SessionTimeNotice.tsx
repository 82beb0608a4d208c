import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/react.tsx';
import { expiryNotice, msUntilNoticeChanges, type ExpiryNotice } from '../core/expiry.ts';

interface SessionTimeNoticeProps {
  /** When the session ends, ms since the epoch. */
  deadline: number;
  /** The whole session's length, which sets when warnings start. */
  lengthMs: number;
  /** Whether the widget can get a new session by itself when this one ends. */
  renewable: boolean;
}

/**
 * Tells the person how long is left, only once it runs low. The timer wakes only when the text
 * would change (a handful of times per session), so the polite live region is never chatty.
 */
export function SessionTimeNotice({ deadline, lengthMs, renewable }: SessionTimeNoticeProps) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<ExpiryNotice>(() => expiryNotice(deadline - Date.now(), lengthMs));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      const remaining = deadline - Date.now();
      setNotice(expiryNotice(remaining, lengthMs));
      const wait = msUntilNoticeChanges(remaining, lengthMs);
      // Timers clamp at 2^31-1 ms; a long session simply checks again later.
      if (Number.isFinite(wait)) timer = setTimeout(update, Math.min(wait + 50, 2 ** 31 - 1));
    };
    update();
    return () => clearTimeout(timer);
  }, [deadline, lengthMs]);

  const text =
    notice.kind === 'LOW'
      ? t('sessionTime.low', { minutes: notice.minutes })
      : notice.kind === 'LAST_MINUTE'
        ? t('sessionTime.lastMinute')
        : notice.kind === 'EXPIRED'
          ? t(renewable ? 'sessionTime.expiredRenewable' : 'sessionTime.expired')
          : '';
  return (
    <p className={`mk-banner${text ? ' mk-banner--time' : ''}`} role="status" data-mk-session-time={notice.kind}>
      {text}
    </p>
  );
}
