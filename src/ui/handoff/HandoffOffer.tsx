import { useTranslation } from '../../i18n/react.tsx';

/**
 * "Continue on your phone", under a desktop's image step. The person's choice: the step goes on
 * here as before. Where this page can do nothing else (the step allows only the camera), it is
 * the primary way on.
 */
export function HandoffOffer({ needed, onStart }: { needed: boolean; onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="mk-handoff-offer">
      <p>
        <strong>{t('handoff.offer')}</strong> <span className="mk-muted">{needed ? t('handoff.offerNeeded') : t('handoff.offerHint')}</span>
      </p>
      {/* Its own name, not "Continue…": the step's Continue button stays the only one of that name. */}
      <button type="button" className={`mk-button mk-button--${needed ? 'primary' : 'secondary'}`} onClick={onStart}>
        {t('handoff.showCode')}
      </button>
    </div>
  );
}
