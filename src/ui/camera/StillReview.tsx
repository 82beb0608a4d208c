import { useId, useLayoutEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/react.tsx';
import type { Still } from '../../capture/stillCapture.ts';
import type { QualityFailure } from '../../quality/index.ts';
import type { CaptureFrame } from '../../core/captureGuide.ts';
import { useObjectUrl } from '../ImagePreview.tsx';
import { faultText } from './guidanceText.ts';

interface StillReviewProps {
  still: Still;
  /** While the photo is being prepared for sending, both choices wait. */
  busy: boolean;
  /** The camera took it by itself. */
  automatic: boolean;
  /** What the checks found wrong with it, most important first; empty when nothing (or not checked). */
  failures: readonly QualityFailure[];
  /** A failed photo may be kept ("Use it anyway"); false in strict mode until enough retakes. */
  canKeepFailed: boolean;
  /** What was photographed: a face's faults are worded for a face. */
  frame: CaptureFrame;
  onRetake: () => void;
  onUse: () => void;
}

/**
 * The photo just taken, full frame, with the two choices a person has: keep it or take another.
 * A photo that failed a check says what is wrong in words, and Retake becomes the main choice.
 */
export function StillReview({ still, busy, automatic, failures, canKeepFailed, frame, onRetake, onUse }: StillReviewProps) {
  const { t } = useTranslation();
  const url = useObjectUrl(still.blob);
  const primary = useRef<HTMLButtonElement>(null);
  const faultId = useId();
  const [fault] = failures;
  // In the same commit as the swap, so focus never falls back to the page in between.
  useLayoutEffect(() => primary.current?.focus(), []);
  const retake = (
    <button
      ref={fault ? primary : undefined}
      type="button"
      className={`mk-button ${fault ? 'mk-button--primary' : 'mk-button--secondary'}`}
      onClick={onRetake}
      disabled={busy}
      aria-describedby={fault ? faultId : undefined}
    >
      {t('camera.retake')}
    </button>
  );
  return (
    <div className="mk-still">
      {url && <img className="mk-still__image" src={url} width={still.width} height={still.height} alt={t('camera.stillAlt')} />}
      {automatic && <p className="mk-muted mk-still__auto">{t('quality.still.auto')}</p>}
      {fault ? (
        <p id={faultId} className="mk-still__fault" data-fault={fault.code}>
          {canKeepFailed ? faultText(t, 'still', fault.code, frame) : `${faultText(t, 'still', fault.code, frame)} ${t('quality.still.retakeAsked')}`}
        </p>
      ) : (
        <p className="mk-muted">{t(frame === 'FACE' ? 'camera.checkSelfie' : 'camera.checkStill')}</p>
      )}
      <div className="mk-camera__buttons">
        {fault ? (
          <>
            {canKeepFailed && (
              <button type="button" className="mk-button mk-button--secondary" data-choice="use" onClick={() => !busy && onUse()} aria-disabled={busy || undefined}>
                {t('quality.still.useAnyway')}
              </button>
            )}
            {retake}
          </>
        ) : (
          <>
            {retake}
            <button ref={primary} type="button" className="mk-button mk-button--primary" data-choice="use" onClick={() => !busy && onUse()} aria-disabled={busy || undefined}>
              {t('camera.use')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
