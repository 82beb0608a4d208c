import { MAX_ANALYSIS_SIDE } from '../quality/frame.ts';

/** The frame's size scaled so its long side is at most {@link MAX_ANALYSIS_SIDE}; never upscaled. */
export function analysisSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_ANALYSIS_SIDE / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
