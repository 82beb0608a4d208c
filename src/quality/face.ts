/**
 * The selfie checks, pure: given the faces a detector found in a frame (boxes and eye points in
 * fractions of the frame), the frame's luma and the oval the person was asked to fill, is this a
 * usable selfie? Exactly one face, inside the oval, big enough but not cut by the frame, eyes
 * about level, lit, and held still. The detector itself (a neural network) lives in the capture
 * worker; nothing here knows how the faces were found.
 */
import type { FrameRect } from '../core/captureGuide.ts';
import { percentile } from './exposure.ts';
import { byImportance, type FaceFailure } from './faults.ts';
import type { LumaImage } from './frame.ts';
import type { Point } from './geometry.ts';
import { isSteady, measureSteadiness, type MotionMemory, type SteadinessMeasure } from './steadiness.ts';

export interface FaceDetection {
  /** The face's box (brows to chin, cheek to cheek), in fractions of the frame. */
  box: FrameRect;
  /** The detector's confidence, 0..1. */
  score: number;
  /** Eye centres in fractions of the frame; null where the detector gave none. */
  leftEye: Point | null;
  rightEye: Point | null;
}

export const FACE_LIMITS = {
  /** The face box's height over the frame's height: under this, come closer… */
  minHeight: 0.35,
  /** …over this, move back (the chin and hair would leave the picture). */
  maxHeight: 0.65,
  /** How far the face's centre may sit from the oval's, as a share of the oval's half-width and half-height. */
  maxCentreOffset: 0.3,
  /** The line through the eyes may lean this much: more is a tilted head, which matching reads badly. */
  maxEyeTiltDegrees: 12,
  /**
   * Light, judged on the face box. Skin differs by more than any lighting rule should: a well-lit
   * dark face has a low mean but still bright highlights, so "dark" is the brightest part of the
   * face staying dim, not a low average.
   */
  darkP95: 90,
  /** With no face found: a view this dark or this bright hides whoever is there. */
  blackMean: 35,
  whiteMean: 215,
  /** Washed out: the face's darker half is near white. */
  brightMedian: 215,
} as const;

export interface FaceExposure {
  mean: number;
  median: number;
  p95: number;
}

export interface FaceReport {
  kind: 'face';
  passed: boolean;
  failures: FaceFailure[];
  /** Every face found, most confident first. */
  faces: FaceDetection[];
  /** Light on the one face; null unless exactly one was found. */
  exposure: FaceExposure | null;
  /** Null for a single still or the first frame of a stream. */
  steadiness: SteadinessMeasure | null;
}

export interface FaceOptions {
  /** The oval on screen, in fractions of the frame. */
  oval: FrameRect;
  /** A frame of a live stream: it must have been steady, as for documents. */
  live?: boolean;
}

/** Judges one frame; `memory` carries what steadiness compares with, as for documents. */
export function judgeFace(
  frame: LumaImage,
  faces: readonly FaceDetection[],
  options: FaceOptions,
  memory: MotionMemory | null = null,
): { report: FaceReport; memory: MotionMemory } {
  const [face] = faces;
  const one = faces.length === 1 && face ? face : null;
  const motion = measureSteadiness(frame, one ? boxQuad(one.box, frame) : null, memory);
  const exposure = one ? faceExposure(frame, one.box) : null;
  const failures: FaceFailure[] = [];
  const light = lightFailure(frame, exposure);
  if (light) failures.push(light);
  else if (faces.length === 0) failures.push({ code: 'noFace' });
  else if (faces.length > 1) failures.push({ code: 'manyFaces', count: faces.length });
  else if (one) failures.push(...placementFailures(one, options.oval));
  const steadiness = motion.measure;
  if (steadiness ? !isSteady(steadiness) : options.live) {
    failures.push({ code: 'unsteady', frameDifference: steadiness?.frameDifference ?? Number.POSITIVE_INFINITY, cornerMotion: steadiness?.cornerMotion ?? null });
  }
  failures.sort(byImportance);
  return { report: { kind: 'face', passed: failures.length === 0, failures, faces: [...faces], exposure, steadiness }, memory: motion.memory };
}

function placementFailures(face: FaceDetection, oval: FrameRect): FaceFailure[] {
  const { box } = face;
  const failures: FaceFailure[] = [];
  const dx = (box.x + box.width / 2 - (oval.x + oval.width / 2)) / (oval.width / 2);
  const dy = (box.y + box.height / 2 - (oval.y + oval.height / 2)) / (oval.height / 2);
  const offset = Math.hypot(dx, dy);
  // A face partly out of the picture is outside the oval too, unless it is simply too close:
  // moving back then brings it all in, and is the one thing to say.
  const cut = box.x < 0.005 || box.y < 0.005 || box.x + box.width > 0.995 || box.y + box.height > 0.995;
  const tooClose = box.height > FACE_LIMITS.maxHeight;
  if (offset > FACE_LIMITS.maxCentreOffset || (cut && !tooClose)) failures.push({ code: 'faceOutside', offset });
  if (box.height < FACE_LIMITS.minHeight) failures.push({ code: 'faceTooFar', height: box.height, limit: FACE_LIMITS.minHeight });
  else if (tooClose) failures.push({ code: 'faceTooClose', height: box.height, limit: FACE_LIMITS.maxHeight });
  const tilt = eyeTiltDegrees(face);
  if (tilt !== null && tilt > FACE_LIMITS.maxEyeTiltDegrees) failures.push({ code: 'faceTilted', degrees: tilt });
  return failures;
}

/** The angle of the line through the eyes against the horizontal, 0..90°; null without both eyes. */
export function eyeTiltDegrees({ leftEye, rightEye }: Pick<FaceDetection, 'leftEye' | 'rightEye'>): number | null {
  if (!leftEye || !rightEye) return null;
  const degrees = Math.abs((Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x) * 180) / Math.PI);
  // Which eye the detector calls left depends on mirroring: the line's lean is what counts.
  return degrees > 90 ? 180 - degrees : degrees;
}

function lightFailure(frame: LumaImage, exposure: FaceExposure | null): FaceFailure | null {
  if (!exposure) {
    // No single face to judge on: only a view too dark or too bright to find one in is the light's fault.
    const mean = meanLuma(frame);
    if (mean < FACE_LIMITS.blackMean) return { code: 'dark', mean, limit: FACE_LIMITS.blackMean };
    if (mean > FACE_LIMITS.whiteMean) return { code: 'bright', mean, limit: FACE_LIMITS.whiteMean };
    return null;
  }
  if (exposure.p95 < FACE_LIMITS.darkP95) return { code: 'dark', mean: exposure.mean, limit: FACE_LIMITS.darkP95 };
  if (exposure.median > FACE_LIMITS.brightMedian) return { code: 'bright', mean: exposure.mean, limit: FACE_LIMITS.brightMedian };
  return null;
}

/** Luma statistics inside the face's box (clipped to the frame). */
export function faceExposure(frame: LumaImage, box: FrameRect): FaceExposure {
  const x0 = clamp(Math.floor(box.x * frame.width), 0, frame.width - 1);
  const y0 = clamp(Math.floor(box.y * frame.height), 0, frame.height - 1);
  const x1 = clamp(Math.ceil((box.x + box.width) * frame.width), x0 + 1, frame.width);
  const y1 = clamp(Math.ceil((box.y + box.height) * frame.height), y0 + 1, frame.height);
  const histogram = new Uint32Array(256);
  let sum = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const v = frame.luma[y * frame.width + x]!;
      histogram[v]! += 1;
      sum += v;
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  return { mean: sum / n, median: percentile(histogram, n, 0.5), p95: percentile(histogram, n, 0.95) };
}

function meanLuma({ luma }: LumaImage): number {
  let sum = 0;
  for (let i = 0; i < luma.length; i += 1) sum += luma[i]!;
  return sum / Math.max(1, luma.length);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The box's corners in pixels, for steadiness's corner motion. */
function boxQuad(box: FrameRect, frame: LumaImage) {
  const x0 = box.x * frame.width;
  const y0 = box.y * frame.height;
  const x1 = x0 + box.width * frame.width;
  const y1 = y0 + box.height * frame.height;
  return [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ] as const;
}
