/**
 * Picks the JPEG quality for a canvas before the one full-size encode, so that encode fits the
 * budget on the first try.
 *
 * JPEG size is close to additive over 8×8 blocks, so 32 bands of 16 rows spread evenly down the
 * picture (a sixth of a 12 MP frame) encode to within ±2 % of the whole frame's size per pixel at
 * any quality (measured in Chromium 156 on the bench's document, face, 48 MP and screenshot
 * fixtures: −0.5 % to +1.5 % at qualities 75–92). Each sample encode costs about a sixth of a full one, so two or
 * three of them replace the second full encode a blind search needs.
 *
 * A quarter of that sample is encoded first: a picture far under its budget is then encoded at the
 * first quality straight away, and one far over it starts the search lower down. Qualities are whole percent: Chromium rounds to an integer
 * libjpeg quality anyway.
 */
import { createOpaque, encodeJpeg, release, type PixelMeter } from './canvas.ts';

/** First (and highest) quality: visually lossless for photos of documents, below the size knee of 95+. */
export const START_PERCENT = 92;
/** Below this, ringing around text edges hurts OCR more than a modest downscale does, so shrink pixels instead. */
export const MIN_PERCENT = 70;
/**
 * Initial guess for d ln(size) / d quality (per whole quality: 7 % a step). Chromium's curve is
 * lumpy: 2–6 % a step mostly, with jumps of 12–35 % where its quantiser stops zeroing sensor noise
 * (between 89 and 90 on the noisy fixtures). Replaying this search over the measured curves of
 * the bench fixtures for every budget from quality 70 to 92, 7 needed the fewest sample encodes
 * (2.5 on average, coarse one included; 6 and 8 did no better).
 */
const SLOPE_GUESS = 7;
const STRIPS = 32;
/** Two 4:2:0 MCU rows, so each band starts and ends on a block boundary. */
const STRIP_ROWS = 16;
/** Under this many pixels the "sample" is the canvas itself: full encodes are cheap and exact. */
const EXACT_BELOW_PIXELS = 2_000_000;
const MAX_SAMPLE_ENCODES = 6;
/**
 * A coarse sample (8 bands) misjudged the bench fixtures by −8 % (screenshot) to +4 % (48 MP):
 * under 60 % of the target the first quality fits whatever the error, and over 115 % it does not.
 */
const COARSE_FITS = 0.6;
const COARSE_OVER = 1.15;

export type Plan = { percent: number } | { scale: number };

export class SizePredictor {
  /** Encodes made so far (of the sample, or of the canvas itself when {@link exact}). */
  encodes = 0;
  /** True when the sample is the whole canvas: estimates are the real sizes, and {@link blobAt} has the output. */
  readonly exact: boolean;
  private sample: { canvas: OffscreenCanvas; ratio: number } | undefined;
  private coarse: number | undefined;
  private readonly blobs = new Map<number, Blob>();

  constructor(
    private readonly canvas: OffscreenCanvas,
    private readonly meter: PixelMeter,
  ) {
    const { width, height } = canvas;
    this.exact = width * height < EXACT_BELOW_PIXELS || height < 3 * STRIPS * STRIP_ROWS;
  }

  /**
   * The whole canvas's size at START_PERCENT judged on a quarter of the bands: cheap, within ~8 %.
   * Enough to see that a picture is far under its budget (no full sample needed) or far over it
   * (no full-sample encode at START_PERCENT needed either).
   */
  private async coarseEstimate(): Promise<number> {
    if (this.coarse === undefined) {
      const coarse = this.bands(STRIPS / 4);
      try {
        const blob = await encodeJpeg(coarse.canvas, START_PERCENT / 100);
        this.encodes++;
        this.coarse = blob.size * coarse.ratio;
      } finally {
        release(coarse.canvas);
      }
    }
    return this.coarse;
  }

  /** `count` bands of STRIP_ROWS rows, evenly spread down the canvas, stacked on one small canvas. */
  private bands(count: number): { canvas: OffscreenCanvas; ratio: number } {
    const { width, height } = this.canvas;
    const { canvas, context } = createOpaque(width, count * STRIP_ROWS, this.meter);
    for (let i = 0; i < count; i++) {
      const y = Math.floor(((i + 0.5) * height) / count / STRIP_ROWS) * STRIP_ROWS;
      context.drawImage(this.canvas, 0, Math.min(y, height - STRIP_ROWS), width, STRIP_ROWS, 0, i * STRIP_ROWS, width, STRIP_ROWS);
    }
    return { canvas, ratio: height / (count * STRIP_ROWS) };
  }

  private sampled(): { canvas: OffscreenCanvas; ratio: number } {
    this.sample ??= this.exact ? { canvas: this.canvas, ratio: 1 } : this.bands(STRIPS);
    return this.sample;
  }

  /** Predicted bytes of the whole canvas at `percent` quality. */
  async estimate(percent: number): Promise<number> {
    const sample = this.sampled();
    let blob = this.blobs.get(percent);
    if (!blob) {
      blob = await encodeJpeg(sample.canvas, percent / 100);
      this.encodes++;
      this.blobs.set(percent, blob);
    }
    return blob.size * sample.ratio;
  }

  /** The real output at `percent`, when the sample is the canvas itself and that quality was tried. */
  blobAt(percent: number): Blob | undefined {
    return this.exact ? this.blobs.get(percent) : undefined;
  }

  /**
   * The highest whole-percent quality in [MIN_PERCENT, START_PERCENT] whose predicted size is at most
   * `target`, found by secant steps on ln(size); or, when even MIN_PERCENT is over, the factor to
   * scale both sides by so that it would fit.
   */
  async plan(target: number): Promise<Plan> {
    /** Full-sample estimates, and at most one coarse one standing in for START_PERCENT when it is clearly over. */
    const sizes = new Map<number, number>();
    const measured = new Set<number>();
    let percent = START_PERCENT;
    if (!this.exact) {
      const coarse = await this.coarseEstimate();
      if (coarse <= COARSE_FITS * target) return { percent: START_PERCENT };
      if (coarse > COARSE_OVER * target) {
        sizes.set(START_PERCENT, coarse);
        percent = extrapolate([[START_PERCENT, coarse]], target);
      }
    }
    for (let i = 0; i < MAX_SAMPLE_ENCODES; i++) {
      sizes.set(percent, await this.estimate(percent));
      measured.add(percent);
      const fits = [...sizes].filter(([p, size]) => size <= target && measured.has(p)).sort((a, b) => b[0] - a[0])[0];
      const over = [...sizes].filter(([, size]) => size > target).sort((a, b) => a[0] - b[0]);
      const lowestOver = over[0];
      if (fits && (fits[0] === START_PERCENT || (lowestOver && lowestOver[0] - fits[0] <= 1))) return { percent: fits[0] };
      if (!fits && lowestOver && lowestOver[0] <= MIN_PERCENT) return { scale: Math.sqrt(target / lowestOver[1]) };
      if (fits && lowestOver) {
        // Where ln(size) crosses the target, rounded down: at or below the best fit, that fit is it.
        percent = interpolate(fits, lowestOver, target);
        if (percent <= fits[0]) return { percent: fits[0] };
      } else {
        percent = extrapolate(over, target);
      }
    }
    const best = [...sizes].filter(([p, size]) => size <= target && measured.has(p)).sort((a, b) => b[0] - a[0])[0];
    if (best) return { percent: best[0] };
    return { scale: Math.sqrt(target / (await this.estimate(MIN_PERCENT))) };
  }

  dispose(): void {
    if (this.sample && !this.exact) release(this.sample.canvas);
    this.blobs.clear();
  }
}

type Point = [percent: number, size: number];

/** Between a fitting and a non-fitting quality, where ln(size) crosses ln(target), rounded down. */
function interpolate([fitPercent, fitSize]: Point, [overPercent, overSize]: Point, target: number): number {
  const t = (Math.log(target) - Math.log(fitSize)) / (Math.log(overSize) - Math.log(fitSize));
  return Math.min(overPercent - 1, Math.floor(fitPercent + t * (overPercent - fitPercent)));
}

/** Below the lowest non-fitting quality, with the slope measured from two of them or the guess. */
function extrapolate(over: Point[], target: number): number {
  const [low, next] = over;
  if (!low) return START_PERCENT;
  let slope = SLOPE_GUESS;
  if (next && next[0] > low[0]) {
    const measured = (Math.log(next[1]) - Math.log(low[1])) / ((next[0] - low[0]) / 100);
    if (Number.isFinite(measured) && measured > 1) slope = measured;
  }
  const percent = Math.floor(low[0] - (100 * Math.log(low[1] / target)) / slope);
  return Math.min(low[0] - 1, Math.max(MIN_PERCENT, percent));
}
