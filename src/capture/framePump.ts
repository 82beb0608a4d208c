/**
 * Feeds preview frames to the analyser: on each new video frame (requestVideoFrameCallback, or
 * animation frames where the engine lacks it) a copy at most 640 px long is made with
 * createImageBitmap and handed over, unless the worker is still busy with the previous one, in
 * which case the frame is simply dropped. So the analysis never queues up and always sees the
 * newest frame, and the main thread only schedules and scales.
 */
import type { QualityReport } from '../quality';
import { analysisSize, type FrameAnalyser } from './frameAnalyser';
import type { AnalysisTarget } from './frameAnalysisProtocol';

export interface FramePumpEvents {
  onReport: (report: QualityReport, ms: number) => void;
  onError?: (error: unknown) => void;
}

type VideoWithFrameCallback = HTMLVideoElement & {
  requestVideoFrameCallback?: (callback: () => void) => number;
  cancelVideoFrameCallback?: (handle: number) => void;
};

/** Starts pumping; the returned function stops it (a frame in flight is still answered, then ignored). */
export function pumpFrames(video: HTMLVideoElement, analyser: FrameAnalyser, target: AnalysisTarget, events: FramePumpEvents): () => void {
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
    const size = analysisSize(video.videoWidth, video.videoHeight);
    createImageBitmap(video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' })
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
