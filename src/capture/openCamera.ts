/**
 * Opens a camera with the best resolution it offers, stepping down to looser requests when a
 * device refuses a demanding one. Facing and resolution are only ever `ideal`: a phone without a
 * rear camera should still get a picture rather than an error.
 */
import { cameraSupport, type CameraEnvironment, browserCameraEnvironment } from './cameraAccess.ts';
import { CameraError, toCameraError, type CameraErrorCode } from './cameraError.ts';
import { stopStream } from './stopStream.ts';

export type Facing = 'user' | 'environment';

export interface CameraRequest {
  facing: Facing;
  /** A camera the person picked with the switcher; preferred over `facing`. */
  deviceId?: string | undefined;
  /** Aborting stops a stream that arrives late, so a closed screen never leaves the light on. */
  signal?: AbortSignal | undefined;
}

/**
 * 4096 × 3072 is a 12 MP 4:3 phone sensor, and 4096 px is also the longest side the compressor
 * keeps, so asking for more would only cost memory. Browsers pick the closest mode they have.
 */
const BEST = { width: { ideal: 4096 }, height: { ideal: 3072 } };
const FULL_HD = { width: { ideal: 1920 }, height: { ideal: 1080 } };

/**
 * From the most demanding request to the loosest one every camera can meet. A camera the person
 * picked is asked for by `exact` id (Chromium ignores an `ideal` one and opens its default camera);
 * if that camera has gone, the facing-based requests follow.
 */
export function constraintLadder({ facing, deviceId }: Pick<CameraRequest, 'facing' | 'deviceId'>): (MediaTrackConstraints | true)[] {
  const byFacing: MediaTrackConstraints = { facingMode: { ideal: facing } };
  const chosen: MediaTrackConstraints[] = deviceId
    ? [{ deviceId: { exact: deviceId }, ...BEST }, { deviceId: { exact: deviceId }, ...FULL_HD }, { deviceId: { exact: deviceId } }]
    : [];
  return [...chosen, { ...byFacing, ...BEST }, { ...byFacing, ...FULL_HD }, byFacing, true];
}

/** Failures a looser request cannot fix: asking again would only show the same refusal. */
const FINAL: ReadonlySet<CameraErrorCode> = new Set(['PERMISSION_DENIED', 'NO_CAMERA', 'BLOCKED', 'INSECURE_CONTEXT']);

/** Resolves with a live stream holding one video track; rejects with a {@link CameraError} or the signal's reason. */
export async function openCamera(request: CameraRequest, env: CameraEnvironment = browserCameraEnvironment()): Promise<MediaStream> {
  const { signal } = request;
  const support = cameraSupport(env);
  if (support.kind === 'unavailable') throw new CameraError(support.code, `The camera is unavailable here (${support.code}).`);
  let last: CameraError | undefined;
  for (const video of constraintLadder(request)) {
    signal?.throwIfAborted();
    let stream: MediaStream;
    try {
      stream = await support.mediaDevices.getUserMedia({ video, audio: false });
    } catch (error) {
      signal?.throwIfAborted();
      last = toCameraError(error);
      if (FINAL.has(last.code)) throw last;
      continue;
    }
    if (signal?.aborted) {
      stopStream(stream);
      signal.throwIfAborted();
    }
    if (stream.getVideoTracks().length === 0) {
      stopStream(stream);
      throw new CameraError('NO_CAMERA', 'The browser answered with a stream without video.');
    }
    return stream;
  }
  throw last ?? new CameraError('UNKNOWN', 'No camera request was made.');
}
