/** Messages between the camera screen and the frame-analysis worker. Reports carry figures only, never pixels. */
import type { FrameRect } from '../core/captureGuide';
import type { DocumentKind, QualityReport } from '../quality';

export interface AnalysisTarget {
  kind: DocumentKind;
  /** The outline in fractions of the frame; default: the camera's outline for `kind`. */
  outline?: FrameRect | null;
}

export type AnalysisRequest =
  /** A preview frame: analysed with the stream's history (steadiness). */
  | { type: 'frame'; id: number; bitmap: ImageBitmap; target: AnalysisTarget }
  /** A still on its own: no history, none kept. */
  | { type: 'still'; id: number; bitmap: ImageBitmap; target: AnalysisTarget }
  /** A new view (camera switched, retake): forget the previous frames. */
  | { type: 'reset' };

export type AnalysisReply = { type: 'report'; id: number; report: QualityReport; ms: number } | { type: 'error'; id: number; message: string };
