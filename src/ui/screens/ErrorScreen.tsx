import { useTranslation } from '../../i18n/react.tsx';
import { isolate } from '../../core/bidi.ts';
import type { OnboardingError } from '../../core/errors.ts';
import { errorMessageKey } from '../errorMessage.ts';
import { ScreenFrame } from '../ScreenFrame.tsx';

interface ErrorScreenProps {
  error: OnboardingError;
  /** Human name of the step the error is about, when it names one. */
  stepTitle?: string | undefined;
  /** The way forward; absent when nothing the person can do here would help. */
  action?: { label: string; run: () => void } | undefined;
  secondary?: { label: string; run: () => void } | undefined;
}

export function ErrorScreen({ error, stepTitle, action, secondary }: ErrorScreenProps) {
  const { t } = useTranslation();
  const message = errorMessageKey(error, Boolean(stepTitle));
  return (
    <ScreenFrame
      title={t('error.title')}
      actions={
        (action || secondary) && (
          <>
            {secondary && (
              <button type="button" className="mk-button mk-button--secondary" onClick={secondary.run}>
                {secondary.label}
              </button>
            )}
            {action && (
              <button type="button" className="mk-button mk-button--primary" onClick={action.run}>
                {action.label}
              </button>
            )}
          </>
        )
      }
    >
      <p role="alert">{t(message, { step: isolate(stepTitle ?? error.step ?? '') })}</p>
      {/* What the person can quote to support; never the token or the vendor's raw message. */}
      {error.reference && <p className="mk-muted">{t('error.reference', { reference: error.reference })}</p>}
      <p className="mk-muted">{t('error.code', { code: [error.code, error.identifier, error.status].filter(Boolean).join(' · ') })}</p>
    </ScreenFrame>
  );
}
