import { useState } from 'react';
import { useTranslation } from '../i18n/react.tsx';

/**
 * "Start over": drops every choice and photo (and the saved draft with them). Destructive, so it
 * asks once; the question replaces the link in place and keeps focus in the same spot.
 */
export function StartOver({ onConfirm }: { onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <p className="mk-start-over">
        <button type="button" className="mk-link-button" onClick={() => setAsking(true)}>
          {t('restore.startOver')}
        </button>
      </p>
    );
  }
  return (
    <div className="mk-banner mk-banner--restored" role="group" aria-labelledby="mk-start-over-question">
      <p id="mk-start-over-question">{t('restore.confirm')}</p>
      <span>
        <button type="button" className="mk-link-button" onClick={() => setAsking(false)} autoFocus>
          {t('restore.keep')}
        </button>{' '}
        <button type="button" className="mk-link-button" onClick={onConfirm}>
          {t('restore.confirmStartOver')}
        </button>
      </span>
    </div>
  );
}

/** Said once when a reload brought the person back to where they were. */
export function RestoredNotice() {
  const { t } = useTranslation();
  return (
    <div className="mk-banner mk-banner--restored" role="status">
      <p>{t('restore.restored')}</p>
    </div>
  );
}
