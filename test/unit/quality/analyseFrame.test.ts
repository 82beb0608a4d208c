import { describe, expect, it } from 'vitest';
import { analyseDocumentImage, analyseFrame, faultsOf, NO_HISTORY, type FrameHistory } from '../../../src/quality/index.ts';
import { drawScene, EXPECTED_FAULTS, SCENE_KINDS } from '../../quality/scenes.ts';

describe('analyseDocumentImage', () => {
  it.each(SCENE_KINDS)('names exactly the fault of a %s scene', (kind) => {
    const scene = drawScene(kind, 1);
    const report = analyseDocumentImage(scene.frame, { kind: scene.document });
    expect(faultsOf(report)).toEqual(EXPECTED_FAULTS[kind]);
    expect(report.passed).toBe(EXPECTED_FAULTS[kind].length === 0);
    // A single still has no steadiness to measure.
    expect(report.steadiness).toBeNull();
  });

  it('gives each failure the figure that failed', () => {
    const blurred = drawScene('defocus', 2);
    const [failure] = analyseDocumentImage(blurred.frame, { kind: blurred.document }).failures;
    expect(failure).toMatchObject({ code: 'blur' });
    if (failure?.code === 'blur') expect(failure.score).toBeLessThan(failure.limit);
  });

  it('looks for the document in the whole picture when there is no outline (an upload)', () => {
    const scene = drawScene('tooFar', 2);
    const report = analyseDocumentImage(scene.frame, { kind: scene.document, outline: null });
    // Small in the camera's outline, but big enough in a photo with nothing asked of its framing.
    expect(faultsOf(report)).toEqual([]);
  });
});

describe('analyseFrame over a stream', () => {
  it('asks to hold still until the view has been steady for a few frames, then passes', () => {
    let history: FrameHistory = NO_HISTORY;
    const faults: string[][] = [];
    for (let noiseSeed = 1; noiseSeed <= 7; noiseSeed += 1) {
      const scene = drawScene('sharp', 3, { document: 'idDocument', noiseSeed });
      const result = analyseFrame(scene.frame, { kind: 'idDocument' }, history);
      history = result.history;
      faults.push(faultsOf(result.report));
    }
    expect(faults[0]).toEqual([]);
    expect(faults[1]).toEqual(['unsteady']);
    expect(faults.at(-1)).toEqual([]);
  });

  it('calls a moving card unsteady', () => {
    const first = drawScene('sharp', 4, { document: 'idDocument' });
    const moved = drawScene('sharp', 4, { document: 'idDocument', shift: { x: 0.03, y: 0 } });
    const { history } = analyseFrame(first.frame, { kind: 'idDocument' });
    const steady = { motion: { ...history.motion!, steadyFrames: 10 } };
    expect(faultsOf(analyseFrame(moved.frame, { kind: 'idDocument' }, steady).report)).toEqual(['unsteady']);
  });
});
