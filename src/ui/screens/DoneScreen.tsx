import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../ScreenFrame';

export function DoneScreen({ scanRef }: { scanRef: string }) {
  const { t } = useTranslation();
  return (
    <ScreenFrame title={t('done.title')}>
      <div className="mk-done-mark" aria-hidden="true">
        ✓
      </div>
      <p>{t('done.text')}</p>
      <p className="mk-muted">{t('done.reference', { scanRef })}</p>
    </ScreenFrame>
  );
}
