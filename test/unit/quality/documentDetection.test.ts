import { describe, expect, it } from 'vitest';
import { frameRect } from '../../../src/core/captureGuide.ts';
import { detectDocument } from '../../../src/quality/documentDetection.ts';
import { distance } from '../../../src/quality/geometry.ts';
import { drawScene, type SceneKind } from '../../quality/scenes.ts';

const CARD_OUTLINE = frameRect(640 / 480, 'CARD');
const detect = (kind: SceneKind, seed: number) => {
  const scene = drawScene(kind, seed, { document: 'idDocument' });
  return { scene, detection: detectDocument(scene.frame, CARD_OUTLINE) };
};

describe('detectDocument', () => {
  it('finds the four corners of a card within a few pixels, inside the outline, with the ID-1 proportions', () => {
    for (const seed of [1, 2, 3]) {
      const { scene, detection } = detect('sharp', seed);
      expect(detection.quad).not.toBeNull();
      detection.quad!.forEach((corner, i) => expect(distance(corner, scene.corners![i]!)).toBeLessThan(6));
      expect(detection.insideOutline).toBe(true);
      expect(detection.outOfView).toBe(false);
      expect(detection.aspect).toBeCloseTo(1.586, 1);
      expect(detection.fill).toBeGreaterThan(0.7);
      expect(Object.values(detection.sides).every((side) => side.found)).toBe(true);
    }
  });

  it('still finds a defocused card, so the fault can be called blur rather than no document', () => {
    expect(detect('defocus', 1).detection.quad).not.toBeNull();
  });

  it('measures the turn of a rotated card and the slant of one turned away', () => {
    const rotated = [1, 2, 3, 4].map((seed) => detect('tilted', seed).detection).filter((d) => d.rotationDegrees > 12);
    const slanted = [1, 2, 3, 4].map((seed) => detect('tilted', seed).detection).filter((d) => d.squareness < 0.86);
    expect(rotated.length + slanted.length).toBeGreaterThanOrEqual(4);
  });

  it('says when the card runs off the frame', () => {
    const { detection } = detect('cutOff', 1);
    expect(detection.quad === null || detection.outOfView || !detection.insideOutline).toBe(true);
  });

  it('finds no document on a table with clutter', () => {
    for (const seed of [1, 2, 3]) expect(detect('noDocument', seed).detection.quad).toBeNull();
  });

  it('gives a small fill for a card held far away', () => {
    const { detection } = detect('tooFar', 1);
    expect(detection.quad).not.toBeNull();
    expect(detection.fill).toBeLessThan(0.5);
  });
});
