import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type { Still } from '../src/capture/stillCapture.ts';
import { captureGuide } from '../src/core/captureGuide.ts';
import { CameraFailure, type CameraFailureCode } from '../src/ui/camera/CameraFailure.tsx';
import { CameraView } from '../src/ui/camera/CameraView.tsx';
import { StillReview } from '../src/ui/camera/StillReview.tsx';
import { BUDGET_BYTES, documentPhoto, selfie } from './fixtures.ts';
import { GuidanceStory } from './GuidanceStory.tsx';
import type { LiveStatus } from '../src/capture/liveGuidance.ts';
import type { QualityFailure, QualityFault, QualityReport } from '../src/quality/index.ts';

/**
 * The camera: the live viewfinder with its outline (a real camera here; in `npm test` Chromium's
 * fake camera), every failure panel, and the photo just taken.
 */
const meta = {
  title: 'Screens/4 Image step/Camera',
  component: CameraFailure,
  args: { code: 'PERMISSION_DENIED', onUpload: fn(), onRetry: fn(), takeFocus: false },
} satisfies Meta<typeof CameraFailure>;
export default meta;
type Story = StoryObj<typeof meta>;

const failure = (code: CameraFailureCode, extra: Partial<Story['args']> = {}): Story => ({ args: { code, ...extra } });

export const PermissionDenied = failure('PERMISSION_DENIED');
export const NoCamera = failure('NO_CAMERA');
export const CameraBusy = failure('CAMERA_BUSY');
export const BlockedByTheEmbeddingPage = failure('BLOCKED');
export const InsecurePage = failure('INSECURE_CONTEXT');
export const BrowserWithoutCamera = failure('UNSUPPORTED');
export const NoSuitableCamera = failure('CONSTRAINTS');
export const CameraStopped = failure('ENDED');
export const PausedInBackground = failure('PAUSED');
export const UnknownFailure = failure('UNKNOWN');
/** A step that allows only the camera: no upload to fall back to, and the text says so. */
export const PermissionDeniedCameraOnly = failure('PERMISSION_DENIED', { onUpload: undefined });
export const PermissionDeniedInRomanian: Story = { ...PermissionDenied, globals: { locale: 'ro' } };
export const NoCameraDark: Story = { ...NoCamera, globals: { scheme: 'dark' } };

const live = (role: 'DOCUMENT_FRONT' | 'FACE' | 'UTILITY_BILL', documentType: 'ID_CARD' | 'PASSPORT' | null): Story => ({
  render: () => <CameraView guide={captureGuide(role, documentType)} budgetBytes={BUDGET_BYTES} onImage={fn()} onContinue={fn()} onUpload={fn()} takeFocus={false} />,
});
export const LiveIdCard = live('DOCUMENT_FRONT', 'ID_CARD');
export const LivePassportPage = live('DOCUMENT_FRONT', 'PASSPORT');
export const LiveA4Page = live('UTILITY_BILL', null);
export const LiveSelfie = live('FACE', null);

const still = async (make: typeof documentPhoto | typeof selfie): Promise<Still> => {
  const image = await make();
  return { blob: image.blob, width: image.width ?? 0, height: image.height ?? 0, source: 'videoFrame' };
};
export const PhotoJustTaken: Story = {
  loaders: [async () => ({ still: await still(documentPhoto) })],
  render: (_args, { loaded }) => <StillReview still={loaded.still as Still} busy={false} automatic={false} failures={[]} canKeepFailed frame="CARD" onRetake={fn()} onUse={fn()} />,
};
export const SelfieBeingPrepared: Story = {
  loaders: [async () => ({ still: await still(selfie) })],
  render: (_args, { loaded }) => <StillReview still={loaded.still as Still} busy automatic={false} failures={[]} canKeepFailed frame="CARD" onRetake={fn()} onUse={fn()} />,
};

/**
 * Every line the live checks can show, over a drawn card, with the outline as it is then (dashed
 * while something is off; thick, solid and ticked once the card fits).
 */
const guidance = (status: LiveStatus | null, options: { autoCapture?: boolean; frame?: 'CARD' | 'PASSPORT_PAGE' | 'FACE' } = {}): Story => ({
  loaders: [async () => ({ still: await still(options.frame === 'FACE' ? selfie : documentPhoto) })],
  render: (_args, { loaded }) => <GuidanceStory still={loaded.still as Still} status={status} autoCapture={options.autoCapture ?? true} frame={options.frame ?? 'CARD'} />,
});
const adjusting = (fault: QualityFault, stuck = false): LiveStatus => ({ kind: 'adjusting', fault, report: {} as QualityReport, stuck });
export const GuidanceBeforeFirstFrame = guidance(null);
export const GuidanceNoDocument = guidance(adjusting('noDocument'));
export const GuidanceCutOff = guidance(adjusting('cutOff'));
export const GuidanceMoveCloser = guidance(adjusting('tooFar'));
export const GuidanceTilted = guidance(adjusting('tilted'));
export const GuidanceTooDark = guidance(adjusting('dark'));
export const GuidanceTooBright = guidance(adjusting('bright'));
export const GuidanceGlare = guidance(adjusting('glare'));
export const GuidanceBlurry = guidance(adjusting('blur'));
export const GuidanceHoldStill = guidance(adjusting('unsteady'));
export const GuidanceTakingThePhoto = guidance({ kind: 'holding', report: {} as QualityReport, since: 0 });
export const GuidanceReadyWithoutAutoCapture = guidance({ kind: 'ready', report: {} as QualityReport }, { autoCapture: false });
export const GuidanceStuckAfterTenSeconds = guidance(adjusting('glare', true));
/** The selfie's lines, over a drawn face with the oval. */
const face = (status: LiveStatus | null, autoCapture = true) => guidance(status, { frame: 'FACE', autoCapture });
export const SelfieBeforeFirstFrame = face(null);
export const SelfieNoFace = face(adjusting('noFace'));
export const SelfieManyFaces = face(adjusting('manyFaces'));
export const SelfieOutsideTheOval = face(adjusting('faceOutside'));
export const SelfieMoveCloser = face(adjusting('faceTooFar'));
export const SelfieMoveBack = face(adjusting('faceTooClose'));
export const SelfieHeadTilted = face(adjusting('faceTilted'));
export const SelfieTooDark = face(adjusting('dark'));
export const SelfieTooBright = face(adjusting('bright'));
export const SelfieHoldStill = face(adjusting('unsteady'));
export const SelfieTakingThePhoto = face({ kind: 'holding', report: {} as QualityReport, since: 0 });
export const SelfieReadyWithoutAutoCapture = face({ kind: 'ready', report: {} as QualityReport }, false);
export const SelfieStuckAfterTenSeconds = face(adjusting('noFace', true));
export const SelfieNoFaceInRussian: Story = { ...SelfieNoFace, globals: { locale: 'ru' } };
export const GuidancePassportInJapanese: Story = { ...guidance(adjusting('tooFar'), { frame: 'PASSPORT_PAGE' }), globals: { locale: 'ja' } };

/** The still review naming what is wrong: Retake first, "Use it anyway" second. */
const flagged = (failure: QualityFailure, extra: { automatic?: boolean; canKeepFailed?: boolean; frame?: 'CARD' | 'FACE' } = {}): Story => ({
  loaders: [async () => ({ still: await still(extra.frame === 'FACE' ? selfie : documentPhoto) })],
  render: (_args, { loaded }) => (
    <StillReview
      still={loaded.still as Still}
      busy={false}
      automatic={extra.automatic ?? false}
      failures={[failure]}
      canKeepFailed={extra.canKeepFailed ?? true}
      frame={extra.frame ?? 'CARD'}
      onRetake={fn()}
      onUse={fn()}
    />
  ),
});
export const StillBlurry = flagged({ code: 'blur', score: 0.3, limit: 1 });
export const StillGlare = flagged({ code: 'glare', share: 0.04, largestSpot: 0.04 });
export const StillTooDark = flagged({ code: 'dark', mean: 40, limit: 70 });
export const StillCutOff = flagged({ code: 'cutOff' });
export const StillNoDocument = flagged({ code: 'noDocument' });
export const SelfieStillTwoFaces = flagged({ code: 'manyFaces', count: 2 }, { frame: 'FACE' });
export const SelfieStillNoFace = flagged({ code: 'noFace' }, { frame: 'FACE' });
export const SelfieStillTooDark = flagged({ code: 'dark', mean: 30, limit: 90 }, { frame: 'FACE', automatic: true });
export const SelfieStillHeadTilted = flagged({ code: 'faceTilted', degrees: 20 }, { frame: 'FACE' });
export const StillStrictBeforeTwoRetakes = flagged({ code: 'blur', score: 0.3, limit: 1 }, { canKeepFailed: false });
export const StillTakenAutomatically: Story = {
  loaders: [async () => ({ still: await still(documentPhoto) })],
  render: (_args, { loaded }) => <StillReview still={loaded.still as Still} busy={false} automatic failures={[]} canKeepFailed frame="CARD" onRetake={fn()} onUse={fn()} />,
};
