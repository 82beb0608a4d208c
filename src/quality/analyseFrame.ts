/**
 * Every check on one frame, in one typed result. Pure: the same pixels and history always give the
 * same answer, so the live camera (in a worker), the still review and uploaded photos share it.
 */
import { FRAME_ASPECT, frameRect, type FrameRect } from '../core/captureGuide.ts';
import { detectDocument, type DocumentDetection } from './documentDetection.ts';
import { measureExposure, EXPOSURE_LIMITS, type ExposureMeasure } from './exposure.ts';
import { byImportance, type DocumentFailure, type QualityFault } from './faults.ts';
import type { QualityFrame } from './frame.ts';
import { measureGlare, GLARE_LIMITS, type GlareMeasure } from './glare.ts';
import type { Quad } from './geometry.ts';
import { extractRegion, rectQuad } from './region.ts';
import { measureSharpness, SHARPNESS_THRESHOLD, type SharpnessMeasure } from './sharpness.ts';
import { isSteady, measureSteadiness, type MotionMemory, type SteadinessMeasure } from './steadiness.ts';

/** What is being photographed: an ID-1 card (identity card, residence permit, driving licence), a passport's photo page, or anything else. */
export type DocumentKind = 'idDocument' | 'passport' | 'other';

export interface AnalyseOptions {
  kind: DocumentKind;
  /**
   * Where the person was asked to put the document, in fractions of the frame. Defaults to the
   * camera's on-screen outline for `kind` at the frame's aspect. `null` for a photo taken
   * elsewhere (an upload): the document is looked for in the whole picture, and need only fill
   * {@link DOCUMENT_LIMITS.minFillWithoutOutline} of it.
   */
  outline?: FrameRect | null;
  /**
   * Frames of a live stream: the view must have been steady, so a stream's first frame (with
   * nothing to compare with yet) counts as unsteady. Off for a single picture.
   */
  live?: boolean;
}

export const DOCUMENT_LIMITS = {
  /** Document area over outline area below which the person should come closer. */
  minFill: 0.55,
  /** Without an outline: document area over the whole picture. */
  minFillWithoutOutline: 0.2,
  /** In-plane rotation beyond which the photo reads badly. */
  maxRotationDegrees: 12,
  /** Opposite sides this unequal mean the document is held at a slant. */
  minSquareness: 0.86,
  /** Relative difference to the document's true proportions that still counts as the document seen flat… */
  maxAspectError: 0.1,
  /** …and beyond which the shape found is not the document at all. */
  maxShapeError: 0.28,
} as const;

/** Long side over short side of the real objects (ISO/IEC 7810 ID-1, ICAO 9303 TD3). */
export const DOCUMENT_ASPECT: Readonly<Record<DocumentKind, number | null>> = {
  idDocument: FRAME_ASPECT.CARD,
  passport: FRAME_ASPECT.PASSPORT_PAGE,
  other: null,
};

export interface QualityReport {
  kind: DocumentKind;
  /** True when nothing failed. */
  passed: boolean;
  /** The failed checks, most important first; empty when the frame is good. */
  failures: DocumentFailure[];
  document: DocumentDetection;
  exposure: ExposureMeasure;
  /** Null where it was not measured: no document to measure it on, or the light too poor to judge. */
  sharpness: SharpnessMeasure | null;
  glare: GlareMeasure | null;
  /** Null for a single still or the first frame of a stream. */
  steadiness: SteadinessMeasure | null;
}

/** What one frame leaves for the next: the thumbnail and corners steadiness compares with. */
export interface FrameHistory {
  motion: MotionMemory | null;
}

export const NO_HISTORY: FrameHistory = { motion: null };

/** One frame of a live stream: the report, and the history to pass with the next frame. */
export function analyseFrame(frame: QualityFrame, options: AnalyseOptions, history: FrameHistory = NO_HISTORY): { report: QualityReport; history: FrameHistory } {
  const outline = options.outline === undefined ? defaultOutline(options.kind, frame.width / frame.height) : options.outline;
  const document = detectDocument(frame, outline ?? WHOLE_FRAME);
  const shape = document.quad ? shapeFailures(document, options.kind, outline !== null) : [{ code: 'noDocument' } as const];
  const found = shape.some((f) => f.code === 'noDocument') ? null : document.quad;
  const region = extractRegion(frame, found ?? rectQuad(outline ?? WHOLE_FRAME, frame.width, frame.height), regionAspect(found, options.kind));
  const exposure = measureExposure(region);
  const light = lightFailure(exposure, found !== null);
  // In poor light the other checks misjudge (noise, clipped print): the light is the one thing to fix.
  const failures: DocumentFailure[] = light ? [light] : [...shape];
  const tooFar = shape.some((f) => f.code === 'tooFar');
  const measurable = found !== null && !light;
  // A far document is upsampled into the fixed-size region, which would read as blur.
  const sharpness = measurable && !tooFar ? measureSharpness(region) : null;
  const glare = measurable ? measureGlare(region) : null;
  if (glare && (glare.share > GLARE_LIMITS.maxShare || glare.largestSpot > GLARE_LIMITS.maxSpot)) failures.push({ code: 'glare', ...glare });
  if (sharpness && sharpness.score < SHARPNESS_THRESHOLD) {
    failures.push({ code: 'blur', score: sharpness.score, limit: SHARPNESS_THRESHOLD });
    // A smeared edge cannot be placed precisely: a slant measured on it is the blur's, not the document's.
    removeFault(failures, 'tilted');
  }
  const motion = measureSteadiness(frame, found, history.motion);
  const steadiness = motion.measure;
  if (steadiness ? !isSteady(steadiness) : options.live) {
    failures.push({ code: 'unsteady', frameDifference: steadiness?.frameDifference ?? Number.POSITIVE_INFINITY, cornerMotion: steadiness?.cornerMotion ?? null });
  }
  failures.sort(byImportance);
  return {
    report: { kind: options.kind, passed: failures.length === 0, failures, document, exposure, sharpness, glare, steadiness },
    history: { motion: motion.memory },
  };
}

function removeFault(failures: DocumentFailure[], code: QualityFault): void {
  const index = failures.findIndex((failure) => failure.code === code);
  if (index >= 0) failures.splice(index, 1);
}

/**
 * Exposure is judged on the document. Without one, only a view too dark or too bright to find
 * anything in counts: an empty dark table is "no document", not "too dark".
 */
function lightFailure(exposure: ExposureMeasure, documentFound: boolean): DocumentFailure | null {
  const dark = documentFound ? exposure.verdict === 'dark' : exposure.mean < EXPOSURE_LIMITS.blackMean;
  const bright = documentFound ? exposure.verdict === 'bright' : exposure.mean > EXPOSURE_LIMITS.whiteMean;
  if (dark) return { code: 'dark', mean: exposure.mean, limit: EXPOSURE_LIMITS.darkMean };
  if (bright) return { code: 'bright', mean: exposure.mean, limit: EXPOSURE_LIMITS.brightMean };
  return null;
}

/**
 * One picture on its own (a still just taken, or an uploaded photo's downscaled copy): every
 * check but steadiness, which needs a stream.
 */
export function analyseDocumentImage(frame: QualityFrame, options: AnalyseOptions): QualityReport {
  return analyseFrame(frame, options, NO_HISTORY).report;
}

/** The codes of a report's failures, most important first. */
export const faultsOf = (report: { failures: readonly { code: QualityFault }[] }): QualityFault[] => report.failures.map((failure) => failure.code);

const WHOLE_FRAME: FrameRect = { x: 0.04, y: 0.04, width: 0.92, height: 0.92 };

/** The outline the camera screen draws for this kind of document (see captureGuide). */
export function defaultOutline(kind: DocumentKind, frameAspect: number): FrameRect {
  if (kind === 'other') return WHOLE_FRAME;
  return frameRect(frameAspect, kind === 'passport' ? 'PASSPORT_PAGE' : 'CARD');
}

function shapeFailures(document: DocumentDetection, kind: DocumentKind, hasOutline: boolean): DocumentFailure[] {
  // Part of it out of view: its shape cannot be judged, and bringing it in is the first thing to do.
  if (document.outOfView) return [{ code: 'cutOff' }];
  const expected = DOCUMENT_ASPECT[kind];
  const aspectError = expected === null ? 0 : Math.abs(document.aspect - expected) / expected;
  if (aspectError > DOCUMENT_LIMITS.maxShapeError) return [{ code: 'noDocument' }];
  // Turned in the plane: straightening it comes first, and until then the outline cannot fit it.
  if (document.rotationDegrees > DOCUMENT_LIMITS.maxRotationDegrees) {
    return [{ code: 'tilted', rotationDegrees: document.rotationDegrees, squareness: document.squareness, aspectError }];
  }
  const failures: DocumentFailure[] = [];
  if (hasOutline && !document.insideOutline) failures.push({ code: 'cutOff' });
  const minFill = hasOutline ? DOCUMENT_LIMITS.minFill : DOCUMENT_LIMITS.minFillWithoutOutline;
  if (document.fill < minFill) failures.push({ code: 'tooFar', fill: document.fill, limit: minFill });
  const slanted = document.squareness < DOCUMENT_LIMITS.minSquareness || aspectError > DOCUMENT_LIMITS.maxAspectError;
  if (slanted) {
    failures.push({ code: 'tilted', rotationDegrees: document.rotationDegrees, squareness: document.squareness, aspectError });
  }
  return failures;
}

/** The region is straightened to the document's true proportions; without one, to the outline's. */
function regionAspect(quad: Quad | null, kind: DocumentKind): number {
  return DOCUMENT_ASPECT[kind] ?? (quad ? Math.hypot(quad[1].x - quad[0].x, quad[1].y - quad[0].y) / Math.max(1, Math.hypot(quad[3].x - quad[0].x, quad[3].y - quad[0].y)) : 1.4);
}
