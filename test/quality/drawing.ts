/**
 * A tiny rasteriser for test pictures, in plain TypeScript so the same drawings serve the unit
 * tests (jsdom has no canvas), the benchmark and the fake camera's videos: an RGB image, a
 * seeded random source, a perspective mapping, blur and light effects.
 */
export interface Picture {
  width: number;
  height: number;
  /** RGB, three floats per pixel, 0..255 (clipped only when turned into bytes). */
  rgb: Float32Array;
}

export const picture = (width: number, height: number): Picture => ({ width, height, rgb: new Float32Array(width * height * 3) });

/** Mulberry32: small, fast and the same on every machine. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rgb = readonly [number, number, number];

export function fillRect(p: Picture, x0: number, y0: number, w: number, h: number, colour: Rgb): void {
  const xs = Math.max(0, Math.round(x0));
  const ys = Math.max(0, Math.round(y0));
  const xe = Math.min(p.width, Math.round(x0 + w));
  const ye = Math.min(p.height, Math.round(y0 + h));
  for (let y = ys; y < ye; y += 1) {
    for (let x = xs; x < xe; x += 1) {
      const k = (y * p.width + x) * 3;
      p.rgb[k] = colour[0];
      p.rgb[k + 1] = colour[1];
      p.rgb[k + 2] = colour[2];
    }
  }
}

export function fillEllipse(p: Picture, cx: number, cy: number, rx: number, ry: number, colour: Rgb): void {
  for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(p.height, Math.ceil(cy + ry)); y += 1) {
    for (let x = Math.max(0, Math.floor(cx - rx)); x < Math.min(p.width, Math.ceil(cx + rx)); x += 1) {
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      if (dx * dx + dy * dy > 1) continue;
      const k = (y * p.width + x) * 3;
      p.rgb[k] = colour[0];
      p.rgb[k + 1] = colour[1];
      p.rgb[k + 2] = colour[2];
    }
  }
}

/** 3×3 homography (row-major, h[8] = 1) taking the unit square's corners to `quad`. */
export function squareToQuad(quad: readonly { x: number; y: number }[]): Float64Array {
  const [p0, p1, p2, p3] = quad as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }, { x: number; y: number }];
  // Heckbert's closed form for the square → quadrilateral mapping.
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const sx = p0.x - p1.x + p2.x - p3.x;
  const sy = p0.y - p1.y + p2.y - p3.y;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return Float64Array.of(p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x, p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y, g, h, 1);
}

export function invert3(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m as unknown as number[] as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return Float64Array.of(A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det);
}

/**
 * Draws `source` into `target` so its corners land on `quad` (perspective-correct), with 2×2
 * supersampling so the document's edge is as smooth as a lens would make it.
 */
export function drawWarped(target: Picture, source: Picture, quad: readonly { x: number; y: number }[]): void {
  const inverse = invert3(squareToQuad(quad));
  const xs = quad.map((q) => q.x);
  const ys = quad.map((q) => q.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(target.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(target.height - 1, Math.ceil(Math.max(...ys)));
  const offsets = [0.25, 0.75];
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          const px = x + ox;
          const py = y + oy;
          const w = inverse[6]! * px + inverse[7]! * py + inverse[8]!;
          const u = (inverse[0]! * px + inverse[1]! * py + inverse[2]!) / w;
          const v = (inverse[3]! * px + inverse[4]! * py + inverse[5]!) / w;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) continue;
          const k = (Math.floor(v * source.height) * source.width + Math.floor(u * source.width)) * 3;
          r += source.rgb[k]!;
          g += source.rgb[k + 1]!;
          b += source.rgb[k + 2]!;
          hits += 1;
        }
      }
      if (hits === 0) continue;
      const k = (y * target.width + x) * 3;
      const cover = hits / 4;
      target.rgb[k] = target.rgb[k]! * (1 - cover) + r / 4;
      target.rgb[k + 1] = target.rgb[k + 1]! * (1 - cover) + g / 4;
      target.rgb[k + 2] = target.rgb[k + 2]! * (1 - cover) + b / 4;
    }
  }
}

/** Separable Gaussian blur (defocus). */
export function gaussianBlur(p: Picture, sigma: number): void {
  const radius = Math.ceil(sigma * 3);
  const kernel: number[] = [];
  let total = 0;
  for (let i = -radius; i <= radius; i += 1) {
    const w = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel.push(w);
    total += w;
  }
  convolve1d(p, kernel.map((w) => w / total), 1, 0);
  convolve1d(p, kernel.map((w) => w / total), 0, 1);
}

/** A straight smear `length` px long at `angle` radians (a shaking hand). */
export function motionBlur(p: Picture, length: number, angle: number): void {
  const source = p.rgb.slice();
  const steps = Math.max(2, Math.round(length));
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  for (let y = 0; y < p.height; y += 1) {
    for (let x = 0; x < p.width; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let s = 0; s < steps; s += 1) {
        const t = s - (steps - 1) / 2;
        const sx = Math.min(p.width - 1, Math.max(0, Math.round(x + dx * t)));
        const sy = Math.min(p.height - 1, Math.max(0, Math.round(y + dy * t)));
        const k = (sy * p.width + sx) * 3;
        r += source[k]!;
        g += source[k + 1]!;
        b += source[k + 2]!;
      }
      const k = (y * p.width + x) * 3;
      p.rgb[k] = r / steps;
      p.rgb[k + 1] = g / steps;
      p.rgb[k + 2] = b / steps;
    }
  }
}

function convolve1d(p: Picture, kernel: number[], stepX: number, stepY: number): void {
  const source = p.rgb.slice();
  const radius = (kernel.length - 1) / 2;
  for (let y = 0; y < p.height; y += 1) {
    for (let x = 0; x < p.width; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let i = -radius; i <= radius; i += 1) {
        const sx = Math.min(p.width - 1, Math.max(0, x + i * stepX));
        const sy = Math.min(p.height - 1, Math.max(0, y + i * stepY));
        const k = (sy * p.width + sx) * 3;
        const w = kernel[i + radius]!;
        r += source[k]! * w;
        g += source[k + 1]! * w;
        b += source[k + 2]! * w;
      }
      const k = (y * p.width + x) * 3;
      p.rgb[k] = r;
      p.rgb[k + 1] = g;
      p.rgb[k + 2] = b;
    }
  }
}

/** A lamp's reflection: a saturated core fading out, whiter than anything printed. */
export function glareSpot(p: Picture, cx: number, cy: number, radius: number): void {
  for (let y = Math.max(0, Math.floor(cy - radius * 2.5)); y < Math.min(p.height, cy + radius * 2.5); y += 1) {
    for (let x = Math.max(0, Math.floor(cx - radius * 2.5)); x < Math.min(p.width, cx + radius * 2.5); x += 1) {
      const d = Math.hypot(x - cx, y - cy) / radius;
      const strength = d <= 1 ? 1 : Math.exp(-((d - 1) * (d - 1)) * 2.5);
      const k = (y * p.width + x) * 3;
      for (let c = 0; c < 3; c += 1) p.rgb[k + c] = p.rgb[k + c]! + (300 - p.rgb[k + c]!) * strength;
    }
  }
}

/** Exposure: out = in × gain + lift (then clipped when turned into bytes). */
export function expose(p: Picture, gain: number, lift = 0): void {
  for (let i = 0; i < p.rgb.length; i += 1) p.rgb[i] = p.rgb[i]! * gain + lift;
}

/** Sensor noise: Gaussian, the same on every colour channel's scale. */
export function addNoise(p: Picture, sigma: number, random: () => number): void {
  for (let i = 0; i < p.rgb.length; i += 1) {
    // Box–Muller.
    const n = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    p.rgb[i] = p.rgb[i]! + n * sigma;
  }
}

/** RGBA bytes, as ImageData or VideoFrame.copyTo give them. */
export function toRgba(p: Picture): Uint8ClampedArray {
  const out = new Uint8ClampedArray(p.width * p.height * 4);
  for (let i = 0, j = 0; i < p.width * p.height; i += 1, j += 4) {
    out[j] = p.rgb[i * 3]!;
    out[j + 1] = p.rgb[i * 3 + 1]!;
    out[j + 2] = p.rgb[i * 3 + 2]!;
    out[j + 3] = 255;
  }
  return out;
}
