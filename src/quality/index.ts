/**
 * Image quality on the device: pure functions over a small frame (≤ 640 px), no DOM, no camera, no
 * React. The live camera runs them in a worker on preview frames; the still review and uploads
 * run {@link analyseDocumentImage} on one picture.
 */
export { analyseFrame, analyseDocumentImage, faultsOf, defaultOutline, NO_HISTORY, DOCUMENT_LIMITS, DOCUMENT_ASPECT } from './analyseFrame';
export type { AnalyseOptions, DocumentKind, FrameHistory, QualityReport } from './analyseFrame';
export { QUALITY_FAULTS, type QualityFailure, type QualityFault } from './faults';
export { frameFromRgba, MAX_ANALYSIS_SIDE, type QualityFrame, type LumaImage } from './frame';
export type { DocumentDetection } from './documentDetection';
export type { Quad, Point } from './geometry';
export type { SharpnessMeasure } from './sharpness';
export type { GlareMeasure } from './glare';
export type { ExposureMeasure } from './exposure';
export type { SteadinessMeasure } from './steadiness';
