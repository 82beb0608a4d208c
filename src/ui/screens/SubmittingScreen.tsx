import { useTranslation } from '../../i18n/react.tsx';
import type { SubmitPhase } from '../../core/flow.ts';
import { ScreenFrame } from '../ScreenFrame.tsx';

const SENDING: SubmitPhase = { kind: 'SENDING' };

/**
 * Progress of the upload, then what the widget is doing about a problem, if any: waiting for the
 * connection, trying again, checking whether an earlier send arrived, or getting a new session.
 * Each is a different sentence, announced once; the person never has to do anything here.
 */
export function SubmittingScreen({ progress, phase = SENDING }: { progress: number; phase?: SubmitPhase | undefined }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round(progress * 100);
  // The sentence moves in tens, so a screen reader announces ten steps rather than a hundred; the bar shows every percent.
  const announced = Math.floor(percent / 10) / 10;
  const sending = phase.kind === 'SENDING';
  const status = (() => {
    switch (phase.kind) {
      case 'SENDING':
        return progress >= 1
          ? t('submitting.processing')
          : t('submitting.progress', { percent: new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(announced) });
      case 'CHECKING':
        return t('submitting.checking');
      case 'WAITING_FOR_NETWORK':
        return t('submitting.offline');
      case 'RETRYING':
        return t('submitting.retrying', { retry: phase.retry, of: phase.of });
      case 'RENEWING_SESSION':
        return t('submitting.renewing');
    }
  })();
  return (
    <ScreenFrame title={t('submitting.title')} busy>
      {/* Indeterminate while nothing is being uploaded: a bar stuck at 100 % would say "done". */}
      <progress className="mk-progress" max={100} value={sending ? percent : undefined} aria-label={t('submitting.title')} />
      <p role="status" data-mk-phase={phase.kind}>
        {status}
      </p>
      <p className="mk-muted">{t('submitting.wait')}</p>
    </ScreenFrame>
  );
}
