import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/react.tsx';
import type { CaptureGuide } from '../../core/captureGuide.ts';
import type { CapturedImage } from '../../core/flow.ts';
import type { StepSettings } from '../../core/token.ts';
import { CameraFailure } from './CameraFailure.tsx';
import { CameraView } from './CameraView.tsx';
import { useCameraAvailability, type CameraAvailability } from './useCameraAvailability.ts';
import { usePhoneLike } from './usePhoneLike.ts';

interface ImageSourcesProps {
  settings: StepSettings;
  guide: CaptureGuide;
  hasImage: boolean;
  budgetBytes: number;
  onImage: (image: CapturedImage) => void;
  onContinue: () => void;
  /** The photo or PDF already kept for this step. */
  preview: ReactNode;
  /** The file picker, where the step allows uploads. */
  upload: ReactNode;
}

type Mode = { kind: 'choose' } | { kind: 'camera'; byPerson: boolean };

/**
 * The ways to give a step its image: the camera and the file picker, as the step's settings allow.
 * On a phone the camera comes first, and opens by itself once the person has allowed it; a device
 * without a usable camera gets the upload, or, where only the camera is allowed, a plain message.
 */
export function ImageSources({ settings, guide, hasImage, budgetBytes, onImage, onContinue, preview, upload }: ImageSourcesProps) {
  const { t } = useTranslation();
  const phoneLike = usePhoneLike();
  const { availability, recheck } = useCameraAvailability(settings.canCapture);
  const [mode, setMode] = useState<Mode>({ kind: 'choose' });
  const decided = useRef(false);
  const uploadArea = useRef<HTMLDivElement>(null);
  const focusUpload = useRef(false);

  useEffect(() => {
    if (decided.current || availability.kind === 'checking') return;
    decided.current = true;
    const granted = availability.kind === 'available' && availability.permission === 'granted';
    if (settings.canCapture && phoneLike && granted && !hasImage) setMode({ kind: 'camera', byPerson: false });
  }, [availability, settings.canCapture, phoneLike, hasImage]);

  useLayoutEffect(() => {
    if (mode.kind !== 'choose' || !focusUpload.current) return;
    focusUpload.current = false;
    uploadArea.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
  }, [mode]);

  const toUpload = upload
    ? () => {
        focusUpload.current = true;
        setMode({ kind: 'choose' });
      }
    : undefined;

  if (mode.kind === 'camera') {
    return (
      <CameraView guide={guide} budgetBytes={budgetBytes} onImage={onImage} onContinue={onContinue} onUpload={toUpload} takeFocus={mode.byPerson} />
    );
  }

  return (
    <>
      {preview}
      {settings.canCapture && (
        <CameraLauncher
          availability={availability}
          primary={phoneLike || !upload}
          hasImage={hasImage}
          uploadAllowed={Boolean(upload)}
          onOpen={() => setMode({ kind: 'camera', byPerson: true })}
          onRecheck={recheck}
        />
      )}
      {upload && (
        <div ref={uploadArea} className="mk-sources__upload">
          {upload}
        </div>
      )}
      {!settings.canCapture && !upload && (
        <div className="mk-notice" role="alert">
          <p>{t('camera.noWay')}</p>
        </div>
      )}
    </>
  );
}

interface CameraLauncherProps {
  availability: CameraAvailability;
  primary: boolean;
  hasImage: boolean;
  uploadAllowed: boolean;
  onOpen: () => void;
  onRecheck: () => void;
}

function CameraLauncher({ availability, primary, hasImage, uploadAllowed, onOpen, onRecheck }: CameraLauncherProps) {
  const { t } = useTranslation();
  switch (availability.kind) {
    case 'checking':
      return null;
    case 'unavailable':
      // With uploads allowed a short line explains the missing camera button; without, the full story.
      return uploadAllowed ? (
        <p className="mk-muted">{t('camera.unavailableNote', { reason: t(`camera.error.${availability.code}.title`) })}</p>
      ) : (
        <CameraFailure code={availability.code} onRetry={onRecheck} takeFocus={false} />
      );
    case 'available':
      return (
        <div className="mk-sources__camera">
          <button type="button" className={`mk-button mk-button--${primary ? 'primary' : 'secondary'} mk-sources__open`} onClick={onOpen}>
            <span className="mk-camera__shutter-icon" aria-hidden="true" />
            {hasImage ? t('camera.openAgain') : t('camera.open')}
          </button>
          {availability.permission === 'prompt' && <p className="mk-muted">{t('camera.permissionNote')}</p>}
        </div>
      );
  }
}
