/**
 * Image quality on the device: pure functions over a small frame (≤ 640 px), no DOM, no camera, no
 * React. The live camera runs them in a worker on preview frames; the still review and uploads
 * run {@link analyseDocumentImage} on one picture.
 */
export { analyseFrame, analyseDocumentImage, faultsOf, defaultOutline, NO_HISTORY, DOCUMENT_LIMITS, DOCUMENT_ASPECT } from './analyseFrame.ts';
export type { AnalyseOptions, DocumentKind, FrameHistory, QualityReport } from './analyseFrame.ts';
export { QUALITY_FAULTS, DOCUMENT_FAULTS, FACE_FAULTS, type QualityFailure, type QualityFault, type DocumentFailure, type FaceFailure } from './faults.ts';
export { judgeFace, eyeTiltDegrees, faceExposure, FACE_LIMITS, type FaceDetection, type FaceReport, type FaceOptions, type FaceExposure } from './face.ts';
export { frameFromRgba, MAX_ANALYSIS_SIDE, type QualityFrame, type LumaImage } from './frame.ts';
export type { DocumentDetection } from './documentDetection.ts';
export type { Quad, Point } from './geometry.ts';
export type { SharpnessMeasure } from './sharpness.ts';
export type { GlareMeasure } from './glare.ts';
export type { ExposureMeasure } from './exposure.ts';
export type { SteadinessMeasure } from './steadiness.ts';

import type { QualityReport } from './analyseFrame.ts';
import type { FaceReport } from './face.ts';
/** A report on one frame: a document's checks, or a selfie's (`kind: 'face'`). */
export type FrameReport = QualityReport | FaceReport;
