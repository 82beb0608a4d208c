import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/react.tsx';
import type { CameraErrorCode } from '../../capture/cameraError.ts';

/** Failures shown as a panel; a failed capture is only a line under the live preview. */
export type CameraFailureCode = Exclude<CameraErrorCode, 'CAPTURE_FAILED'> | 'PAUSED';

/** Failures that a second attempt can fix once the person has done what the text says. */
const RETRYABLE: ReadonlySet<CameraFailureCode> = new Set(['PERMISSION_DENIED', 'NO_CAMERA', 'CAMERA_BUSY', 'CONSTRAINTS', 'ENDED', 'UNKNOWN', 'PAUSED']);

interface CameraFailureProps {
  code: CameraFailureCode;
  /** Where the step allows uploads: the way forward that always works. */
  onUpload?: (() => void) | undefined;
  onRetry?: (() => void) | undefined;
  /** Move focus to the first action: the control the person was on has just disappeared. */
  takeFocus: boolean;
}

/**
 * What went wrong with the camera, what to do about it, and the buttons to do it. A step that
 * allows only the camera says so, so nobody looks for an upload button that is not there.
 */
export function CameraFailure({ code, onUpload, onRetry, takeFocus }: CameraFailureProps) {
  const { t } = useTranslation();
  const firstAction = useRef<HTMLButtonElement>(null);
  const retry = RETRYABLE.has(code) ? onRetry : undefined;
  useLayoutEffect(() => {
    if (takeFocus) firstAction.current?.focus();
  }, [takeFocus, code]);
  return (
    <div className="mk-camera-failure">
      <div role="alert">
        <h2 className="mk-camera-failure__title">{t(`camera.error.${code}.title`)}</h2>
        <p>{t(`camera.error.${code}.text`)}</p>
        {!onUpload && <p>{t('camera.captureOnly')}</p>}
      </div>
      <div className="mk-camera-failure__actions">
        {retry && (
          <button ref={firstAction} type="button" className="mk-button mk-button--primary" onClick={retry}>
            {code === 'PAUSED' ? t('camera.resume') : t('actions.retry')}
          </button>
        )}
        {onUpload && (
          <button ref={retry ? undefined : firstAction} type="button" className="mk-button mk-button--secondary" onClick={onUpload}>
            {t('camera.uploadInstead')}
          </button>
        )}
      </div>
    </div>
  );
}
