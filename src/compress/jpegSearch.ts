/**
 * The native path: one opaque canvas at the output size, a quality picked on a strip sample
 * (./sizePredictor.ts), then usually exactly one full-size `convertToBlob`. A miss (the sample
 * under-predicted) is corrected by the ratio it showed; a budget that even quality 70 misses
 * shrinks the pixels, never below MIN_LONG_SIDE.
 */
import { adoptBitmap, drawOpaque, encodeJpeg, release, type PixelMeter } from './canvas.ts';
import type { Decoded } from './decode.ts';
import type { Job, Result } from './job.ts';
import { SizePredictor } from './sizePredictor.ts';

/** Aim this far below the budget, so a sample that under-predicts by up to 3 % still fits first time. */
const AIM = 0.97;
/** Full-size encodes before handing over to the library fallback. */
const MAX_NATIVE_ENCODES = 4;
/** Canvas sizes tried before giving up (each shrink aims straight at the budget, so 2 is the norm). */
const MAX_SIZES = 6;

/**
 * Never shrink the long side below this. The tightest text a document step must keep legible is an
 * MRZ: OCR-B at 2.54 mm pitch, ~2.4 mm tall. At 200 dpi (7.9 px/mm) a character is ~19 px tall,
 * where OCR engines still read reliably. A passport data page (125 mm wide) photographed with the
 * page filling ~85 % of the frame then needs 125 / 0.85 × 7.9 ≈ 1,160 px on the long side; an ID-1
 * card (85.6 mm) about 800 px. So 1,200 px: below it, TOO_LARGE is more honest than an unreadable
 * photo. It only bites on budgets far under the 20 MB split (1,200 px at quality 70 is ~250 kB).
 */
export const MIN_LONG_SIDE = 1200;

export type SearchOutcome = Result | { longSide: number };

export async function searchJpeg(job: Job, decoded: Decoded, maxLongSide: number, meter: PixelMeter): Promise<SearchOutcome> {
  const { request, progress, check } = job;
  const budget = request.budgetBytes;
  const { width, height } = decoded.bitmap;
  const scale = Math.min(1, maxLongSide / Math.max(width, height));
  const source = toCanvas(decoded, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)), meter);
  progress(0.4);
  let canvas = source;
  let predictor = new SizePredictor(canvas, meter);
  let sampleEncodes = 0;
  let encodes = 0;
  /** Full size ÷ predicted size, learned from a miss. */
  let correction = 1;
  try {
    for (let sizes = 1; sizes <= MAX_SIZES && encodes < MAX_NATIVE_ENCODES; ) {
      const plan = await predictor.plan((AIM * budget) / correction);
      check();
      progress(0.55);
      if ('scale' in plan) {
        const longSide = Math.max(canvas.width, canvas.height);
        if (longSide <= MIN_LONG_SIDE || ++sizes > MAX_SIZES) break;
        const factor = Math.max(MIN_LONG_SIDE / longSide, Math.min(0.95, plan.scale));
        if (!predictor.exact) sampleEncodes += predictor.encodes;
        else encodes += predictor.encodes;
        predictor.dispose();
        if (canvas !== source) release(canvas);
        // Drawn from the full-size source, not from the previous copy, which would blur twice.
        canvas = drawOpaque(source, Math.max(1, Math.round(canvas.width * factor)), Math.max(1, Math.round(canvas.height * factor)), meter);
        predictor = new SizePredictor(canvas, meter);
        correction = 1;
        continue;
      }
      const quality = plan.percent / 100;
      let blob = predictor.blobAt(plan.percent);
      if (!blob) {
        blob = await encodeJpeg(canvas, quality);
        encodes++;
        check();
        progress(0.6 + 0.35 * (encodes / MAX_NATIVE_ENCODES));
      }
      if (blob.size <= budget) {
        if (predictor.exact) encodes += predictor.encodes;
        else sampleEncodes += predictor.encodes;
        return { blob, width: canvas.width, height: canvas.height, quality, engine: 'native', encodes, sampleEncodes, peakPixels: meter.peak };
      }
      // The sample under-predicted this picture: trust its shape, scale its level, plan again.
      correction *= blob.size / (await predictor.estimate(plan.percent));
    }
    return { longSide: Math.max(canvas.width, canvas.height) };
  } finally {
    predictor.dispose();
    if (canvas !== source) release(canvas);
    release(source);
  }
}

/**
 * The canvas to encode. An adoptable bitmap (see {@link Decoded}) already at the output size becomes
 * the canvas's content as it is (`bitmaprenderer`: no copy, no 12 MP draw); anything else is drawn
 * once, scaled, on white.
 */
function toCanvas({ bitmap, adoptable }: Decoded, width: number, height: number, meter: PixelMeter): OffscreenCanvas {
  try {
    if (adoptable && bitmap.width === width && bitmap.height === height) {
      const adopted = adoptBitmap(bitmap, meter);
      if (adopted) return adopted;
    }
    return drawOpaque(bitmap, width, height, meter);
  } finally {
    bitmap.close();
  }
}
