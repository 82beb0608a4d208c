import { useTranslation } from 'react-i18next';
import { ScreenFrame } from '../ScreenFrame';

export function SubmittingScreen({ progress }: { progress: number }) {
  const { t, i18n } = useTranslation();
  const percent = Math.round(progress * 100);
  const uploaded = progress >= 1;
  return (
    <ScreenFrame title={t('submitting.title')} busy>
      <progress className="mk-progress" max={100} value={percent} aria-label={t('submitting.title')} />
      <p role="status">
        {uploaded ? t('submitting.processing') : t('submitting.progress', { percent: new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(percent / 100) })}
      </p>
      <p className="mk-muted">{t('submitting.wait')}</p>
    </ScreenFrame>
  );
}
