import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameRect } from '../../../src/core/captureGuide.ts';
import { eyeTiltDegrees, FACE_LIMITS, faceExposure, faultsOf, judgeFace, type FaceDetection, type LumaImage } from '../../../src/quality/index.ts';

/** The selfie checks on detector answers: pure geometry and light, no detector involved. */
const W = 160;
const H = 120;
const OVAL = frameRect(W / H, 'FACE');

/** A frame of one grey level, with the face box (if any) drawn at `faceGrey` with a highlight. */
function frame(wall: number, face?: { box: FaceDetection['box']; grey: number; highlight: number }): LumaImage {
  const luma = new Uint8Array(W * H).fill(wall);
  if (face) {
    const x0 = Math.floor(face.box.x * W);
    const y0 = Math.floor(face.box.y * H);
    const x1 = Math.ceil((face.box.x + face.box.width) * W);
    const y1 = Math.ceil((face.box.y + face.box.height) * H);
    for (let y = Math.max(0, y0); y < Math.min(H, y1); y += 1) {
      for (let x = Math.max(0, x0); x < Math.min(W, x1); x += 1) luma[y * W + x] = (x + y) % 8 === 0 ? face.highlight : face.grey;
    }
  }
  return { width: W, height: H, luma };
}

/** A face whose box is `height` of the frame, centred at (cx, cy), eyes at the given lean. */
function faceAt(cx: number, cy: number, height: number, tiltDegrees = 0): FaceDetection {
  const width = (height * H) / W;
  const box = { x: cx - width / 2, y: cy - height / 2, width, height };
  const half = width * 0.2;
  const lean = Math.tan((tiltDegrees * Math.PI) / 180) * half * (W / H);
  return { box, score: 0.9, leftEye: { x: cx - half, y: cy - height * 0.1 - lean }, rightEye: { x: cx + half, y: cy - height * 0.1 + lean } };
}

const lit = (face: FaceDetection) => frame(120, { box: face.box, grey: 140, highlight: 210 });
const centre = { x: OVAL.x + OVAL.width / 2, y: OVAL.y + OVAL.height / 2 };

describe('judgeFace', () => {
  it('passes one lit, level face of a good size in the oval', () => {
    fc.assert(
      fc.property(fc.double({ min: FACE_LIMITS.minHeight + 0.01, max: FACE_LIMITS.maxHeight - 0.01, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), (height, tilt) => {
        const face = faceAt(centre.x, centre.y, height, tilt);
        expect(faultsOf(judgeFace(lit(face), [face], { oval: OVAL }).report)).toEqual([]);
      }),
    );
  });

  it('names the size: too far under 35 % of the frame height, too close over 65 %', () => {
    const far = faceAt(centre.x, centre.y, 0.25);
    const close = faceAt(centre.x, centre.y, 0.8);
    expect(faultsOf(judgeFace(lit(far), [far], { oval: OVAL }).report)).toEqual(['faceTooFar']);
    // Too close and therefore cut by the frame: moving back is the one thing to say.
    expect(faultsOf(judgeFace(lit(close), [close], { oval: OVAL }).report)).toEqual(['faceTooClose']);
  });

  it('says "outside the oval" for a face away from its centre, wherever it is', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (angle) => {
        const face = faceAt(centre.x + Math.cos(angle) * OVAL.width * 0.3, centre.y + Math.sin(angle) * OVAL.height * 0.3, 0.45);
        expect(faultsOf(judgeFace(lit(face), [face], { oval: OVAL }).report)).toContain('faceOutside');
      }),
    );
  });

  it('counts faces: none, or more than one', () => {
    const one = faceAt(centre.x, centre.y, 0.45);
    expect(faultsOf(judgeFace(frame(120), [], { oval: OVAL }).report)).toEqual(['noFace']);
    const report = judgeFace(lit(one), [one, faceAt(0.2, 0.5, 0.3)], { oval: OVAL }).report;
    expect(report.failures).toEqual([{ code: 'manyFaces', count: 2 }]);
    // Light is judged on the one face only.
    expect(report.exposure).toBeNull();
  });

  it('measures the eyes’ lean the same whichever eye the detector calls left', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (tilt) => {
        const face = faceAt(0.5, 0.5, 0.45, tilt);
        const swapped = { ...face, leftEye: face.rightEye, rightEye: face.leftEye };
        expect(eyeTiltDegrees(swapped)).toBeCloseTo(eyeTiltDegrees(face)!, 6);
      }),
    );
    const tilted = faceAt(centre.x, centre.y, 0.45, 25);
    expect(faultsOf(judgeFace(lit(tilted), [tilted], { oval: OVAL }).report)).toEqual(['faceTilted']);
    expect(eyeTiltDegrees({ leftEye: null, rightEye: { x: 0, y: 0 } })).toBeNull();
  });

  it('judges light on the face: dim with no highlight is dark, a dark-skinned face in good light is not', () => {
    const face = faceAt(centre.x, centre.y, 0.45);
    const dim = frame(40, { box: face.box, grey: 45, highlight: 70 });
    expect(faultsOf(judgeFace(dim, [face], { oval: OVAL }).report)).toEqual(['dark']);
    // A low average with bright highlights: lit, whatever the skin.
    const darkSkinWellLit = frame(150, { box: face.box, grey: 60, highlight: 200 });
    expect(faceExposure(darkSkinWellLit, face.box).mean).toBeLessThan(80);
    expect(faultsOf(judgeFace(darkSkinWellLit, [face], { oval: OVAL }).report)).toEqual([]);
    const washedOut = frame(250, { box: face.box, grey: 235, highlight: 255 });
    expect(faultsOf(judgeFace(washedOut, [face], { oval: OVAL }).report)).toEqual(['bright']);
    // No face to judge on: only a view too dark or too bright to find one in is the light's fault.
    expect(faultsOf(judgeFace(frame(10), [], { oval: OVAL }).report)).toEqual(['dark']);
    expect(faultsOf(judgeFace(frame(245), [], { oval: OVAL }).report)).toEqual(['bright']);
  });

  it('asks for stillness on a live stream until the face has stayed put for five frames', () => {
    const face = faceAt(centre.x, centre.y, 0.45);
    let memory = null;
    const seen: string[][] = [];
    for (let i = 0; i < 7; i += 1) {
      const result = judgeFace(lit(face), [face], { oval: OVAL, live: true }, memory);
      memory = result.memory;
      seen.push(faultsOf(result.report));
    }
    expect(seen.slice(0, 5).every((faults) => faults.join() === 'unsteady')).toBe(true);
    expect(seen.at(-1)).toEqual([]);
  });
});
