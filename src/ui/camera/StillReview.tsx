import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/react.tsx';
import type { Still } from '../../capture/stillCapture.ts';
import { useObjectUrl } from '../ImagePreview.tsx';

interface StillReviewProps {
  still: Still;
  /** While the photo is being prepared for sending, both choices wait. */
  busy: boolean;
  onRetake: () => void;
  onUse: () => void;
}

/** The photo just taken, full frame, with the two choices a person has: keep it or take another. */
export function StillReview({ still, busy, onRetake, onUse }: StillReviewProps) {
  const { t } = useTranslation();
  const url = useObjectUrl(still.blob);
  const use = useRef<HTMLButtonElement>(null);
  // In the same commit as the swap, so focus never falls back to the page in between.
  useLayoutEffect(() => use.current?.focus(), []);
  return (
    <div className="mk-still">
      {url && <img className="mk-still__image" src={url} width={still.width} height={still.height} alt={t('camera.stillAlt')} />}
      <p className="mk-muted">{t('camera.checkStill')}</p>
      <div className="mk-camera__buttons">
        <button type="button" className="mk-button mk-button--secondary" onClick={onRetake} disabled={busy}>
          {t('camera.retake')}
        </button>
        <button ref={use} type="button" className="mk-button mk-button--primary" onClick={() => !busy && onUse()} aria-disabled={busy || undefined}>
          {t('camera.use')}
        </button>
      </div>
    </div>
  );
}
