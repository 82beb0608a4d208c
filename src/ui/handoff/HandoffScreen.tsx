import { useState } from 'react';
import type { OnboardingError } from '../../core/errors.ts';
import type { HandoffStatus } from '../../core/handoff.ts';
import { useTranslation } from '../../i18n/react.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';
import { QrCode } from './QrCode.tsx';

/** What the desktop shows while handing off: the code, the phone's progress, or why not. */
export type HandoffView =
  | { kind: 'MINTING' }
  | { kind: 'FAILED'; error: OnboardingError }
  | { kind: 'FOLLOWING'; link: string; status: HandoffStatus };

interface HandoffScreenProps {
  view: HandoffView;
  /** "Continue here instead": revokes the link and returns to this page's own step. */
  onHere: () => void;
  /** A new code, after the old one expired or could not be made. */
  onRenew: () => void;
}

export function HandoffScreen({ view, onHere, onRenew }: HandoffScreenProps) {
  const { t } = useTranslation();
  const here = (
    <button type="button" className="mk-button mk-button--secondary" onClick={onHere}>
      {t('handoff.hereInstead')}
    </button>
  );
  const renew = (
    <button type="button" className="mk-button mk-button--primary" onClick={onRenew}>
      {t('handoff.newCode')}
    </button>
  );
  if (view.kind === 'MINTING') {
    return (
      <ScreenFrame title={t('handoff.title')} busy actions={here}>
        <div className="mk-loading" role="status" aria-busy="true" />
      </ScreenFrame>
    );
  }
  if (view.kind === 'FAILED') {
    return (
      <ScreenFrame title={t('handoff.title')} actions={<>{here}{renew}</>}>
        <div className="mk-notice" role="alert">
          <p>{t('handoff.failed')}</p>
        </div>
      </ScreenFrame>
    );
  }
  const { status, link } = view;
  switch (status.kind) {
    case 'WAITING':
      return (
        <ScreenFrame title={t('handoff.title')} actions={here}>
          <p>{t('handoff.scan')}</p>
          <QrCode text={link} label={t('handoff.qrLabel')} />
          <CopyLink link={link} />
          <p className="mk-muted">{t('handoff.what')}</p>
        </ScreenFrame>
      );
    case 'EXPIRED':
    case 'REVOKED':
      return (
        <ScreenFrame title={t('handoff.expiredTitle')} actions={<>{here}{renew}</>}>
          <p>{t('handoff.expiredText')}</p>
        </ScreenFrame>
      );
    default:
      return (
        <ScreenFrame title={t('handoff.connected')} busy={status.kind === 'SENDING'} actions={here}>
          <p role="status" className="mk-handoff-progress">
            {status.kind === 'STEP' ? t('handoff.step', { step: status.step, of: status.of }) : status.kind === 'CONNECTED' ? t('handoff.connectedText') : t('handoff.sending')}
          </p>
          <p className="mk-muted">{t('handoff.keepOpen')}</p>
        </ScreenFrame>
      );
  }
}

function CopyLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="mk-handoff-link">
      <label className="mk-muted" htmlFor="mk-handoff-link">
        {t('handoff.linkLabel')}
      </label>
      <input id="mk-handoff-link" className="mk-handoff-link__text" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
      <button type="button" className="mk-button mk-button--secondary" onClick={copy}>
        {t('handoff.copy')}
      </button>
      <span role="status" className="mk-muted">
        {copied ? t('handoff.copied') : ''}
      </span>
    </div>
  );
}
