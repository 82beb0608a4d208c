/**
 * One camera screen's camera, from the first request to the last track stopped. It owns the
 * stream, so nothing else can forget to stop it: closing, a late answer to an abandoned request,
 * the camera being unplugged and a page left in the background all end every track.
 */
import { browserCameraEnvironment, watchCameraPermission, type CameraEnvironment } from './cameraAccess.ts';
import { listCameras, type CameraDevice } from './cameraDevices.ts';
import { CameraError, toCameraError } from './cameraError.ts';
import { watchHiddenPage, type HiddenPageWatch, type VisibilitySource } from './hiddenPageWatch.ts';
import { openCamera, type Facing } from './openCamera.ts';
import { captureStill, type Still, type StillOptions } from './stillCapture.ts';
import { stopStream } from './stopStream.ts';

export interface LiveCamera {
  deviceId: string;
  label: string;
  width: number;
  height: number;
  /** What the track says it faces; desktop webcams usually say nothing. */
  facing: Facing | 'unknown';
}

export type CameraState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'live'; stream: MediaStream; track: MediaStreamTrack; camera: LiveCamera; cameras: CameraDevice[] }
  /** The page stayed hidden, so the camera was let go; it comes back when the page is visible. */
  | { kind: 'paused' }
  | { kind: 'failed'; error: CameraError };

export interface CameraSessionOptions {
  facing: Facing;
  env?: CameraEnvironment;
  visibility?: VisibilitySource;
  /** How long the page may be hidden before the camera is released. */
  hiddenStopMs?: number;
}

/** Long enough to glance at a message, short enough that no light stays on in a forgotten tab. */
export const DEFAULT_HIDDEN_STOP_MS = 10_000;

export class CameraSession {
  private state: CameraState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();
  private readonly env: CameraEnvironment;
  private opening: AbortController | null = null;
  /** The camera last used, so a resume or retry opens the same one the person chose. */
  private deviceId: string | undefined;
  private hiddenWatch: HiddenPageWatch | null = null;
  private permissionWatch: (() => void) | null = null;

  constructor(private readonly options: CameraSessionOptions) {
    this.env = options.env ?? browserCameraEnvironment();
  }

  readonly getState = (): CameraState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Opens the camera (again); a request still in flight is abandoned and its stream stopped. */
  async start(deviceId: string | undefined = this.deviceId): Promise<void> {
    this.releaseStream();
    this.stopPermissionWatch();
    this.watchVisibility();
    const controller = new AbortController();
    this.opening = controller;
    this.set({ kind: 'starting' });
    try {
      const stream = await openCamera({ facing: this.options.facing, deviceId, signal: controller.signal }, this.env);
      const cameras = this.env.mediaDevices ? await listCameras(this.env.mediaDevices).catch(() => []) : [];
      if (controller.signal.aborted) {
        stopStream(stream);
        return;
      }
      this.opening = null;
      this.goLive(stream, cameras);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.opening = null;
      const failure = toCameraError(error);
      this.set({ kind: 'failed', error: failure });
      if (failure.code === 'PERMISSION_DENIED') void this.retryWhenGranted();
    }
  }

  /** The next camera in the device's list; phones cannot open two at once, so the current one stops first. */
  async switchCamera(): Promise<void> {
    const { state } = this;
    if (state.kind !== 'live' || state.cameras.length < 2) return;
    const index = state.cameras.findIndex((camera) => camera.deviceId === state.camera.deviceId);
    const next = state.cameras[(index + 1) % state.cameras.length];
    await this.start(next?.deviceId);
  }

  /**
   * The still, from the live camera; the camera is then released (no light while the person
   * checks the photo). A failed capture leaves the camera live so they can simply try again.
   */
  async takeStill(video: HTMLVideoElement, options?: StillOptions): Promise<Still> {
    const { state } = this;
    if (state.kind !== 'live') throw new CameraError('CAPTURE_FAILED', `No live camera to take a photo with (${state.kind}).`);
    const still = await captureStill(video, state.track, options);
    if (this.state === state) this.release();
    return still;
  }

  /** Stops every track and forgets any request in flight; `start` may be called again later. */
  release(): void {
    this.releaseStream();
    this.set({ kind: 'idle' });
  }

  /** Release plus all listeners removed: the screen is gone. */
  close(): void {
    this.release();
    this.stopPermissionWatch();
    this.hiddenWatch?.stop();
    this.hiddenWatch = null;
  }

  private goLive(stream: MediaStream, cameras: CameraDevice[]): void {
    const track = stream.getVideoTracks()[0]!;
    const settings = track.getSettings();
    const facing = settings.facingMode === 'user' || settings.facingMode === 'environment' ? settings.facingMode : 'unknown';
    this.deviceId = settings.deviceId ?? this.deviceId;
    // 'ended' fires only when the browser ends the track (unplugged, revoked), never after stop().
    track.addEventListener('ended', () => {
      if (this.state.kind !== 'live' || this.state.stream !== stream) return;
      stopStream(stream);
      this.set({ kind: 'failed', error: new CameraError('ENDED', 'The camera stopped sending video.') });
    });
    this.set({
      kind: 'live',
      stream,
      track,
      camera: { deviceId: settings.deviceId ?? '', label: track.label, width: settings.width ?? 0, height: settings.height ?? 0, facing },
      cameras,
    });
  }

  private releaseStream(): void {
    this.opening?.abort();
    this.opening = null;
    if (this.state.kind === 'live') stopStream(this.state.stream);
  }

  private watchVisibility(): void {
    if (this.hiddenWatch) return;
    const source = this.options.visibility ?? (typeof document === 'undefined' ? undefined : document);
    if (!source) return;
    this.hiddenWatch = watchHiddenPage(source, this.options.hiddenStopMs ?? DEFAULT_HIDDEN_STOP_MS, {
      onLongHidden: () => {
        if (this.state.kind !== 'live' && this.state.kind !== 'starting') return;
        this.releaseStream();
        this.set({ kind: 'paused' });
      },
      onVisible: () => {
        if (this.state.kind === 'paused') void this.start();
      },
    });
  }

  /** Re-enabling the camera in the site settings reopens it without the person looking for a button. */
  private async retryWhenGranted(): Promise<void> {
    const watch = await watchCameraPermission(this.env, (permission) => {
      if (permission === 'granted' && this.state.kind === 'failed' && this.state.error.code === 'PERMISSION_DENIED') void this.start();
    });
    // The session may have moved on while the query ran.
    if (this.state.kind === 'failed' && this.state.error.code === 'PERMISSION_DENIED' && !this.permissionWatch) this.permissionWatch = watch.stop;
    else watch.stop();
  }

  private stopPermissionWatch(): void {
    this.permissionWatch?.();
    this.permissionWatch = null;
  }

  private set(state: CameraState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
