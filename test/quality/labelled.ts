/**
 * The labelled calibration set: every drawn scene kind, plus short sequences for steadiness (the
 * same card with fresh sensor noise each frame, or sliding across the view), each with the faults
 * it must raise. Shared by the accuracy test and `bench:quality`.
 */
import { analyseFrame, NO_HISTORY, type FrameHistory, type QualityReport } from '../../src/quality/analyseFrame.ts';
import { DOCUMENT_FAULTS, type QualityFault } from '../../src/quality/faults.ts';
import { drawScene, EXPECTED_FAULTS, SCENE_KINDS, type SceneKind } from './scenes.ts';

export interface LabelledResult {
  label: SceneKind | 'steady' | 'moving';
  expected: readonly QualityFault[];
  report: QualityReport;
}

/** Frames in a steadiness sequence: one to start and five to be steady. */
const SEQUENCE = 6;

/** Analyses `perKind` stills of every scene kind and `sequences` steady and moving sequences. */
export function runLabelledSet(perKind: number, sequences: number, firstSeed = 1): LabelledResult[] {
  const results: LabelledResult[] = [];
  for (const kind of SCENE_KINDS) {
    for (let seed = firstSeed; seed < firstSeed + perKind; seed += 1) {
      const scene = drawScene(kind, seed);
      // As live: a history that has been steady, so only the still's own faults count.
      results.push({ label: kind, expected: EXPECTED_FAULTS[kind], report: analyseFrame(scene.frame, { kind: scene.document }).report });
    }
  }
  for (let seed = firstSeed; seed < firstSeed + sequences; seed += 1) {
    for (const moving of [false, true]) {
      let history: FrameHistory = NO_HISTORY;
      let report: QualityReport | null = null;
      for (let frame = 0; frame < SEQUENCE; frame += 1) {
        // A slow drift of about 1 % of the frame per frame: well within a shaking hand.
        const shift = moving ? { x: 0.012 * frame * (seed % 2 ? 1 : -1), y: 0.006 * frame } : { x: 0, y: 0 };
        const scene = drawScene('sharp', 100 + seed, { shift, noiseSeed: frame + 1 });
        const result = analyseFrame(scene.frame, { kind: scene.document, live: true }, history);
        history = result.history;
        report = result.report;
      }
      results.push({ label: moving ? 'moving' : 'steady', expected: moving ? ['unsteady'] : [], report: report! });
    }
  }
  return results;
}

export interface Confusion {
  fault: QualityFault;
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  trueNegative: number;
  precision: number;
  recall: number;
}

/** Per fault: did the report raise it where it was expected, and only there? */
export function confusionMatrices(results: readonly LabelledResult[]): Confusion[] {
  return confusionOf(
    results.map(({ expected, report }) => ({ expected, raised: report.failures.map((failure) => failure.code) })),
    DOCUMENT_FAULTS,
  );
}

/** The same for any labelled cases: a case labelled with a fault is a positive for it, any other a negative. */
export function confusionOf(cases: readonly { expected: readonly QualityFault[]; raised: readonly QualityFault[] }[], faults: readonly QualityFault[]): Confusion[] {
  return faults.map((fault) => {
    let truePositive = 0;
    let falsePositive = 0;
    let falseNegative = 0;
    let trueNegative = 0;
    for (const { expected, raised } of cases) {
      const wanted = expected.includes(fault);
      const found = raised.includes(fault);
      if (wanted && found) truePositive += 1;
      else if (found) falsePositive += 1;
      else if (wanted) falseNegative += 1;
      else trueNegative += 1;
    }
    const precision = truePositive + falsePositive === 0 ? 1 : truePositive / (truePositive + falsePositive);
    const recall = truePositive + falseNegative === 0 ? 1 : truePositive / (truePositive + falseNegative);
    return { fault, truePositive, falsePositive, falseNegative, trueNegative, precision, recall };
  });
}
