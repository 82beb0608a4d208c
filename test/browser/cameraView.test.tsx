import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Translator as I18n } from '../../src/i18n/index.ts';
import { TranslationProvider } from '../../src/i18n/react.tsx';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureGuide } from '../../src/core/captureGuide.ts';
import type { CapturedImage } from '../../src/core/flow.ts';
import { readJpegInfo } from '../../src/core/jpeg.ts';
import { createI18n } from '../../src/i18n/index.ts';
import { CameraView } from '../../src/ui/camera/CameraView.tsx';
import { allEnded, refusal } from './cameraFakes.ts';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n('en');
});

const streams: MediaStream[] = [];
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  streams.splice(0).forEach((stream) => stream.getTracks().forEach((track) => track.stop()));
});

/** The real fake camera, remembering each stream so the test can see whether it was stopped. */
function recordStreams() {
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockImplementation(async (constraints) => {
    const stream = await real(constraints);
    streams.push(stream);
    return stream;
  });
}

function renderCamera(props: Partial<Parameters<typeof CameraView>[0]> = {}) {
  const onImage = vi.fn<(image: CapturedImage) => void>();
  const onContinue = vi.fn();
  const view = render(
    <TranslationProvider i18n={i18n}>
      <CameraView guide={captureGuide('DOCUMENT_FRONT', 'ID_CARD')} budgetBytes={4_500_000} onImage={onImage} onContinue={onContinue} takeFocus {...props} />
    </TranslationProvider>,
  );
  return { ...view, onImage, onContinue };
}

const shutter = () => screen.getByRole('button', { name: 'Take photo' });

describe('CameraView', () => {
  it('takes a photo at the camera’s resolution and hands it on within budget after "use this photo"', async () => {
    recordStreams();
    const user = userEvent.setup();
    const { onImage, onContinue } = renderCamera();
    await waitFor(() => expect(shutter()).not.toHaveAttribute('aria-disabled'));
    expect(shutter()).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('The camera is on. Fit the whole card inside the frame');
    expect(screen.getByText('Fit the whole card inside the frame')).toBeVisible();

    await user.click(shutter());
    const use = await screen.findByRole('button', { name: 'Use this photo' });
    expect(use).toHaveFocus();
    expect(await screen.findByRole('img', { name: 'The photo you just took' })).toBeVisible();
    // No light while the person looks at the photo.
    expect(allEnded(streams)).toBe(true);

    await user.click(use);
    await waitFor(() => expect(onImage).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const image = onImage.mock.calls[0]![0];
    expect(image).toMatchObject({ mediaType: 'image/jpeg', width: 3840, height: 2160 });
    expect(image.bytes).toBeLessThanOrEqual(4_500_000);
    const info = readJpegInfo(new Uint8Array(await image.blob.arrayBuffer()));
    expect([info?.width, info?.height]).toEqual([3840, 2160]);
    expect(onContinue).toHaveBeenCalledTimes(1);
  });

  it('takes the video frame at full resolution where ImageCapture is missing (Safari, Firefox)', async () => {
    recordStreams();
    vi.stubGlobal('ImageCapture', undefined);
    const user = userEvent.setup();
    const { onImage } = renderCamera();
    await waitFor(() => expect(shutter()).not.toHaveAttribute('aria-disabled'));
    await user.click(shutter());
    await user.click(await screen.findByRole('button', { name: 'Use this photo' }));
    await waitFor(() => expect(onImage).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    expect(onImage.mock.calls[0]![0]).toMatchObject({ mediaType: 'image/jpeg', width: 3840, height: 2160 });
    vi.unstubAllGlobals();
  });

  it('turns the camera on again for a retake', async () => {
    recordStreams();
    const user = userEvent.setup();
    renderCamera();
    await waitFor(() => expect(shutter()).not.toHaveAttribute('aria-disabled'));
    await user.click(shutter());
    await user.click(await screen.findByRole('button', { name: 'Retake' }));
    await waitFor(() => expect(shutter()).not.toHaveAttribute('aria-disabled'));
    expect(shutter()).toHaveFocus();
    expect(streams).toHaveLength(2);
    expect(streams[1]!.getVideoTracks()[0]!.readyState).toBe('live');
  });

  it('stops every track when it goes away', async () => {
    recordStreams();
    const { unmount } = renderCamera();
    await waitFor(() => expect(shutter()).not.toHaveAttribute('aria-disabled'));
    expect(allEnded(streams)).toBe(false);
    unmount();
    expect(streams.length).toBeGreaterThan(0);
    expect(allEnded(streams)).toBe(true);
  });

  it('explains a refused camera, with upload as the way forward where the step allows it', async () => {
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockRejectedValue(refusal('NotAllowedError'));
    const onUpload = vi.fn();
    const user = userEvent.setup();
    renderCamera({ onUpload });
    expect(await screen.findByRole('alert')).toHaveTextContent('Camera access is blocked');
    expect(screen.getByRole('alert')).toHaveTextContent(/allow the camera for this site/);
    expect(screen.getByRole('button', { name: 'Try again' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Upload a file instead' }));
    expect(onUpload).toHaveBeenCalledTimes(1);
  });

  it('says so when a capture-only step meets a busy camera', async () => {
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockRejectedValue(refusal('NotReadableError'));
    renderCamera({ onUpload: undefined });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The camera is being used by something else');
    expect(alert).toHaveTextContent('uploading a file is not possible here');
    expect(screen.queryByRole('button', { name: 'Upload a file instead' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});
