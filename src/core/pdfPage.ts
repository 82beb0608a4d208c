/**
 * Sizes for drawing a PDF page: pure arithmetic over the page's size in PDF points (1/72 inch), so
 * the rules are unit-tested without pdf.js or a canvas.
 */

/** PDF user space: 72 points to the inch. */
export const POINTS_PER_INCH = 72;

/**
 * The resolution a page sent in place of its PDF is drawn at. 200 dpi keeps 8-point statement text
 * about 22 px tall (8 pt = 2.8 mm, 7.9 px/mm), which OCR reads reliably, and an A4 page at
 * 1654 × 2339 px: a JPEG of a few hundred kilobytes, far inside any step's budget.
 */
export const UPLOAD_DPI = 200;

/** Same floor as photos (src/compress/jpegSearch.ts, MIN_LONG_SIDE): a small page (a receipt) is drawn larger, never smaller. */
export const UPLOAD_MIN_LONG_SIDE = 1200;

/** Same ceiling as photos (DEFAULT_MAX_LONG_SIDE) and iOS Safari's largest canvas, 16.7 MP. */
export const UPLOAD_MAX_LONG_SIDE = 4096;
export const UPLOAD_MAX_PIXELS = 4096 * 4096;

/** Pages whose thumbnails are drawn for the person to pick from; beyond, a page number is chosen from a list. */
export const MAX_THUMBNAILS = 10;

export interface PageSize {
  /** In points, as the page is shown (its /Rotate applied). */
  width: number;
  height: number;
}

export interface Drawing {
  /** Multiplier from points to canvas pixels. */
  scale: number;
  width: number;
  height: number;
}

/**
 * How to draw a page for sending: at {@link UPLOAD_DPI}, raised to the legibility floor for small
 * pages and lowered to the canvas ceiling for posters. Rejects non-positive or non-finite sizes.
 */
export function uploadDrawing(page: PageSize): Drawing {
  const long = longSide(page);
  let scale = Math.max(UPLOAD_DPI / POINTS_PER_INCH, UPLOAD_MIN_LONG_SIDE / long);
  scale = Math.min(scale, UPLOAD_MAX_LONG_SIDE / long, Math.sqrt(UPLOAD_MAX_PIXELS / (page.width * page.height)));
  return drawing(page, scale);
}

/** How to draw a page `cssWidth` CSS pixels wide on a screen of `pixelRatio`, for a preview or thumbnail. */
export function previewDrawing(page: PageSize, cssWidth: number, pixelRatio = 1): Drawing {
  longSide(page);
  const ratio = Math.min(3, Math.max(1, pixelRatio));
  return drawing(page, (cssWidth * ratio) / page.width);
}

function longSide(page: PageSize): number {
  const { width, height } = page;
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new RangeError(`A page must have a positive size, got ${width} × ${height} pt`);
  }
  return Math.max(width, height);
}

function drawing(page: PageSize, scale: number): Drawing {
  // Rounded (A4 at 200 dpi is 1653 × 2339, as a scanner makes it); the ceiling is a whole number, so rounding never passes it.
  return { scale, width: Math.max(1, Math.round(page.width * scale)), height: Math.max(1, Math.round(page.height * scale)) };
}

/**
 * Whether a drawn page is blank: every sampled pixel within a few levels of the first one. Takes
 * RGBA bytes (an ImageData's `data`); a page with any text or picture has many pixels far from white.
 */
export function isBlank(rgba: Uint8ClampedArray, tolerance = 8): boolean {
  if (rgba.length < 4) return true;
  const [r0, g0, b0] = [rgba[0]!, rgba[1]!, rgba[2]!];
  for (let index = 0; index + 2 < rgba.length; index += 4) {
    if (Math.abs(rgba[index]! - r0) > tolerance || Math.abs(rgba[index + 1]! - g0) > tolerance || Math.abs(rgba[index + 2]! - b0) > tolerance) return false;
  }
  return true;
}

/**
 * Whether the end of a file looks like the end of a PDF: `%%EOF` within its last kilobyte (writers
 * may add a newline or a little junk after it). pdf.js repairs a cut-off file as best it can and
 * may draw half a page; a file sent as it is must be whole, so the lack of it means damaged.
 */
export function endsLikePdf(tail: Uint8Array): boolean {
  const text = String.fromCharCode(...tail.subarray(Math.max(0, tail.length - 1024)));
  return text.includes('%%EOF');
}
