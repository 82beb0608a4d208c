/**
 * The small copy of a decoded upload that src/quality analyses: at most MAX_ANALYSIS_SIDE px on its
 * long side, drawn from the bitmap the pipeline decoded anyway (upright, already at most 4096 px),
 * so a check costs one small draw and one read of ~300,000 pixels, never a second decode.
 */
import { frameFromRgba, MAX_ANALYSIS_SIDE, type QualityFrame } from '../quality/frame.ts';
import { uploadFindings, type UploadCheck, type UploadFinding } from '../quality/uploadFindings.ts';
import type { PixelMeter } from './canvas.ts';

export function analysisFrame(bitmap: ImageBitmap, meter: PixelMeter): QualityFrame | null {
  const scale = Math.min(1, MAX_ANALYSIS_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  // No context (out of memory): the photo is still sent, unchecked, rather than refused.
  if (!context) return null;
  meter.note(width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return frameFromRgba(context.getImageData(0, 0, width, height).data, width, height);
}

/** The findings for `bitmap`, or `null` when the request asked for none or no copy could be made. */
export function checkDecoded(bitmap: ImageBitmap, check: UploadCheck | undefined, source: { width: number; height: number }, meter: PixelMeter): UploadFinding[] | null {
  if (!check) return null;
  const frame = analysisFrame(bitmap, meter);
  return frame ? uploadFindings(frame, check, source) : null;
}
