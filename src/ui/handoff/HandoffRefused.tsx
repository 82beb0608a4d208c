import type { HandoffRefusal } from '../../core/handoff.ts';
import { useTranslation } from '../../i18n/react.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';

const REASON: Record<HandoffRefusal, 'refusedClaimed' | 'refusedExpired' | 'refusedRevoked'> = {
  HANDOFF_CLAIMED: 'refusedClaimed',
  HANDOFF_EXPIRED: 'refusedExpired',
  HANDOFF_NOT_FOUND: 'refusedExpired',
  HANDOFF_REVOKED: 'refusedRevoked',
};

export const isHandoffRefusal = (identifier: string | undefined): identifier is HandoffRefusal => Boolean(identifier && identifier in REASON);

/** On the phone: a link already used, expired or cancelled. Nothing here can fix it; the computer can. */
export function HandoffRefused({ reason }: { reason: HandoffRefusal }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={t('handoff.refusedTitle')}>
      <div className="mk-notice" role="alert">
        <p>{t(`handoff.${REASON[reason]}`)}</p>
      </div>
      <p>{t('handoff.refusedScan')}</p>
    </ScreenFrame>
  );
}
