import { afterEach, describe, expect, it } from 'vitest';
import { browserCameraEnvironment, type CameraEnvironment } from '../../src/capture/cameraAccess.ts';
import { CameraSession, type CameraState } from '../../src/capture/cameraSession.ts';
import { allEnded, FakeVisibility, lateCamera, playingVideo, recordingCamera, refusal, withGetUserMedia } from './cameraFakes.ts';

const sessions: CameraSession[] = [];
afterEach(() => {
  sessions.splice(0).forEach((session) => session.close());
  document.querySelectorAll('video').forEach((video) => video.remove());
});

function newSession(env: CameraEnvironment, options: { visibility?: FakeVisibility; hiddenStopMs?: number } = {}) {
  const session = new CameraSession({ facing: 'environment', env, visibility: options.visibility ?? new FakeVisibility(), hiddenStopMs: options.hiddenStopMs ?? 50 });
  sessions.push(session);
  return session;
}

function live(state: CameraState) {
  if (state.kind !== 'live') throw new Error(`expected a live camera, got ${state.kind}`);
  return state;
}

describe('CameraSession', () => {
  it('goes live with the camera’s full resolution and stops every track on close', async () => {
    const { env, streams } = recordingCamera();
    const session = newSession(env);
    const states: string[] = [];
    session.subscribe(() => states.push(session.getState().kind));
    await session.start();
    const { camera, cameras, track } = live(session.getState());
    expect(camera).toMatchObject({ width: 3840, height: 2160 });
    expect(camera.deviceId).not.toBe('');
    expect(cameras.map((device) => device.deviceId)).toContain(camera.deviceId);
    expect(track.readyState).toBe('live');
    session.close();
    expect(states).toEqual(['starting', 'live', 'idle']);
    expect(allEnded(streams)).toBe(true);
  });

  it('releases the camera once the still is taken, and opens it again for a retake', async () => {
    const { env, streams } = recordingCamera();
    const session = newSession(env);
    await session.start();
    const video = await playingVideo(live(session.getState()).stream);
    const still = await session.takeStill(video);
    expect([still.width, still.height]).toEqual([3840, 2160]);
    expect(session.getState().kind).toBe('idle');
    expect(allEnded(streams)).toBe(true);
    await session.start();
    expect(session.getState().kind).toBe('live');
    expect(streams).toHaveLength(2);
  });

  it('never leaves a stream running when closed while the camera is still opening', async () => {
    const { env, streams, release } = lateCamera();
    const session = newSession(env);
    const starting = session.start();
    await expect.poll(() => streams.length).toBe(1);
    session.close();
    release();
    await starting;
    expect(session.getState().kind).toBe('idle');
    expect(allEnded(streams)).toBe(true);
  });

  it('reports a camera that stops on its own (unplugged) and stops what is left', async () => {
    const { env, streams } = recordingCamera();
    const session = newSession(env);
    await session.start();
    const { track } = live(session.getState());
    // What a browser does when the device goes away: the track ends and says so.
    track.dispatchEvent(new Event('ended'));
    const state = session.getState();
    expect(state.kind === 'failed' && state.error.code).toBe('ENDED');
    expect(allEnded(streams)).toBe(true);
    await session.start();
    expect(session.getState().kind).toBe('live');
  });

  it('lets go of the camera when the page stays hidden, and takes it back when visible', async () => {
    const { env, streams } = recordingCamera();
    const visibility = new FakeVisibility();
    const session = newSession(env, { visibility, hiddenStopMs: 30 });
    await session.start();
    const first = live(session.getState()).camera.deviceId;

    // A glance away shorter than the delay keeps the camera.
    visibility.set('hidden');
    visibility.set('visible');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(session.getState().kind).toBe('live');

    visibility.set('hidden');
    await expect.poll(() => session.getState().kind).toBe('paused');
    expect(allEnded(streams)).toBe(true);

    visibility.set('visible');
    await expect.poll(() => session.getState().kind).toBe('live');
    expect(live(session.getState()).camera.deviceId).toBe(first);
    expect(streams).toHaveLength(2);
  });

  it('reopens by itself when the person allows the camera in the site settings', async () => {
    const real = browserCameraEnvironment();
    let allowed = false;
    const env = withGetUserMedia(real, async (constraints) => {
      if (!allowed) throw refusal('NotAllowedError');
      return real.mediaDevices!.getUserMedia(constraints);
    });
    const status = Object.assign(new EventTarget(), { state: 'denied' as PermissionState });
    const permissions = { query: async () => status } as unknown as Permissions;
    const session = newSession({ ...env, permissions });
    await session.start();
    const state = session.getState();
    expect(state.kind === 'failed' && state.error.code).toBe('PERMISSION_DENIED');

    allowed = true;
    status.state = 'granted';
    // The watch is set up asynchronously after the failure.
    await expect
      .poll(() => {
        status.dispatchEvent(new Event('change'));
        return session.getState().kind;
      })
      .toBe('live');
  });

  it('switches cameras, stopping the current one first, and copes with the chosen one having gone', async () => {
    const real = browserCameraEnvironment();
    const fakeList = [
      { deviceId: 'front', label: 'Front camera' },
      { deviceId: 'back', label: 'Back camera' },
    ];
    const streams: MediaStream[] = [];
    const requested: unknown[] = [];
    const env = withGetUserMedia(real, async (constraints) => {
      requested.push((constraints.video as MediaTrackConstraints).deviceId);
      // Phones cannot open two cameras at once: every earlier stream must have ended by now.
      expect(allEnded(streams)).toBe(true);
      const stream = await real.mediaDevices!.getUserMedia(constraints);
      streams.push(stream);
      return stream;
    });
    const mediaDevices = Object.create(env.mediaDevices!) as MediaDevices;
    Object.defineProperty(mediaDevices, 'getUserMedia', { value: env.mediaDevices!.getUserMedia });
    Object.defineProperty(mediaDevices, 'enumerateDevices', { value: async () => fakeList.map((device) => ({ ...device, kind: 'videoinput', groupId: '' })) });
    const session = newSession({ ...env, mediaDevices });
    await session.start();
    expect(live(session.getState()).cameras).toEqual(fakeList);
    await session.switchCamera();
    expect(session.getState().kind).toBe('live');
    // The listed ids are made up, so the chosen camera "has gone": after asking for it at each
    // resolution, the session settles for any camera facing the right way instead of failing.
    expect(requested).toEqual([undefined, { exact: 'front' }, { exact: 'front' }, { exact: 'front' }, undefined]);
    expect(streams.slice(0, -1).every((stream) => stream.getTracks().every((track) => track.readyState === 'ended'))).toBe(true);
  });
});
