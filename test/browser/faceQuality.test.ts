import { afterAll, describe, expect, it } from 'vitest';
import { FrameAnalyser } from '../../src/capture/frameAnalyser.ts';
import { FACE_FAULTS } from '../../src/quality/index.ts';
import { FACE_TILES, loadFaceGrid, runFaceSet } from '../quality/faceScenes.ts';
import { confusionOf } from '../quality/labelled.ts';

/**
 * The selfie checks in real Chromium, through the analysis worker: the face detector's lazy chunk
 * (human + TensorFlow.js's WebAssembly, with the model bundled), then src/quality/face.ts on its
 * answer, over labelled scenes drawn from real faces. `npm run bench:quality` runs every face.
 */
const analyser = new FrameAnalyser();
afterAll(() => analyser.close());

describe('the selfie checks on labelled faces', () => {
  it('name the fault of every scene kind, for every fifth face of the set', async () => {
    const faces = FACE_TILES.map((_, index) => index).filter((index) => index % 5 === 0);
    const results = await runFaceSet(analyser, await loadFaceGrid(), faces);
    const wrong = results.filter((result) => result.raised.join() !== result.expected.join()).map((result) => `${result.label}: [${result.raised.join(', ')}]`);
    expect(wrong).toEqual([]);
    for (const check of confusionOf(results, FACE_FAULTS.filter((fault) => fault !== 'unsteady'))) {
      expect(check.precision, check.fault).toBe(1);
      expect(check.recall, check.fault).toBe(1);
    }
  }, 300_000);

  it('loads the detector in the worker without fetching anything from the network', async () => {
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => requests.push(entry.name)));
    observer.observe({ type: 'resource', buffered: false });
    const fresh = new FrameAnalyser();
    try {
      const canvas = new OffscreenCanvas(64, 48);
      canvas.getContext('2d')!.fillRect(0, 0, 64, 48);
      const { report } = await fresh.analyseStill(await canvas.convertToBlob({ type: 'image/png' }), { kind: 'face' });
      expect(report.failures.map((failure) => failure.code)).toEqual(['dark']);
    } finally {
      fresh.close();
      observer.disconnect();
    }
    // The page sees only its own resources; none is a model, a wasm or anything off this origin.
    expect(requests.filter((url) => !url.startsWith(location.origin) || /\.(bin|wasm)(\?|$)|blazeface/.test(url))).toEqual([]);
  }, 120_000);
});
