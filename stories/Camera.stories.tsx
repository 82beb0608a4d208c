import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import type { Still } from '../src/capture/stillCapture.ts';
import { captureGuide } from '../src/core/captureGuide.ts';
import { CameraFailure, type CameraFailureCode } from '../src/ui/camera/CameraFailure.tsx';
import { CameraView } from '../src/ui/camera/CameraView.tsx';
import { StillReview } from '../src/ui/camera/StillReview.tsx';
import { BUDGET_BYTES, documentPhoto, selfie } from './fixtures.ts';

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
  render: (_args, { loaded }) => <StillReview still={loaded.still as Still} busy={false} onRetake={fn()} onUse={fn()} />,
};
export const SelfieBeingPrepared: Story = {
  loaders: [async () => ({ still: await still(selfie) })],
  render: (_args, { loaded }) => <StillReview still={loaded.still as Still} busy onRetake={fn()} onUse={fn()} />,
};
