import type { TFunction } from '../../i18n/index.ts';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DocumentKind, QualityFailure } from '../../quality/index.ts';
import type { CaptureFrame } from '../../core/captureGuide.ts';
import { STRICT_RETAKES, useCaptureOptions } from '../captureOptions.ts';
import { faultText, guidanceText } from './guidanceText.ts';
import { useLiveQuality } from './useLiveQuality.ts';
import { useRateLimitedText } from './useRateLimitedText.ts';
import { useTranslation } from '../../i18n/react.tsx';
import { isCameraError } from '../../capture/cameraError.ts';
import type { CameraState } from '../../capture/cameraSession.ts';
import type { Still } from '../../capture/stillCapture.ts';
import type { CaptureGuide } from '../../core/captureGuide.ts';
import type { CapturedImage } from '../../core/flow.ts';
import { IntakeStatus } from '../IntakeStatus.tsx';
import { useImageIntake } from '../useImageIntake.ts';
import { CameraFailure } from './CameraFailure.tsx';
import { CaptureOverlay } from './CaptureOverlay.tsx';
import { StillReview } from './StillReview.tsx';
import { useCameraSession } from './useCameraSession.ts';

interface CameraViewProps {
  guide: CaptureGuide;
  budgetBytes: number;
  /** The photo, after the same compression as an upload. */
  onImage: (image: CapturedImage) => void;
  /** Called right after `onImage`: "use this photo" also moves on. */
  onContinue: () => void;
  /** Present where the step allows uploads: leaves the camera for the file picker. */
  onUpload?: (() => void) | undefined;
  /** The person opened the camera, so focus follows them into it; an automatic opening leaves focus alone. */
  takeFocus: boolean;
  /** The step's name, for the quality event. */
  stepName?: string | undefined;
}

type Phase =
  | { kind: 'viewfinder'; failedCapture: boolean }
  | { kind: 'capturing'; automatic: boolean }
  | { kind: 'still'; still: Still; automatic: boolean; failures: QualityFailure[] };

/** The live checks and auto-capture: document sides, the passport page and the selfie. */
const LIVE_KIND: Partial<Record<CaptureFrame, DocumentKind | 'face'>> = { CARD: 'idDocument', PASSPORT_PAGE: 'passport', FACE: 'face' };
/** A screen reader hears the guidance at most this often. */
const ANNOUNCE_EVERY_MS = 3000;
/** The still's own analysis is a nicety; past this the review shows without a verdict. */
const STILL_ANALYSIS_TIMEOUT_MS = 4000;

/** Until the first frame says otherwise: most webcams are 4:3 or 16:9, phones held upright 3:4. */
const DEFAULT_ASPECT = 4 / 3;

/**
 * The live camera for one step: preview with the outline and guidance, the shutter, a camera
 * switcher when there is more than one, then the still with "retake" and "use this photo".
 * Leaving the screen ends the camera (the session stops every track when this unmounts).
 */
export function CameraView({ guide, budgetBytes, onImage, onContinue, onUpload, takeFocus, stepName }: CameraViewProps) {
  const { t } = useTranslation();
  const options = useCaptureOptions();
  const { state, session } = useCameraSession(guide.facing);
  const [autoCapture, setAutoCapture] = useState(options.autoCapture);
  const [failedRetakes, setFailedRetakes] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'viewfinder', failedCapture: false });
  const [aspect, setAspect] = useState(DEFAULT_ASPECT);
  const [playing, setPlaying] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const shutter = useRef<HTMLButtonElement>(null);
  const personActed = useRef(takeFocus);
  const intake = useImageIntake({
    budgetBytes,
    allowPdf: false,
    onImage: (image) => {
      onImage(image);
      onContinue();
    },
  });

  const stream = state.kind === 'live' ? state.stream : null;
  // The video element is replaced by the still and comes back for a retake.
  const hasVideo = phase.kind !== 'still';
  useEffect(() => {
    const element = video.current;
    // Setting the same stream again would restart the element and blank the preview.
    if (!element || element.srcObject === stream) return;
    setPlaying(false);
    element.srcObject = stream;
    // autoplay covers most browsers; an explicit play() covers the rest, and a refusal is harmless.
    if (stream) element.play().catch(() => {});
  }, [stream, hasVideo]);

  useLayoutEffect(() => {
    if (personActed.current && phase.kind === 'viewfinder') shutter.current?.focus();
  }, [phase.kind]);

  const act = (action: () => void) => () => {
    personActed.current = true;
    action();
  };

  // `qualityGate: 'off'`: no checks at all, so no guidance from them and nothing to auto-capture on.
  const liveKind = options.qualityGate === 'off' ? null : (LIVE_KIND[guide.frame] ?? null);
  const analysing = state.kind === 'live' && playing && phase.kind === 'viewfinder';
  const live = useLiveQuality(liveKind, autoCapture, video, analysing);
  const status = live.snapshot?.status ?? null;

  const judge = async (still: Still, automatic: boolean): Promise<QualityFailure[]> => {
    if (!live.controller || options.qualityGate === 'off') return [];
    const analysis = await Promise.race([live.controller.analyseStill(still).catch(() => null), delay(STILL_ANALYSIS_TIMEOUT_MS)]);
    if (!analysis) return [];
    const { report } = analysis;
    options.onQualityResult?.({ stepName: stepName ?? '', capture: automatic ? 'automatic' : 'shutter', passed: report.passed, failures: report.failures });
    // Steadiness needs a stream; a still has none, so it is never a still's fault.
    return report.failures.filter((failure) => failure.code !== 'unsteady');
  };

  const capture = async (automatic: boolean) => {
    const element = video.current;
    if (!element || state.kind !== 'live' || !playing || phase.kind !== 'viewfinder') return;
    setPhase({ kind: 'capturing', automatic });
    try {
      const still = await session.takeStill(element);
      setPhase({ kind: 'still', still, automatic, failures: await judge(still, automatic) });
    } catch (error) {
      // A camera that ended mid-capture already shows its own screen; anything else is worth a retry.
      const ended = isCameraError(error) && error.code === 'ENDED';
      setPhase({ kind: 'viewfinder', failedCapture: !ended });
    }
  };

  useEffect(() => {
    if (status?.kind === 'capture' && autoCapture) void capture(true);
    // Only the status turning to `capture` starts a capture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status?.kind]);

  const retake = () => {
    if (phase.kind === 'still' && phase.failures.length > 0) setFailedRetakes((count) => count + 1);
    setPhase({ kind: 'viewfinder', failedCapture: false });
    void session.start();
  };

  const guidance = guidanceText(t, status, autoCapture, guide.frame, Boolean(onUpload));
  const spoken = useRateLimitedText(guidance.help ? `${guidance.line}. ${guidance.help}` : guidance.line, ANNOUNCE_EVERY_MS);

  if (phase.kind === 'still') {
    return (
      <div className="mk-camera">
        <StillReview
          still={phase.still}
          busy={intake.state.kind === 'processing'}
          automatic={phase.automatic}
          failures={options.qualityGate === 'off' ? [] : phase.failures}
          canKeepFailed={options.qualityGate !== 'strict' || failedRetakes >= STRICT_RETAKES}
          frame={guide.frame}
          onRetake={act(retake)}
          onUse={act(() => void intake.take([new File([phase.still.blob], 'camera-photo', { type: phase.still.blob.type })]))}
        />
        <IntakeStatus state={intake.state} />
        <p className="mk-visually-hidden" role="status">
          {[phase.automatic ? t('quality.still.auto') : '', options.qualityGate !== 'off' && phase.failures[0] ? faultText(t, 'still', phase.failures[0].code, guide.frame) : t('camera.taken')].filter(Boolean).join(' ')}
        </p>
      </div>
    );
  }

  if (state.kind === 'failed' || state.kind === 'paused') {
    return (
      <div className="mk-camera">
        <CameraFailure
          code={state.kind === 'paused' ? 'PAUSED' : state.error.code === 'CAPTURE_FAILED' ? 'UNKNOWN' : state.error.code}
          onRetry={act(() => void session.start())}
          onUpload={onUpload}
          takeFocus={personActed.current}
        />
      </div>
    );
  }

  const ready = state.kind === 'live' && playing && phase.kind === 'viewfinder';
  const cameras = state.kind === 'live' ? state.cameras : [];
  const mirrored = guide.mirrorPreview && !(state.kind === 'live' && state.camera.facing === 'environment');
  return (
    <div className="mk-camera">
      <div
        className="mk-camera__viewport"
        style={{ aspectRatio: String(aspect), ['--mk-camera-aspect' as string]: String(aspect) }}
        // For tests and the curious: how many preview frames a second the checks get through.
        data-analysed-fps={live.snapshot?.framesPerSecond}
      >
        <video
          ref={video}
          className={`mk-camera__video${mirrored ? ' mk-camera__video--mirrored' : ''}`}
          autoPlay
          playsInline
          muted
          aria-hidden="true"
          onPlaying={() => setPlaying(true)}
          onResize={(event) => {
            const { videoWidth, videoHeight } = event.currentTarget;
            if (videoWidth > 0 && videoHeight > 0) setAspect(videoWidth / videoHeight);
          }}
        />
        <CaptureOverlay frame={guide.frame} aspect={aspect} fits={guidance.fits} />
        {!ready && <div className="mk-camera__starting" aria-hidden="true" />}
      </div>
      {/* Under the preview, not over it: on a small preview it would cover the outline. */}
      <p className="mk-camera__guide" data-status={status?.kind ?? 'plain'}>
        {guidance.line}
      </p>
      {guidance.help && <p className="mk-camera__help">{guidance.help}</p>}
      <p className="mk-visually-hidden" role="status">
        {announcement(t, state, phase, spoken)}
      </p>
      {phase.kind === 'viewfinder' && phase.failedCapture && (
        <p className="mk-error-text" role="alert">
          {t('camera.captureFailed')}
        </p>
      )}
      <div className="mk-camera__buttons">
        {cameras.length > 1 && (
          <button type="button" className="mk-button mk-button--secondary" onClick={act(() => void session.switchCamera())}>
            {t('camera.switch')}
          </button>
        )}
        <button
          ref={shutter}
          type="button"
          className="mk-button mk-button--primary mk-camera__shutter"
          aria-disabled={!ready || undefined}
          onClick={act(() => void capture(false))}
        >
          <span className="mk-camera__shutter-icon" aria-hidden="true" />
          {t('camera.shutter')}
        </button>
      </div>
      {/* Where the checks cannot run here, there is nothing for the toggle to turn on. */}
      {liveKind && options.autoCapture && status?.kind !== 'unavailable' && (
        <label className="mk-camera__auto">
          <input
            type="checkbox"
            checked={autoCapture}
            onChange={(event) => {
              setAutoCapture(event.currentTarget.checked);
              live.controller?.setAutoCapture(event.currentTarget.checked);
            }}
          />
          {t('quality.autoCapture')}
        </label>
      )}
      {onUpload && (
        <button type="button" className="mk-button mk-button--secondary mk-button--small mk-camera__upload" onClick={onUpload}>
          {t('camera.uploadInstead')}
        </button>
      )}
    </div>
  );
}

const delay = (ms: number) => new Promise<null>((resolve) => setTimeout(() => resolve(null), ms));

function announcement(t: TFunction, state: CameraState, phase: Phase, guidance: string): string {
  if (phase.kind === 'capturing') return t('camera.capturing');
  if (state.kind !== 'live') return t('camera.starting');
  // Naming the camera only helps when there is a choice; a switch then announces the new one.
  const on = state.cameras.length > 1 && state.camera.label ? t('camera.liveNamed', { camera: state.camera.label }) : t('camera.live');
  return `${on} ${guidance}`;
}
