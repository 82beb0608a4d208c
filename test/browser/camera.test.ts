import { afterEach, describe, expect, it } from 'vitest';
import { browserCameraEnvironment, cameraSupport, type CameraEnvironment } from '../../src/capture/cameraAccess.ts';
import { cameraPresence, listCameras } from '../../src/capture/cameraDevices.ts';
import { isCameraError, toCameraError, type CameraErrorCode } from '../../src/capture/cameraError.ts';
import { constraintLadder, openCamera } from '../../src/capture/openCamera.ts';
import { captureStill } from '../../src/capture/stillCapture.ts';
import { stopStream } from '../../src/capture/stopStream.ts';
import { allEnded, lateCamera, playingVideo, recordingCamera, refusal, withGetUserMedia } from './cameraFakes.ts';

const opened: MediaStream[] = [];
afterEach(() => {
  opened.splice(0).forEach(stopStream);
  document.querySelectorAll('video').forEach((video) => video.remove());
});

async function codeOf(promise: Promise<unknown>): Promise<CameraErrorCode | string> {
  try {
    opened.push((await promise) as MediaStream);
    return 'resolved';
  } catch (error) {
    return isCameraError(error) ? error.code : `not a CameraError: ${String(error)}`;
  }
}

/** A camera whose getUserMedia refuses every request with `name`, counting the attempts. */
function refusingCamera(name: string): { env: CameraEnvironment; attempts: () => number } {
  let attempts = 0;
  const env = withGetUserMedia(browserCameraEnvironment(), async () => {
    attempts += 1;
    throw refusal(name);
  });
  return { env, attempts: () => attempts };
}

describe('openCamera on Chromium’s fake camera', () => {
  it('gets the highest resolution the camera offers, asking only with ideal constraints', async () => {
    const { env, requests, streams } = recordingCamera();
    const stream = await openCamera({ facing: 'environment' }, env);
    opened.push(stream);
    const track = stream.getVideoTracks()[0]!;
    const capabilities = track.getCapabilities();
    expect(track.readyState).toBe('live');
    expect(track.getSettings().width).toBe(capabilities.width?.max);
    expect(track.getSettings().height).toBe(capabilities.height?.max);
    expect(track.getSettings()).toMatchObject({ width: 3840, height: 2160 });
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests)).not.toContain('exact');
    expect(requests[0]).toMatchObject({ audio: false, video: { facingMode: { ideal: 'environment' } } });
    stopStream(stream);
    expect(allEnded(streams)).toBe(true);
  });

  it('asks for the camera the person chose, then any camera facing the right way if it has gone', () => {
    const ladder = constraintLadder({ facing: 'user', deviceId: 'abc' });
    expect(ladder[0]).toEqual({ deviceId: { exact: 'abc' }, width: { ideal: 4096 }, height: { ideal: 3072 } });
    expect(ladder.slice(3)).toEqual(constraintLadder({ facing: 'user' }));
    expect(ladder.at(-1)).toBe(true);
    // Facing and resolution stay preferences: only the chosen device is exact.
    expect(JSON.stringify(constraintLadder({ facing: 'environment' }))).not.toContain('exact');
  });

  it('steps down to looser requests when a camera refuses demanding ones', async () => {
    const real = browserCameraEnvironment();
    const requests: MediaStreamConstraints[] = [];
    const env = withGetUserMedia(real, async (constraints) => {
      requests.push(constraints);
      const video = constraints.video;
      if (typeof video === 'object' && ('width' in video || 'height' in video)) throw refusal('OverconstrainedError');
      return real.mediaDevices!.getUserMedia(constraints);
    });
    const stream = await openCamera({ facing: 'environment' }, env);
    opened.push(stream);
    expect(stream.getVideoTracks()[0]?.readyState).toBe('live');
    expect(requests.map((request) => request.video)).toEqual([
      { facingMode: { ideal: 'environment' }, width: { ideal: 4096 }, height: { ideal: 3072 } },
      { facingMode: { ideal: 'environment' }, width: { ideal: 1920 }, height: { ideal: 1080 } },
      { facingMode: { ideal: 'environment' } },
    ]);
  });

  it.each([
    ['NotAllowedError', 'PERMISSION_DENIED', 1],
    ['NotFoundError', 'NO_CAMERA', 1],
    ['SecurityError', 'BLOCKED', 1],
    // A busy or picky driver may accept a looser request, so every rung is tried before giving up.
    ['NotReadableError', 'CAMERA_BUSY', 4],
    ['OverconstrainedError', 'CONSTRAINTS', 4],
    ['AbortError', 'CAMERA_BUSY', 4],
    ['SomethingNewError', 'UNKNOWN', 4],
  ])('maps %s to %s after %i request(s)', async (name, code, attempts) => {
    const camera = refusingCamera(name);
    expect(await codeOf(openCamera({ facing: 'user' }, camera.env))).toBe(code);
    expect(camera.attempts()).toBe(attempts);
  });

  it('says HTTPS is needed when the page is not a secure context, before asking anything', async () => {
    const env: CameraEnvironment = { isSecureContext: false, mediaDevices: undefined, allowsCamera: undefined, permissions: undefined };
    expect(await codeOf(openCamera({ facing: 'user' }, env))).toBe('INSECURE_CONTEXT');
    expect(cameraSupport({ ...env, isSecureContext: true })).toEqual({ kind: 'unavailable', code: 'UNSUPPORTED' });
    const blocked = { ...browserCameraEnvironment(), allowsCamera: () => false };
    expect(cameraSupport(blocked)).toEqual({ kind: 'unavailable', code: 'BLOCKED' });
    expect(cameraSupport(browserCameraEnvironment()).kind).toBe('supported');
  });

  it('stops a stream that arrives after the request was abandoned', async () => {
    const { env, streams, release } = lateCamera();
    const controller = new AbortController();
    const opening = openCamera({ facing: 'environment', signal: controller.signal }, env);
    await expect.poll(() => streams.length).toBe(1);
    controller.abort();
    release();
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' });
    expect(allEnded(streams)).toBe(true);
  });

  it('maps legacy and unusual rejections', () => {
    expect(toCameraError(refusal('PermissionDeniedError')).code).toBe('PERMISSION_DENIED');
    expect(toCameraError(refusal('DevicesNotFoundError')).code).toBe('NO_CAMERA');
    expect(toCameraError(refusal('TrackStartError')).code).toBe('CAMERA_BUSY');
    expect(toCameraError(new TypeError('bad constraints')).code).toBe('UNSUPPORTED');
    expect(toCameraError('a string').code).toBe('UNKNOWN');
    const typed = toCameraError(refusal('NotAllowedError'));
    expect(toCameraError(typed)).toBe(typed);
  });
});

describe('cameras on the device', () => {
  it('lists the fake camera and knows a camera is present', async () => {
    const { mediaDevices } = browserCameraEnvironment();
    expect(await cameraPresence(mediaDevices!)).toBe('present');
    expect((await listCameras(mediaDevices!)).length).toBeGreaterThanOrEqual(1);
  });

  it('knows there is no camera when the device lists none', async () => {
    const none = { enumerateDevices: async () => [{ kind: 'audioinput', deviceId: '', label: '', groupId: '' }] } as unknown as MediaDevices;
    expect(await cameraPresence(none)).toBe('absent');
    expect(await cameraPresence({} as MediaDevices)).toBe('unknown');
  });
});

describe('captureStill', () => {
  async function liveCamera() {
    const stream = await openCamera({ facing: 'environment' }, browserCameraEnvironment());
    opened.push(stream);
    const track = stream.getVideoTracks()[0]!;
    return { stream, track, video: await playingVideo(stream) };
  }

  async function decodedSize(blob: Blob) {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  }

  it('takes a full-resolution photo with ImageCapture', async () => {
    const { track, video } = await liveCamera();
    const still = await captureStill(video, track);
    expect(still.source).toBe('takePhoto');
    expect([still.width, still.height]).toEqual([3840, 2160]);
    expect(await decodedSize(still.blob)).toEqual({ width: 3840, height: 2160 });
  });

  it('falls back to a video frame at the track’s resolution, not the element’s size', async () => {
    const { track, video } = await liveCamera();
    video.style.width = '120px';
    const still = await captureStill(video, track, { useImageCapture: false });
    expect(still.source).toBe('videoFrame');
    expect(still.blob.type).toBe('image/jpeg');
    expect(await decodedSize(still.blob)).toEqual({ width: 3840, height: 2160 });
  });

  it('refuses to capture from a camera that has stopped', async () => {
    const { track, video } = await liveCamera();
    track.stop();
    await expect(captureStill(video, track)).rejects.toMatchObject({ code: 'ENDED' });
  });
});
