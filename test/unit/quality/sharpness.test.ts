import { describe, expect, it } from 'vitest';
import { extractRegion, rectQuad } from '../../../src/quality/region.ts';
import { measureSharpness, SHARPNESS_THRESHOLD } from '../../../src/quality/sharpness.ts';
import { drawScene } from '../../quality/scenes.ts';
import type { Quad } from '../../../src/quality/geometry.ts';

const regionOf = (scene: ReturnType<typeof drawScene>) => extractRegion(scene.frame, scene.corners as unknown as Quad, scene.document === 'passport' ? 1.42 : 1.586);

describe('measureSharpness', () => {
  it('scores a sharp card above the threshold and a defocused or shaken one below', () => {
    const sharp = measureSharpness(regionOf(drawScene('sharp', 1, { document: 'idDocument' })));
    const defocus = measureSharpness(regionOf(drawScene('defocus', 1, { document: 'idDocument' })));
    const motion = measureSharpness(regionOf(drawScene('motion', 2, { document: 'idDocument' })));
    expect(sharp.score).toBeGreaterThan(SHARPNESS_THRESHOLD * 1.5);
    expect(defocus.score).toBeLessThan(SHARPNESS_THRESHOLD / 2);
    expect(motion.score).toBeLessThan(SHARPNESS_THRESHOLD / 2);
    expect(sharp.laplacianVariance).toBeGreaterThan(10 * defocus.laplacianVariance);
  });

  it('hardly follows the frame size: the same card at 640 and 480 px scores on the same side, within a factor of 2', () => {
    const large = measureSharpness(regionOf(drawScene('sharp', 3, { document: 'idDocument', width: 640, height: 480 })));
    const small = measureSharpness(regionOf(drawScene('sharp', 3, { document: 'idDocument', width: 480, height: 360 })));
    expect(small.score).toBeGreaterThan(SHARPNESS_THRESHOLD);
    expect(large.score / small.score).toBeLessThan(2);
  });

  it('does not take a dim card for a blurred one', () => {
    const scene = drawScene('sharp', 4, { document: 'idDocument' });
    const dim = { ...scene.frame, rgba: scene.frame.rgba.map((v, i) => (i % 4 === 3 ? v : v * 0.5)) };
    const a = measureSharpness(regionOf(scene)).score;
    const b = measureSharpness(extractRegion(dim, scene.corners as unknown as Quad, 1.586)).score;
    expect(Math.abs(a - b) / a).toBeLessThan(0.15);
  });

  it('scores a flat region zero', () => {
    const flat = { width: 64, height: 48, rgba: new Uint8Array(64 * 48 * 4).fill(128), luma: new Uint8Array(64 * 48).fill(128) };
    expect(measureSharpness(extractRegion(flat, rectQuad({ x: 0, y: 0, width: 1, height: 1 }, 64, 48), 1.33)).score).toBe(0);
  });
});
