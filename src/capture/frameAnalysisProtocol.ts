/** Messages between the camera screen and the frame-analysis worker. Reports carry figures only, never pixels. */
import type { FrameRect } from '../core/captureGuide.ts';
import type { DocumentKind, FrameReport } from '../quality/index.ts';

export interface AnalysisTarget {
  /** A document's side or page, or a face (the selfie checks, with a face detector). */
  kind: DocumentKind | 'face';
  /** The outline (the oval for a face) in fractions of the frame; default: the camera's outline for `kind`. */
  outline?: FrameRect | null;
}

export type AnalysisRequest =
  /** A preview frame: analysed with the stream's history (steadiness). */
  | { type: 'frame'; id: number; bitmap: ImageBitmap | VideoFrame; target: AnalysisTarget }
  /** A still on its own: no history, none kept. */
  | { type: 'still'; id: number; bitmap: ImageBitmap | VideoFrame; target: AnalysisTarget }
  /**
   * The camera's frames themselves (MediaStreamTrackProcessor's stream, where the engine has it):
   * the worker reads, scales and analyses them, so not even the frame grab is on the page's thread.
   */
  | { type: 'stream'; readable: ReadableStream<VideoFrame>; target: AnalysisTarget }
  | { type: 'stopStream' }
  /** The screen is about to analyse `target`: load what it needs (the face model) now. */
  | { type: 'prepare'; target: AnalysisTarget }
  /** A new view (camera switched, retake): forget the previous frames. */
  | { type: 'reset' };

export type AnalysisReply =
  | { type: 'report'; id: number; report: FrameReport; ms: number }
  | { type: 'error'; id: number; message: string }
  /** A frame of the stream, analysed. */
  | { type: 'streamReport'; report: FrameReport; ms: number }
  /** A frame of the stream could not be analysed (the face model did not load, say). */
  | { type: 'streamError'; message: string };
