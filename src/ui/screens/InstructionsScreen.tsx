import { useTranslation } from '../../i18n/react.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';

export function InstructionsScreen({ eyebrow, onStart }: { eyebrow?: string | undefined; onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame
      title={t('instructions.title')}
      eyebrow={eyebrow}
      actions={
        <button type="button" className="mk-button mk-button--primary" onClick={onStart}>
          {t('actions.start')}
        </button>
      }
    >
      <p>{t('instructions.intro')}</p>
      <ul className="mk-checklist">
        <li>{t('instructions.document')}</li>
        <li>{t('instructions.light')}</li>
        <li>{t('instructions.face')}</li>
      </ul>
      <p className="mk-muted">{t('instructions.privacy')}</p>
    </ScreenFrame>
  );
}
