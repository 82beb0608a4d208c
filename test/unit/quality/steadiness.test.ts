import { describe, expect, it } from 'vitest';
import { isSteady, measureSteadiness, STEADINESS_LIMITS, type MotionMemory } from '../../../src/quality/steadiness.ts';
import { drawScene } from '../../quality/scenes.ts';
import type { Quad } from '../../../src/quality/geometry.ts';

describe('measureSteadiness', () => {
  it('has nothing to say about the first frame', () => {
    const scene = drawScene('sharp', 1);
    expect(measureSteadiness(scene.frame, null, null).measure).toBeNull();
  });

  it('counts steady frames while only sensor noise changes, and calls the view steady after enough of them', () => {
    let memory: MotionMemory | null = null;
    let last = null;
    // Different seeds of noise on the same card: draw the card once, vary only the noise.
    const frames = [1, 2, 3, 4, 5, 6, 7].map((noiseSeed) => drawScene('sharp', 5, { document: 'idDocument', noiseSeed }));
    for (const scene of frames) {
      const result = measureSteadiness(scene.frame, scene.corners as unknown as Quad, memory);
      memory = result.memory;
      last = result.measure;
    }
    expect(last!.frameDifference).toBeGreaterThan(0);
    expect(last!.frameDifference).toBeLessThan(STEADINESS_LIMITS.maxDifference);
    expect(last!.steadyFrames).toBe(6);
    expect(isSteady(last!)).toBe(true);
  });

  it('resets when the document moves', () => {
    const still = drawScene('sharp', 6, { document: 'idDocument' });
    const moved = drawScene('sharp', 6, { document: 'idDocument', shift: { x: 0.04, y: 0.02 } });
    const first = measureSteadiness(still.frame, still.corners as unknown as Quad, null);
    const steadyMemory = { ...first.memory, steadyFrames: 9 };
    const second = measureSteadiness(moved.frame, moved.corners as unknown as Quad, steadyMemory).measure!;
    expect(second.steadyFrames).toBe(0);
    expect(second.cornerMotion).toBeGreaterThan(STEADINESS_LIMITS.maxCornerMotion);
  });
});
