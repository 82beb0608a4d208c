/**
 * Camera environments for browser tests: Chromium's real fake camera underneath, with the failures
 * real devices produce (refusals, busy drivers, late answers) injected where a test needs them.
 */
import { browserCameraEnvironment, type CameraEnvironment } from '../../src/capture/cameraAccess.ts';

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** The real fake camera, recording every request and every stream handed out. */
export function recordingCamera(): { env: CameraEnvironment; requests: MediaStreamConstraints[]; streams: MediaStream[] } {
  const real = browserCameraEnvironment();
  const requests: MediaStreamConstraints[] = [];
  const streams: MediaStream[] = [];
  const env = withGetUserMedia(real, async (constraints) => {
    requests.push(constraints);
    const stream = await real.mediaDevices!.getUserMedia(constraints);
    streams.push(stream);
    return stream;
  });
  return { env, requests, streams };
}

/**
 * The real fake camera answering late: each stream is opened at once (so the test can see it)
 * but handed over only after `release()`, like a permission prompt the person answers slowly.
 */
export function lateCamera(): { env: CameraEnvironment; streams: MediaStream[]; release: () => void } {
  const real = browserCameraEnvironment();
  const streams: MediaStream[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const env = withGetUserMedia(real, async (constraints) => {
    const stream = await real.mediaDevices!.getUserMedia(constraints);
    streams.push(stream);
    await gate;
    return stream;
  });
  return { env, streams, release };
}

/** `real`, with getUserMedia replaced; the rest of MediaDevices (enumerateDevices, events) stays real. */
export function withGetUserMedia(real: CameraEnvironment, getUserMedia: GetUserMedia): CameraEnvironment {
  const devices = real.mediaDevices!;
  const mediaDevices = Object.create(devices) as MediaDevices;
  Object.defineProperty(mediaDevices, 'getUserMedia', { value: getUserMedia });
  Object.defineProperty(mediaDevices, 'enumerateDevices', { value: () => devices.enumerateDevices() });
  return { ...real, mediaDevices };
}

/** What browsers throw: a DOMException with the given name. */
export function refusal(name: string, message = `${name} from the test`): DOMException {
  return new DOMException(message, name);
}

export function allEnded(streams: readonly MediaStream[]): boolean {
  return streams.flatMap((stream) => stream.getTracks()).every((track) => track.readyState === 'ended');
}

/** A video element showing the stream, attached to the page and playing, as the UI has it. */
export async function playingVideo(stream: MediaStream): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
    await new Promise((resolve) => video.addEventListener('loadeddata', resolve, { once: true }));
  }
  return video;
}

/** A visibility source the test flips, standing in for `document`. */
export class FakeVisibility extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}
