import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameAnalyser } from '../../src/capture/frameAnalyser.ts';
import { pumpFrames } from '../../src/capture/framePump.ts';
import { LiveQualityController } from '../../src/capture/liveQuality.ts';
import { faultsOf, type FrameReport } from '../../src/quality/index.ts';
import { drawScene, type SceneKind } from '../quality/scenes.ts';
import { playingVideo } from './cameraFakes.ts';

/** The analysis worker and the frame pump in real Chromium: the worker bundle, transfers, OffscreenCanvas. */
const analysers: FrameAnalyser[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  stops.splice(0).forEach((stop) => stop());
  analysers.splice(0).forEach((analyser) => analyser.close());
  document.querySelectorAll('video').forEach((video) => {
    (video.srcObject as MediaStream | null)?.getTracks().forEach((track) => track.stop());
    video.remove();
  });
});

const analyser = () => {
  const created = new FrameAnalyser();
  analysers.push(created);
  return created;
};

/** A drawn scene as a PNG, as a still from the camera would arrive (at twice the analysis size). */
async function stillOf(kind: SceneKind): Promise<Blob> {
  const { frame } = drawScene(kind, 1, { document: 'idDocument' });
  const canvas = new OffscreenCanvas(frame.width, frame.height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(frame.rgba), frame.width, frame.height), 0, 0);
  const large = new OffscreenCanvas(frame.width * 2, frame.height * 2);
  large.getContext('2d')!.drawImage(canvas, 0, 0, large.width, large.height);
  return large.convertToBlob({ type: 'image/png' });
}

describe('FrameAnalyser', () => {
  it('analyses a still in the worker, downscaled to 640 px, and names its fault', async () => {
    const worker = analyser();
    const sharp = await worker.analyseStill(await stillOf('sharp'), { kind: 'idDocument' });
    expect(faultsOf(sharp.report)).toEqual([]);
    const blurred = await worker.analyseStill(await stillOf('defocus'), { kind: 'idDocument' });
    expect(faultsOf(blurred.report)).toEqual(['blur']);
    expect(blurred.ms).toBeGreaterThan(0);
  });

  it('is busy while a frame is out, and fails what it held when closed', async () => {
    const worker = analyser();
    const bitmap = await createImageBitmap(await stillOf('sharp'), { resizeWidth: 640, resizeHeight: 480 });
    const pending = worker.analyseFrame(bitmap, { kind: 'idDocument' });
    expect(worker.busy).toBe(true);
    worker.close();
    await expect(pending).rejects.toThrow('stopped');
    expect(worker.busy).toBe(false);
  });
});

describe('pumpFrames', () => {
  it('feeds the live camera’s frames to the worker one at a time, as VideoFrames the worker scales, and stops when told (frame-callback path)', async () => {
    vi.stubGlobal('MediaStreamTrackProcessor', undefined);
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
    const video = await playingVideo(stream);
    const worker = analyser();
    const reports: FrameReport[] = [];
    let overlapping = false;
    const handed: string[] = [];
    const original = worker.analyseFrame.bind(worker);
    worker.analyseFrame = (frame, target) => {
      if (worker.busy) overlapping = true;
      // Nothing is copied or scaled on the page: the frame itself is handed over.
      handed.push(frame instanceof VideoFrame ? `VideoFrame ${frame.displayWidth}×${frame.displayHeight}` : 'ImageBitmap');
      return original(frame, target);
    };
    const stop = pumpFrames(video, worker, { kind: 'idDocument' }, { onReport: (report) => reports.push(report) });
    stops.push(stop);
    await expect.poll(() => reports.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    stop();
    const count = reports.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // At most the frame already in flight arrives after stop(), and is dropped.
    expect(reports.length).toBe(count);
    expect(overlapping).toBe(false);
    expect(new Set(handed)).toEqual(new Set(['VideoFrame 1280×720']));
    // Chromium's fake camera is a test pattern, not a document.
    expect(reports.at(-1)!.passed).toBe(false);
  });
});

describe('pumpFrames with MediaStreamTrackProcessor', () => {
  it('hands a clone of the camera’s track to the worker, gets reports, and stops the clone when told', async () => {
    expect(typeof (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor).toBe('function');
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
    const video = await playingVideo(stream);
    const worker = analyser();
    const clones: MediaStreamTrack[] = [];
    const track = stream.getVideoTracks()[0]!;
    const clone = track.clone.bind(track);
    track.clone = () => {
      const made = clone();
      clones.push(made);
      return made;
    };
    let frameCalls = 0;
    worker.analyseFrame = () => {
      frameCalls += 1;
      throw new Error('the frame path should not be used');
    };
    const reports: FrameReport[] = [];
    const stop = pumpFrames(video, worker, { kind: 'idDocument' }, { onReport: (report) => reports.push(report) });
    await expect.poll(() => reports.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    stop();
    expect(frameCalls).toBe(0);
    expect(clones).toHaveLength(1);
    expect(clones[0]!.readyState).toBe('ended');
    // The preview's own track is untouched.
    expect(track.readyState).toBe('live');
    const count = reports.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reports.length).toBe(count);
  });
});

describe('LiveQualityController when the analysis cannot run', () => {
  it('stops the live checks after three failed frames in a row, and takes nothing by itself', async () => {
    vi.stubGlobal('MediaStreamTrackProcessor', undefined);
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const video = await playingVideo(stream);
    const failing = analyser();
    let attempts = 0;
    failing.analyseFrame = (frame) => {
      attempts += 1;
      frame.close();
      // As a face model that did not load answers every frame.
      return Promise.reject(new Error('The face model did not load.'));
    };
    const controller = new LiveQualityController({ target: { kind: 'face' }, autoCapture: true, analyser: failing });
    stops.push(() => controller.close());
    controller.start(video);
    await expect.poll(() => controller.getSnapshot().status.kind, { timeout: 20_000 }).toBe('unavailable');
    expect(attempts).toBe(3);
    // The pump stopped: no more frames are tried.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attempts).toBe(3);
  });
});
