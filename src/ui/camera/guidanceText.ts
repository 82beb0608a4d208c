import type { TFunction } from '../../i18n/index.ts';
import type { LiveStatus } from '../../capture/liveGuidance.ts';
import type { CaptureFrame } from '../../core/captureGuide.ts';
import type { QualityFault } from '../../quality/index.ts';

/**
 * The words for a fault, live ("Move closer") or on the still review (a sentence). A selfie has
 * its own: "too dark" is said of a face, not of a document's text.
 */
export const faultText = (t: TFunction, stage: 'live' | 'still', fault: QualityFault, frame: CaptureFrame): string =>
  t(frame === 'FACE' ? `quality.face.${stage}.${fault}` : `quality.${stage}.${fault}`);

export interface Guidance {
  /** The one line shown over the preview. */
  line: string;
  /** After a long while without a good frame: where else to turn. */
  help: string | null;
  /** The document sits well: the outline changes to say so. */
  fits: boolean;
}

/** The viewfinder's line for the live status; before the first analysed frame, the outline's plain instruction. */
export function guidanceText(t: TFunction, status: LiveStatus | null, autoCapture: boolean, frame: CaptureFrame, canUpload: boolean): Guidance {
  const plain = t(`camera.guide.${frame}`);
  if (!status) return { line: plain, help: null, fits: false };
  switch (status.kind) {
    case 'waiting':
    case 'unavailable':
      return { line: plain, help: null, fits: false };
    case 'adjusting':
      return { line: faultText(t, 'live', status.fault, frame), help: status.stuck ? t(canUpload ? 'quality.live.stuckUpload' : 'quality.live.stuck') : null, fits: false };
    case 'holding':
    case 'capture':
      return { line: t(autoCapture ? 'quality.live.holding' : 'quality.live.ready'), help: null, fits: true };
    case 'ready':
      return { line: t('quality.live.ready'), help: null, fits: true };
  }
}
