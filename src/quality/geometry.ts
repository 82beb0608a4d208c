/** Points, lines and the four-cornered outline of a document, in pixels of the analysed frame. */
export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top left, top right, bottom right, bottom left (as seen in the frame). */
export type Quad = readonly [Point, Point, Point, Point];

/**
 * A line as `across = slope × along + offset`: a top or bottom edge gives y from x, a left or
 * right edge x from y, so neither is ever vertical in its own terms.
 */
export interface EdgeLine {
  orientation: 'horizontal' | 'vertical';
  slope: number;
  offset: number;
}

/** Where two edges of different orientation cross. */
export function intersect(a: EdgeLine, b: EdgeLine): Point | null {
  const h = a.orientation === 'horizontal' ? a : b;
  const v = a.orientation === 'horizontal' ? b : a;
  if (h.orientation === v.orientation) return null;
  // y = h.slope x + h.offset, x = v.slope y + v.offset
  const denominator = 1 - h.slope * v.slope;
  if (Math.abs(denominator) < 1e-9) return null;
  const y = (h.slope * v.offset + h.offset) / denominator;
  return { x: v.slope * y + v.offset, y };
}

export const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Shoelace area; positive for the corner order of {@link Quad} in image coordinates (y down). */
export function quadArea(quad: Quad): number {
  let sum = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Every turn the same way: a quad that crosses itself is not a document. */
export function isConvex(quad: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i += 1) {
    const a = quad[i]!;
    const b = quad[(i + 1) % 4]!;
    const c = quad[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/** The point at (u, v) in 0..1 across the quad, by bilinear blending of its corners. */
export function quadPoint(quad: Quad, u: number, v: number): Point {
  const [tl, tr, br, bl] = quad;
  const topX = tl.x + (tr.x - tl.x) * u;
  const topY = tl.y + (tr.y - tl.y) * u;
  const bottomX = bl.x + (br.x - bl.x) * u;
  const bottomY = bl.y + (br.y - bl.y) * u;
  return { x: topX + (bottomX - topX) * v, y: topY + (bottomY - topY) * v };
}

export const scaleQuad = (quad: Quad, factor: number): Quad =>
  quad.map((p) => ({ x: p.x * factor, y: p.y * factor })) as unknown as Quad;
