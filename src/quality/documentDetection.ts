/**
 * Finds the document near the on-screen outline with its four straight edges: candidate steps
 * in brightness scanned in from each border ({@link edgePoints}), a robust line through each
 * side's candidates ({@link fitLine}), corners where the lines cross. No OpenCV: every npm build
 * of it needs `new Function`, which the hosted page's CSP forbids.
 */
import type { FrameRect } from '../core/captureGuide.ts';
import { edgePoints, isHorizontal, type Side } from './edgePoints.ts';
import { shrinkLuma, type LumaImage } from './frame.ts';
import { distance, intersect, isConvex, quadArea, scaleQuad, type EdgeLine, type Point, type Quad } from './geometry.ts';
import { fitLine, type LineFit } from './lineFit.ts';

export interface SideFinding {
  /** Share of the scanlines between the side's corners that agree with its line, 0..1. */
  support: number;
  found: boolean;
}

export interface DocumentDetection {
  /** Corners in the analysed frame's pixels; null when nothing like a document was found. */
  quad: Quad | null;
  sides: Record<Side, SideFinding>;
  /** A side runs off the frame: part of the document is out of view. */
  outOfView: boolean;
  /** Document area over outline area. */
  fill: number;
  /** Every corner lies within the outline (with a small margin). */
  insideOutline: boolean;
  /** Long side over short side, as measured (perspective included). */
  aspect: number;
  /** The steepest edge's angle to the frame's axes, in degrees. */
  rotationDegrees: number;
  /** The shorter of two opposite sides over the longer, worst pair: 1 is seen square on. */
  squareness: number;
}

/** The search runs on at most this many pixels on the long side. */
const SEARCH_SIDE = 320;
const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];
/** Agreement a side needs to count as an edge rather than a coincidence. */
const MIN_SUPPORT = 0.55;
/** An edge steeper than this (about 24°) belongs to the neighbouring side. */
const MAX_SLOPE = 0.45;
/** How far past the outline a corner may be and still count as inside it, in fractions of the frame. */
const OUTLINE_MARGIN = 0.05;

const NOT_FOUND: SideFinding = { support: 0, found: false };

export function detectDocument(frame: LumaImage, outline: FrameRect): DocumentDetection {
  const { image, factor } = shrinkLuma(frame, SEARCH_SIDE);
  const { width, height } = image;
  const threshold = stepThreshold(image);
  const centre = { x: (outline.x + outline.width / 2) * width, y: (outline.y + outline.height / 2) * height };
  const limits: Record<Side, number> = { top: centre.y, bottom: height - centre.y, left: centre.x, right: width - centre.x };
  const fits = {} as Record<Side, LineFit | null>;
  for (const side of SIDES) {
    const points = edgePoints(image, side, limits[side], threshold);
    fits[side] = fitLine(points, { orientation: isHorizontal(side) ? 'horizontal' : 'vertical', tolerance: 2, maxSlope: MAX_SLOPE });
  }
  const cut = runsOffFrame(fits, width, height);
  let present = new Set(SIDES.filter((side) => fits[side] && !cut.has(side)));
  let quad = quadOf(fits, present, width, height);
  let sides = supports(quad, fits, present);
  // Sides that turned out to be coincidences become the frame's border, and the rest are re-measured.
  const weak = SIDES.filter((side) => present.has(side) && !sides[side].found);
  if (weak.length > 0) {
    present = new Set([...present].filter((side) => !weak.includes(side)));
    quad = quadOf(fits, present, width, height);
    sides = supports(quad, fits, present);
  }
  const found = SIDES.filter((side) => sides[side].found).length;
  const outlineArea = outline.width * width * outline.height * height;
  const plausible = quad !== null && isConvex(quad) && quadArea(quad) > 0.08 * outlineArea && (found >= 3 || (found >= 2 && cut.size > 0));
  if (!quad || !plausible) return notFound(sides);
  const full = scaleQuad(quad, factor);
  const outOfView = present.size < 4 || quad.some((p) => p.x < 1 || p.y < 1 || p.x > width - 2 || p.y > height - 2);
  return {
    quad: full,
    sides,
    outOfView,
    fill: quadArea(quad) / outlineArea,
    insideOutline: quad.every((p) => insideRect(p, outline, width, height)),
    aspect: aspectOf(quad),
    rotationDegrees: Math.max(...SIDES.filter((side) => present.has(side)).map((side) => (Math.atan(Math.abs(fits[side]!.line.slope)) * 180) / Math.PI)),
    squareness: squarenessOf(quad),
  };
}

function notFound(sides: Record<Side, SideFinding>): DocumentDetection {
  return { quad: null, sides, outOfView: false, fill: 0, insideOutline: false, aspect: 0, rotationDegrees: 0, squareness: 0 };
}

/** 7 % of the frame's contrast range: low enough for a defocused edge, high enough to skip sensor noise. */
function stepThreshold(image: LumaImage): number {
  const histogram = new Uint32Array(256);
  for (const v of image.luma) histogram[v]! += 1;
  const n = image.luma.length;
  let seen = 0;
  let p2 = 0;
  let p98 = 255;
  for (let v = 0; v < 256; v += 1) {
    const before = seen;
    seen += histogram[v]!;
    if (before < 0.02 * n && seen >= 0.02 * n) p2 = v;
    if (before < 0.98 * n && seen >= 0.98 * n) p98 = v;
  }
  return Math.max(4, 0.07 * (p98 - p2));
}

/**
 * A document's horizontal edges reaching the left border mean its left side is out of view (and
 * so on): whatever vertical line was found there is something printed on it, not its edge.
 */
function runsOffFrame(fits: Record<Side, LineFit | null>, width: number, height: number): Set<Side> {
  const cut = new Set<Side>();
  const reach = (fit: LineFit | null, size: number) => {
    if (!fit || fit.inliers.length < 0.15 * size) return { low: false, high: false };
    let min = Infinity;
    let max = -Infinity;
    for (const p of fit.inliers) (min = Math.min(min, p.along)), (max = Math.max(max, p.along));
    const edge = Math.max(3, 0.015 * size);
    return { low: min <= edge, high: max >= size - 1 - edge };
  };
  for (const side of ['top', 'bottom'] as const) {
    const r = reach(fits[side], width);
    if (r.low) cut.add('left');
    if (r.high) cut.add('right');
  }
  for (const side of ['left', 'right'] as const) {
    const r = reach(fits[side], height);
    if (r.low) cut.add('top');
    if (r.high) cut.add('bottom');
  }
  return cut;
}

function borderLine(side: Side, width: number, height: number): EdgeLine {
  switch (side) {
    case 'top':
      return { orientation: 'horizontal', slope: 0, offset: 0 };
    case 'bottom':
      return { orientation: 'horizontal', slope: 0, offset: height - 1 };
    case 'left':
      return { orientation: 'vertical', slope: 0, offset: 0 };
    case 'right':
      return { orientation: 'vertical', slope: 0, offset: width - 1 };
  }
}

function quadOf(fits: Record<Side, LineFit | null>, present: Set<Side>, width: number, height: number): Quad | null {
  const line = (side: Side) => (present.has(side) ? fits[side]!.line : borderLine(side, width, height));
  const corners = [intersect(line('top'), line('left')), intersect(line('top'), line('right')), intersect(line('bottom'), line('right')), intersect(line('bottom'), line('left'))];
  if (corners.some((c) => c === null)) return null;
  return corners as unknown as Quad;
}

/** The share of scanlines between a side's two corners on which the side's line was seen. */
function supports(quad: Quad | null, fits: Record<Side, LineFit | null>, present: Set<Side>): Record<Side, SideFinding> {
  const result = { top: NOT_FOUND, right: NOT_FOUND, bottom: NOT_FOUND, left: NOT_FOUND } as Record<Side, SideFinding>;
  if (!quad) return result;
  const [tl, tr, br, bl] = quad;
  const ends: Record<Side, [number, number]> = {
    top: [tl.x, tr.x],
    bottom: [bl.x, br.x],
    left: [tl.y, bl.y],
    right: [tr.y, br.y],
  };
  for (const side of SIDES) {
    const fit = fits[side];
    if (!fit || !present.has(side)) continue;
    const [a, b] = ends[side];
    const from = Math.ceil(Math.min(a, b));
    const to = Math.floor(Math.max(a, b));
    const span = to - from + 1;
    if (span < 12) continue;
    const seen = new Set<number>();
    for (const p of fit.inliers) if (p.along >= from && p.along <= to) seen.add(p.scan);
    const support = seen.size / span;
    result[side] = { support, found: support >= MIN_SUPPORT };
  }
  return result;
}

function insideRect(p: Point, rect: FrameRect, width: number, height: number): boolean {
  const mx = OUTLINE_MARGIN * width;
  const my = OUTLINE_MARGIN * height;
  return p.x >= rect.x * width - mx && p.x <= (rect.x + rect.width) * width + mx && p.y >= rect.y * height - my && p.y <= (rect.y + rect.height) * height + my;
}

function aspectOf([tl, tr, br, bl]: Quad): number {
  const horizontal = (distance(tl, tr) + distance(bl, br)) / 2;
  const vertical = (distance(tl, bl) + distance(tr, br)) / 2;
  return Math.max(horizontal, vertical) / Math.max(1e-6, Math.min(horizontal, vertical));
}

function squarenessOf([tl, tr, br, bl]: Quad): number {
  const ratio = (a: number, b: number) => Math.min(a, b) / Math.max(1e-6, Math.max(a, b));
  return Math.min(ratio(distance(tl, tr), distance(bl, br)), ratio(distance(tl, bl), distance(tr, br)));
}
