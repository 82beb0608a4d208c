/**
 * Steadiness: how much the picture changed since the previous frame (mean absolute difference of
 * a small thumbnail, which averages sensor noise away) and how far the document's corners moved.
 * Needs the previous frame; a single still has no steadiness to measure.
 */
import { shrinkLuma, type LumaImage } from './frame.ts';
import { distance, type Quad } from './geometry.ts';

export interface SteadinessMeasure {
  /** Mean absolute luma difference to the previous frame's thumbnail, in grey levels. */
  frameDifference: number;
  /** The farthest any corner moved, as a share of the frame's diagonal; null without corners in both frames. */
  cornerMotion: number | null;
  /** Consecutive steady frames up to and including this one. */
  steadyFrames: number;
}

/** What the next frame is compared with. */
export interface MotionMemory {
  thumbnail: LumaImage;
  corners: Quad | null;
  steadyFrames: number;
}

export const STEADINESS_LIMITS = {
  /** From the issue: steady while the mean difference stays under ~3 grey levels. */
  maxDifference: 3,
  /** About 6 px on a 640 px frame's diagonal. */
  maxCornerMotion: 0.008,
  /** Frames in a row before the view counts as steady (the "for 5 frames", at ~10 frames a second). */
  steadyFrames: 5,
} as const;

const THUMBNAIL_SIDE = 64;

export function measureSteadiness(
  frame: LumaImage,
  corners: Quad | null,
  previous: MotionMemory | null,
): { measure: SteadinessMeasure | null; memory: MotionMemory } {
  const thumbnail = shrinkLuma(frame, THUMBNAIL_SIDE).image;
  if (!previous || previous.thumbnail.width !== thumbnail.width || previous.thumbnail.height !== thumbnail.height) {
    return { measure: null, memory: { thumbnail, corners, steadyFrames: 0 } };
  }
  let sum = 0;
  const a = thumbnail.luma;
  const b = previous.thumbnail.luma;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs(a[i]! - b[i]!);
  const frameDifference = sum / a.length;
  const diagonal = Math.hypot(frame.width, frame.height);
  const cornerMotion = corners && previous.corners ? Math.max(...corners.map((c, i) => distance(c, previous.corners![i]!))) / diagonal : null;
  const still = frameDifference < STEADINESS_LIMITS.maxDifference && (cornerMotion === null || cornerMotion < STEADINESS_LIMITS.maxCornerMotion);
  const steadyFrames = still ? previous.steadyFrames + 1 : 0;
  return { measure: { frameDifference, cornerMotion, steadyFrames }, memory: { thumbnail, corners, steadyFrames } };
}

export const isSteady = (measure: SteadinessMeasure): boolean => measure.steadyFrames >= STEADINESS_LIMITS.steadyFrames;
