import { useTranslation } from '../../i18n/react.tsx';
import { useExit } from '../exit.tsx';
import { ScreenFrame } from '../ScreenFrame.tsx';

export function DoneScreen({ scanRef }: { scanRef: string }) {
  const { t } = useTranslation();
  const exit = useExit();
  return (
    <ScreenFrame
      title={t('done.title')}
      actions={
        exit && (
          <button type="button" className="mk-button mk-button--primary" onClick={exit.request}>
            {t('exit.finish')}
          </button>
        )
      }
    >
      <div className="mk-done-mark" aria-hidden="true">
        ✓
      </div>
      <p>{t('done.text')}</p>
      <p className="mk-muted">{t('done.reference', { scanRef })}</p>
    </ScreenFrame>
  );
}
