/**
 * Feeds preview frames to the analyser: on each new video frame (requestVideoFrameCallback, or
 * animation frames where the engine lacks it) the frame is handed over (see grabFrame), unless
 * the worker is still busy with the previous one, in which case the frame is simply dropped. So
 * the analysis never queues up and always sees the newest frame, and the main thread only
 * schedules.
 */
import type { FrameReport } from '../quality/index.ts';
import { analysisSize, type FrameAnalyser } from './frameAnalyser.ts';
import type { AnalysisTarget } from './frameAnalysisProtocol.ts';

export interface FramePumpEvents {
  onReport: (report: FrameReport, ms: number) => void;
  onError?: (error: unknown) => void;
}

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** Chromium's MediaStreamTrackProcessor (not in TypeScript's DOM library yet). */
type TrackProcessorConstructor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

/**
 * Starts pumping; the returned function stops it (a frame in flight is still answered, then
 * ignored). Where the engine has MediaStreamTrackProcessor, a clone of the camera's track is
 * handed to the worker instead, so even the frame grab and scaling leave the main thread.
 */
export function pumpFrames(video: HTMLVideoElement, analyser: FrameAnalyser, target: AnalysisTarget, events: FramePumpEvents): () => void {
  const Processor = (globalThis as { MediaStreamTrackProcessor?: TrackProcessorConstructor }).MediaStreamTrackProcessor;
  const track = video.srcObject instanceof MediaStream ? video.srcObject.getVideoTracks()[0] : undefined;
  if (Processor && track && track.readyState === 'live') {
    try {
      return pumpTrack(track, Processor, analyser, target, events);
    } catch {
      // A processor that cannot start (an engine quirk) leaves the frame-callback path below.
    }
  }
  return pumpVideoFrames(video, analyser, target, events);
}

function pumpTrack(track: MediaStreamTrack, Processor: TrackProcessorConstructor, analyser: FrameAnalyser, target: AnalysisTarget, events: FramePumpEvents): () => void {
  // A clone, stopped with the pump, so ending the analysis never ends the preview (and vice versa).
  const clone = track.clone();
  try {
    // One frame waiting at most: while the worker analyses, older frames are dropped.
    const { readable } = new Processor({ track: clone, maxBufferSize: 1 });
    let stopped = false;
    analyser.analyseStream(
      readable,
      target,
      (result) => {
        if (!stopped) events.onReport(result.report, result.ms);
      },
      (error) => {
        if (!stopped) events.onError?.(error);
      },
    );
    return () => {
      stopped = true;
      analyser.stopStream();
      clone.stop();
    };
  } catch (error) {
    clone.stop();
    throw error;
  }
}

function pumpVideoFrames(video: HTMLVideoElement, analyser: FrameAnalyser, target: AnalysisTarget, events: FramePumpEvents): () => void {
  const element = video as VideoWithFrameCallback;
  let stopped = false;
  let handle: number | null = null;
  const useFrameCallback = typeof element.requestVideoFrameCallback === 'function';

  const schedule = () => {
    if (stopped) return;
    handle = useFrameCallback ? element.requestVideoFrameCallback!(onFrame) : requestAnimationFrame(onFrame);
  };

  const onFrame = () => {
    handle = null;
    if (stopped) return;
    if (analyser.busy || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) {
      schedule();
      return;
    }
    grabFrame(video)
      .then((bitmap) => {
        if (stopped) {
          bitmap.close();
          return null;
        }
        const analysis = analyser.analyseFrame(bitmap, target);
        // Ask for the next frame now: it is dropped while this one is analysed, and taken as soon as it is done.
        schedule();
        return analysis;
      })
      .then((result) => {
        if (result && !stopped) events.onReport(result.report, result.ms);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        events.onError?.(error);
        schedule();
      });
  };

  schedule();
  return () => {
    stopped = true;
    if (handle !== null) {
      if (useFrameCallback) element.cancelVideoFrameCallback?.(handle);
      else cancelAnimationFrame(handle);
    }
  };
}

/** Set once `new VideoFrame(video)` has failed here: the engine has WebCodecs but not for a video element. */
let videoFrameRefused = false;

/**
 * The current frame, to hand to the worker. A VideoFrame where the engine has WebCodecs: it only
 * references the decoded frame, and the worker scales it. createImageBitmap otherwise, scaled here:
 * traced in Chromium, its synchronous copy and scale of a 1280×960 frame was a main-thread task
 * of 50–100 ms on a loaded machine.
 */
function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap | VideoFrame> {
  if (typeof VideoFrame === 'function' && !videoFrameRefused) {
    try {
      return Promise.resolve(new VideoFrame(video));
    } catch {
      videoFrameRefused = true;
    }
  }
  const size = analysisSize(video.videoWidth, video.videoHeight);
  return createImageBitmap(video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' });
}
